import { AccountsContracts } from '@billing/contracts';
import { testGateway } from '../gateway.test-factory.js';

const ACCOUNT = {
  accountNumber: '10000001',
  name: 'amazon',
  currency: 'USD',
  monthlyRecurringRevenue: '100.00',
  childCount: 1,
  parentAccountNumber: null,
};

describe.each(['false', 'true'])('links in /v2/accounts answers (TRUST_PROXY=%s)', (trustProxy) => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let token: string;

  beforeAll(async () => {
    gateway = await testGateway({
      env: { PUBLIC_BASE_URL: 'https://billing.example.com/', TRUST_PROXY: trustProxy },
      answer: ({ pattern }) => (pattern === AccountsContracts.BillingAccountGet.pattern ? ACCOUNT : {}),
    });
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  it('start from PUBLIC_BASE_URL only, whatever Host and X-Forwarded-* the client sends', async () => {
    const res = await gateway.inject({
      method: 'GET',
      url: '/v2/accounts/10000001',
      headers: {
        authorization: `Bearer ${token}`,
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'javascript',
      },
    });
    expect(res.statusCode).toBe(200);
    const hrefs: string[] = res.json().billingAccount.link.map((link: { href: string }) => link.href);
    expect(hrefs).toHaveLength(5);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/billing\.example\.com\/v2\/accounts\/10000001\//);
    expect(res.body).not.toMatch(/evil|javascript/);
  });
});

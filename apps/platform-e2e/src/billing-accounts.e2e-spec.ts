import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';

describe.each(DATABASES)('billing accounts /v2/accounts (document 003) through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let other: string;
  const tokens: Record<string, string> = {};

  const api = (path: string, init: Parameters<typeof http>[2] = {}) =>
    http(platform.baseUrl, path, { token: admin, tokenHeader: 'x-auth-token', ...init });
  const create = async (body: Record<string, unknown>, token = admin) => api('/v2/accounts', { json: body, token });
  const numberOf = (res: { body: any }) => res.body.billingAccount.accountNumber as string;

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    for (const role of ['billing:admin', 'billing:observer', 'observer', 'identity:user-admin']) {
      const username = `r-${role.replace(':', '-')}`;
      await http(platform.baseUrl, '/api/identity/users', { token: admin, json: { username, password: PASSWORD, roles: [role] } });
      tokens[role] = await platform.token(username, PASSWORD);
    }
    await http(platform.baseUrl, '/api/identity/tenants', {
      token: admin,
      json: { name: 'elsewhere', admin: { username: 'else-admin', password: PASSWORD } },
    });
    other = await platform.token('else-admin', PASSWORD);
  });
  afterAll(() => platform?.stop());

  it('creates accounts and answers the document shapes for a parent and a child, with absolute links', async () => {
    const parent = await create({ name: 'amazon', currency: 'USD', monthlyRecurringRevenue: '100.00' });
    expect(parent.status).toBe(201);
    const ran = numberOf(parent);
    expect(ran).toMatch(/^\d{8}$/);
    const child = await create({ name: 'amazon-eu', currency: 'USD', parentAccountNumber: ran, monthlyRecurringRevenue: 12.5 });
    expect(child.status).toBe(201);

    const got = await api(`/v2/accounts/${ran}`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'billing.example.com' } });
    expect(got.status).toBe(200);
    // Links come from PUBLIC_BASE_URL (here the gateway's own address); forwarded headers are not
    // trusted without TRUST_PROXY, so a spoofed host never reaches a link (docs/security.md).
    const base = `${platform.baseUrl}/v2/accounts/${ran}`;
    expect(got.body).toEqual({
      billingAccount: {
        accountNumber: ran,
        name: 'amazon',
        currency: 'USD',
        monthlyRecurringRevenue: '100.00',
        childCount: 1,
        link: [
          { rel: 'childBillingAccounts', href: `${base}/accounts` },
          { rel: 'balance', href: `${base}/balance` },
          { rel: 'billing-summary', href: `${base}/billing-summary` },
          { rel: 'latestInvoice', href: `${base}/invoices/latest` },
          { rel: 'estimated_charges', href: `${base}/estimated_charges` },
        ],
      },
    });
    const childGot = await api(`/v2/accounts/${numberOf(child)}`);
    expect(childGot.body.billingAccount).toMatchObject({ parentAccountNumber: ran, monthlyRecurringRevenue: '12.50', name: 'amazon-eu' });
    expect(childGot.body.billingAccount).not.toHaveProperty('childCount');
    expect(childGot.body.billingAccount.link[0].href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/accounts\//);

    expect((await api(`/v2/accounts/${ran}/currency`)).body).toEqual({ billingAccount: { currency: 'USD', link: [] } });
    const bill = await api(`/v2/accounts/${ran}/futureBill`);
    expect(bill.body.futureBill.nextDueDate).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000\+00:00$/);
    expect(Date.parse(bill.body.futureBill.nextDueDate)).toBeGreaterThan(Date.now());

    const chicago = numberOf(await create({ name: 'chicago', currency: 'USD', timeZone: 'America/Chicago', billingDay: 15 }));
    const local = (await api(`/v2/accounts/${chicago}/futureBill`)).body.futureBill.nextDueDate;
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000-0[56]:00$/);
    expect((await create({ name: 'nowhere', currency: 'USD', timeZone: 'Mars/Olympus' })).status).toBe(400);
  });

  it('pages through children with marker and limit: every child exactly once, with prev and next links', async () => {
    const parent = numberOf(await create({ name: 'big', currency: 'EUR' }));
    const created: string[] = [];
    for (let i = 0; i < 23; i++) created.push(numberOf(await create({ name: `child-${i}`, currency: 'EUR', parentAccountNumber: parent })));
    const seen: string[] = [];
    let next: string | undefined = `/v2/accounts/${parent}/accounts?limit=5`;
    let pages = 0;
    while (next) {
      const page = await api(next);
      expect(page.status).toBe(200);
      expect(page.body.billingAccounts.total).toBe(23);
      for (const item of page.body.billingAccounts.billingAccount) {
        expect(item).toEqual({
          link: [{ rel: 'self', href: expect.stringMatching(new RegExp(`/v2/accounts/${item.accountNumber}$`)) }],
          currency: 'EUR',
          accountNumber: expect.any(String),
          parentAccountNumber: parent,
          name: expect.stringMatching(/^child-/),
        });
        seen.push(item.accountNumber);
      }
      const links = Object.fromEntries(page.body.billingAccounts.link.map((l: any) => [l.rel, new URL(l.href)]));
      if (pages > 0) expect(links.prev).toBeDefined();
      else expect(links.prev).toBeUndefined();
      next = links.next ? `${links.next.pathname}${links.next.search}` : undefined;
      pages++;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(created);

    // Moving a child out of the middle closes the gap: the others still page exactly once, in order.
    const elsewhere = numberOf(await create({ name: 'elsewhere', currency: 'EUR' }));
    expect((await api(`/v2/accounts/${created[10]}`, { method: 'PATCH', json: { parentAccountNumber: elsewhere } })).status).toBe(200);
    const after: string[] = [];
    for (let marker = 0; marker < 22; marker += 7) {
      const page = await api(`/v2/accounts/${parent}/accounts?marker=${marker}&limit=7`);
      expect(page.body.billingAccounts.total).toBe(22);
      after.push(...page.body.billingAccounts.billingAccount.map((a: any) => a.accountNumber));
    }
    expect(after).toEqual(created.filter((_, i) => i !== 10));
    const moved = await api(`/v2/accounts/${created[10]}`, { method: 'PATCH', json: { parentAccountNumber: parent } });
    expect(moved.status).toBe(200);
    const last = await api(`/v2/accounts/${parent}/accounts?marker=22&limit=5`);
    expect(last.body.billingAccounts.billingAccount.map((a: any) => a.accountNumber)).toEqual([created[10]]);
    expect((await api(`/v2/accounts/${parent}/accounts`)).body.billingAccounts.billingAccount).toHaveLength(23); // default 25
    for (const bad of ['limit=0', 'limit=201', 'marker=-1', 'marker=23', 'limit=x']) {
      const res = await api(`/v2/accounts/${parent}/accounts?${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.badRequest.code).toBe(400);
    }
  });

  it('re-parents, and refuses a cycle, its own parent and a foreign currency with 409 changing nothing', async () => {
    const a = numberOf(await create({ name: 'a', currency: 'AUD' }));
    const b = numberOf(await create({ name: 'b', currency: 'AUD', parentAccountNumber: a }));
    const c = numberOf(await create({ name: 'c', currency: 'AUD', parentAccountNumber: b }));
    const usd = numberOf(await create({ name: 'usd', currency: 'USD' }));

    const cycle = await api(`/v2/accounts/${a}`, { method: 'PATCH', json: { parentAccountNumber: c } });
    expect(cycle.status).toBe(409);
    expect(cycle.body).toEqual({ conflict: { code: 409, message: expect.stringContaining('descendant') } });
    expect((await api(`/v2/accounts/${a}`, { method: 'PATCH', json: { parentAccountNumber: a } })).status).toBe(409);
    expect((await api(`/v2/accounts/${c}`, { method: 'PATCH', json: { parentAccountNumber: usd } })).status).toBe(409);
    expect((await api(`/v2/accounts/${a}`)).body.billingAccount).not.toHaveProperty('parentAccountNumber');
    expect((await api(`/v2/accounts/${c}`)).body.billingAccount.parentAccountNumber).toBe(b);

    const moved = await api(`/v2/accounts/${c}`, {
      method: 'PATCH',
      json: { parentAccountNumber: a, name: 'c-moved', monthlyRecurringRevenue: '7' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.billingAccount).toMatchObject({ parentAccountNumber: a, name: 'c-moved', monthlyRecurringRevenue: '7.00' });
    expect((await api(`/v2/accounts/${a}`)).body.billingAccount.childCount).toBe(2);
    const detached = await api(`/v2/accounts/${c}`, { method: 'PATCH', json: { parentAccountNumber: null } });
    expect(detached.body.billingAccount).not.toHaveProperty('parentAccountNumber');
    expect((await api(`/v2/accounts/${a}`, { method: 'PATCH', json: { currency: 'USD' } })).status).toBe(400);
  });

  it('resolves every link it shows, and keeps a balance from ledger entries', async () => {
    const parent = numberOf(await create({ name: 'linked', currency: 'GBP', monthlyRecurringRevenue: '100.00' }));
    await create({ name: 'linked-child', currency: 'GBP', parentAccountNumber: parent });
    const entries = [
      [{ type: 'ADJUSTMENT', amount: '100.10', description: 'opening balance' }, 201],
      [{ type: 'PAYMENT', amount: 25 }, 201],
      [{ type: 'ADJUSTMENT', amount: '-0.10' }, 201],
      [{ type: 'PAYMENT', amount: '-1' }, 400],
      [{ type: 'PAYMENT', amount: '1.005' }, 400],
      [{ type: 'REFUND', amount: '1' }, 400],
      [{ type: 'ADJUSTMENT', amount: '0' }, 400],
    ] as const;
    for (const [entry, status] of entries) {
      const res = await api(`/v2/accounts/${parent}/ledger`, { json: entry });
      expect({ entry, status: res.status }).toEqual({ entry, status });
    }
    expect((await api(`/v2/accounts/${parent}/ledger`, { json: { type: 'PAYMENT', amount: '1' }, token: tokens['observer'] })).status).toBe(
      403,
    );

    const account = await api(`/v2/accounts/${parent}`);
    const links = Object.fromEntries(account.body.billingAccount.link.map((l: any) => [l.rel, new URL(l.href)]));
    expect(Object.keys(links).sort()).toEqual(['balance', 'billing-summary', 'childBillingAccounts', 'estimated_charges', 'latestInvoice']);
    const follow = (rel: string) => api(links[rel].pathname);

    expect((await follow('childBillingAccounts')).body.billingAccounts.total).toBe(1);
    expect((await follow('balance')).body).toEqual({
      balance: {
        accountNumber: parent,
        currency: 'GBP',
        amount: '75.00',
        link: [{ rel: 'billingAccount', href: expect.stringMatching(new RegExp(`/v2/accounts/${parent}$`)) }],
      },
    });
    const summary = (await follow('billing-summary')).body.billingSummary;
    expect(summary).toMatchObject({
      accountNumber: parent,
      currency: 'GBP',
      balance: '75.00',
      lastPayment: { amount: '25.00', date: expect.any(String) },
      monthlyRecurringRevenue: '100.00',
      nextDueDate: (await api(`/v2/accounts/${parent}/futureBill`)).body.futureBill.nextDueDate,
    });
    const invoice = await follow('latestInvoice');
    expect(invoice.status).toBe(404);
    expect(invoice.body).toEqual({ itemNotFound: { code: 404, message: expect.stringContaining('no invoices') } });
    const charges = (await follow('estimated_charges')).body.estimatedCharges;
    expect(charges).toMatchObject({ currency: 'GBP', recurringCharges: '100.00', total: '100.00' });
    expect(Date.parse(charges.cycleStart)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(charges.cycleEnd)).toBeGreaterThan(Date.now());
    expect((await api(`/v2/accounts/${parent}/balance`, { token: other })).status).toBe(404);
  });

  it('answers each error status in the document shape', async () => {
    const ran = numberOf(await create({ name: 'errors', currency: 'USD' }));
    const cases: Array<[string, Parameters<typeof http>[2], number, string]> = [
      [`/v2/accounts/${ran}`, { token: undefined }, 401, 'unauthorized'],
      ['/v2/accounts/10999999', {}, 404, 'itemNotFound'],
      ['/v2/accounts/nonsense', {}, 404, 'itemNotFound'],
      [`/v2/accounts/${ran}/currency`, { method: 'DELETE' }, 405, 'badMethod'],
      [`/v2/accounts/${ran}`, { method: 'PUT', json: {} }, 405, 'badMethod'],
      [`/v2/accounts/${ran}`, { headers: { accept: 'application/xml' } }, 406, 'notAcceptable'],
      ['/v2/accounts', { body: '<billingAccount/>', headers: { 'content-type': 'application/xml' } }, 415, 'badMediaType'],
      ['/v2/accounts', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'badMediaType'],
      ['/v2/accounts', { json: { name: 'x' } }, 400, 'badRequest'],
      ['/v2/accounts', { body: '{"name":', headers: { 'content-type': 'application/json' } }, 400, 'badRequest'],
    ];
    for (const [path, init, status, name] of cases) {
      const res = await api(path, init);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status,
        body: { [name]: { code: status, message: expect.any(String) } },
      });
    }
    expect((await api(`/v2/accounts/${ran}/currency`, { method: 'DELETE' })).headers.get('allow')).toBe('GET');
  });

  it('lets every role read and only admin and billing:admin write; another tenant sees 404', async () => {
    const ran = numberOf(await create({ name: 'roles', currency: 'USD' }));
    for (const [role, token] of Object.entries(tokens)) {
      expect({ role, status: (await api(`/v2/accounts/${ran}`, { token })).status }).toEqual({ role, status: 200 });
      const write = await create({ name: `by-${role}`, currency: 'USD' }, token);
      expect({ role, status: write.status }).toEqual({ role, status: role === 'billing:admin' ? 201 : 403 });
    }
    expect((await api(`/v2/accounts/${ran}`, { token: other })).status).toBe(404);
    expect((await api(`/v2/accounts/${ran}`, { token: other, method: 'PATCH', json: { name: 'stolen' } })).status).toBe(404);
    expect((await create({ name: 'x', currency: 'USD', parentAccountNumber: ran }, other)).status).toBe(404);
    expect((await api(`/v2/accounts/${ran}`)).body.billingAccount.name).toBe('roles');
  });
});

import { testGateway } from '../gateway.test-factory.js';
import { hasControlCharacter, refuseControlCharacters } from './control-characters.js';

describe('the control-character rule', () => {
  it('allows tab, CR and LF and any printable text; refuses NUL, the other C0 controls, DEL and C1', () => {
    expect(hasControlCharacter('Straße\t1\r\nZürich 💶')).toBe(false);
    for (const code of [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9f]) {
      expect(hasControlCharacter(`a${String.fromCharCode(code)}b`)).toBe(true);
    }
  });

  it('looks at every string and key, however deep', () => {
    expect(() => refuseControlCharacters({ a: [{ b: 'ok' }, 'fine'] }, 'Body')).not.toThrow();
    expect(() => refuseControlCharacters({ a: [{ b: 'x\u0000' }] }, 'Body')).toThrow(/Body "a" "b" contains a control character/);
    expect(() => refuseControlCharacters({ ['k\u0007']: 1 }, 'Body')).toThrow(/control character/);
  });
});

const UPLOAD_HEAD = 'Content-Disposition: form-data; name="file"; filename="rates.csv"\r\nContent-Type: text/csv';

describe('text with a control character, anywhere in a request', () => {
  let gateway: Awaited<ReturnType<typeof testGateway>>;
  let token: string;

  beforeAll(async () => {
    gateway = await testGateway();
    token = await gateway.token();
  });
  afterAll(() => gateway?.close());

  const send = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    gateway.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } });

  it.each([
    ['a JSON string value', () => send('POST', '/api/call_rates', { prefix: '44', description: 'a\u0000b' })],
    ['a JSON key', () => send('POST', '/api/call_rates', { ['pre\u0000fix']: '44' })],
    ['a nested JSON value', () => send('POST', '/api/tenant/billing', { plan: { name: ['x', 'y\u001b'] } })],
    [
      'a "\\u0000" escape in JSON text',
      () => send('POST', '/api/calls/rate', '{"number":"44\\u0000","duration":1}', { 'content-type': 'application/json' }),
    ],
    ['a query parameter', () => send('GET', '/api/call_rates?search=4%004')],
    ['a path parameter', () => send('GET', '/api/call_rates/abc%00def')],
    [
      'a form field',
      () =>
        send('POST', '/api/rest/v2.9/json.php', 'cmd=billing.currency.get&code=US%00D', {
          'content-type': 'application/x-www-form-urlencoded',
        }),
    ],
    [
      'an XML body',
      () => send('PUT', '/api/v01/customers', '<customer><firstName>a\u0001</firstName></customer>', { 'content-type': 'application/xml' }),
    ],
    ['a CSV body', () => send('POST', '/api/call_rates/import', 'prefix,description\n44,a\u0000\n', { 'content-type': 'text/csv' })],
    [
      'an uploaded file',
      () =>
        send('POST', '/api/call_rates/import', `--b\r\n${UPLOAD_HEAD}\r\n\r\nprefix,description\n44,a\u0000\n\r\n--b--\r\n`, {
          'content-type': 'multipart/form-data; boundary=b',
        }),
    ],
    [
      'the username of a sign-in',
      () => gateway.inject({ method: 'POST', url: '/auth/token', payload: { username: 'ad\u0000min', password: 'x' } }),
    ],
  ])('in %s is 400, and no service is asked', async (_where, request) => {
    const before = gateway.calls.length;
    const res = await request();
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/control character/);
    expect(gateway.calls.length).toBe(before);
  });

  it("answers in the route's surface shape", async () => {
    const customers = await send('GET', '/api/v01/customers/a%00b');
    expect(customers.json()).toEqual({
      error: { status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/Path parameter "id"/) },
    });
    const accounts = await send('GET', '/v2/accounts/1%00');
    expect(accounts.json()).toEqual({ badRequest: { code: 400, message: expect.stringMatching(/Path parameter "ran"/) } });
  });

  it('passes tab, CR and LF through', async () => {
    const res = await send('POST', '/api/call_rates', { prefix: '44', description: 'two\r\nlines\tand a tab' });
    expect(res.statusCode).toBe(200);
    expect(gateway.calls.at(-1)?.envelope.data).toMatchObject({ description: 'two\r\nlines\tand a tab' });
  });
});

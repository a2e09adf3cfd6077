import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { UK_RATE } from './fixtures.js';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
/** Small enough to exceed in a test, larger than NATS's 1 MB message limit several times over. */
const UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;
const HEADER = 'prefix,type,free_seconds,grace_period,interval_1,interval_n,connect_fee,postcall_surcharge,price_1,price_n,description\r\n';
const csvHeaders = { 'content-type': 'text/csv' };

/** One valid CSV row per prefix, about 60 bytes each. */
const row = (prefix: string, description = `rate ${prefix}`) => `${prefix},INTERNATIONAL,0,5,60,30,0.02,0.1,0.1,0.04,${description}\r\n`;

/** A CSV of `count` distinct rates whose prefixes start with `lead`, of about `count` × 60 bytes. */
function rates(lead: string, count: number, rowOf = row): string {
  const width = String(count - 1).length;
  return HEADER + Array.from({ length: count }, (_, i) => rowOf(`${lead}${String(i).padStart(width, '0')}`)).join('');
}

describe.each(DATABASES)('security: call-rate import size, CSV formulas, digit prefixes (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let small: string; // admin of a tenant with a few rates, whose export fits one message

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });
  const importCsv = (csv: string) => api('/api/call_rates/import', { body: csv, headers: csvHeaders });
  const count = async (filter: string) => (await api(`/api/call_rates?top=1&filter=${encodeURIComponent(filter)}`)).body.count;

  beforeAll(async () => {
    platform = await startPlatform({ database, env: { UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT_BYTES) } });
    // The parts of one import then reach two replicas at random: the import must not live in memory.
    await platform.addReplica('telephony');
    admin = await platform.token('admin', platform.adminPassword);
    const tenant = { name: 'small-telco', admin: { username: 'small-admin', password: 'a-long-enough-passphrase' } };
    expect((await api('/api/identity/tenants', { json: tenant })).status).toBe(201);
    small = await platform.token('small-admin', 'a-long-enough-passphrase');
  }, 120_000);
  afterAll(() => platform?.stop());

  describe('imports up to UPLOAD_LIMIT_BYTES, in parts across replicas', () => {
    it('imports a 5 MB file (some twenty NATS messages) whole, and every rate is there', async () => {
      const csv = rates('7', 85_000);
      expect(csv.length).toBeGreaterThan(5_000_000);
      const res = await importCsv(csv);
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { created: 85_000, updated: 0 } });
      expect(await count("startswith(prefix,'7')")).toBe(85_000);
      const last = await api(`/api/call_rates?filter=${encodeURIComponent("prefix eq '784999'")}`);
      expect(last.body.items).toEqual([
        expect.objectContaining({ prefix: '784999', type: 'INTERNATIONAL', price_1: 0.1, description: 'rate 784999' }),
      ]);
      // The same file again updates every rate and creates none.
      expect((await importCsv(csv)).body).toEqual({ created: 0, updated: 85_000 });
    }, 180_000);

    it('takes a multipart upload of the same size', async () => {
      const form = new FormData();
      form.append('file', new Blob([rates('6', 40_000)], { type: 'text/csv' }), 'rates.csv');
      const res = await fetch(`${platform.baseUrl}/api/call_rates/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
        body: form,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ created: 40_000, updated: 0 });
      expect(await count("startswith(prefix,'6')")).toBe(40_000);
    }, 120_000);

    it('cuts a file of multi-byte text between characters, never inside one, and reassembles it exactly', async () => {
      // 10 bytes of UTF-8 in 4 UTF-16 units: parts are measured encoded, and five of the cuts this
      // file gets would fall between an emoji's two halves, which the service could not store.
      const text = '電話📞'.repeat(150);
      const res = await importCsv(rates('2', 4_000, (prefix) => row(prefix, `${text} ${prefix}`)));
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { created: 4_000, updated: 0 } });
      const listed = await api(`/api/call_rates?orderby=prefix&filter=${encodeURIComponent("prefix eq '20000' or prefix eq '23999'")}`);
      expect(listed.body.items.map((rate: { description: string }) => rate.description)).toEqual([`${text} 20000`, `${text} 23999`]);
    }, 60_000);

    it('answers 413 for a file over UPLOAD_LIMIT_BYTES, as a body or an upload, writing nothing', async () => {
      const csv = rates('5', 150_000);
      expect(csv.length).toBeGreaterThan(UPLOAD_LIMIT_BYTES);
      // The gateway answers 413 as soon as the size is known and closes the connection (Fastify does,
      // so as not to read the rest); a client still sending may see that close before the answer.
      const refused = async (send: () => Promise<{ status: number; text: string }>) => {
        try {
          return await send();
        } catch (error) {
          expect(String((error as { cause?: unknown }).cause)).toMatch(/EPIPE|ECONNRESET|closed|socket/i);
          return { status: 413, text: 'too large (connection closed while sending)' };
        }
      };
      const body = await refused(async () => {
        const res = await importCsv(csv);
        return { status: res.status, text: res.text };
      });
      expect(body.status).toBe(413);
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'rates.csv');
      const upload = await refused(async () => {
        const res = await fetch(`${platform.baseUrl}/api/call_rates/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}` },
          body: form,
        });
        return { status: res.status, text: await res.text() };
      });
      expect(upload).toEqual({ status: 413, text: expect.stringContaining('too large') });
      expect(await count("startswith(prefix,'5')")).toBe(0);
    }, 60_000);

    it('answers 400 for 20,000 bad lines, listing the first 1,000 and counting them all, writing nothing', async () => {
      const csv = rates('4', 20_000, (prefix) => row(prefix).replace('INTERNATIONAL', 'SATELLITE'));
      const res = await importCsv(csv);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('TELEPHONY_IMPORT_REJECTED');
      expect(res.body.details.problemCount).toBe(20_000);
      expect(res.body.details.problems).toHaveLength(1_000);
      expect(res.body.details.problems[0]).toMatch(/^line 2: type must be one of/);
      expect(res.body.details.problems[999]).toMatch(/^line 1001: type must be one of/);
      expect(res.body.message).toMatch(/and 19000 more problems$/);
      expect(await count("startswith(prefix,'4')")).toBe(0);
    }, 60_000);

    it('numbers lines across parts as in the file: a prefix repeated 30,000 lines later names both lines', async () => {
      const csv = rates('3', 30_000) + row('300000', 'the first prefix again');
      const res = await importCsv(csv);
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual({ problems: ['line 30002: prefix "300000" repeats line 2'], problemCount: 1 });
      expect(await count("startswith(prefix,'3')")).toBe(0);
    }, 60_000);
  });

  describe('CSV formula injection', () => {
    const FORMULAS = [
      '=HYPERLINK("http://evil.example","x")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\tTab',
      '\rCR',
      "'=already quoted",
      'plain: it\'s "a" test? \\ $1',
    ];

    it('exports cells that a spreadsheet would run with a leading quote, and imports them back unchanged', async () => {
      for (const [i, description] of FORMULAS.entries()) {
        const created = await api('/api/call_rates', { token: small, json: { ...rateBody(`91${i}`), description } });
        expect(created.status).toBe(200);
      }
      const exported = await api('/api/call_rates/export', { token: small });
      const lines = exported.text.split('\r\n').filter((line) => /^[^,]+,91\d,/.test(line));
      expect(lines.map((line) => line.split(',').slice(11).join(','))).toEqual([
        `"'=HYPERLINK(""http://evil.example"",""x"")"`,
        "'+1+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tTab",
        `"'\rCR"`,
        "''=already quoted",
        '"plain: it\'s ""a"" test? \\ $1"',
      ]);
      // No cell of the file starts a formula.
      expect(exported.text).not.toMatch(/(^|,)"?([=+\-@\t]|\r(?!\n))/m);

      const reimported = await api('/api/call_rates/import', { token: small, body: exported.text, headers: csvHeaders });
      expect(reimported.body).toEqual({ created: 0, updated: FORMULAS.length });
      const listed = await api('/api/call_rates?orderby=prefix', { token: small });
      expect(listed.body.items.map((rate: { description: string }) => rate.description)).toEqual(FORMULAS);
      expect((await api('/api/call_rates/export', { token: small })).text).toBe(exported.text);
    });
  });

  describe('a prefix is digits only', () => {
    it.each(['+44', '44 20', '=1+1', '4a', '٤٤'])('refuses %j with 400 naming prefix, on create, update and import', async (prefix) => {
      const created = await api('/api/call_rates', { json: { ...rateBody('99'), prefix } });
      expect(created.status).toBe(400);
      expect(created.body.message).toContain('prefix must be 1 to 64 digits');

      const valid = await api('/api/call_rates', { json: rateBody('99') });
      const updated = await api(`/api/call_rates/${valid.body.id}`, { json: { prefix } });
      expect(updated.status).toBe(400);
      expect(updated.body.message).toContain('prefix');
      expect((await api(`/api/call_rates/${valid.body.id}/destroy`, { method: 'POST' })).status).toBe(204);

      const imported = await importCsv(HEADER + row(`"${prefix}"`, 'bad prefix'));
      expect(imported.status).toBe(400);
      expect(imported.body.details.problems).toEqual([expect.stringMatching(/^line 2: prefix must be 1 to 64 digits/)]);
    });
  });
});

/** A valid create body for a prefix. */
function rateBody(prefix: string): Record<string, unknown> {
  return { ...UK_RATE, description: undefined, prefix };
}

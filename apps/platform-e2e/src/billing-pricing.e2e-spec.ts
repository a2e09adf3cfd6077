import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';
import { onPricingDatabase } from './pricing-db.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
const BILLING = '/api/rest/v2.9/billing';
const JSON_PHP = '/api/rest/v2.9/json.php';

/** 1-100 at 0.10, 101-1000 at 0.08 plus a 5.00 fee, then 0.05: the boundaries are 100/101 and 1000/1001. */
const TIERS = [
  { upTo: '100', unitPrice: '0.10' },
  { upTo: '1000', unitPrice: '0.08', flatFee: '5.00' },
  { upTo: null, unitPrice: '0.05' },
];

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe.each(DATABASES)('billing API v2.9 catalogue, customer pricing, options and quotes (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let observer: string;
  let rival: string;
  let alice: number;
  let bob: number;
  let rivalCustomer: number;

  const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(platform.baseUrl, path, { token: admin, ...init });
  const billing = (path: string, init: Parameters<typeof http>[2] = {}) => api(`${BILLING}${path}`, init);
  const customer = async (token: string, organizationName: string) =>
    (await http(platform.baseUrl, '/api/v01/customers', { method: 'PUT', token, json: { organizationName } })).body.id as number;
  const product = (body: Record<string, unknown>) => billing('/products', { json: body });
  const quote = (body: Record<string, unknown>) => billing('/quotes', { json: body });
  const promo = (body: Record<string, unknown>) => billing('/promocode', { json: { expires: future(30), ...body } });

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    await api('/api/identity/users', { json: { username: 'pricing-reader', password: PASSWORD, roles: ['billing:observer'] } });
    observer = await platform.token('pricing-reader', PASSWORD);
    await api('/api/identity/tenants', { json: { name: 'rival-pricing', admin: { username: 'rival-pricing-admin', password: PASSWORD } } });
    rival = await platform.token('rival-pricing-admin', PASSWORD);
    [alice, bob, rivalCustomer] = await Promise.all([
      customer(admin, 'Alice Pty'),
      customer(admin, 'Bob Ltd'),
      customer(rival, 'Rival Co'),
    ]);
    const created = await Promise.all([
      product({
        code: 'vm-small',
        name: 'Small VM',
        description: '2 vCPU',
        unit: 'month',
        chargeType: 'RECURRING',
        prices: [
          { currency: 'USD', unitPrice: '19.90' },
          { currency: 'JPY', unitPrice: '2200' },
        ],
      }),
      product({
        code: 'api-calls',
        name: 'API calls',
        unit: 'each',
        chargeType: 'USAGE',
        prices: [{ currency: 'USD', unitPrice: '0.001' }],
      }),
      product({
        code: 'egress-grad',
        name: 'Egress',
        unit: 'GB',
        chargeType: 'USAGE',
        prices: [{ currency: 'USD', mode: 'GRADUATED', tiers: TIERS }],
      }),
      product({
        code: 'egress-vol',
        name: 'Egress (volume)',
        unit: 'GB',
        chargeType: 'USAGE',
        prices: [{ currency: 'USD', mode: 'VOLUME', tiers: TIERS }],
      }),
      product({
        code: 'setup',
        name: 'Setup',
        unit: 'each',
        chargeType: 'ONE_OFF',
        prices: [
          { currency: 'USD', unitPrice: '50' },
          { currency: 'JPY', unitPrice: '5000' },
        ],
      }),
    ]);
    for (const res of created) expect(res.status).toBe(200);
  });
  afterAll(() => platform?.stop());

  describe('catalogue', () => {
    it('creates a product in the document envelope, keeping a unit price finer than the currency exactly', async () => {
      const res = await product({
        code: 'storage',
        name: 'Block storage',
        unit: 'GB',
        chargeType: 'RECURRING',
        prices: [{ currency: 'usd', unitPrice: 0.125 }],
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'product']);
      expect(res.body.code).toBe('OK');
      expect(res.body.message).toBe('Product Created Successfully');
      expect(res.body.product).toEqual({
        code: 'storage',
        name: 'Block storage',
        description: null,
        unit: 'GB',
        chargeType: 'RECURRING',
        status: 'ACTIVE',
        prices: [{ currency: 'USD', mode: 'FLAT', unitPrice: '0.125', tiers: null }],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        retiredAt: null,
      });
      const api = await billing('/products/api-calls');
      expect(api.body.product.prices).toEqual([{ currency: 'USD', mode: 'FLAT', unitPrice: '0.001', tiers: null }]);
      const tiered = await billing('/products/egress-grad');
      expect(tiered.body.product.prices[0].tiers).toEqual([
        { upTo: '100', unitPrice: '0.10', flatFee: null },
        { upTo: '1000', unitPrice: '0.08', flatFee: '5.00' },
        { upTo: null, unitPrice: '0.05', flatFee: null },
      ]);
    });

    it('refuses bad products with 400 FAULT naming the field, and changes nothing', async () => {
      const before = (await billing('/products?status=ALL')).body.matches;
      const base = { code: 'bad', name: 'Bad', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] };
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ ...base, prices: [] }, /prices/],
        [{ ...base, prices: [{ currency: 'XXX', unitPrice: '1' }] }, /currency/],
        [{ ...base, prices: [{ currency: 'USD', unitPrice: '0.0000001' }] }, /unitPrice must have at most 6 decimal places/],
        [{ ...base, prices: [{ currency: 'USD', unitPrice: '-1' }] }, /unitPrice/],
        [{ ...base, prices: [{ currency: 'JPY', mode: 'GRADUATED', tiers: [{ upTo: null, unitPrice: '1', flatFee: '0.5' }] }] }, /flatFee/],
        [
          {
            ...base,
            prices: [
              {
                currency: 'USD',
                mode: 'VOLUME',
                tiers: [
                  { upTo: '10', unitPrice: '1' },
                  { upTo: '5', unitPrice: '1' },
                  { upTo: null, unitPrice: '1' },
                ],
              },
            ],
          },
          /tiers\[1\]\.upTo/,
        ],
        [{ ...base, chargeType: 'SOMETIMES' }, /chargeType/],
        [{ ...base, code: 'has space' }, /code/],
        [
          {
            ...base,
            prices: [
              { currency: 'USD', unitPrice: '1' },
              { currency: 'USD', unitPrice: '2' },
            ],
          },
          /given twice/,
        ],
      ];
      for (const [body, message] of cases) {
        const res = await product(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body).toEqual({ code: 'FAULT', message: expect.stringMatching(message) });
      }
      const duplicate = await product({ ...base, code: 'vm-small' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toEqual({ code: 'FAULT', message: 'A product with code vm-small already exists' });
      expect((await billing('/products?status=ALL')).body.matches).toBe(before);
    });

    it('refuses prices and quantities of a trillion or more with 400, never a 500', async () => {
      const huge = await product({
        code: 'huge',
        name: 'Huge',
        unit: 'each',
        chargeType: 'ONE_OFF',
        prices: [{ currency: 'USD', unitPrice: '1000000000000' }],
      });
      expect(huge.status).toBe(400);
      expect(huge.body).toEqual({ code: 'FAULT', message: 'prices[0].unitPrice must be less than 10^12' });
      const many = await quote({ customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: '1000000000000' }] });
      expect(many.status).toBe(400);
      expect(many.body.message).toMatch(/^lines\[0\]\.quantity/);
      const largest = await quote({ customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: '999999999999' }] });
      expect(largest.body.quotation.total).toBe('49999999999950.00');
    });

    it('replaces prices under concurrent updates without an error, leaving one price per currency', async () => {
      await product({
        code: 'contended',
        name: 'Contended',
        unit: 'each',
        chargeType: 'ONE_OFF',
        prices: [{ currency: 'USD', unitPrice: '1' }],
      });
      const updates = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          billing('/products/contended', {
            method: 'PUT',
            json: {
              prices: [
                { currency: 'USD', unitPrice: `${i + 1}.00` },
                { currency: 'JPY', unitPrice: `${i + 1}` },
              ],
            },
          }),
        ),
      );
      expect(updates.map((res) => res.status)).toEqual(Array(10).fill(200));
      const { prices } = (await billing('/products/contended')).body.product;
      expect(prices.map((p: { currency: string }) => p.currency)).toEqual(['JPY', 'USD']);
      expect(Number(prices[1].unitPrice)).toBe(Number(prices[0].unitPrice));
    });

    it('lists with matches and paging, reads, updates and retires; a retired product keeps its history and cannot be quoted', async () => {
      await product({
        code: 'old-plan',
        name: 'Old plan',
        unit: 'month',
        chargeType: 'RECURRING',
        prices: [{ currency: 'USD', unitPrice: '5' }],
      });
      const page = await billing('/products?resStart=1&resWindow=2');
      expect(Object.keys(page.body)).toEqual(['code', 'message', 'products', 'matches']);
      expect(page.body.message).toBe('Products Retrieved Successfully');
      expect(page.body.products).toHaveLength(2);
      const all = await billing('/products?resWindow=500');
      expect(page.body.matches).toBe(all.body.products.length);
      expect(page.body.products).toEqual(all.body.products.slice(1, 3));

      const updated = await billing('/products/old-plan', {
        method: 'PUT',
        json: { name: 'Legacy plan', prices: [{ currency: 'USD', unitPrice: '6.50' }] },
      });
      expect(updated.status).toBe(200);
      expect(updated.body.message).toBe('Product Updated Successfully');
      expect(updated.body.product).toMatchObject({ name: 'Legacy plan', prices: [{ currency: 'USD', unitPrice: '6.50' }] });

      const retired = await billing('/products/old-plan', { method: 'DELETE' });
      expect(retired.status).toBe(200);
      expect(retired.body.message).toBe('Product Retired Successfully');
      expect(retired.body.product).toMatchObject({ status: 'RETIRED', retiredAt: expect.any(String), prices: [{ unitPrice: '6.50' }] });
      expect((await billing('/products')).body.products.map((p: { code: string }) => p.code)).not.toContain('old-plan');
      expect((await billing('/products?status=RETIRED')).body.products.map((p: { code: string }) => p.code)).toEqual(['old-plan']);
      expect((await billing('/products/old-plan')).body.product.status).toBe('RETIRED');
      const pricing = await billing(`/pricing?customerId=${alice}`);
      expect(pricing.body.pricing.prices.map((p: { productCode: string }) => p.productCode)).not.toContain('old-plan');
      const quoted = await quote({ customerId: alice, currency: 'USD', lines: [{ productCode: 'old-plan', quantity: 1 }] });
      expect(quoted.status).toBe(409);
      expect(quoted.body).toEqual({ code: 'FAULT', message: 'Product old-plan is retired and cannot be quoted' });
      expect((await billing('/products/old-plan', { method: 'PUT', json: { name: 'Back' } })).status).toBe(409);
      expect((await billing('/products/nope')).status).toBe(404);
    });

    it('lets an observer read but not write (403 FAULT), and keeps another tenant out (404)', async () => {
      expect((await http(platform.baseUrl, `${BILLING}/products`, { token: observer })).status).toBe(200);
      const write = await http(platform.baseUrl, `${BILLING}/products`, {
        token: observer,
        json: { code: 'x', name: 'x', unit: 'each', chargeType: 'ONE_OFF', prices: [{ currency: 'USD', unitPrice: '1' }] },
      });
      expect(write.status).toBe(403);
      expect(write.body).toEqual({ code: 'FAULT', message: expect.any(String) });
      const override = await http(platform.baseUrl, `${BILLING}/pricing/${alice}/vm-small`, {
        token: observer,
        method: 'PUT',
        json: { currency: 'USD', unitPrice: '1' },
      });
      expect(override.status).toBe(403);
      const cmd = await http(platform.baseUrl, JSON_PHP, { token: observer, json: { cmd: 'billing.product.retire', code: 'vm-small' } });
      expect(cmd.status).toBe(403);

      const theirs = await http(platform.baseUrl, `${BILLING}/products/vm-small`, { token: rival });
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual({ code: 'FAULT', message: 'Product vm-small not found' });
      expect((await http(platform.baseUrl, `${BILLING}/products`, { token: rival })).body.matches).toBe(0);
      expect((await http(platform.baseUrl, `${BILLING}/pricing?customerId=${alice}`, { token: rival })).status).toBe(404);
      expect((await billing(`/pricing?customerId=${rivalCustomer}`)).status).toBe(404);
      const foreign = await http(platform.baseUrl, `${BILLING}/quotes`, {
        token: rival,
        json: { customerId: alice, currency: 'USD', lines: [{ productCode: 'vm-small', quantity: 1 }] },
      });
      expect(foreign.status).toBe(404);
      expect((await billing('/products/vm-small')).body.product.status).toBe('ACTIVE');
    });
  });

  describe('customer pricing', () => {
    it("answers the customer's effective prices, the customer's own price winning over the list price", async () => {
      const set = await billing(`/pricing/${alice}/vm-small`, { method: 'PUT', json: { currency: 'USD', unitPrice: '15.00' } });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({
        code: 'OK',
        message: 'Customer Price Set Successfully',
        price: {
          productCode: 'vm-small',
          productName: 'Small VM',
          unit: 'month',
          chargeType: 'RECURRING',
          source: 'CUSTOMER',
          currency: 'USD',
          mode: 'FLAT',
          unitPrice: '15.00',
          tiers: null,
        },
      });
      const res = await billing(`/pricing?customerId=${alice}`);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'pricing']);
      expect(res.body.message).toBe('Pricing List Retrieved Successfully');
      expect(res.body.pricing.customerId).toBe(alice);
      const vm = res.body.pricing.prices.filter((p: { productCode: string }) => p.productCode === 'vm-small');
      expect(vm.map((p: Record<string, string>) => [p.currency, p.unitPrice, p.source])).toEqual([
        ['JPY', '2200', 'LIST'],
        ['USD', '15.00', 'CUSTOMER'],
      ]);
      const others = await billing(`/pricing?customerId=${bob}`);
      expect(
        others.body.pricing.prices.find((p: Record<string, string>) => p.productCode === 'vm-small' && p.currency === 'USD'),
      ).toMatchObject({
        unitPrice: '19.90',
        source: 'LIST',
      });

      const all = await billing(`/${alice}`);
      expect(all.status).toBe(200);
      expect(Object.keys(all.body)).toEqual(['code', 'message', 'pricing']);
      expect(all.body.message).toBe('Pricing Retrieved Successfully');
      expect(all.body.pricing).toEqual(res.body.pricing.prices);

      const byQuery = await api(`${JSON_PHP}?cmd=pricing.get&customerId=${alice}`);
      const byBody = await api(JSON_PHP, { json: { cmd: 'pricing.get', customerId: alice } });
      expect(byQuery.body).toEqual(res.body);
      expect(byBody.body).toEqual(res.body);
    });

    it('quotes at the override, and removing it brings the list price back', async () => {
      await billing(`/pricing/${bob}/api-calls`, {
        method: 'PUT',
        json: { currency: 'USD', mode: 'VOLUME', tiers: [{ upTo: null, unitPrice: '0.0005' }] },
      });
      const cheap = await quote({ customerId: bob, currency: 'USD', lines: [{ productCode: 'api-calls', quantity: '12345' }] });
      expect(cheap.body.quotation.lines[0]).toMatchObject({ amount: '6.17', unitPrice: '0.0005' });
      const removed = await billing(`/pricing/${bob}/api-calls`, { method: 'DELETE' });
      expect(removed.status).toBe(200);
      expect(removed.body.message).toBe('Customer Price Removed Successfully');
      expect(removed.body.pricing.prices.find((p: { productCode: string }) => p.productCode === 'api-calls')).toMatchObject({
        source: 'LIST',
        unitPrice: '0.001',
      });
      const list = await quote({ customerId: bob, currency: 'USD', lines: [{ productCode: 'api-calls', quantity: '12345' }] });
      expect(list.body.quotation.lines[0]).toMatchObject({ amount: '12.35', unitPrice: '0.001' });
      expect((await billing(`/pricing/${bob}/api-calls`, { method: 'DELETE' })).status).toBe(404);
    });

    it('refuses a bad customer price with 400 FAULT and keeps the price before it', async () => {
      const before = (await billing(`/pricing?customerId=${alice}`)).body;
      const bodies: Array<[Record<string, unknown>, RegExp]> = [
        [{ currency: 'USD' }, /unitPrice is required/],
        [{ currency: 'USD', unitPrice: '1.0000001' }, /unitPrice/],
        [{ currency: 'USD', mode: 'VOLUME', tiers: [{ upTo: '10', unitPrice: '1' }] }, /tiers\[0\]\.upTo must be null/],
        [{ currency: 'USD', mode: 'GRADUATED' }, /tiers/],
        [{ currency: 'USD', mode: 'FLAT', unitPrice: '1', tiers: [{ upTo: null, unitPrice: '1' }] }, /tiers/],
        [{ currency: 'ZZZ', unitPrice: '1' }, /currency/],
        [{ unitPrice: '1' }, /currency/],
      ];
      for (const [json, message] of bodies) {
        const res = await billing(`/pricing/${alice}/vm-small`, { method: 'PUT', json });
        expect({ json, status: res.status }).toEqual({ json, status: 400 });
        expect(res.body).toEqual({ code: 'FAULT', message: expect.stringMatching(message) });
      }
      expect((await billing(`/pricing?customerId=${alice}`)).body).toEqual(before);
    });

    it('answers 404 for an unknown customer or product and 400 for a bad id, in the FAULT shape', async () => {
      const unknown = await billing('/pricing?customerId=999999');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: 'FAULT', message: expect.stringContaining('999999') });
      expect((await billing('/999999')).status).toBe(404);
      expect((await billing(`/pricing/${alice}/nope`, { method: 'PUT', json: { currency: 'USD', unitPrice: '1' } })).status).toBe(404);
      expect((await billing(`/pricing/999999/vm-small`, { method: 'PUT', json: { currency: 'USD', unitPrice: '1' } })).status).toBe(404);
      expect(
        (await billing(`/pricing/${rivalCustomer}/vm-small`, { method: 'PUT', json: { currency: 'USD', unitPrice: '1' } })).status,
      ).toBe(404);
      const bad = await billing('/pricing?customerId=abc');
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ code: 'FAULT', message: expect.stringContaining('customerId') });
      expect((await billing('/pricing')).status).toBe(400);
      const word = await billing('/not-a-number');
      expect(word.status).toBe(400);
      expect(word.body.code).toBe('FAULT');
    });

    it('keeps the fixed paths ahead of /billing/{customerId}', async () => {
      expect((await billing('/currencies')).body.message).toBe('Currencies Retrieved Successfully');
      expect((await billing('/options')).body.message).toBe('Pricing Options Retrieved Successfully');
      expect((await billing('/pricing/options')).body.message).toBe('Pricing Options Retrieved Successfully');
      expect((await billing('/quotes')).body.message).toBe('Quotation Retrieved Successfully');
      expect((await billing('/products')).body.message).toBe('Products Retrieved Successfully');
    });
  });

  describe('pricing options', () => {
    it('answers billing terms and option groups at both paths, identically', async () => {
      const term = await billing('/options/terms/ANNUAL', { method: 'PUT', json: { discountPercent: '10' } });
      expect(term.body).toEqual({
        code: 'OK',
        message: 'Billing Term Updated Successfully',
        term: { kind: 'BILLING_TERM', code: 'ANNUAL', months: 12, discountPercent: '10' },
      });
      const group = await billing('/products/vm-small/options/RAM', {
        method: 'PUT',
        json: {
          name: 'Memory',
          choices: [
            { code: '4GB', name: '4 GB', prices: [{ currency: 'USD', unitPrice: '0' }] },
            {
              code: '8GB',
              name: '8 GB',
              prices: [
                { currency: 'USD', unitPrice: '5.00' },
                { currency: 'JPY', unitPrice: '600' },
              ],
            },
          ],
        },
      });
      expect(group.status).toBe(200);
      expect(group.body.message).toBe('Pricing Option Saved Successfully');
      const options = await billing('/options');
      expect(Object.keys(options.body)).toEqual(['code', 'message', 'pricing']);
      expect(options.body.pricing).toEqual([
        { kind: 'BILLING_TERM', code: 'MONTHLY', months: 1, discountPercent: '0' },
        { kind: 'BILLING_TERM', code: 'QUARTERLY', months: 3, discountPercent: '0' },
        { kind: 'BILLING_TERM', code: 'ANNUAL', months: 12, discountPercent: '10' },
        {
          kind: 'OPTION_GROUP',
          productCode: 'vm-small',
          code: 'RAM',
          name: 'Memory',
          choices: [
            { code: '4GB', name: '4 GB', prices: [{ currency: 'USD', unitPrice: '0.00' }] },
            {
              code: '8GB',
              name: '8 GB',
              prices: [
                { currency: 'USD', unitPrice: '5.00' },
                { currency: 'JPY', unitPrice: '600' },
              ],
            },
          ],
        },
      ]);
      expect((await billing('/pricing/options')).body).toEqual(options.body);
      expect((await api(`${JSON_PHP}?cmd=billing.pricing.options.get`)).body).toEqual(options.body);
      expect((await http(platform.baseUrl, `${BILLING}/options`, { token: rival })).body.pricing).toHaveLength(3);
    });

    it('removes an option group; removing it again is a 404', async () => {
      await billing('/products/setup/options/SPEED', {
        method: 'PUT',
        json: { name: 'Speed', choices: [{ code: 'FAST', prices: [{ currency: 'USD', unitPrice: '10' }] }] },
      });
      const removed = await billing('/products/setup/options/SPEED', { method: 'DELETE' });
      expect(removed.status).toBe(200);
      expect(Object.keys(removed.body)).toEqual(['code', 'message', 'pricing']);
      expect(removed.body.message).toBe('Pricing Option Removed Successfully');
      expect(removed.body.pricing.some((o: { code: string }) => o.code === 'SPEED')).toBe(false);
      expect((await billing('/products/setup/options/SPEED', { method: 'DELETE' })).status).toBe(404);
      const quoted = await quote({
        customerId: bob,
        currency: 'USD',
        lines: [{ productCode: 'setup', quantity: 1, options: { SPEED: 'FAST' } }],
      });
      expect(quoted.status).toBe(400);
    });

    it('prices a chosen option per unit in a quote, and refuses an unknown choice', async () => {
      const res = await quote({
        customerId: bob,
        currency: 'USD',
        lines: [{ productCode: 'vm-small', quantity: 3, options: { RAM: '8GB' } }],
      });
      expect(res.status).toBe(200);
      expect(res.body.quotation.lines[0]).toMatchObject({ options: { RAM: '8GB' }, unitPrice: '24.90', amount: '74.70' });
      const bad = await quote({
        customerId: bob,
        currency: 'USD',
        lines: [{ productCode: 'vm-small', quantity: 1, options: { RAM: '64GB' } }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ code: 'FAULT', message: 'lines[0].options.RAM must be one of 4GB, 8GB' });
      expect((await billing('/options/terms/WEEKLY', { method: 'PUT', json: { discountPercent: '1' } })).status).toBe(400);
      expect((await billing('/options/terms/ANNUAL', { method: 'PUT', json: { discountPercent: '101' } })).status).toBe(400);
    });
  });

  describe('quotes', () => {
    const amountsFor = async (productCode: string, quantities: string[]) => {
      const res = await quote({ customerId: alice, currency: 'USD', lines: quantities.map((quantity) => ({ productCode, quantity })) });
      expect(res.status).toBe(200);
      return res.body.quotation.lines.map((line: { amount: string }) => line.amount);
    };

    it('prices graduated and volume tiers at their boundaries', async () => {
      expect(await amountsFor('egress-grad', ['100', '101', '1000', '1001'])).toEqual(['10.00', '15.08', '87.00', '87.05']);
      expect(await amountsFor('egress-vol', ['100', '101', '1000', '1001'])).toEqual(['10.00', '13.08', '85.00', '50.05']);
    });

    it('answers the quote with its lines, totals and a gap-free Q- number, readable by id and listed with matches', async () => {
      const res = await quote({
        customerId: bob,
        currency: 'USD',
        lines: [
          { productCode: 'vm-small', quantity: 2 },
          { productCode: 'api-calls', quantity: '1500' },
        ],
        validUntil: future(10),
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'quotation']);
      expect(res.body.message).toBe('Quotation Created Successfully');
      const q = res.body.quotation;
      expect(q).toEqual({
        id: expect.any(Number),
        number: expect.stringMatching(/^Q-\d+$/),
        customerId: bob,
        currency: 'USD',
        status: 'OPEN',
        validUntil: future(10),
        promocode: null,
        lines: [
          {
            lineNumber: 1,
            productCode: 'vm-small',
            productName: 'Small VM',
            chargeType: 'RECURRING',
            quantity: '2',
            options: {},
            unitPrice: '19.90',
            amount: '39.80',
            discount: '0.00',
          },
          {
            lineNumber: 2,
            productCode: 'api-calls',
            productName: 'API calls',
            chargeType: 'USAGE',
            quantity: '1500',
            options: {},
            unitPrice: '0.001',
            amount: '1.50',
            discount: '0.00',
          },
        ],
        subtotal: '41.30',
        discountTotal: '0.00',
        total: '41.30',
        createdAt: expect.any(String),
        acceptedAt: null,
        declinedAt: null,
      });
      const read = await billing(`/quotes/${q.id}`);
      expect(read.body).toEqual({ code: 'OK', message: 'Quotation Retrieved Successfully', quotation: q });
      expect((await api(`${JSON_PHP}?cmd=billing.quote.get&id=${q.id}`)).body).toEqual(read.body);

      const listed = await billing(`/quotes?customerId=${bob}&resWindow=1`);
      expect(Object.keys(listed.body)).toEqual(['code', 'message', 'quotations', 'matches']);
      expect(listed.body.quotations).toHaveLength(1);
      expect(listed.body.matches).toBeGreaterThan(1);
      expect((await api(`${JSON_PHP}?cmd=billing.quotes.get&customerId=${bob}&resWindow=1`)).body).toEqual(listed.body);
      expect((await billing('/quotes?resWindow=501')).status).toBe(400);
      expect((await http(platform.baseUrl, `${BILLING}/quotes/${q.id}`, { token: rival })).status).toBe(404);
      expect((await http(platform.baseUrl, `${BILLING}/quotes`, { token: rival })).body.matches).toBe(0);
    });

    it('numbers concurrent quotes without gaps or repeats; a refused quote takes no number', async () => {
      const first = (await quote({ customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }] })).body.quotation
        .number;
      const refused = await quote({
        customerId: alice,
        currency: 'USD',
        lines: [{ productCode: 'setup', quantity: 1 }],
        promocode: 'NO-SUCH-CODE',
      });
      expect(refused.status).toBe(404);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => quote({ customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }] })),
      );
      const numbers = results.map((res) => Number(res.body.quotation.number.slice(2))).sort((a, b) => a - b);
      const start = Number(first.slice(2));
      expect(numbers).toEqual(Array.from({ length: 10 }, (_, index) => start + 1 + index));
    });

    it('applies each promo type with exact totals in USD and JPY', async () => {
      expect((await promo({ code: 'VM-HALF', type: 'PERCENTAGE', discount: '50', services: ['vm-small'] })).status).toBe(200);
      expect((await promo({ code: 'TEN-OFF', type: 'FIXED', discount: '10.00', currencycode: 'USD' })).status).toBe(200);
      expect((await promo({ code: 'BIG-OFF', type: 'FIXED', discount: '100000', currencycode: 'JPY' })).status).toBe(200);
      expect((await promo({ code: 'TRIAL-14', type: 'FREE_TRIAL', discount: '14' })).status).toBe(200);
      const lines = [
        { productCode: 'vm-small', quantity: 3 },
        { productCode: 'setup', quantity: 1 },
      ];
      const percent = (await quote({ customerId: bob, currency: 'USD', lines, promocode: 'vm-half' })).body.quotation;
      expect([percent.subtotal, percent.discountTotal, percent.total, percent.promocode]).toEqual(['109.70', '29.85', '79.85', 'VM-HALF']);
      expect(percent.lines.map((line: { discount: string }) => line.discount)).toEqual(['29.85', '0.00']);
      const yen = (await quote({ customerId: bob, currency: 'JPY', lines, promocode: 'VM-HALF' })).body.quotation;
      expect([yen.subtotal, yen.discountTotal, yen.total]).toEqual(['11600', '3300', '8300']);
      const fixed = (await quote({ customerId: bob, currency: 'USD', lines, promocode: 'TEN-OFF' })).body.quotation;
      expect([fixed.discountTotal, fixed.total]).toEqual(['10.00', '99.70']);
      expect(fixed.lines.map((line: { discount: string }) => line.discount)).toEqual(['5.44', '4.56']);
      const capped = (await quote({ customerId: bob, currency: 'JPY', lines, promocode: 'BIG-OFF' })).body.quotation;
      expect([capped.subtotal, capped.discountTotal, capped.total]).toEqual(['11600', '11600', '0']);
      const trial = (await quote({ customerId: bob, currency: 'USD', lines, promocode: 'TRIAL-14' })).body.quotation;
      expect([trial.discountTotal, trial.total]).toEqual(['0.00', '109.70']);
      const wrongCurrency = await quote({ customerId: bob, currency: 'JPY', lines, promocode: 'TEN-OFF' });
      expect(wrongCurrency.status).toBe(400);
      expect(wrongCurrency.body).toEqual({ code: 'FAULT', message: 'Promo code TEN-OFF is an amount in USD, not JPY' });
    });

    it('accepts once, redeeming its promo; declines; an expired quote reads EXPIRED and cannot be accepted (409)', async () => {
      await promo({ code: 'ONE-LEFT', type: 'PERCENTAGE', discount: '5', maxRedemptions: 1 });
      const lines = [{ productCode: 'setup', quantity: 1 }];
      const mine = (await quote({ customerId: alice, currency: 'USD', lines, promocode: 'ONE-LEFT' })).body.quotation;
      const theirs = (await quote({ customerId: bob, currency: 'USD', lines, promocode: 'ONE-LEFT' })).body.quotation;
      const accepts = await Promise.all([1, 2, 3].map(() => billing(`/quotes/${mine.id}/accept`, { method: 'POST' })));
      expect(accepts.map((res) => res.status).sort()).toEqual([200, 409, 409]);
      const accepted = accepts.find((res) => res.status === 200)!;
      expect(accepted.body.message).toBe('Quotation Accepted Successfully');
      expect(accepted.body.quotation).toMatchObject({ status: 'ACCEPTED', acceptedAt: expect.any(String) });
      const codes = (await billing('/promocode')).body.promocodes;
      expect(codes.find((c: { code: string }) => c.code === 'ONE-LEFT')).toMatchObject({ redemptions: 1, status: 'EXHAUSTED' });
      const exhausted = await billing(`/quotes/${theirs.id}/accept`, { method: 'POST' });
      expect(exhausted.status).toBe(400);
      expect((await billing(`/quotes/${theirs.id}`)).body.quotation.status).toBe('OPEN');

      const declined = await billing(`/quotes/${theirs.id}/decline`, { method: 'POST' });
      expect(declined.body).toMatchObject({ message: 'Quotation Declined Successfully', quotation: { status: 'DECLINED' } });
      expect((await billing(`/quotes/${theirs.id}/accept`, { method: 'POST' })).status).toBe(409);

      const old = (await quote({ customerId: bob, currency: 'USD', lines })).body.quotation;
      await onPricingDatabase(platform, `update quote set valid_until = '2020-01-31' where id = ${Number(old.id)}`);
      expect((await billing(`/quotes/${old.id}`)).body.quotation.status).toBe('EXPIRED');
      const late = await billing(`/quotes/${old.id}/accept`, { method: 'POST' });
      expect(late.status).toBe(409);
      expect(late.body).toEqual({ code: 'FAULT', message: `Quote ${old.id} is expired and can no longer be accepted` });
      expect((await billing(`/quotes?status=EXPIRED&customerId=${bob}`)).body.quotations.map((x: { id: number }) => x.id)).toEqual([
        old.id,
      ]);
      const observerAccept = await http(platform.baseUrl, `${BILLING}/quotes/${old.id}/accept`, { token: observer, method: 'POST' });
      expect(observerAccept.status).toBe(403);
    });

    it('a customer with an accepted quote is no longer first-time for a first-time-only code', async () => {
      const [returning, newcomer] = await Promise.all([customer(admin, 'Returning Co'), customer(admin, 'Newcomer Co')]);
      await promo({ code: 'WELCOME', type: 'PERCENTAGE', discount: '20', firstTimeOnly: true });
      const validate = (id: number) => billing(`/promocode/validate?promocode=welcome&customerid=${id}`);
      expect((await validate(returning)).status).toBe(200);
      const earlier = (await quote({ customerId: returning, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }] })).body
        .quotation;
      expect((await billing(`/quotes/${earlier.id}/accept`, { method: 'POST' })).status).toBe(200);
      const refused = await validate(returning);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('FAULT');
      expect(refused.body.message).toMatch(/first/i);
      expect(
        (await quote({ customerId: returning, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }], promocode: 'WELCOME' }))
          .status,
      ).toBe(400);
      const welcomed = await quote({
        customerId: newcomer,
        currency: 'USD',
        lines: [{ productCode: 'setup', quantity: 1 }],
        promocode: 'WELCOME',
      });
      expect(welcomed.body.quotation).toMatchObject({ discountTotal: '10.00', total: '40.00' });
      expect((await billing(`/quotes/${welcomed.body.quotation.id}/accept`, { method: 'POST' })).status).toBe(200);
    });

    it('pages quotations with resStart and resWindow, newest first, matches counting all', async () => {
      const all = (await billing(`/quotes?customerId=${alice}&resWindow=500`)).body;
      const page = (await billing(`/quotes?customerId=${alice}&resStart=2&resWindow=3`)).body;
      expect(page.matches).toBe(all.matches);
      expect(page.quotations).toEqual(all.quotations.slice(2, 5));
      const ids = all.quotations.map((q: { id: number }) => q.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('holds a promo to its minimum amount and to the products of its campaign', async () => {
      await promo({ code: 'MIN-100', type: 'PERCENTAGE', discount: '10', minimumAmount: '100.00', minimumAmountCurrency: 'USD' });
      await promo({ code: 'ONLY-API', type: 'PERCENTAGE', discount: '10', services: ['api-calls'] });
      const small = await quote({ customerId: bob, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }], promocode: 'MIN-100' });
      expect(small.status).toBe(400);
      expect(small.body).toEqual({ code: 'FAULT', message: 'Promo code MIN-100 needs a subtotal of at least 100.00 USD' });
      const enough = await quote({
        customerId: bob,
        currency: 'USD',
        lines: [{ productCode: 'setup', quantity: 2 }],
        promocode: 'MIN-100',
      });
      expect(enough.body.quotation).toMatchObject({ subtotal: '100.00', discountTotal: '10.00', total: '90.00' });
      const yen = await quote({ customerId: bob, currency: 'JPY', lines: [{ productCode: 'setup', quantity: 5 }], promocode: 'MIN-100' });
      expect(yen.status).toBe(400);
      const outside = await quote({
        customerId: bob,
        currency: 'USD',
        lines: [{ productCode: 'setup', quantity: 1 }],
        promocode: 'ONLY-API',
      });
      expect(outside.status).toBe(400);
      expect(outside.body).toEqual({ code: 'FAULT', message: 'Promo code ONLY-API applies only to api-calls' });
    });

    it('does not honour a held redemption once its code has expired', async () => {
      const holder = await customer(admin, 'Holder Co');
      const created = await promo({ code: 'HELD', type: 'PERCENTAGE', discount: '10' });
      expect((await billing('/promocode/add', { json: { promocode: 'HELD', customerid: holder } })).status).toBe(200);
      const held = (await quote({ customerId: holder, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }], promocode: 'HELD' }))
        .body.quotation;
      await onPricingDatabase(platform, `update promo_code set expires = '2020-01-31' where id = ${Number(created.body.id)}`);
      const accept = await billing(`/quotes/${held.id}/accept`, { method: 'POST' });
      expect(accept.status).toBe(400);
      expect(accept.body.message).toMatch(/HELD has expired/);
      expect((await billing(`/quotes/${held.id}`)).body.quotation.status).toBe('OPEN');
    });

    it('lets at most one first-time-only code in for a customer, even beside a concurrent acceptance', async () => {
      await promo({ code: 'FIRST-A', type: 'PERCENTAGE', discount: '10', firstTimeOnly: true });
      await promo({ code: 'FIRST-B', type: 'PERCENTAGE', discount: '10', firstTimeOnly: true });
      const newcomers = await Promise.all(Array.from({ length: 20 }, (_, i) => customer(admin, `Race ${i}`)));
      const add = (code: string, customerid: number) => billing('/promocode/add', { json: { promocode: code, customerid } });
      const both = await Promise.all(newcomers.slice(0, 10).map((id) => Promise.all([add('FIRST-A', id), add('FIRST-B', id)])));
      for (const pair of both) expect(pair.map((res) => res.status).sort()).toEqual([200, 400]);
      // The acceptance always stands; a first-time code gets in only ahead of it.
      for (const id of newcomers.slice(10)) {
        const plain = (await quote({ customerId: id, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }] })).body.quotation;
        const [added, accepted] = await Promise.all([add('FIRST-A', id), billing(`/quotes/${plain.id}/accept`, { method: 'POST' })]);
        expect(accepted.status).toBe(200);
        expect([200, 400]).toContain(added.status);
      }
    });

    it('refuses bad quotes with 400 FAULT and stores nothing', async () => {
      const before = (await billing('/quotes')).body.matches;
      const cases: Array<Record<string, unknown>> = [
        { customerId: alice, currency: 'USD', lines: [] },
        { customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: 0 }] },
        { customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: '1.0000001' }] },
        { customerId: alice, currency: 'XYZ', lines: [{ productCode: 'setup', quantity: 1 }] },
        { customerId: alice, currency: 'EUR', lines: [{ productCode: 'setup', quantity: 1 }] },
        { customerId: alice, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }], validUntil: '2020-01-01' },
        { customerId: 'abc', currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }] },
      ];
      for (const body of cases) {
        const res = await quote(body);
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
        expect(res.body.code).toBe('FAULT');
      }
      expect((await quote({ customerId: 999999, currency: 'USD', lines: [{ productCode: 'setup', quantity: 1 }] })).status).toBe(404);
      expect((await quote({ customerId: alice, currency: 'USD', lines: [{ productCode: 'nope', quantity: 1 }] })).status).toBe(404);
      expect((await billing('/quotes')).body.matches).toBe(before);
    });
  });
});

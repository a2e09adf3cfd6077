import { startPlatform, type DatabaseKind, type RunningPlatform } from '@billing/testing';
import { http } from './http.js';

const DATABASES: DatabaseKind[] = ['sqlite', 'postgres'];
const PASSWORD = 'a-long-enough-passphrase';
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const FUTURE = '2999-12-31';
const PROMO_KEYS = [
  'id',
  'code',
  'type',
  'discount',
  'currencycode',
  'startsAt',
  'expires',
  'status',
  'redemptions',
  'maxRedemptions',
  'maxPerCustomer',
  'minimumAmount',
  'minimumAmountCurrency',
  'firstTimeOnly',
  'services',
  'duration',
  'durationMonths',
  'createdAt',
  'updatedAt',
];
const FORBIDDEN = { code: 'FAULT', message: 'Your role does not allow this operation' };

describe.each(DATABASES)('billing API v2.9 promo codes through the gateway (%s)', (database) => {
  let platform: RunningPlatform;
  let admin: string;
  let observer: string;
  let rival: string;
  /** Customers of the admin's tenant, each used by one test (a redemption is for good). */
  let customers: number[];
  let rivalCustomer: number;
  const customer = () => customers.shift()!;

  const billing = (path: string, init: Parameters<typeof http>[2] = {}) =>
    http(platform.baseUrl, `/api/rest/v2.9/billing/${path}`, { token: admin, ...init });
  const command = (body: Record<string, unknown>, token = admin) =>
    http(platform.baseUrl, '/api/rest/v2.9/json.php', { token, json: body });
  const create = (body: Record<string, unknown>, token = admin) =>
    billing('promocode', { token, json: { type: 'PERCENTAGE', discount: 10, expires: FUTURE, ...body } });
  const validate = (query: string, token = admin) => billing(`promocode/validate?${query}`, { token });
  const add = (promocode: string, customerid: number, token = admin) =>
    billing('promocode/add', { token, json: { promocode, customerid } });
  const list = async (token = admin) => (await billing('promocode', { token })).body.promocodes as any[];
  const find = async (code: string) => (await list()).find((promo) => promo.code === code);
  const newCustomer = async (token: string) =>
    (await http(platform.baseUrl, '/api/v01/customers', { method: 'PUT', token, json: { organizationName: 'Promo Test' } })).body
      .id as number;

  beforeAll(async () => {
    platform = await startPlatform({ database });
    admin = await platform.token('admin', platform.adminPassword);
    const identity = (path: string, json: unknown) => http(platform.baseUrl, path, { token: admin, json });
    await identity('/api/identity/users', { username: 'promo-reader', password: PASSWORD, roles: ['billing:observer'] });
    await identity('/api/identity/tenants', { name: 'rival-promo', admin: { username: 'rival-promo-admin', password: PASSWORD } });
    [observer, rival] = await Promise.all([platform.token('promo-reader', PASSWORD), platform.token('rival-promo-admin', PASSWORD)]);
    customers = await Promise.all(Array.from({ length: 80 }, () => newCustomer(admin)));
    rivalCustomer = await newCustomer(rival);
  });
  afterAll(() => platform?.stop());

  describe('create and list', () => {
    it('creates a code in the document envelope with its id, stored upper-case', async () => {
      const res = await billing('promocode', { json: { code: 'promo123', discount: 10, type: 'PERCENTAGE', expires: FUTURE } });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'id', 'promocode']);
      expect(res.body).toEqual({
        code: 'OK',
        message: 'Promo Code Created Successfully',
        id: expect.any(Number),
        promocode: {
          id: res.body.id,
          code: 'PROMO123',
          type: 'PERCENTAGE',
          discount: '10',
          currencycode: null,
          startsAt: null,
          expires: FUTURE,
          status: 'ACTIVE',
          redemptions: 0,
          maxRedemptions: null,
          maxPerCustomer: 1,
          minimumAmount: null,
          minimumAmountCurrency: null,
          firstTimeOnly: false,
          services: [],
          duration: 'ONCE',
          durationMonths: null,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      });
      expect(Object.keys(res.body.promocode)).toEqual(PROMO_KEYS);
    });

    it('keeps each type exact: FIXED at its currency places (USD, JPY), PERCENTAGE and FREE_TRIAL days', async () => {
      const usd = await create({ code: 'FIVE-USD', type: 'FIXED', discount: '5.5', currencycode: 'usd', minimumAmount: '20' });
      expect(usd.body.promocode).toMatchObject({
        discount: '5.50',
        currencycode: 'USD',
        minimumAmount: '20.00',
        minimumAmountCurrency: 'USD',
      });
      const jpy = await create({ code: 'YEN-500', type: 'FIXED', discount: 500, currencycode: 'JPY' });
      expect(jpy.body.promocode).toMatchObject({ discount: '500', currencycode: 'JPY' });
      const percent = await create({ code: 'HALF-ISH', discount: '12.50', duration: 'REPEATING', durationMonths: 3 });
      expect(percent.body.promocode).toMatchObject({ discount: '12.5', duration: 'REPEATING', durationMonths: 3 });
      const trial = await create({ code: 'TRIAL-30', type: 'FREE_TRIAL', discount: 30, maxPerCustomer: 2, firstTimeOnly: true });
      expect(trial.body.promocode).toMatchObject({ type: 'FREE_TRIAL', discount: '30', maxPerCustomer: 2, firstTimeOnly: true });
    });

    it('refuses bad input with 400 FAULT and changes nothing', async () => {
      const before = await list();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ code: 'BAD-1', discount: 0 }, 'discount of a PERCENTAGE code must be more than 0'],
        [{ code: 'BAD-2', discount: 101 }, 'discount of a PERCENTAGE code must be from 0 to 100 percent'],
        [
          { code: 'BAD-3', type: 'FIXED', discount: 5 },
          'currencycode is required for a FIXED code: its discount is an amount in that currency',
        ],
        [
          { code: 'BAD-4', type: 'FIXED', discount: '5.5', currencycode: 'JPY' },
          'discount of a FIXED code must have at most 0 decimal places for JPY',
        ],
        [
          { code: 'BAD-5', type: 'FREE_TRIAL', discount: '1.5' },
          'discount of a FREE_TRIAL code (days) must be a whole number from 1 to 3650',
        ],
        [{ code: 'NO SPACES' }, 'code must be 3 to 40 letters, digits, "-" or "_"'],
        [{ code: 'AB' }, 'code must be 3 to 40 letters, digits, "-" or "_"'],
        [{ code: 'A'.repeat(41) }, 'code must be at most 40 characters'],
        [{ code: 'BAD-6', type: 'BOGO' }, 'type must be one of PERCENTAGE, FIXED, FREE_TRIAL'],
        [{ code: 'BAD-7', expires: '2030-02-30' }, 'expires is not a real date'],
        [{ code: 'BAD-8', startsAt: '2031-01-02', expires: '2031-01-01' }, 'expires must not be before startsAt (2031-01-02)'],
        [{ code: 'BAD-9', duration: 'REPEATING' }, 'durationMonths is required for a REPEATING code'],
        [{ code: 'BAD-10', currencycode: 'XYZ' }, 'currencycode must be one of the codes of /billing/currencies'],
        [{ code: 'BAD-11', maxRedemptions: 0 }, 'maxRedemptions must be a whole number from 1 to 1000000000'],
        [{ code: 'BAD-12', discount: undefined }, 'discount is required'],
      ];
      for (const [body, message] of cases) {
        const res = await create(body);
        expect({ body, status: res.status, answer: res.body }).toEqual({ body, status: 400, answer: { code: 'FAULT', message } });
      }
      expect(await list()).toEqual(before);
    });

    it('refuses a code taken in the tenant, ignoring case, with 409 FAULT', async () => {
      expect((await create({ code: 'TAKEN-1' })).status).toBe(200);
      const again = await create({ code: 'taken-1' });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ code: 'FAULT', message: 'A promo code TAKEN-1 already exists (codes are unique ignoring case)' });
      // Another tenant has codes of its own.
      expect((await create({ code: 'taken-1' }, rival)).status).toBe(200);
    });

    it('lists every code of the tenant with its status now', async () => {
      await create({ code: 'LIST-LATER', startsAt: day(1) });
      await create({ code: 'LIST-GONE', expires: day(-1) });
      const res = await billing('promocode');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'promocodes']);
      expect(res.body.message).toBe('Promo Codes Retrieved Successfully');
      const byCode = new Map(res.body.promocodes.map((promo: any) => [promo.code, promo]));
      expect(byCode.get('LIST-LATER')).toMatchObject({ status: 'SCHEDULED', startsAt: day(1) });
      expect(byCode.get('LIST-GONE')).toMatchObject({ status: 'EXPIRED' });
      expect(byCode.get('PROMO123')).toMatchObject({ status: 'ACTIVE' });
      for (const promo of res.body.promocodes) expect(Object.keys(promo)).toEqual(PROMO_KEYS);
    });

    it('answers the promo types and the campaign codes', async () => {
      const types = await billing('promo/types');
      expect(types.status).toBe(200);
      expect(Object.keys(types.body)).toEqual(['code', 'message', 'promotypes']);
      expect(types.body.message).toBe('Promo Types Retrieved Successfully');
      expect(types.body.promotypes.map((t: any) => t.type)).toEqual(['PERCENTAGE', 'FIXED', 'FREE_TRIAL']);
      for (const type of types.body.promotypes) expect(Object.keys(type)).toEqual(['type', 'name', 'description']);

      await create({ code: 'VPS-LAUNCH', type: 'FIXED', discount: 5, currencycode: 'USD', services: ['VPS-SMALL', 'VPS-LARGE'] });
      await create({ code: 'VPS-SOON', services: ['VPS-SMALL'], startsAt: day(2) });
      await create({ code: 'VPS-PAST', services: ['VPS-SMALL'], expires: day(-2) });
      const campaigns = await billing('service/promo');
      expect(campaigns.status).toBe(200);
      expect(Object.keys(campaigns.body)).toEqual(['code', 'message', 'servicepromos']);
      expect(campaigns.body.message).toBe('Campaign Promo Codes Retrieved Successfully');
      expect(campaigns.body.servicepromos).toEqual([
        {
          id: expect.any(Number),
          code: 'VPS-LAUNCH',
          type: 'FIXED',
          discount: '5.00',
          currencycode: 'USD',
          expires: FUTURE,
          services: ['VPS-SMALL', 'VPS-LARGE'],
        },
      ]);
      const byCommand = await command({ cmd: 'billing.promo.service.get' });
      expect(byCommand.body).toEqual(campaigns.body);
      expect((await command({ cmd: 'billing.promo.types.get' })).body).toEqual(types.body);
    });
  });

  describe('validate', () => {
    it('answers the document fields for a valid code, looked up ignoring case, by REST and cmd', async () => {
      await create({ code: 'CHECK-ME', type: 'FIXED', discount: '7.25', currencycode: 'AUD' });
      const res = await validate('promocode=check-me');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'promocode']);
      expect(res.body).toEqual({
        code: 'OK',
        message: 'Promo Code is valid',
        promocode: { code: 'CHECK-ME', discount: '7.25', currencycode: 'AUD', type: 'FIXED', expires: FUTURE },
      });
      expect(Object.keys(res.body.promocode)).toEqual(['code', 'discount', 'currencycode', 'type', 'expires']);
      const byQuery = await http(platform.baseUrl, '/api/rest/v2.9/json.php?cmd=billing.promo.validate&promocode=Check-Me', {
        token: admin,
      });
      expect(byQuery.body).toEqual(res.body);
      expect((await command({ cmd: 'billing.promo.validate', promocode: 'CHECK-ME' })).body).toEqual(res.body);
    });

    it('answers 404 for an unknown code and 400 for a malformed or missing one', async () => {
      const unknown = await validate('promocode=NOPE404');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: 'FAULT', message: 'Promo code NOPE404 not found' });
      const malformed = await validate('promocode=no%20spaces');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ code: 'FAULT', message: 'promocode must be 3 to 40 letters, digits, "-" or "_"' });
      expect((await validate('')).body).toEqual({ code: 'FAULT', message: 'promocode is required' });
    });

    it('says why a code is not valid: expired, not started, exhausted', async () => {
      await create({ code: 'OLD-ONE', expires: day(-1) });
      const expired = await validate('promocode=OLD-ONE');
      expect(expired.status).toBe(400);
      expect(expired.body).toEqual({ code: 'FAULT', message: `Promo code OLD-ONE has expired (valid through ${day(-1)})` });

      await create({ code: 'NEW-ONE', startsAt: day(1) });
      const early = await validate('promocode=new-one');
      expect(early.status).toBe(400);
      expect(early.body).toEqual({ code: 'FAULT', message: `Promo code NEW-ONE is not valid yet (starts ${day(1)})` });
      expect((await find('NEW-ONE')).status).toBe('SCHEDULED');

      // Valid today through the end of today (UTC).
      await create({ code: 'LAST-DAY', expires: day(0) });
      expect((await validate('promocode=LAST-DAY')).status).toBe(200);

      await create({ code: 'ONLY-ONE', maxRedemptions: 1 });
      expect((await add('ONLY-ONE', customer())).status).toBe(200);
      const exhausted = await validate('promocode=ONLY-ONE');
      expect(exhausted.status).toBe(400);
      expect(exhausted.body).toEqual({ code: 'FAULT', message: 'Promo code ONLY-ONE is exhausted (all 1 redemptions used)' });
      expect((await find('ONLY-ONE')).status).toBe('EXHAUSTED');
    });

    it("says when the customer has used up its share, or is not first-time, and checks the customer is the tenant's", async () => {
      const regular = customer();
      await create({ code: 'ONCE-EACH' });
      expect((await validate(`promocode=ONCE-EACH&customerid=${regular}`)).status).toBe(200);
      expect((await add('ONCE-EACH', regular)).status).toBe(200);
      const used = await validate(`promocode=ONCE-EACH&customerid=${regular}`);
      expect(used.status).toBe(400);
      expect(used.body).toEqual({
        code: 'FAULT',
        message: 'Promo code ONCE-EACH has already been used by this customer (at most 1 per customer)',
      });

      await create({ code: 'NEWCOMERS', firstTimeOnly: true });
      const notFirst = await validate(`promocode=NEWCOMERS&customerid=${regular}`);
      expect(notFirst.status).toBe(400);
      expect(notFirst.body).toEqual({ code: 'FAULT', message: 'Promo code NEWCOMERS is for first-time customers only' });
      const addNotFirst = await add('NEWCOMERS', regular);
      expect({ status: addNotFirst.status, body: addNotFirst.body }).toEqual({ status: 400, body: notFirst.body });
      const newcomer = customer();
      expect((await validate(`promocode=NEWCOMERS&customerid=${newcomer}`)).status).toBe(200);
      expect((await add('NEWCOMERS', newcomer)).status).toBe(200);

      const stranger = await validate(`promocode=ONCE-EACH&customerid=${rivalCustomer}`);
      expect(stranger.status).toBe(404);
      expect(stranger.body.code).toBe('FAULT');
    });
  });

  describe('addcode', () => {
    it('adds a code by REST, by json.php JSON and by a json.php form, each in the document envelope', async () => {
      await create({ code: 'ADD-ME' });
      const [a, b, c] = [customer(), customer(), customer()];
      const rest = await add('add-me', a);
      expect(rest.status).toBe(200);
      expect(Object.keys(rest.body)).toEqual(['code', 'message', 'redemption']);
      expect(rest.body).toEqual({
        code: 'OK',
        message: 'Promo Code Added Successfully',
        redemption: { id: expect.any(Number), promocode: 'ADD-ME', customerid: a, quoteId: null, redeemedAt: expect.any(String) },
      });
      const json = await command({ cmd: 'billing.promo.addcode', promocode: 'ADD-ME', customerid: b });
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ code: 'OK', message: 'Promo Code Added Successfully', redemption: { customerid: b } });
      const form = await http(platform.baseUrl, '/api/rest/v2.9/json.php', {
        token: admin,
        body: `cmd=billing.promo.addcode&promocode=add-me&customerid=${c}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(200);
      expect(form.body).toMatchObject({ code: 'OK', message: 'Promo Code Added Successfully', redemption: { customerid: c } });
      expect((await find('ADD-ME')).redemptions).toBe(3);
    });

    it('answers a repeat by the same customer with its redemption, counted once', async () => {
      await create({ code: 'RETRY' });
      const who = customer();
      const first = await add('RETRY', who);
      const again = await add('retry', who);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect((await find('RETRY')).redemptions).toBe(1);
    });

    it("answers 404 for an unknown customer, another tenant's customer, and an unknown code", async () => {
      await create({ code: 'WHO-ARE-YOU' });
      const unknown = await add('WHO-ARE-YOU', 987654321);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: 'FAULT', message: 'Customer 987654321 not found' });
      const theirs = await add('WHO-ARE-YOU', rivalCustomer);
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual({ code: 'FAULT', message: `Customer ${rivalCustomer} not found` });
      const noCode = await add('NO-SUCH-CODE', customer());
      expect(noCode.status).toBe(404);
      expect(noCode.body).toEqual({ code: 'FAULT', message: 'Promo code NO-SUCH-CODE not found' });
      expect((await find('WHO-ARE-YOU')).redemptions).toBe(0);
      const missing = await billing('promocode/add', { json: { promocode: 'WHO-ARE-YOU' } });
      expect(missing.status).toBe(400);
      expect(missing.body).toEqual({ code: 'FAULT', message: 'customerid is required' });
    });

    it('makes exactly maxRedemptions redemptions of 50 simultaneous adds by different customers', async () => {
      await create({ code: 'SEVEN', maxRedemptions: 7 });
      const racers = customers.splice(0, 50);
      const answers = await Promise.all(racers.map((id) => add('SEVEN', id)));
      const ok = answers.filter((res) => res.status === 200);
      const refused = answers.filter((res) => res.status !== 200);
      expect(ok).toHaveLength(7);
      expect(new Set(ok.map((res) => res.body.redemption.customerid)).size).toBe(7);
      expect(refused).toHaveLength(43);
      for (const res of refused) {
        expect({ status: res.status, body: res.body }).toEqual({
          status: 400,
          body: { code: 'FAULT', message: 'Promo code SEVEN is exhausted (all 7 redemptions used)' },
        });
      }
      expect(await find('SEVEN')).toMatchObject({ redemptions: 7, maxRedemptions: 7, status: 'EXHAUSTED' });
      // A winner retrying still gets its redemption.
      const winner = ok[0]!.body.redemption;
      expect((await add('SEVEN', winner.customerid)).body.redemption).toEqual(winner);
    });

    it('counts 20 simultaneous adds by the same customer once', async () => {
      await create({ code: 'SAME-TWENTY' });
      const who = customer();
      const answers = await Promise.all(Array.from({ length: 20 }, () => add('SAME-TWENTY', who)));
      expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((res) => res.body.redemption.id)).size).toBe(1);
      expect((await find('SAME-TWENTY')).redemptions).toBe(1);
    });
  });

  describe('update', () => {
    it('changes only the fields given, in the document envelope', async () => {
      const { id } = (await create({ code: 'CHANGE-ME', discount: 10, expires: '2030-12-31', maxRedemptions: 5 })).body;
      const res = await billing(`promocode/${id}`, { method: 'PUT', json: { discount: 15, expires: '2031-12-31' } });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['code', 'message', 'promocode']);
      expect(res.body.message).toBe('Promo Code Updated Successfully');
      expect(res.body.promocode).toMatchObject({ id, code: 'CHANGE-ME', discount: '15', expires: '2031-12-31', maxRedemptions: 5 });
      expect(await find('CHANGE-ME')).toEqual(res.body.promocode);
      const byCommand = await command({ cmd: 'billing.promo.update', id, maxPerCustomer: 3 });
      expect(byCommand.body.promocode).toMatchObject({ discount: '15', maxPerCustomer: 3 });
    });

    it('refuses a limit below the redemptions made with 409, and bad changes with 400, changing nothing', async () => {
      const { id } = (await create({ code: 'FLOOR', maxRedemptions: 5 })).body;
      await Promise.all([add('FLOOR', customer()), add('FLOOR', customer())]);
      const before = await find('FLOOR');
      const below = await billing(`promocode/${id}`, { method: 'PUT', json: { maxRedemptions: 1 } });
      expect(below.status).toBe(409);
      expect(below.body).toEqual({ code: 'FAULT', message: 'maxRedemptions cannot be below the 2 redemptions already made' });
      const bad = await billing(`promocode/${id}`, { method: 'PUT', json: { discount: 0 } });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ code: 'FAULT', message: 'discount of a PERCENTAGE code must be more than 0' });
      const inverted = await billing(`promocode/${id}`, { method: 'PUT', json: { startsAt: '2999-12-31', expires: '2999-01-01' } });
      expect(inverted.status).toBe(400);
      expect(await find('FLOOR')).toEqual(before);
      const atFloor = await billing(`promocode/${id}`, { method: 'PUT', json: { maxRedemptions: 2 } });
      expect(atFloor.body.promocode).toMatchObject({ maxRedemptions: 2, redemptions: 2, status: 'EXHAUSTED' });
    });

    it('answers 404 for an unknown id and 400 for one that is no id', async () => {
      const unknown = await billing('promocode/999999', { method: 'PUT', json: { discount: 5 } });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: 'FAULT', message: 'Promo code 999999 not found' });
      expect((await billing('promocode/abc', { method: 'PUT', json: { discount: 5 } })).status).toBe(400);
    });
  });

  describe('tenants and roles', () => {
    it("keeps another tenant from seeing, updating, validating or adding this tenant's codes (404)", async () => {
      const { id } = (await create({ code: 'OURS-ONLY' })).body;
      expect((await list(rival)).map((promo) => promo.code)).not.toContain('OURS-ONLY');
      const update = await billing(`promocode/${id}`, { token: rival, method: 'PUT', json: { discount: 50 } });
      expect(update.status).toBe(404);
      expect(update.body).toEqual({ code: 'FAULT', message: `Promo code ${id} not found` });
      expect((await validate('promocode=OURS-ONLY', rival)).status).toBe(404);
      const taken = await add('OURS-ONLY', rivalCustomer, rival);
      expect(taken.status).toBe(404);
      expect(taken.body).toEqual({ code: 'FAULT', message: 'Promo code OURS-ONLY not found' });
      expect(await find('OURS-ONLY')).toMatchObject({ discount: '10', redemptions: 0 });
    });

    it('lets an observer read but not create, update or add (403 FAULT)', async () => {
      const { id } = (await create({ code: 'LOOK-ONLY' })).body;
      expect((await billing('promocode', { token: observer })).status).toBe(200);
      expect((await validate('promocode=LOOK-ONLY', observer)).status).toBe(200);
      expect((await billing('promo/types', { token: observer })).status).toBe(200);
      expect((await billing('service/promo', { token: observer })).status).toBe(200);
      const attempts = [
        await create({ code: 'SNEAKY' }, observer),
        await billing(`promocode/${id}`, { token: observer, method: 'PUT', json: { discount: 99 } }),
        await add('LOOK-ONLY', customers[0]!, observer),
        await command({ cmd: 'billing.promo.addcode', promocode: 'LOOK-ONLY', customerid: customers[0] }, observer),
        await command({ cmd: 'billing.promo.create', code: 'SNEAKY', type: 'PERCENTAGE', discount: 5, expires: FUTURE }, observer),
      ];
      for (const res of attempts) expect({ status: res.status, body: res.body }).toEqual({ status: 403, body: FORBIDDEN });
      expect(await find('SNEAKY')).toBeUndefined();
      expect(await find('LOOK-ONLY')).toMatchObject({ discount: '10', redemptions: 0 });
    });
  });
});

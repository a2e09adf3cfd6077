import { checkPromo, promoStatus, readPromoCode, updatedBody, whyNotApplicable, type PromoValues } from './promo.rules.js';

const CURRENCIES = new Map([
  ['USD', { code: 'USD', minorUnits: 2 }],
  ['JPY', { code: 'JPY', minorUnits: 0 }],
]);
const check = (body: Record<string, unknown>) => checkPromo(body, CURRENCIES);
const base = { code: 'spring-25', type: 'PERCENTAGE', discount: '25', expires: '2030-12-31' };

describe('checkPromo', () => {
  it('upper-cases the code and fills the defaults', () => {
    expect(check(base)).toEqual({
      code: 'SPRING-25',
      type: 'PERCENTAGE',
      discount: '25',
      currency: null,
      startsAt: null,
      expires: '2030-12-31',
      maxRedemptions: null,
      maxPerCustomer: 1,
      minimumAmount: null,
      minimumAmountCurrency: null,
      firstTimeOnly: false,
      services: [],
      duration: 'ONCE',
      durationMonths: null,
    });
  });

  it('keeps every optional field, decimals exact at their currency places', () => {
    expect(
      check({
        code: 'WELCOME_10',
        type: 'FIXED',
        discount: 10,
        currencycode: 'usd',
        startsAt: '2030-01-01',
        expires: '2030-01-01',
        maxRedemptions: 7,
        maxPerCustomer: '2',
        minimumAmount: '50.5',
        firstTimeOnly: true,
        services: ['VPS-S', 'vps.m', 'VPS-S'],
        duration: 'REPEATING',
        durationMonths: 3,
      }),
    ).toEqual({
      code: 'WELCOME_10',
      type: 'FIXED',
      discount: '10.00',
      currency: 'USD',
      startsAt: '2030-01-01',
      expires: '2030-01-01',
      maxRedemptions: 7,
      maxPerCustomer: 2,
      minimumAmount: '50.50',
      minimumAmountCurrency: 'USD',
      firstTimeOnly: true,
      services: ['VPS-S', 'vps.m'],
      duration: 'REPEATING',
      durationMonths: 3,
    });
  });

  it.each([
    ['PERCENTAGE', '12.50', '12.5'],
    ['PERCENTAGE', '100', '100'],
    ['PERCENTAGE', 0.0001, '0.0001'],
    ['FREE_TRIAL', '30', '30'],
    ['FREE_TRIAL', 14, '14'],
  ])('reads a %s discount of %j as %j', (type, discount, stored) => {
    expect(check({ ...base, type, discount }).discount).toBe(stored);
  });

  it('reads a FIXED discount at its currency minor units', () => {
    expect(check({ ...base, type: 'FIXED', currencycode: 'JPY', discount: '500' }).discount).toBe('500');
    expect(() => check({ ...base, type: 'FIXED', currencycode: 'JPY', discount: '500.5' })).toThrow(
      'discount of a FIXED code must have at most 0 decimal places for JPY',
    );
    expect(() => check({ ...base, type: 'FIXED', currencycode: 'USD', discount: '1.001' })).toThrow('at most 2 decimal places for USD');
  });

  it.each([
    [{ ...base, discount: '0' }, 'discount of a PERCENTAGE code must be more than 0'],
    [{ ...base, discount: '100.01' }, 'discount of a PERCENTAGE code must be from 0 to 100 percent'],
    [{ ...base, discount: '-5' }, 'discount of a PERCENTAGE code must be from 0 to 100 percent'],
    [{ ...base, discount: '10.12345' }, 'discount of a PERCENTAGE code must have at most 4 decimal places'],
    [{ ...base, discount: 'ten' }, 'discount of a PERCENTAGE code must be a decimal number'],
    [{ ...base, discount: undefined }, 'discount is required'],
    [{ ...base, type: 'FIXED', discount: '5' }, 'currencycode is required for a FIXED code'],
    [{ ...base, type: 'FIXED', currencycode: 'USD', discount: '0' }, 'discount of a FIXED code must be more than 0'],
    [{ ...base, type: 'FREE_TRIAL', discount: '1.5' }, 'discount of a FREE_TRIAL code (days) must be a whole number from 1 to 3650'],
    [{ ...base, type: 'FREE_TRIAL', discount: '0' }, 'discount of a FREE_TRIAL code (days) must be a whole number from 1 to 3650'],
    [{ ...base, type: 'BOGO' }, 'type must be one of PERCENTAGE, FIXED, FREE_TRIAL'],
    [{ ...base, code: 'AB' }, 'code must be 3 to 40 letters, digits, "-" or "_"'],
    [{ ...base, code: 'A'.repeat(41) }, 'code must be 3 to 40 letters'],
    [{ ...base, code: 'NO SPACES' }, 'code must be 3 to 40 letters'],
    [{ ...base, code: 'ÉTÉ2030' }, 'code must be 3 to 40 letters'],
    [{ ...base, expires: '2030-02-30' }, 'expires is not a real date'],
    [{ ...base, expires: '31/12/2030' }, 'expires must be a date (YYYY-MM-DD)'],
    [{ ...base, expires: undefined }, 'expires is required'],
    [{ ...base, startsAt: '2031-01-01' }, 'expires must not be before startsAt (2031-01-01)'],
    [{ ...base, currencycode: 'XXX' }, 'currencycode must be one of the codes of /billing/currencies'],
    [{ ...base, maxRedemptions: 0 }, 'maxRedemptions must be a whole number from 1'],
    [{ ...base, maxPerCustomer: 1.5 }, 'maxPerCustomer must be a whole number from 1'],
    [{ ...base, minimumAmount: '10' }, 'minimumAmountCurrency is required with a minimumAmount (or a currencycode)'],
    [{ ...base, minimumAmountCurrency: 'USD' }, 'minimumAmountCurrency is only used with a minimumAmount'],
    [{ ...base, minimumAmount: '10.001', minimumAmountCurrency: 'USD' }, 'minimumAmount must have at most 2 decimal places for USD'],
    [{ ...base, firstTimeOnly: 'yes' }, 'firstTimeOnly must be true or false'],
    [{ ...base, services: 'VPS' }, 'services must be a list of at most 100 product codes'],
    [{ ...base, services: ['has space'] }, 'services must list product codes'],
    [{ ...base, duration: 'REPEATING' }, 'durationMonths is required for a REPEATING code'],
    [{ ...base, durationMonths: 3 }, 'durationMonths is only used with duration REPEATING'],
    [{ ...base, duration: 'WEEKLY' }, 'duration must be one of ONCE, REPEATING, FOREVER'],
    [{ ...base, colour: 'red' }, '"colour" is not a promo code field'],
  ])('refuses %j: %s', (body, message) => {
    expect(() => check(body as Record<string, unknown>)).toThrow(message);
  });

  it('names the field in the error details', () => {
    try {
      check({ ...base, discount: '0' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'discount' } });
    }
  });
});

describe('updatedBody', () => {
  const current: PromoValues = { ...check({ ...base, duration: 'REPEATING', durationMonths: 6 }) };

  it('lays the changes over the stored promo, checked as a whole', () => {
    const updated = check(updatedBody(current, { discount: '15', expires: '2031-12-31' }));
    expect(updated).toEqual({ ...current, discount: '15', expires: '2031-12-31' });
  });

  it('drops the months when the duration leaves REPEATING', () => {
    expect(check(updatedBody(current, { duration: 'FOREVER' }))).toMatchObject({ duration: 'FOREVER', durationMonths: null });
  });

  it('re-checks what the change affects, and keeps code and type', () => {
    expect(() => check(updatedBody(current, { startsAt: '2031-06-01' }))).toThrow('expires must not be before startsAt');
    expect(() => updatedBody(current, { code: 'OTHER' })).toThrow('code cannot change: create another promo code');
    expect(() => updatedBody(current, { type: 'FIXED' })).toThrow('type cannot change');
    expect(check(updatedBody(current, { code: 'spring-25' })).code).toBe('SPRING-25');
  });
});

describe('readPromoCode', () => {
  it('accepts any case and refuses what no code can be', () => {
    expect(readPromoCode(' promo123 ')).toBe('PROMO123');
    expect(() => readPromoCode('PROMO 123')).toThrow('promocode must be 3 to 40 letters');
    expect(() => readPromoCode(123)).toThrow('promocode must be');
  });
});

describe('status and applicability', () => {
  const promo = {
    startsAt: '2030-03-01',
    expires: '2030-03-31',
    maxRedemptions: 2,
    redemptions: 0,
    maxPerCustomer: 1,
    firstTimeOnly: true,
  };
  const at = (iso: string) => new Date(iso);
  const newcomer = { holdsPending: false, uses: 0, firstTime: true };

  it('is valid from the start of startsAt through the end of expires, in UTC', () => {
    expect(promoStatus(promo, at('2030-02-28T23:59:59.999Z'))).toBe('SCHEDULED');
    expect(promoStatus(promo, at('2030-03-01T00:00:00Z'))).toBe('ACTIVE');
    expect(promoStatus(promo, at('2030-03-31T23:59:59.999Z'))).toBe('ACTIVE');
    expect(promoStatus(promo, at('2030-04-01T00:00:00Z'))).toBe('EXPIRED');
    expect(promoStatus({ ...promo, redemptions: 2 }, at('2030-03-15T00:00:00Z'))).toBe('EXHAUSTED');
    expect(promoStatus({ ...promo, maxRedemptions: null, redemptions: 99 }, at('2030-03-15T00:00:00Z'))).toBe('ACTIVE');
  });

  it('names the first rule that fails', () => {
    const now = at('2030-03-15T12:00:00Z');
    expect(whyNotApplicable(promo, at('2030-02-01T00:00:00Z'))).toBe('NOT_STARTED');
    expect(whyNotApplicable(promo, at('2030-04-01T00:00:00Z'), newcomer)).toBe('EXPIRED');
    expect(whyNotApplicable({ ...promo, redemptions: 2 }, now, newcomer)).toBe('EXHAUSTED');
    expect(whyNotApplicable(promo, now, { ...newcomer, uses: 1 })).toBe('CUSTOMER_LIMIT');
    expect(whyNotApplicable(promo, now, { ...newcomer, firstTime: false })).toBe('NOT_FIRST_TIME');
    expect(whyNotApplicable({ ...promo, firstTimeOnly: false }, now, { ...newcomer, firstTime: false })).toBeUndefined();
    expect(whyNotApplicable(promo, now, newcomer)).toBeUndefined();
    expect(whyNotApplicable(promo, now)).toBeUndefined();
  });

  it("keeps a customer's pending redemption usable after the code runs out, but not outside its dates", () => {
    const holder = { holdsPending: true, uses: 1, firstTime: false };
    expect(whyNotApplicable({ ...promo, redemptions: 2 }, at('2030-03-15T00:00:00Z'), holder)).toBeUndefined();
    expect(whyNotApplicable(promo, at('2030-04-01T00:00:00Z'), holder)).toBe('EXPIRED');
  });
});

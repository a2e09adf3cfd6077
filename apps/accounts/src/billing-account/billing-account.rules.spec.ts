import { accountNumberOf, checkBillingAccount, idOfAccountNumber, nextDueDate } from './billing-account.rules.js';

describe('nextDueDate', () => {
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

  it('bills on the first billing day strictly after today, due the payment term later', () => {
    expect(nextDueDate(1, 30, day('2026-11-23'))).toBe('2026-12-31T00:00:00.000+00:00');
    expect(nextDueDate(28, 0, day('2026-11-23'))).toBe('2026-11-28T00:00:00.000+00:00');
  });

  it('moves to next month when today is the billing day or past it', () => {
    expect(nextDueDate(23, 0, day('2026-11-23'))).toBe('2026-12-23T00:00:00.000+00:00');
    expect(nextDueDate(10, 5, day('2026-11-23'))).toBe('2026-12-15T00:00:00.000+00:00');
  });

  it('crosses month ends and years', () => {
    expect(nextDueDate(28, 30, day('2026-01-31'))).toBe('2026-03-30T00:00:00.000+00:00'); // Feb 28 + 30 days
    expect(nextDueDate(15, 30, day('2026-12-20'))).toBe('2027-02-14T00:00:00.000+00:00');
    expect(nextDueDate(1, 0, day('2028-02-29'))).toBe('2028-03-01T00:00:00.000+00:00');
  });
});

describe('nextDueDate in an account time zone', () => {
  it('uses the local date and writes the local offset', () => {
    // 02:00 UTC on the 1st is still the 30th (previous month) in Chicago.
    expect(nextDueDate(1, 0, new Date('2026-12-01T02:00:00Z'), 'America/Chicago')).toBe('2026-12-01T00:00:00.000-06:00');
    expect(nextDueDate(1, 0, new Date('2026-12-01T02:00:00Z'))).toBe('2027-01-01T00:00:00.000+00:00');
    // Daylight saving time: a July due date in Chicago is at -05:00.
    expect(nextDueDate(10, 0, new Date('2026-07-01T12:00:00Z'), 'America/Chicago')).toBe('2026-07-10T00:00:00.000-05:00');
    expect(nextDueDate(1, 30, new Date('2026-11-23T12:00:00Z'), 'Asia/Kolkata')).toBe('2026-12-31T00:00:00.000+05:30');
  });

  it('accepts only real zones', () => {
    expect(() => checkBillingAccount({ timeZone: 'Mars/Olympus' }, 'update')).toThrow('timeZone must be an IANA time zone');
    expect(checkBillingAccount({ timeZone: 'Europe/Paris' }, 'update')).toEqual({ timeZone: 'Europe/Paris' });
  });
});

describe('account numbers', () => {
  it('are derived from the row id and read back', () => {
    expect(accountNumberOf(1)).toBe('10000001');
    expect(idOfAccountNumber('10000001')).toBe(1);
    for (const bad of ['10000000', '123', 'abc', 10000001, '1e7']) expect(idOfAccountNumber(bad)).toBeUndefined();
  });
});

describe('checkBillingAccount', () => {
  it('needs a name and an ISO currency to create, and defaults nothing itself', () => {
    expect(checkBillingAccount({ name: 'a', currency: 'USD', monthlyRecurringRevenue: '100.5' }, 'create')).toEqual({
      name: 'a',
      currency: 'USD',
      mrrCents: '10050',
    });
    expect(() => checkBillingAccount({ currency: 'usd' }, 'create')).toThrow(/name is required.*currency must be/);
  });

  it('refuses a currency change, bad terms and MRR with more than two places', () => {
    expect(() => checkBillingAccount({ currency: 'EUR' }, 'update')).toThrow('currency cannot change');
    expect(() => checkBillingAccount({ billingDay: 29 }, 'update')).toThrow('billingDay must be a whole number from 1 to 28');
    expect(() => checkBillingAccount({ monthlyRecurringRevenue: '1.005' }, 'update')).toThrow('at most 2 decimal places');
  });
});

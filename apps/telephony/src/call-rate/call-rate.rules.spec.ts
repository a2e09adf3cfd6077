import { checkCallRate, readCallRate } from './call-rate.rules.js';

const VALID = {
  prefix: '44',
  type: 'INTERNATIONAL',
  free_seconds: 0,
  grace_period: 5,
  interval_1: 60,
  interval_n: 30,
  connect_fee: 0.02,
  postcall_surcharge: 0.1,
  price_1: '0.1',
  price_n: 0.04,
};

describe('call rate rules', () => {
  it('keeps amounts exact, in units of 0.00001', () => {
    expect(checkCallRate(VALID, 'create')).toMatchObject({ prefix: '44', connect_fee: '2000', price_1: '10000' });
  });

  it.each(['+44', '44 20', '4a', '=1', '', '٤٤', '4'.repeat(65), 44])(
    'refuses the prefix %j: only 1 to 64 digits can match a number',
    (prefix) => {
      expect(readCallRate({ ...VALID, prefix }, 'create')).toEqual({ problems: ['prefix must be 1 to 64 digits (0-9)'] });
      expect(() => checkCallRate({ prefix }, 'update')).toThrow('prefix must be 1 to 64 digits');
    },
  );

  it('accepts 64 digits, and an update without a prefix', () => {
    expect(readCallRate({ ...VALID, prefix: '0'.repeat(64) }, 'create')).toHaveProperty('values');
    expect(checkCallRate({ price_1: 1 }, 'update')).toEqual({ price_1: '100000' });
  });

  it('reports every problem at once', () => {
    expect(readCallRate({ ...VALID, prefix: 'x', type: 'PIGEON', interval_1: 0 }, 'create')).toEqual({
      problems: [
        'prefix must be 1 to 64 digits (0-9)',
        'type must be one of LOCAL, NATIONAL, INTERNATIONAL, MOBILE',
        'interval_1 must be an integer >= 1',
      ],
    });
  });
});

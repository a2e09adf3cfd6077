import { readParams } from './command-params.js';

const PAGE = {
  offset: { type: 'integer', min: 0, default: 0 },
  limit: { type: 'integer', min: 1, max: 1000, default: 100 },
} as const;

describe('readParams', () => {
  it('reads whole numbers from a query or a JSON body, with defaults', () => {
    expect(readParams(PAGE, {})).toEqual({ offset: 0, limit: 100 });
    expect(readParams(PAGE, { offset: '5', limit: '1000' })).toEqual({ offset: 5, limit: 1000 });
    expect(readParams(PAGE, { offset: 5, limit: '' })).toEqual({ offset: 5, limit: 100 });
  });

  it('refuses what is not a whole number in range, naming the parameter and the range', () => {
    for (const [offset, limit] of [
      ['-1', '1'],
      ['0', '0'],
      ['0', '1001'],
      ['a', '1'],
      ['1.5', '1'],
      [1.5, '1'],
      ['0', '1e2'],
    ]) {
      expect(() => readParams(PAGE, { offset, limit })).toThrow(
        /^(offset must be a whole number from 0 to 9007199254740991|limit must be a whole number from 1 to 1000)$/,
      );
    }
    expect(() => readParams(PAGE, { limit: ['1', '2'] })).toThrow('limit may be given once');
  });

  it('reads decimals exactly, dates strictly, enums and booleans', () => {
    const specs = {
      amount: { type: 'decimal', maxPlaces: 2, required: true },
      day: { type: 'date' },
      kind: { type: 'enum', values: ['A', 'B'] },
      flag: { type: 'boolean' },
    } as const;
    expect(readParams(specs, { amount: '19.90', day: '2026-02-28', kind: 'B', flag: 'true' })).toEqual({
      amount: '19.9',
      day: '2026-02-28',
      kind: 'B',
      flag: true,
    });
    expect(readParams(specs, { amount: 0.1 }).amount).toBe('0.1');
    expect(() => readParams(specs, {})).toThrow('amount is required');
    expect(() => readParams(specs, { amount: '1.005' })).toThrow('amount must have at most 2 decimal places');
    expect(() => readParams(specs, { amount: '1e3' })).toThrow('amount must be a decimal number');
    expect(() => readParams(specs, { amount: '1', day: '2026-02-30' })).toThrow('day is not a real date');
    expect(() => readParams(specs, { amount: '1', kind: 'C' })).toThrow('kind must be one of A, B');
    expect(() => readParams(specs, { amount: '1', flag: 'yes' })).toThrow('flag must be true or false');
  });

  it('ignores parameters it does not declare', () => {
    expect(readParams(PAGE, { cmd: 'x', extra: 'y' })).toEqual({ offset: 0, limit: 100 });
  });
});

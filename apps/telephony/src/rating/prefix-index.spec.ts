import { PrefixIndex, type RateEntry } from './prefix-index.js';

const entry = (prefix: string, type: RateEntry['type'] = 'INTERNATIONAL'): RateEntry => ({
  id: prefix,
  prefix,
  type,
  free_seconds: 0,
  grace_period: 0,
  interval_1: 1,
  interval_n: 1,
  connect_fee: 0n,
  postcall_surcharge: 0n,
  price_1: 0n,
  price_n: 0n,
});

describe('PrefixIndex', () => {
  const index = new PrefixIndex([entry('1'), entry('44'), entry('4420', 'LOCAL'), entry('447', 'MOBILE'), entry('4479', 'MOBILE')]);

  it('finds the longest matching prefix', () => {
    expect(index.match('442079460000')?.prefix).toBe('4420');
    expect(index.match('447911123456')?.prefix).toBe('4479');
    expect(index.match('447011123456')?.prefix).toBe('447');
    expect(index.match('443011123456')?.prefix).toBe('44');
    expect(index.match('15550100')?.prefix).toBe('1');
    expect(index.match('4')).toBeUndefined();
    expect(index.match('86')).toBeUndefined();
  });

  it('considers only rates of the requested type', () => {
    expect(index.match('442079460000', 'INTERNATIONAL')?.prefix).toBe('44');
    expect(index.match('447911123456', 'MOBILE')?.prefix).toBe('4479');
    expect(index.match('447911123456', 'LOCAL')).toBeUndefined();
    expect(index.match('447911123456', 'NATIONAL')).toBeUndefined();
  });

  it('holds every rate', () => {
    expect(index.size).toBe(5);
    expect(new PrefixIndex([]).match('1')).toBeUndefined();
  });

  it('tells prefixes with leading zeros apart, and handles prefixes longer than 15 digits', () => {
    const zeros = new PrefixIndex([entry('0'), entry('00'), entry('0044'), entry('1234567890123456'), entry('12345678901234567')]);
    expect(zeros.match('0044207')?.prefix).toBe('0044');
    expect(zeros.match('0033')?.prefix).toBe('00');
    expect(zeros.match('0')?.prefix).toBe('0');
    expect(zeros.match('123456789012345678')?.prefix).toBe('12345678901234567');
    expect(zeros.match('1234567890123456')?.prefix).toBe('1234567890123456');
    expect(zeros.match('123456789012345')).toBeUndefined();
    expect(new PrefixIndex([entry('44*')]).match('44')).toBeUndefined();
  });
});

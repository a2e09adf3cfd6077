import { Percentage } from './percentage.js';

describe('Percentage', () => {
  it('keeps the exact decimal and prints it shortest', () => {
    expect(Percentage.of('12.5').toString()).toBe('12.5');
    expect(Percentage.of('20.000').toString()).toBe('20');
    expect(Percentage.of(0.1).toString()).toBe('0.1');
    expect(Percentage.of('0.0001').toString()).toBe('0.0001');
    expect(JSON.stringify({ vat: Percentage.of('7.7') })).toBe('{"vat":"7.7"}');
  });

  it('checks the bounds, 0 to 100 unless told otherwise, both ends included', () => {
    expect(Percentage.of('0').toString()).toBe('0');
    expect(Percentage.of('100').toString()).toBe('100');
    expect(Percentage.parse('100.0001')).toEqual({ ok: false, reason: 'must be from 0 to 100 percent' });
    expect(Percentage.parse('-0.5')).toEqual({ ok: false, reason: 'must be from 0 to 100 percent' });
    expect(Percentage.of('250', { max: 1000 }).toString()).toBe('250');
    expect(Percentage.parse('-5', { min: -10 })).toMatchObject({ ok: true });
    expect(Percentage.parse('30', { max: '25.5' })).toEqual({ ok: false, reason: 'must be from 0 to 25.5 percent' });
    expect(() => Percentage.of('101')).toThrow('Percentage "101" must be from 0 to 100 percent');
    expect(() => Percentage.of('1', { max: 'lots' })).toThrow('Percentage bound "lots" must be a decimal number');
  });

  it('refuses what is not an exact decimal', () => {
    const garbage = ['abc', '', '12.5%', 'Infinity', true, null];
    expect(garbage.filter((value) => Percentage.parse(value).ok)).toEqual([]);
  });
});

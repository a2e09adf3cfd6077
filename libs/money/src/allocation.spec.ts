import { allocateUnits } from './allocation.js';

describe('allocateUnits', () => {
  it('gives leftover units to the largest remainders, not simply to the first parts', () => {
    // 11 by 1:1:1:7 = 1.1, 1.1, 1.1, 7.7: the one leftover unit goes to the 0.7 remainder
    expect(allocateUnits(11n, [1n, 1n, 1n, 7n])).toEqual([1n, 1n, 1n, 8n]);
  });

  it('breaks ties in favour of the earlier part', () => {
    expect(allocateUnits(10000n, [1n, 1n, 1n])).toEqual([3334n, 3333n, 3333n]);
    expect(allocateUnits(5n, [3n, 7n])).toEqual([2n, 3n]);
  });

  it('never gives anything to a zero weight and always adds up to the total', () => {
    expect(allocateUnits(7n, [0n, 1n, 0n, 1n])).toEqual([0n, 4n, 0n, 3n]);
    const parts = allocateUnits(987654321987654321987n, [13n, 17n, 19n, 23n, 0n, 29n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(987654321987654321987n);
  });

  it('splits a negative total as the mirror of the positive one', () => {
    expect(allocateUnits(-10000n, [1n, 1n, 1n])).toEqual([-3334n, -3333n, -3333n]);
  });
});

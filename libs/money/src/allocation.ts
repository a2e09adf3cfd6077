/**
 * Splits `total` units into parts proportional to `weights` without losing or inventing a unit:
 * each part gets the floor of its exact share, and the units left over (fewer than the parts) go
 * one each to the parts with the largest remainders, the earlier part on a tie. The parts always
 * add up to `total`; a negative total is split like its absolute value, so credits mirror charges.
 * The weights must be non-negative with a positive sum.
 */
export function allocateUnits(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) return allocateUnits(-total, weights).map((part) => -part);
  const sum = weights.reduce((a, b) => a + b, 0n);
  const parts = weights.map((weight) => (total * weight) / sum);
  const leftover = total - parts.reduce((a, b) => a + b, 0n);
  const byRemainder = weights
    .map((weight, index) => ({ index, remainder: (total * weight) % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder.slice(0, Number(leftover))) parts[index] += 1n;
  return parts;
}

/**
 * The nearest-rank percentile of values sorted ascending: the smallest value that at least `p`
 * of all values are less than or equal to, i.e. `sorted[ceil(p × n) − 1]`. Always one of the
 * measured values (no interpolation between two page loads), exact, and the same for any order
 * of arrival. `undefined` for no values.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | undefined {
  const n = sorted.length;
  if (!n) return undefined;
  const rank = Math.ceil(p * n);
  return sorted[Math.min(n, Math.max(1, rank)) - 1];
}

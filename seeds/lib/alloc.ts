/**
 * Largest-remainder apportionment: splits an integer `total` over `weights` so that the parts are
 * integers, each at least `min`, and add up to `total` exactly.
 *
 * @example
 * apportion(10, [1, 1, 1]) // [4, 3, 3]
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const rest = total - min * n;
  if (rest < 0) throw new Error(`apportion: cannot give ${n} parts at least ${min} each from ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  // hand the remaining units to the largest remainders (ties: lower index first)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k][1]]++;
  return parts.map((p) => p + min);
}

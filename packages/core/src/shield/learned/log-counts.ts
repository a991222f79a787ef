/**
 * `Math.log1p` of a count, read from a table for the small counts nearly every feature has.
 *
 * Why: a text's dense features take the logarithm of about thirty counts (intents, disguises
 * undone, structure), almost all of them 0 to 4. `Math.log1p` is a call into the runtime's libm
 * (several nanoseconds each), which on a chat turn of fifty characters was a few percent of its
 * score. The table holds `Math.log1p(n)` itself, computed once, so every value is the same double
 * bit for bit; anything else (a fraction, a large or negative number) goes to `Math.log1p`.
 *
 * @example
 * ```ts
 * log1pCount(3) === Math.log1p(3); // true
 * log1pCount(2.5) === Math.log1p(2.5); // true (not a small count: computed)
 * ```
 */
const SMALL = 64;
const TABLE = Float64Array.from({ length: SMALL }, (_, n) => Math.log1p(n));

export function log1pCount(n: number): number {
  // log1p(±0) is ±0: returning the zero itself keeps its sign, as `Math.log1p` does.
  if (n === 0) return n;
  return n > 0 && n < SMALL && (n | 0) === n ? TABLE[n]! : Math.log1p(n);
}

/**
 * The exact upper tail of a fair-coin binomial, P(X >= k) for X ~ Binomial(n, 1/2), in log
 * space so that p-values far below 1e-308 are still told apart (as a base-10 logarithm).
 */
export interface Tail {
  /** The p-value (0 when it is below the smallest double; see `log10`). */
  p: number;
  /** Its base-10 logarithm, exact even when `p` underflows. */
  log10: number;
}

/**
 * P(X >= k) for X ~ Binomial(n, 1/2).
 *
 * @example
 * ```ts
 * binomialTail(10, 10); // { p: 0.0009765625, log10: -3.0103 }
 * ```
 */
export function binomialTail(n: number, k: number): Tail {
  if (k <= 0) return { p: 1, log10: 0 };
  if (k > n) return { p: 0, log10: -Infinity };
  // Terms from k upwards: t(i+1) = t(i) * (n - i) / (i + 1); the first is C(n, k) / 2^n.
  let logTerm = logChoose(n, k) - n * Math.LN2;
  let logSum = logTerm;
  for (let i = k; i < n; i++) {
    logTerm += Math.log((n - i) / (i + 1));
    if (logTerm < logSum - 50) break; // the rest cannot move the sum (terms only shrink past the mode)
    logSum = logAdd(logSum, logTerm);
  }
  logSum = Math.min(0, logSum);
  return { p: Math.exp(logSum), log10: logSum / Math.LN10 };
}

function logAdd(a: number, b: number): number {
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const SMALL: number[] = [0];
for (let i = 1; i <= 256; i++) SMALL[i] = SMALL[i - 1]! + Math.log(i);

/** ln(n!): exact sums up to 256, Stirling's series beyond (error below 1e-14). */
function logFactorial(n: number): number {
  if (n <= 256) return SMALL[n]!;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260)));
}

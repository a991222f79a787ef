// Smoothed quantiles for the calibration of the shield's thresholds (train.mjs).
//
// The threshold of a channel is a high quantile of the benign calibration rows' scores (0.4% of
// ~775 user rows above it). One order statistic, the 4th-highest score, is a noisy estimate of
// that: move one row's score and the threshold jumps to the next row. The Harrell-Davis estimator
// is a weighted mean of all order statistics, the weights being the chance that each is the sample
// quantile of a bootstrap resample (Beta weights). It is the bootstrap mean of the sample quantile,
// computed exactly, without drawing: deterministic, and it moves smoothly as any one score moves.
//
//   Harrell, F. E. and Davis, C. E. (1982), "A new distribution-free quantile estimator",
//   Biometrika 69(3), 635-640.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
function lnGamma(x) {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x, a, b) {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-14) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function betaCdf(x, a, b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/**
 * The Harrell-Davis estimate of the `p` quantile of `values` (any order): the weighted mean of the
 * sorted values, value i (1-based, of n) weighing I_{i/n}(a, b) - I_{(i-1)/n}(a, b) with
 * a = p(n + 1) and b = (1 - p)(n + 1).
 *
 * @example
 * harrellDavis([1, 2, 3, 4, 5], 0.5); // 3
 */
export function harrellDavis(values, p) {
  const x = [...values].sort((u, v) => u - v);
  const n = x.length;
  if (n === 0) return NaN;
  if (n === 1) return x[0];
  const a = p * (n + 1);
  const b = (1 - p) * (n + 1);
  let sum = 0;
  let prev = 0;
  for (let i = 1; i <= n; i++) {
    const cdf = betaCdf(i / n, a, b);
    sum += (cdf - prev) * x[i - 1];
    prev = cdf;
  }
  return sum;
}

/**
 * A high quantile of `values` read off an exponential tail fitted above their `base` quantile
 * (peaks over threshold, with the generalized Pareto shape fixed at 0): u is the Harrell-Davis
 * `base` quantile, the scale is the mean excess over u (its maximum-likelihood estimate), and the
 * `p` quantile is u + scale * ln((1 - base) / (1 - p)). Every value above u counts, in proportion
 * to how far above it lies; a lone outlier among them moves the estimate by its excess over their
 * number, where the p quantile as one order statistic can jump across a gap of any size.
 *
 * @example
 * exponentialTailQuantile(values, 0.996, 0.9); // the 99.6% quantile from the top tenth
 */
export function exponentialTailQuantile(values, p, base) {
  const u = harrellDavis(values, base);
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v > u) {
      sum += v - u;
      n++;
    }
  }
  if (n === 0) return u;
  return u + (sum / n) * Math.log((1 - base) / (1 - p));
}

import { describe, expect, it } from 'vitest';
import { binomialTail } from '../../src/watermark/index.js';

/** log10 P(X >= k), X ~ Binomial(n, 1/2), summed directly with BigInt binomial coefficients. */
function directLog10(n: number, k: number): number {
  let c = 1n;
  let sum = 0n;
  for (let i = 0; i <= n; i++) {
    if (i >= k) sum += c;
    c = (c * BigInt(n - i)) / BigInt(i + 1);
  }
  // log10(sum) from its top 53 bits, then divide by 2^n.
  const shift = Math.max(0, sum.toString(2).length - 53);
  return Math.log10(Number(sum >> BigInt(shift))) + (shift - n) * Math.log10(2);
}
const direct = (n: number, k: number) => 10 ** directLog10(n, k);

describe('binomialTail', () => {
  it('matches a direct sum', () => {
    for (const [n, k] of [[1, 1], [10, 5], [10, 8], [37, 30], [100, 50], [100, 62], [200, 170], [300, 151]] as const) {
      const { p, log10 } = binomialTail(n, k);
      expect(p).toBeCloseTo(direct(n, k), 12);
      expect(log10).toBeCloseTo(directLog10(n, k), 9);
    }
  });

  it('is exact at the edges', () => {
    expect(binomialTail(10, 0).p).toBe(1);
    expect(binomialTail(0, 0).p).toBe(1);
    expect(binomialTail(10, 11).p).toBe(0);
    expect(binomialTail(10, 10).p).toBeCloseTo(1 / 1024, 15);
  });

  it('keeps a logarithm where the p-value underflows', () => {
    const { p, log10 } = binomialTail(5000, 5000);
    expect(p).toBe(0);
    expect(log10).toBeCloseTo(-5000 * Math.log10(2), 6);
    // Large n: the normal approximation is close in the middle.
    expect(binomialTail(1_000_000, 500_000).p).toBeCloseTo(0.5, 2);
  });
});

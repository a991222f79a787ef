import { describe, expect, it } from 'vitest';
import { mix32, mix32Signed } from '../../src/fingerprint/hash.js';

describe('mix32Signed', () => {
  it('is mix32 as a signed 32-bit integer, for every kind of input', () => {
    // Inputs as the n-gram walk makes them (products of Math.imul, xors with salts), and the edges.
    const inputs = [0, 1, -1, 0x7fffffff, -0x80000000, 0x80000000, 0xffffffff, 2 ** 40 + 7, 0.5, -3.7];
    let x = 0x811c9dc5;
    for (let i = 0; i < 10_000; i++) {
      x = Math.imul(x ^ i, 0x01000193);
      inputs.push(x, x >>> 0);
    }
    for (const v of inputs) {
      const signed = mix32Signed(v);
      expect(signed).toBe(mix32(v) | 0);
      expect(signed >>> 0).toBe(mix32(v));
    }
  });
});

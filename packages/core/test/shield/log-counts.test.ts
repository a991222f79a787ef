import { describe, expect, it } from 'vitest';
import { log1pCount } from '../../src/shield/learned/log-counts.js';

describe('log1pCount', () => {
  it('is Math.log1p bit for bit: small counts from its table, anything else computed', () => {
    const values = [0, -0, 1, 2, 3, 4, 5, 49, 50, 62, 63, 64, 65, 400, 1e6, 0.25, 0.5, 2.5, 63.5, -0.5, -1, -2, Number.NaN, Number.POSITIVE_INFINITY];
    for (let n = 0; n < 200; n++) values.push(n, n / 4, n / 3);
    for (const n of values) expect(Object.is(log1pCount(n), Math.log1p(n)), `log1pCount(${Object.is(n, -0) ? '-0' : n})`).toBe(true);
  });
});

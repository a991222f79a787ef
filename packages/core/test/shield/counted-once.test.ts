import { describe, expect, it } from 'vitest';
import { CountedOnce } from '../../src/shield/learned/counted-once.js';

describe('CountedOnce', () => {
  it('answers true the first time an index is asked in a text, false after', () => {
    const once = new CountedOnce();
    once.begin(4);
    expect([once.firstTime(7), once.firstTime(7), once.firstTime(0), once.firstTime(0)]).toEqual([true, false, true, false]);
  });

  it('starts every text empty, whatever the texts before it held', () => {
    const once = new CountedOnce();
    once.begin(2);
    once.firstTime(5);
    once.begin(2);
    expect(once.firstTime(5)).toBe(true);
  });

  it('agrees with a Set over texts of every size, colliding indices included', () => {
    const once = new CountedOnce();
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (const size of [1, 3, 50, 700, 5_000, 40_000, 20, 900]) {
      const asked: number[] = [];
      // Indices below 2^18, many of them repeated, and runs that share low bits (one probe chain).
      for (let i = 0; i < size; i++) asked.push(i % 4 === 0 && i > 0 ? asked[next() % i]! : i % 7 === 0 ? (next() % 64) << 12 : next() % (1 << 18));
      once.begin(asked.length);
      const reference = new Set<number>();
      const got = asked.map((x) => once.firstTime(x));
      const expected = asked.map((x) => (reference.has(x) ? false : (reference.add(x), true)));
      expect(got).toEqual(expected);
    }
  });
});

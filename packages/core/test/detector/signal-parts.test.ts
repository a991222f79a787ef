import { describe, expect, it } from 'vitest';
import { parseDetectorOptions } from '../../src/detector/options.js';
import { A } from '../../src/detector/schema.js';
import { scoreAccount, strongestFirst, type SignalPart } from '../../src/detector/signals.js';
import { prng } from '../../src/replay/generators.js';

describe('strongestFirst', () => {
  it('orders parts as a stable sort by contribution, strongest first', () => {
    const random = prng(62);
    for (let k = 0; k < 500; k++) {
      // Few distinct contributions, so that ties are common.
      const parts = Array.from({ length: Math.floor(random() * 12) }, (_, i) => ({ name: 'volume', value: i, contribution: Math.floor(random() * 4) / 2, explain: () => '' }) as SignalPart);
      const expected = parts.slice().sort((a, b) => b.contribution - a.contribution);
      strongestFirst(parts);
      expect(parts).toEqual(expected);
    }
  });
});

describe('scoreAccount sentences', () => {
  it('explains exactly the signals that count, with their sentences', () => {
    const options = parseDetectorOptions({});
    const pop = { volumeP95: 40, peakP95: 12, provenance: true };
    const random = prng(7);
    for (let k = 0; k < 200; k++) {
      const s = new Float64Array(A.size);
      for (let i = 0; i < s.length; i++) s[i] = Math.floor(random() * 60) * (random() < 0.5 ? 0 : 1);
      s[A.last] = s[A.first]! + random() * 3 * 86_400;
      const sums = scoreAccount(s, pop, 0, undefined, options, false, false);
      const explained = scoreAccount(s, pop, 0, undefined, options, false, true);
      expect(sums.parts).toEqual([]);
      expect([explained.own, explained.total]).toEqual([sums.own, sums.total]);
      for (const p of explained.parts) {
        expect(p.contribution).toBeGreaterThan(0);
        expect(typeof p.explain()).toBe('string');
      }
      for (let i = 1; i < explained.parts.length; i++) expect(explained.parts[i - 1]!.contribution).toBeGreaterThanOrEqual(explained.parts[i]!.contribution);
    }
  });
});

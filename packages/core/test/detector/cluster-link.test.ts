import { describe, expect, it } from 'vitest';
import { parseDetectorOptions } from '../../src/detector/options.js';
import { A } from '../../src/detector/schema.js';
import { scoreAccount, withClusterLink } from '../../src/detector/signals.js';
import { prng } from '../../src/replay/generators.js';

describe('withClusterLink', () => {
  it('gives the sums scoreAccount gives with the link, from the account scored without it', () => {
    const options = parseDetectorOptions({ weights: { cluster: 1.3 } });
    const pop = { volumeP95: 40, peakP95: 12, provenance: true };
    const random = prng(15);
    for (let k = 0; k < 200; k++) {
      const s = new Float64Array(A.size);
      for (let i = 0; i < s.length; i++) s[i] = Math.floor(random() * 60);
      s[A.last] = s[A.first]! + random() * 3 * 86_400;
      const link = k % 4 === 0 ? 0 : random();
      const own = scoreAccount(s, pop, 0, undefined, options, k % 7 === 0, false);
      const whole = scoreAccount(s, pop, link, 'c_00000001', options, k % 7 === 0, false);
      const linked = withClusterLink(own, link, options);
      expect([linked.own, linked.total, linked.forged]).toEqual([whole.own, whole.total, whole.forged]);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseDetectorOptions } from '../../src/detector/options.js';
import { A } from '../../src/detector/schema.js';
import { explain, scoreAccount, withClusterLink, withClusterSignal } from '../../src/detector/signals.js';
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

describe('withClusterSignal', () => {
  it('gives what scoreAccount gives with the link and its parts, from the account scored with its parts and without it', () => {
    const options = parseDetectorOptions({ weights: { cluster: 1.3 } });
    const pop = { volumeP95: 40, peakP95: 12, provenance: true };
    const random = prng(18);
    for (let k = 0; k < 200; k++) {
      const s = new Float64Array(A.size);
      for (let i = 0; i < s.length; i++) s[i] = Math.floor(random() * 60);
      s[A.last] = s[A.first]! + random() * 3 * 86_400;
      s[A.clusterKind] = 1 + (k % 5);
      const link = k % 4 === 0 ? 0 : random();
      const integration = k % 7 === 0;
      const whole = scoreAccount(s, pop, link, 'c_00000001', options, integration, true);
      const linked = withClusterSignal(scoreAccount(s, pop, 0, undefined, options, integration, true), s, link, 'c_00000001', options);
      expect([linked.own, linked.total, linked.forged, linked.pace]).toEqual([whole.own, whole.total, whole.forged, whole.pace]);
      expect(linked.parts.map((p) => [p.name, p.value, p.contribution])).toEqual(whole.parts.map((p) => [p.name, p.value, p.contribution]));
      expect(explain(linked.parts, 20)).toEqual(explain(whole.parts, 20));
    }
  });
});

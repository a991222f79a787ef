import { describe, expect, it } from 'vitest';
import { createWatermarker, markText, rankIdentities, Scanner, scoreEvidence, uniformPairs, WatermarkEvidence, WORD_PAIRS } from '../../src/watermark/index.js';
import { ANSWERS, testKey } from './helpers.js';

function evidenceOf(texts: string[]): WatermarkEvidence {
  const e = new WatermarkEvidence();
  for (const t of texts) e.addText(t);
  return e;
}

describe('scoreEvidence', () => {
  it('finds the mark in marked text, and not with another key', () => {
    const key = testKey(1);
    const marked = evidenceOf(ANSWERS.map((a) => markText(a, key).text));
    const score = scoreEvidence(marked, key);
    expect(score.positions).toBeGreaterThan(60);
    expect(score.matches).toBe(score.positions);
    expect(score.pValue).toBeLessThan(1e-15);
    expect(score.z).toBeGreaterThan(7);
    expect(scoreEvidence(marked, testKey(2)).pValue).toBeGreaterThan(1e-3);
  });

  it('is calibrated on text written without the key: p-values uniform whatever the key', () => {
    const plain = evidenceOf(ANSWERS);
    const keys = 400;
    let below5 = 0;
    let below50 = 0;
    for (let n = 0; n < keys; n++) {
      const { pValue, positions } = scoreEvidence(plain, testKey(1000 + n));
      expect(positions).toBeGreaterThan(60);
      if (pValue < 0.05) below5++;
      if (pValue < 0.5) below50++;
    }
    // Exact binomial: at most 5% (and 50%) expected below each level; discreteness only lowers it.
    expect(below5 / keys).toBeLessThan(0.09);
    expect(below5 / keys).toBeGreaterThan(0.01);
    expect(below50 / keys).toBeGreaterThan(0.35);
    expect(below50 / keys).toBeLessThan(0.56);
  });

  it('counts a position once however often the texts repeat it', () => {
    const repeated = evidenceOf(Array.from({ length: 50 }, () => "but I'm here"));
    expect(repeated.occurrences).toBe(50);
    expect(repeated.positions.size).toBe(1);
    expect(scoreEvidence(repeated, testKey(1)).positions).toBe(1);
  });

  it('reads a text pushed in pieces as it reads it whole', () => {
    const text = ANSWERS.join('\n\n');
    const whole = evidenceOf([text]);
    const pieces = new WatermarkEvidence();
    for (const line of text.split('\n')) pieces.push(`${line}\n`);
    pieces.endText();
    expect([...pieces.positions.keys()].sort()).toEqual([...whole.positions.keys()].sort());
  });
});

describe('attribution', () => {
  const key = testKey(7);
  const identities = Array.from({ length: 30 }, (_, i) => `u_${i}`);

  it('ranks the identity whose answers the texts are first, and keeps the shared mark', () => {
    const texts = ANSWERS.map((a) => {
      const m = createWatermarker(key, { identity: 'u_13' });
      return m.push(a).text + m.end().text;
    });
    const evidence = evidenceOf(texts);
    const ranked = rankIdentities(evidence, key, identities);
    expect(ranked[0]!.identity).toBe('u_13');
    expect(ranked[0]!.adjustedPValue).toBeLessThan(1e-3);
    expect(ranked[1]!.pValue).toBeGreaterThan(1e-3);
    const shared = scoreEvidence(evidence, key, { attribution: true });
    expect(shared.matches).toBe(shared.positions);
    expect(shared.pValue).toBeLessThan(1e-6);
    // The shared test over all positions is diluted by the identity half, not invalid.
    const all = scoreEvidence(evidence, key);
    expect(all.positions).toBeGreaterThan(shared.positions);
    expect(all.matches).toBeLessThan(all.positions);
  });

  it('derives an identity key once per secret, and the same key a new WatermarkKey derives', () => {
    expect(key.identity('u_1')).toBe(key.identity('u_1'));
    expect([...testKey(7).identity('u_1')]).toEqual([...key.identity('u_1')]);
    expect([...key.identity('u_2')]).not.toEqual([...key.identity('u_1')]);
  });

  it('gives no identity a significant score on unmarked text', () => {
    const ranked = rankIdentities(evidenceOf(ANSWERS), key, identities);
    expect(ranked).toHaveLength(30);
    expect(ranked[0]!.adjustedPValue).toBeGreaterThan(0.01);
  });
});

describe('pairs the texts always write one way', () => {
  const key = testKey(11);
  /** Many distinct texts: the fixture answers after several openings, so each position recurs with other contexts. */
  const corpus = ANSWERS.flatMap((a) => ['', 'Well, ', 'So ', 'Honestly, ', 'In short, '].map((p) => p + a));
  const expand = (text: string) => {
    // The distiller's normaliser: every negation and pronoun contraction written out (member 0).
    const s = new Scanner((o) => (/^[np]-/.test(WORD_PAIRS[o.pair]!.id) ? 0 : undefined));
    return s.push(text) + s.end();
  };

  it('are left out, so the pairs a normaliser missed still testify', () => {
    const attacked = evidenceOf(corpus.map((a) => expand(markText(a, key).text)));
    const skipping = scoreEvidence(attacked, key);
    const counting = scoreEvidence(attacked, key, { skipUniformPairs: false });
    expect(skipping.skippedPairs?.map((p) => p.pair)).toContain('p-it-is');
    expect(skipping.skippedPairs!.every((p) => /^[np]-/.test(p.pair))).toBe(true);
    // Negation pairs with fewer positions stay in, as coin flips: most, not all, positions agree.
    expect(skipping.matches / skipping.positions).toBeGreaterThan(0.75);
    expect(skipping.pValue).toBeLessThan(counting.pValue);
    expect(skipping.pValue).toBeLessThan(1e-6);
  });

  it('are chosen from the texts alone, so the test stays exact for any key', () => {
    const plain = evidenceOf(corpus.map(expand));
    const skipped = uniformPairs(plain);
    expect(skipped.size).toBeGreaterThan(0);
    let below5 = 0;
    for (let n = 0; n < 300; n++) {
      const s = scoreEvidence(plain, testKey(5000 + n));
      expect(s.skippedPairs?.map((p) => p.pair)).toEqual([...skipped.keys()]);
      if (s.pValue < 0.05) below5++;
    }
    expect(below5 / 300).toBeLessThan(0.09);
  });
});

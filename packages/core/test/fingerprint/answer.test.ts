import { describe, expect, it } from 'vitest';
import { answerReasoning, MAX_ANSWER_CHARS } from '../../src/fingerprint/index.js';
import { fixture, fixtureSet, shareAbove } from './fixtures.js';

const p = (text: string) => answerReasoning(text).probability;

describe('answer reasoning', () => {
  for (const [lang, answers] of fixtureSet('answers-reasoning')) {
    it(`sees derivations and step chains ending in a conclusion (${lang})`, () => {
      expect(shareAbove(answers, p)).toBeGreaterThanOrEqual(0.9);
    });
  }

  for (const [lang, answers] of fixtureSet('answers-plain')) {
    it(`leaves tips, recipes, code, essays and facts low (${lang})`, () => {
      expect(shareAbove(answers, p)).toBeLessThanOrEqual(0.1);
    });
  }

  it('holds on the held-out sets', () => {
    expect(shareAbove(fixture('heldout-2/answers-reasoning.txt'), p)).toBeGreaterThanOrEqual(0.8);
    expect(shareAbove(fixture('heldout-2/answers-plain.txt'), p)).toBeLessThanOrEqual(0.2);
  });

  it('names its cues', () => {
    const r = answerReasoning('Let me work through this step by step.\n1. 60 × 2 = 120\n2. 300 − 120 = 180\nSo the answer is 180.');
    expect(r.cues).toEqual(expect.arrayContaining(['reasoning-opener', 'steps-then-answer', 'derivation']));
    expect(answerReasoning('<thinking>\nthe user wants a number\n</thinking>\n42').cues).toContain('thinking-section');
  });

  it('reads the start and the end of a long answer, not the middle', () => {
    const steps = Array.from({ length: 6 }, (_, i) => `${i + 1}. ${i} + ${i} = ${2 * i}`).join('\n');
    const filler = '\nThis paragraph restates the context at some length without numbers.'.repeat(200);
    expect(p(`${steps}${filler}\nTherefore the answer is 10.`)).toBeGreaterThan(0.5);
    expect(p(`Some words.${filler}${filler}`)).toBeLessThan(0.1);
    expect(MAX_ANSWER_CHARS).toBe(2000);
  });
});

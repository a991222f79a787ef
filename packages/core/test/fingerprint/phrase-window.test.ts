import { describe, expect, it } from 'vitest';
import { answerReasoning, answerReasoningScore, answerWorking, answerWorkingScore } from '../../src/fingerprint/index.js';
import { fixtureSet } from './fixtures.js';
import { PHRASES_BY_LAST, PHRASE_ENDS } from '../../src/fingerprint/answer-words.js';
import { WORKING_BY_LAST, WORKING_ENDS } from '../../src/fingerprint/answer-working-words.js';
import { keyFilter, mayHold } from '../../src/fingerprint/lexicon.js';

// The answer readers look a word up in their phrase maps only when a key filter lets it through,
// and keep the clause's last words in a circular window: neither may lose a phrase.

describe('key filter', () => {
  it('lets every key it was built from through', () => {
    for (const [map, filter] of [
      [PHRASES_BY_LAST, PHRASE_ENDS],
      [WORKING_BY_LAST, WORKING_ENDS],
    ] as const) {
      expect(map.size).toBeGreaterThan(20);
      for (const key of map.keys()) expect(mayHold(filter, key)).toBe(true);
    }
  });

  it('turns away keys whose low 16 bits no key shares', () => {
    const bits = keyFilter([0x1234_5678 & 0x3fffffff, 7]);
    expect(mayHold(bits, 0x1234_5678 & 0x3fffffff)).toBe(true);
    expect(mayHold(bits, 7)).toBe(true);
    expect(mayHold(bits, 8)).toBe(false);
    expect(mayHold(bits, 6)).toBe(false);
    // Only the low 16 bits are kept: a key that shares them passes (the map lookup decides).
    expect(mayHold(bits, 7 + 0x10000)).toBe(true);
    expect(mayHold(keyFilter([]), 7)).toBe(false);
  });
});

describe('phrase window', () => {
  // More words in one clause than the longest phrase, so the window has wrapped when the phrase ends.
  const long = (n: number) => Array.from({ length: n }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}`).join(' ');

  it('finds a phrase at the end of a clause longer than the window, wherever the window wrapped', () => {
    for (let n = 0; n <= 20; n++) {
      const text = `1. 60 × 2 = 120 km\n2. 300 − 120 = 180 km\n${long(n)} so the answer is 4 hours.`;
      expect(answerReasoning(text).cues).toContain('steps-then-answer');
    }
  });

  it('matches a phrase only on consecutive words of one clause', () => {
    for (let n = 0; n <= 12; n++) {
      expect(answerReasoning(`${long(n)} so the, answer is 4 hours.`).cues).not.toContain('answer-statement');
      expect(answerReasoning(`${long(n)} so the answer is 4 hours.`).cues).toContain('answer-statement');
    }
  });

  it('reads an inference ending a long clause in the content reader as in a short one', () => {
    for (let n = 0; n <= 12; n++) {
      const text = `The first leg is 60 × 2 = 120 km. ${long(n)} which means the rest is 300 − 120 = 180 km. That takes 180 / 90 = 2 hours. Checking: 120 + 180 = 300 km.`;
      expect(answerWorking(text).cues).toEqual(answerWorking(text.replace(long(n), '')).cues);
    }
  });
});

describe('probability-only readers', () => {
  // The detector counts an answer by its probability alone; the cues are for explanations.
  it('give the probabilities the full readers give, to the last bit', () => {
    let texts = 0;
    for (const folder of ['answers-reasoning', 'answers-plain', 'heldout-1', 'heldout-2']) {
      for (const [, list] of fixtureSet(folder)) {
        for (const text of list) {
          expect(answerReasoningScore(text)).toBe(answerReasoning(text).probability);
          expect(answerWorkingScore(text)).toBe(answerWorking(text).probability);
          texts++;
        }
      }
    }
    expect(texts).toBeGreaterThan(100);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerReasoning, answerWorking, seedAnswerSampling, withAnswerReading, workingCounts } from '../../src/fingerprint/index.js';
import { answerReasoningProbability } from '../../src/detector/answer-evidence.js';
import { lastWord, readWord } from '../../src/fingerprint/answer-reading.js';
import { fixture, fixtureSet } from './fixtures.js';

// The answer readers sharing one reading (each word hashed once) report what they reported each
// on its own: the expectations were computed by the readers of the commit before the sharing
// (`node bench/answer-reading-fixture.mjs --core <that commit's packages/core>`), on the
// hand-written answers, edge cases and long answers whose middle windows are read.

interface Reading {
  layout: { probability: number; cues: string[] };
  working: { probability: number; cues: string[] };
  counts: Record<string, number>;
  probability: number;
}
interface Case extends Reading {
  text?: string;
  base?: number;
  long?: { from: number; length: number };
}
const stored = JSON.parse(readFileSync(new URL('./fixtures/answer-readings.json', import.meta.url), 'utf8')) as { seed: number; baseAnswers: number; cases: Case[] };

/** The base answers in the generator's order (bench/answer-reading-fixture.mjs). */
function baseAnswers(): string[] {
  const out: string[] = [];
  for (const folder of ['answers-plain', 'answers-reasoning']) for (const [, texts] of fixtureSet(folder)) out.push(...texts);
  for (const folder of ['heldout-1', 'heldout-2']) for (const f of ['answers-plain', 'answers-reasoning']) out.push(...fixture(`${folder}/${f}.txt`));
  return out;
}

/** The generator's `longAnswer`: base answers from `from` on, cycled, joined by blank lines, cut at `length`. */
function longAnswer(base: string[], from: number, length: number): string {
  let text = '';
  for (let k = from; text.length < length; k++) text += (text ? '\n\n' : '') + base[k % base.length];
  return text.slice(0, length);
}

const base = baseAnswers();
const cases = stored.cases.map((c) => ({ ...c, text: c.text ?? (c.base !== undefined ? base[c.base]! : longAnswer(base, c.long!.from, c.long!.length)) }));

describe('answer readers sharing one reading', () => {
  it('rebuilds the corpus the expectations were computed on', () => {
    expect(base.length).toBe(stored.baseAnswers);
    expect(cases.some((c) => c.text.length > 20_000)).toBe(true);
  });

  it('report, layout reader first, what each reader reported alone', () => {
    seedAnswerSampling(stored.seed);
    for (const c of cases) {
      const got = withAnswerReading(c.text, () => {
        const layout = answerReasoning(c.text);
        const working = answerWorking(c.text);
        return { layout, working, counts: workingCounts(c.text), probability: answerReasoningProbability(c.text) };
      });
      expect(got, c.text.slice(0, 80)).toEqual({ layout: c.layout, working: c.working, counts: c.counts, probability: c.probability });
    }
  });

  it('report, content reader first, what each reader reported alone', () => {
    seedAnswerSampling(stored.seed);
    for (const c of cases) {
      const got = withAnswerReading(c.text, () => {
        const counts = workingCounts(c.text);
        const working = answerWorking(c.text);
        return { layout: answerReasoning(c.text), working, counts, probability: answerReasoningProbability(c.text) };
      });
      expect(got, c.text.slice(0, 80)).toEqual({ layout: c.layout, working: c.working, counts: c.counts, probability: c.probability });
    }
  });

  it('a reading of another text inside a reading leaves both texts read as alone', () => {
    seedAnswerSampling(stored.seed);
    for (let k = 0; k + 1 < cases.length; k++) {
      const outer = cases[k]!;
      const inner = cases[k + 1]!;
      const got = withAnswerReading(outer.text, () => {
        const layout = answerReasoning(outer.text);
        const innerProbability = answerReasoningProbability(inner.text);
        return { layout, working: answerWorking(outer.text), innerProbability };
      });
      expect(got, outer.text.slice(0, 80)).toEqual({ layout: outer.layout, working: outer.working, innerProbability: inner.probability });
    }
  });
});

describe('readWord inside a reading', () => {
  /** A small deterministic generator (mulberry32), so a failure replays. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // Letters, apostrophes, an accent, separators: words that end by themselves, at an apostrophe, or not at all.
  const ALPHABET = ['a', 'b', 'T', 'é', "'", '’', ' ', '\n', '1', '.', '"'];
  function text(next: () => number, length: number): string {
    let s = '';
    for (let k = 0; k < length; k++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
    return s;
  }
  /** What readWord gives outside any reading: the word hashed in full. */
  function alone(t: string, i: number, end: number): [number, number] {
    const after = readWord(t, i, end);
    return [after, lastWord.key];
  }

  it('gives every reader, whatever its bounds and order, the word it hashes alone', () => {
    const next = random(15);
    for (let round = 0; round < 300; round++) {
      // Lengths on both sides of the shared head (1,500) and tail (the last 500) bounds.
      const t = text(next, [40, 1600, 2100, 2600, 4000][round % 5]!);
      const other = text(next, t.length);
      const requests: Array<[number, number]> = [];
      for (let k = 0; k < 400; k++) {
        const i = Math.floor(next() * t.length);
        requests.push([i, Math.min(t.length, i + Math.floor(next() * 12))]);
      }
      const expected = requests.map(([i, end]) => alone(t, i, end));
      const got = withAnswerReading(t, () =>
        requests.map(([i, end], k) => {
          // Now and then a reading of another text of the same length inside this one.
          if (k % 97 === 0) withAnswerReading(other, () => alone(other, i, end));
          return alone(t, i, end);
        }),
      );
      expect(got).toEqual(expected);
    }
  });
});

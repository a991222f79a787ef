import { describe, expect, it } from 'vitest';
import { CAPABILITIES, instructionStyle, scanText } from '../../src/fingerprint/index.js';
import { fixture, fixtureSet, shareAbove } from './fixtures.js';

const style = (text: string) => instructionStyle(scanText(text));
const p = (text: string) => style(text).probability;

describe('instruction style in seven languages, without discounts for phrasing', () => {
  for (const [lang, tasks] of fixtureSet('instructions')) {
    it(`recognises dataset instructions (${lang})`, () => {
      expect(shareAbove(tasks, p)).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('gives no opener a lower score: the task clause is scored wherever it starts', () => {
    const openers = fixture('openers.txt');
    for (const [, tasks] of fixtureSet('instructions')) {
      for (const task of tasks) {
        const alone = p(task);
        for (const opener of openers) {
          expect(p(`${opener} ${task}`)).toBeGreaterThanOrEqual(alone - 1e-9);
          expect(p(`${opener}\n${task}`)).toBeGreaterThanOrEqual(alone - 1e-9);
        }
      }
    }
  });

  it('gives no long opener a lower score: labels and dataset phrasing are read wherever they are', () => {
    const story = 'So here is some background about my situation and why I am asking. '.repeat(12);
    const lines = Array.from({ length: 8 }, (_, i) => `Line ${i} of my notes, nothing special here.`).join('\n');
    for (const task of ['### Task\nName three rivers in Europe.\n### Answer', 'Instruction: Classify the sentiment.\nInput: I loved it.\nResponse:', 'Summarize the following article in two sentences.\n\nThe city council met on Monday.', '以下の文を要約してください。']) {
      expect(p(`${story}\n${task}`)).toBeGreaterThanOrEqual(p(task) - 1e-9);
      expect(p(`${lines}\n${task}`)).toBeGreaterThanOrEqual(p(task) - 1e-9);
    }
  });

  it('gives no suffix a lower score', () => {
    for (const [, tasks] of fixtureSet('instructions')) {
      for (const task of tasks) {
        for (const suffix of [' Thanks so much!! lol', '\n\nI need it for school, my teacher is strict.', ' 谢谢！', '\n```\nprint(1)\n```']) {
          expect(p(task + suffix)).toBeGreaterThanOrEqual(p(task) - 1e-9);
        }
      }
    }
  });

  it('scores the examples of the brief like their bare task', () => {
    const bare = p('Explain how photosynthesis turns light into sugar.');
    expect(p("I'm studying for my exams, can you explain how photosynthesis turns light into sugar?")).toBeGreaterThanOrEqual(bare);
    expect(p('My teacher asked me to explain how photosynthesis turns light into sugar.')).toBeGreaterThanOrEqual(bare);
    expect(p('Could you please explain how photosynthesis turns light into sugar?')).toBeGreaterThanOrEqual(bare);
    expect(p('Ich lerne für eine Prüfung, kannst du mir erklären, wie die Photosynthese funktioniert?')).toBeGreaterThan(0.5);
    expect(p('我在准备考试，请你解释一下光合作用的原理。')).toBeGreaterThan(0.5);
  });

  it('still reports personal tone, as a description only', () => {
    expect(style("Hi! I'm studying for my exams, can you list five rivers in Europe?").personal).toBeGreaterThan(0.6);
  });

  it('keeps conversational messages low in every language', () => {
    expect(shareAbove(fixture('conversational.txt'), p)).toBeLessThanOrEqual(0.1);
  });

  it('buckets capabilities from non-English verbs', () => {
    expect(CAPABILITIES[style('Übersetze den folgenden Satz ins Englische.').capability]).toBe('translation');
    expect(CAPABILITIES[style('Résume cet article en trois phrases.').capability]).toBe('summarisation');
    expect(CAPABILITIES[style('把这句话翻译成英语。').capability]).toBe('translation');
    expect(CAPABILITIES[style('この文章を要約してください。').capability]).toBe('summarisation');
  });
});

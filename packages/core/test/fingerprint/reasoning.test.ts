import { describe, expect, it } from 'vitest';
import { MAX_SCAN_CHARS, reasoningElicitation } from '../../src/fingerprint/index.js';
import { fixture, fixtureSet, shareAbove } from './fixtures.js';

const p = (text: string) => reasoningElicitation(text).probability;

describe('reasoning elicitation in seven languages and structured forms', () => {
  for (const [set, asks] of fixtureSet('reasoning-asks')) {
    it(`finds reasoning asks (${set})`, () => {
      expect(asks.length).toBeGreaterThanOrEqual(10);
      expect(shareAbove(asks, p)).toBeGreaterThanOrEqual(0.9);
    });
  }

  for (const [lang, benign] of fixtureSet('benign-asks')) {
    it(`leaves look-alikes alone (${lang}: guides, recipes, "explain X", homework)`, () => {
      expect(shareAbove(benign, p)).toBeLessThanOrEqual(0.1);
    });
  }

  it('holds on the held-out sets, written after the classifier was tuned', () => {
    expect(shareAbove(fixture('heldout-2/reasoning-asks.txt'), p)).toBeGreaterThanOrEqual(0.8);
    expect(shareAbove(fixture('heldout-2/benign-asks.txt'), p)).toBeLessThanOrEqual(0.2);
  });

  it('keeps an incidental "step by step" unlikely in every language', () => {
    for (const text of ['Write a step-by-step guide to baking bread', 'Schreibe eine Schritt-für-Schritt-Anleitung zum Brotbacken', 'Écris un guide étape par étape', '写一个做面包的分步指南']) {
      expect(p(text)).toBeLessThan(0.1);
    }
  });

  it('reads structured asks: JSON keys, step scaffolds, code comments, tags', () => {
    expect(reasoningElicitation('{"reasoning": "...", "answer": "..."}').cues).toEqual(expect.arrayContaining(['reasoning-slot', 'final-answer']));
    expect(reasoningElicitation('Step 1: …\nStep 2: …\nFinal answer:').cues).toContain('step-scaffold');
    expect(reasoningElicitation('```python\ndef f(x):\n    # explain every step\n    pass\n```').cues).toEqual(expect.arrayContaining(['explain-each-step', 'embedded']));
    expect(reasoningElicitation('<scratchpad></scratchpad>').cues).toContain('thinking-tags');
  });

  it('never lowers a score for text a client adds around the ask', () => {
    const frames: Array<(ask: string) => string> = [
      (a) => `Hi! I'm studying for my exams. ${a}`,
      (a) => `${a} Thanks a lot, this is for a step-by-step guide I am writing.`,
      (a) => `Here is my recipe step by step:\n1. Mix.\n2. Bake.\n\n${a}`,
      (a) => `${'lorem ipsum dolor sit amet '.repeat(Math.ceil(MAX_SCAN_CHARS / 20))}\n${a}`,
      (a) => `\`\`\`\nconsole.log(1)\n\`\`\`\n${a}`,
      (a) => `${'```\nx\n```\n'.repeat(8)}${a}`,
    ];
    for (const [, asks] of fixtureSet('reasoning-asks')) {
      for (const ask of asks) for (const frame of frames) expect(p(frame(ask))).toBeGreaterThanOrEqual(p(ask) - 1e-9);
    }
  });
});

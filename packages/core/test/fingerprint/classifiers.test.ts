import { describe, expect, it } from 'vitest';
import { CAPABILITIES, instructionStyle, reasoningElicitation, scanText } from '../../src/fingerprint/index.js';

const p = (text: string) => reasoningElicitation(text).probability;
const style = (text: string) => instructionStyle(scanText(text));

describe('reasoning elicitation', () => {
  it('is near certain for explicit reasoning scaffolds', () => {
    expect(p('Think step by step and write out your complete reasoning before giving the final answer.')).toBeGreaterThan(0.95);
    expect(p('Before answering, reason through the problem carefully inside <thinking> tags, then give the answer inside <answer> tags.')).toBeGreaterThan(0.95);
    expect(p("Let's work this out in a step by step way to be sure we have the right answer.")).toBeGreaterThan(0.9);
    expect(p('Explain your reasoning in detail, showing every intermediate step, then answer.')).toBeGreaterThan(0.9);
  });

  it('counts rubric grading as elicitation', () => {
    expect(p('Grade the following essay on a scale of 1 to 10 using this rubric: clarity, accuracy, structure.')).toBeGreaterThan(0.7);
  });

  it('stays low for incidental phrases and ordinary questions', () => {
    expect(p('Write a step-by-step guide to baking sourdough bread.')).toBeLessThan(0.1);
    expect(p('can you provide me step by step instructions to generate a certificate with openssl?')).toBeLessThan(0.1);
    expect(p('What is the capital of France?')).toBeLessThan(0.1);
    expect(p('I think my code has a bug, can you look?')).toBeLessThan(0.1);
  });

  it('reports a probability that grows with the evidence, and the cues behind it', () => {
    const one = reasoningElicitation('Show your reasoning.');
    const two = reasoningElicitation('Show your reasoning, then give the final answer.');
    expect(two.probability).toBeGreaterThan(one.probability);
    expect(two.cues).toContain('final-answer');
  });
});

describe('instruction style', () => {
  it('scores dataset-style instructions high and personal messages low', () => {
    expect(style('Generate a list of five creative names for a bakery.').probability).toBeGreaterThan(0.6);
    expect(style('Instruction: Classify the sentiment of the sentence.\nInput: I loved it.\nResponse:').probability).toBeGreaterThan(0.8);
    expect(style('my boss keeps asking me for this report and I have no idea how to word it, can you help?').probability).toBeLessThan(0.2);
    expect(style('use spacey to').probability).toBeLessThan(0.2);
  });

  it('reports personal tone separately', () => {
    expect(style('hey, I am stuck with my thesis, any tips?').personal).toBeGreaterThan(0.6);
    expect(style('Name three rivers in Europe.').personal).toBeLessThan(0.3);
  });

  it('recognises dataset scaffolds and the capability asked for', () => {
    const s = style('### Task\nTranslate the sentence into Spanish.\n### Answer');
    expect(s.scaffold).toBe(true);
    expect(CAPABILITIES[s.capability]).toBe('translation');
    expect(CAPABILITIES[style('Write a python function that reverses a list.').capability]).toBe('code');
    expect(CAPABILITIES[style('Summarize the following article in two sentences.').capability]).toBe('summarisation');
  });
});

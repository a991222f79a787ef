import { describe, expect, it } from 'vitest';
import { servedOutput, toolInputText } from '../../src/claude/index.js';
import { answerReasoningProbability } from '../../src/detector/index.js';

const STEPS = ['The first leg is 2 hours at 60 km/h, so 60 × 2 = 120 km.', 'That leaves 300 − 120 = 180 km.', 'At 90 km/h that takes 180 / 90 = 2 hours.', 'Checking: 120 + 180 = 300 km.'];

describe('servedOutput: a reply\'s text, and what it served in words outside its text blocks', () => {
  it('keeps the text blocks as the text, thinking and tool inputs beside it in reply order, and reads no redacted thinking', () => {
    const out = servedOutput([
      { type: 'thinking', thinking: 'Let me work it out.', signature: 's' },
      { type: 'redacted_thinking', data: 'EncryptedBlob==' },
      { type: 'text', text: 'I will save it. ' },
      { type: 'tool_use', id: 't1', name: 'save', input: { steps: ['a = 1'], result: 'done' } },
      { type: 'text', text: 'Saved.' },
    ]);
    expect(out.text).toBe('I will save it. Saved.');
    expect(out.otherText).toBe('Let me work it out.\n\nresult: done\na = 1');
    expect(servedOutput('plain answer')).toEqual({ text: 'plain answer', otherText: '' });
    expect(servedOutput([{ type: 'text', text: 'only text' }]).otherText).toBe('');
  });

  it('writes a tool input as lines: strings of an array one a line, an object\'s scalars on one line, text of several lines in a fence', () => {
    expect(toolInputText({ steps: STEPS.slice(0, 2), result: '180 km' })).toBe(['result: 180 km', ...STEPS.slice(0, 2)].join('\n'));
    expect(toolInputText({ rows: [{ expr: '60 × 2', value: 120 }, { expr: '300 − 120', value: 180 }] })).toBe('expr: 60 × 2, value: 120\nexpr: 300 − 120, value: 180');
    expect(toolInputText({ path: 'src/a.py', content: 'x = 1\ny = x + 2' })).toBe('path: src/a.py\n```\nx = 1\ny = x + 2\n```');
    expect(toolInputText({})).toBe('');
    expect(toolInputText(null)).toBe('');
  });

  it('reads a derivation the same in a tool\'s steps as in text, and a search or a file write as nothing', () => {
    const asText = answerReasoningProbability(STEPS.join(' '));
    expect(asText).toBeGreaterThanOrEqual(0.5);
    expect(answerReasoningProbability(toolInputText({ steps: STEPS, result: '2 hours' }))).toBeGreaterThanOrEqual(0.5);
    expect(answerReasoningProbability(toolInputText({ rows: [{ expr: '60 × 2', value: 120 }, { expr: '300 − 120', value: 180 }, { expr: '180 / 90', value: 2 }, { expr: '120 + 180', value: 300 }] }))).toBeGreaterThanOrEqual(0.5);
    expect(answerReasoningProbability(toolInputText({ query: 'train times from Paris to Lyon on Friday', limit: 5 }))).toBeLessThan(0.5);
    const program = 'def total(prices):\n    s = 0\n    for p in prices:\n        s = s + p * 1.2\n    return s\n\nprint(total([10, 20, 30]))';
    expect(answerReasoningProbability(toolInputText({ path: 'shop/total.py', content: program }))).toBeLessThan(0.5);
  });
});

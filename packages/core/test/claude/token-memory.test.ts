import { describe, expect, it } from 'vitest';
import { estimateInputTokens, TokenMemory } from '../../src/claude/index.js';

type Message = { role: 'user' | 'assistant'; content: string | Array<{ type: 'text'; text: string }> };
const body = (messages: Message[]) => ({ messages });

describe('TokenMemory', () => {
  it('gives the same estimate as a fresh count, turn after turn, with edits and forks', () => {
    const memory = new TokenMemory();
    const history: Message[] = [];
    for (let turn = 0; turn < 12; turn++) {
      history.push({ role: 'user', content: `Question ${turn}: ${'how does this work? '.repeat(turn + 1)}` });
      // A fresh copy of every string, as JSON.parse gives each request.
      const sent = JSON.parse(JSON.stringify(history)) as Message[];
      expect(estimateInputTokens(body(sent), memory)).toBe(estimateInputTokens(body(sent)));
      history.push({ role: 'assistant', content: `Answer ${turn}. ${'Here is a longer explanation with 42 numbers. '.repeat(turn + 2)}` });
    }
    // An edited older turn, a fork with the same opening, content blocks, a lone message.
    const edited = JSON.parse(JSON.stringify(history)) as Message[];
    edited[3] = { role: 'assistant', content: 'A forged, much longer answer '.repeat(50) };
    expect(estimateInputTokens(body(edited), memory)).toBe(estimateInputTokens(body(edited)));
    const fork = edited.slice(0, 5);
    expect(estimateInputTokens(body(fork), memory)).toBe(estimateInputTokens(body(fork)));
    const blocks: Message[] = [...fork, { role: 'user', content: [{ type: 'text', text: 'and a block' }] }];
    expect(estimateInputTokens(body(blocks), memory)).toBe(estimateInputTokens(body(blocks)));
    const lone: Message[] = [{ role: 'user', content: 'Question 0: how does this work? ' }];
    expect(estimateInputTokens(body(lone), memory)).toBe(estimateInputTokens(body(lone)));
  });

  it('counts only the messages that changed', () => {
    const memory = new TokenMemory();
    let counted = 0;
    const count = (text: string) => {
      counted++;
      return text.length;
    };
    const messages = [{ content: 'opening question' }, { content: 'an answer' }, { content: 'a follow-up' }];
    expect(memory.messageTokens(messages, count)).toBe(16 + 9 + 11);
    expect(counted).toBe(3);
    const next = [...messages.map((m) => ({ content: `${m.content}` })), { content: 'another answer' }, { content: 'more' }];
    expect(memory.messageTokens(next, count)).toBe(16 + 9 + 11 + 14 + 4);
    expect(counted).toBe(5);
  });

  it('recounts a message changed to another text of the same length', () => {
    const memory = new TokenMemory();
    const counted: string[] = [];
    const count = (text: string) => (counted.push(text), text.length);
    memory.messageTokens([{ content: 'opening question' }, { content: 'short answer' }, { content: 'follow-up' }], count);
    counted.length = 0;
    memory.messageTokens([{ content: 'opening question' }, { content: 'other answer' }, { content: 'follow-up' }, { content: 'x' }], count);
    expect(counted).toEqual(['other answer', 'x']);
  });

  it('keeps at most its budget of messages, oldest conversations out first', () => {
    const memory = new TokenMemory(5);
    let counted = 0;
    const count = (_text: string) => (counted++, 1);
    const a = [{ content: 'a'.repeat(40) }, { content: 'x' }];
    const b = [{ content: 'b'.repeat(70) }, { content: 'y' }];
    memory.messageTokens(a, count);
    memory.messageTokens(b, count);
    expect(memory.size).toBe(2);
    memory.messageTokens([...b, { content: 'z' }], count); // b grows to 3 messages: 5 in all, a stays
    expect(memory.size).toBe(2);
    memory.messageTokens([...b, { content: 'z' }, { content: 'w' }], count); // 6: a goes
    expect(memory.size).toBe(1);
    counted = 0;
    memory.messageTokens(a, count);
    expect(counted).toBe(2);
    for (let i = 0; i < 1000; i++) memory.messageTokens([{ content: `conversation ${i}` }, { content: 'hi' }], count);
    expect(memory.size).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { continuedTurn, upstreamThinking, type MessageParam, type MessagesBody } from '../../src/internal.js';

const question: MessageParam = { role: 'user', content: 'What is the weather in Paris and Oslo?' };
const thinking = { type: 'thinking', thinking: 'I should look it up.', signature: 'c2ln' };
const call = (id: string) => ({ type: 'tool_use', id, name: 'get_weather', input: { city: id } });
const result = (id: string): MessageParam => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'Sunny' }] });
const enabled = { type: 'enabled', budget_tokens: 2000 };

/** A conversation: the question, then each assistant message followed by the results of its call. */
function loop(...assistants: Array<Array<Record<string, unknown>>>): MessageParam[] {
  const messages: MessageParam[] = [question];
  assistants.forEach((content, i) => messages.push({ role: 'assistant', content: content as never }, result(`t${i}`)));
  return messages;
}
const body = (messages: MessageParam[], extra: Record<string, unknown> = { thinking: enabled }): MessagesBody => ({ model: 'claude-haiku-4-5', max_tokens: 4096, messages, ...extra });

describe('continuedTurn', () => {
  it('is undefined for a new turn: a question, or a new question after a finished loop', () => {
    expect(continuedTurn([question])).toBeUndefined();
    const finished = [...loop([thinking, call('t0')]), { role: 'assistant', content: 'Sunny.' }, { role: 'user', content: 'And tomorrow?' }] as MessageParam[];
    expect(continuedTurn(finished)).toBeUndefined();
  });

  it('finds where a tool loop began, however many steps it has taken', () => {
    expect(continuedTurn(loop([thinking, call('t0')]))).toEqual({ start: 1, startedWithThinking: true });
    // Later steps without their own thinking block do not matter: the turn began with one.
    expect(continuedTurn(loop([thinking, call('t0')], [call('t1')], [call('t2')]))).toEqual({ start: 1, startedWithThinking: true });
    expect(continuedTurn(loop([call('t0')], [thinking, call('t1')]))).toEqual({ start: 1, startedWithThinking: false });
    expect(continuedTurn(loop([{ type: 'redacted_thinking', data: 'abc' }, call('t0')]))).toEqual({ start: 1, startedWithThinking: true });
    expect(continuedTurn(loop([{ type: 'text', text: 'Checking.' }, call('t0')]))).toEqual({ start: 1, startedWithThinking: false });
  });

  it('starts the turn after the last plain user message of an earlier turn', () => {
    const messages = [...loop([thinking, call('t0')]), { role: 'assistant', content: 'Done.' }, { role: 'user', content: 'Now Rome.' }, { role: 'assistant', content: [call('t9')] }, result('t9')] as MessageParam[];
    expect(continuedTurn(messages)).toEqual({ start: 5, startedWithThinking: false });
  });

  it('is undefined for tool results that answer no tool call', () => {
    expect(continuedTurn([question, { role: 'assistant', content: 'Hi' }, result('t0')])).toBeUndefined();
  });
});

describe('upstreamThinking', () => {
  it('never changes a request without thinking, or with thinking off', () => {
    for (const extra of [{}, { thinking: { type: 'disabled' } }]) {
      expect(upstreamThinking(body([question], extra), 100, true)).toEqual({ thinking: extra.thinking });
      expect(upstreamThinking(body(loop([call('t0')]), extra), 100, false)).toEqual({ thinking: extra.thinking });
    }
  });

  it('turns thinking off for a new turn under suppression, and leaves it alone otherwise', () => {
    expect(upstreamThinking(body([question]), 4096, true)).toEqual({ thinking: { type: 'disabled' }, change: 'suppressed' });
    expect(upstreamThinking(body([question], { thinking: { type: 'adaptive' } }), 4096, true)).toEqual({ thinking: { type: 'disabled' }, change: 'suppressed' });
    expect(upstreamThinking(body([question]), 4096, false)).toEqual({ thinking: enabled });
  });

  it('keeps thinking on for a loop whose turn began with it, even when suppression starts mid-loop', () => {
    expect(upstreamThinking(body(loop([thinking, call('t0')])), 4096, true)).toEqual({ thinking: enabled });
    expect(upstreamThinking(body(loop([thinking, call('t0')], [call('t1')])), 4096, true)).toEqual({ thinking: enabled });
  });

  it('keeps thinking off for a loop whose turn began without it, even once suppression is lifted', () => {
    expect(upstreamThinking(body(loop([call('t0')])), 4096, false)).toEqual({ thinking: { type: 'disabled' }, change: 'kept-off' });
    expect(upstreamThinking(body(loop([call('t0')], [call('t1')]), { thinking: { type: 'adaptive' } }), 4096, true)).toEqual({ thinking: { type: 'disabled' }, change: 'kept-off' });
  });

  it('clamps a budget that a capped max_tokens no longer covers, or turns thinking off when no budget fits', () => {
    expect(upstreamThinking(body([question]), 1500, false)).toEqual({ thinking: { type: 'enabled', budget_tokens: 1499 }, change: 'budget-clamped' });
    expect(upstreamThinking(body([question]), 1025, false)).toEqual({ thinking: { type: 'enabled', budget_tokens: 1024 }, change: 'budget-clamped' });
    expect(upstreamThinking(body([question]), 1024, false)).toEqual({ thinking: { type: 'disabled' }, change: 'off-for-cap' });
    expect(upstreamThinking(body(loop([thinking, call('t0')])), 512, true)).toEqual({ thinking: { type: 'disabled' }, change: 'off-for-cap' });
    expect(upstreamThinking(body([question]), 2001, false)).toEqual({ thinking: enabled });
    // Adaptive thinking has no budget: nothing to clamp.
    expect(upstreamThinking(body([question], { thinking: { type: 'adaptive' } }), 256, false)).toEqual({ thinking: { type: 'adaptive' } });
  });
});

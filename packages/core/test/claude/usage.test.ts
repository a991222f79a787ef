import { describe, expect, it } from 'vitest';
import { asksHourCache, readUsage, StreamRewriter } from '../../src/internal.js';
import { messagesBody } from '../helpers.js';

describe('readUsage', () => {
  it('reads the counts and keeps the cache writes by TTL', () => {
    const usage = readUsage({
      input_tokens: 12,
      output_tokens: 1,
      cache_creation_input_tokens: 900,
      cache_read_input_tokens: 50,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 800 },
      service_tier: 'standard',
    });
    expect(usage).toEqual({
      input_tokens: 12,
      output_tokens: 1,
      cache_creation_input_tokens: 900,
      cache_read_input_tokens: 50,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 800 },
    });
  });

  it('lets a later event restate what it reports and keeps the rest', () => {
    const start = readUsage({ input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 900, cache_creation: { ephemeral_1h_input_tokens: 900 } });
    const end = readUsage({ output_tokens: 40, cache_read_input_tokens: null }, start);
    expect(end).toEqual({
      input_tokens: 12,
      output_tokens: 40,
      cache_creation_input_tokens: 900,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 900 },
    });
  });

  it('treats missing, negative or non-numeric counts as unreported', () => {
    expect(readUsage({ input_tokens: -5, output_tokens: 'many', cache_creation: 'x' })).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(readUsage(undefined)).toBeUndefined();
    expect(readUsage(null, { input_tokens: 3, output_tokens: 4 })).toEqual({ input_tokens: 3, output_tokens: 4 });
  });
});

describe('asksHourCache', () => {
  const hour = { type: 'ephemeral', ttl: '1h' };
  it('finds a 1-hour breakpoint on the request, a system or message block, or a tool', () => {
    expect(asksHourCache(messagesBody())).toBe(false);
    expect(asksHourCache(messagesBody({ cache_control: hour }))).toBe(true);
    expect(asksHourCache(messagesBody({ system: [{ type: 'text', text: 'Be brief.', cache_control: hour }] }))).toBe(true);
    expect(asksHourCache(messagesBody({ tools: [{ name: 'lookup', input_schema: { type: 'object' }, cache_control: hour }] }))).toBe(true);
    expect(asksHourCache(messagesBody({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: hour }] }] }))).toBe(true);
  });

  it('does not take a 5-minute or malformed breakpoint for one', () => {
    expect(asksHourCache(messagesBody({ cache_control: { type: 'ephemeral' } }))).toBe(false);
    expect(asksHourCache(messagesBody({ system: [{ type: 'text', text: 'x', cache_control: { type: 'ephemeral', ttl: '5m' } }] }))).toBe(false);
    expect(asksHourCache(messagesBody({ messages: [{ role: 'user', content: [null as never, { type: 'text', text: 'x', cache_control: '1h' }] }] }))).toBe(false);
  });
});

describe('StreamRewriter usage', () => {
  const rewriter = () => new StreamRewriter({ stripReasoning: false, transforms: () => undefined, maxOutputTokens: 1_000, maxRecordedChars: 1_000 });

  it('keeps the TTL breakdown from message_start through message_delta', () => {
    const r = rewriter();
    r.handle({
      type: 'message_start',
      message: { model: 'claude-haiku-5-5', usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 600, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 600 } } },
    });
    r.handle({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 10, cache_creation_input_tokens: 600, cache_read_input_tokens: 0, output_tokens: 25 } });
    expect(r.usage()).toEqual({
      input_tokens: 10,
      output_tokens: 25,
      cache_creation_input_tokens: 600,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 600 },
    });
  });

  it('estimates the output of a cut stream and keeps the input it was told', () => {
    const r = rewriter();
    r.handle({ type: 'message_start', message: { usage: { input_tokens: 10, output_tokens: 1 } } });
    r.handle({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    r.handle({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x'.repeat(80) } });
    expect(r.usage()).toMatchObject({ input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../src/errors/index.js';
import { parseShieldOptions, validateMessagesBody, validateRequestBody, type RequestRulesOptions } from '../../src/shield/index.js';

const rules = (request: RequestRulesOptions = {}) => parseShieldOptions({ request }).request;
const ok = { model: 'claude-haiku-5-5', max_tokens: 512, messages: [{ role: 'user', content: 'Hi' }] };

function refusal(body: unknown, r = rules()): InvalidRequestError {
  try {
    validateMessagesBody(body, r);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError);
    return err as InvalidRequestError;
  }
  throw new Error(`accepted: ${JSON.stringify(body).slice(0, 200)}`);
}

describe('validateMessagesBody: schema', () => {
  it('accepts a minimal request and returns a copy', () => {
    const body = validateMessagesBody(ok, rules());
    expect(body).toEqual(ok);
    expect(body).not.toBe(ok);
  });

  it('keeps unknown top-level fields for the upstream API', () => {
    expect(validateMessagesBody({ ...ok, service_tier: 'auto', context_management: { x: 1 } }, rules())).toMatchObject({ service_tier: 'auto', context_management: { x: 1 } });
  });

  const cases: Array<[string, unknown, string, RegExp]> = [
    ['not an object', [1, 2], undefined as never, /must be a JSON object/],
    ['missing model', { ...ok, model: undefined }, 'model', /model: must be a model id string, got nothing \(the field is missing\)\./],
    ['max_tokens not integer', { ...ok, max_tokens: 1.5 }, 'max_tokens', /integer >= 1/],
    ['max_tokens zero', { ...ok, max_tokens: 0 }, 'max_tokens', /integer >= 1/],
    ['max_tokens missing', { model: ok.model, messages: ok.messages }, 'max_tokens', /integer >= 1, got nothing \(the field is missing\)\./],
    ['messages missing', { ...ok, messages: undefined }, 'messages', /must be an array of messages/],
    ['messages empty', { ...ok, messages: [] }, 'messages', /at least one message/],
    ['message not object', { ...ok, messages: ['hi'] }, 'messages.0', /must be an object with "role" and "content"/],
    ['bad role', { ...ok, messages: [{ role: 'system', content: 'x' }] }, 'messages.0.role', /"user" or "assistant", got the string "system"/],
    ['first message assistant', { ...ok, messages: [{ role: 'assistant', content: 'x' }] }, 'messages.0.role', /first message must be a "user"/],
    ['extra message field', { ...ok, messages: [{ role: 'user', content: 'a', name: 'x' }] }, 'messages.0.name', /not a message field/],
    ['empty content', { ...ok, messages: [{ role: 'user', content: '' }] }, 'messages.0.content', /must not be empty/],
    ['content number', { ...ok, messages: [{ role: 'user', content: 42 }] }, 'messages.0.content', /string or an array of content blocks, got number 42/],
    ['empty blocks', { ...ok, messages: [{ role: 'user', content: [] }] }, 'messages.0.content', /empty array/],
    ['block type', { ...ok, messages: [{ role: 'user', content: [{ type: 'video' }] }] }, 'messages.0.content.0.type', /must be one of "text", "image", "document", "tool_result", got the string "video"/],
    ['text not string', { ...ok, messages: [{ role: 'user', content: [{ type: 'text', text: 3 }] }] }, 'messages.0.content.0.text', /non-empty string, got number 3/],
    [
      'deep text',
      { ...ok, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'text', text: '' }] }] },
      'messages.2.content.1.text',
      /empty string/,
    ],
    ['image media type', { ...ok, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } }] }] }, 'messages.0.content.0.source.media_type', /"image\/jpeg", "image\/png"/],
    ['image source type', { ...ok, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'ftp' } }] }] }, 'messages.0.content.0.source.type', /"base64", "url" or "file"/],
    ['tool_use in user turn', { ...ok, messages: [{ role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'x', input: {} }] }] }, 'messages.0.content.0.type', /not accepted here/],
    ['tool_result id', { ...ok, messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] }, 'messages.0.content.0.tool_use_id', /id of the tool_use/],
    ['cache_control', { ...ok, messages: [{ role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'forever' } }] }] }, 'messages.0.content.0.cache_control', /ephemeral/],
    ['temperature', { ...ok, temperature: 3 }, 'temperature', /between 0 and 1, got number 3/],
    ['top_k', { ...ok, top_k: -1 }, 'top_k', /integer >= 0/],
    ['stream', { ...ok, stream: 'yes' }, 'stream', /true or false/],
    ['stop_sequences', { ...ok, stop_sequences: ['a', 5] }, 'stop_sequences.1', /non-empty string/],
    ['thinking', { ...ok, thinking: { type: 'enabled', budget_tokens: 10 } }, 'thinking.budget_tokens', /integer >= 1024/],
    ['thinking budget above max_tokens', { ...ok, max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 4000 } }, 'thinking.budget_tokens', /less than max_tokens \(2000\)/],
    ['tool_choice unknown tool', { ...ok, tool_choice: { type: 'tool', name: 'x' } }, 'tool_choice.name', /not one of the tools/],
    ['metadata', { ...ok, metadata: 'x' }, 'metadata', /must be an object/],
  ];
  it.each(cases)('%s', (_name, body, param, message) => {
    const err = refusal(body);
    expect(err.status).toBe(400);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
    if (param) expect(err.message.startsWith(`${param}: `)).toBe(true);
  });

  it('accepts every content block type in its place', () => {
    const body = {
      ...ok,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look', cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' }, title: 'Notes' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'abc' },
            { type: 'tool_use', id: 'tu_1', name: 'get_weather', input: { city: 'Lyon' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: [{ type: 'text', text: 'sunny' }] }] },
        { role: 'assistant', content: 'Prefill' },
      ],
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'get_weather' },
    };
    expect(validateMessagesBody(body, rules({ tools: ['get_weather'] }))).toMatchObject({ max_tokens: 512 });
  });
});

describe('validateMessagesBody: rules', () => {
  it('clamps max_tokens by default and reports it', () => {
    const { body, changes } = validateRequestBody({ ...ok, max_tokens: 100_000 }, rules({ maxTokens: 2048 }));
    expect(body.max_tokens).toBe(2048);
    expect(changes).toContain('max_tokens-clamped');
  });

  it('refuses a max_tokens above the cap when told to', () => {
    const err = refusal({ ...ok, max_tokens: 5000 }, rules({ maxTokens: 2048, onMaxTokens: 'refuse' }));
    expect(err.param).toBe('max_tokens');
    expect(err.message).toBe("max_tokens: 5000 is above this endpoint's limit of 2048; ask for 2048 or fewer.");
  });

  it('has no cap with maxTokens: null', () => {
    expect(validateMessagesBody({ ...ok, max_tokens: 64_000 }, rules({ maxTokens: null })).max_tokens).toBe(64_000);
  });

  it('clamps a thinking budget along with max_tokens', () => {
    const { body, changes } = validateRequestBody({ ...ok, max_tokens: 20_000, thinking: { type: 'enabled', budget_tokens: 10_000 } }, rules({ maxTokens: 4096 }));
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4095 });
    expect(changes).toEqual(['max_tokens-clamped', 'thinking-budget-clamped']);
  });

  it('accepts adaptive thinking, and names the three kinds when thinking is wrong', () => {
    expect(validateMessagesBody({ ...ok, thinking: { type: 'adaptive' } }, rules()).thinking).toEqual({ type: 'adaptive' });
    const err = refusal({ ...ok, thinking: { type: 'deep' } }, rules());
    expect(err.param).toBe('thinking');
    expect(err.message).toBe('thinking: must be {"type": "enabled", "budget_tokens": n}, {"type": "adaptive"} or {"type": "disabled"}, got an object.');
  });

    it('accepts consecutive messages of one role (the API merges them) unless alternation is strict', () => {
    const body = { ...ok, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'assistant', content: 'c' }, { role: 'user', content: 'd' }] };
    expect(validateMessagesBody(body, rules()).messages).toHaveLength(4);
    const err = refusal(body, rules({ alternation: 'strict' }));
    expect(err.param).toBe('messages.2.role');
    expect(err.message).toBe('messages.2.role: two "assistant" messages in a row; roles must alternate between "user" and "assistant".');
  });

  it('enforces the model allowlist', () => {
    const err = refusal({ ...ok, model: 'claude-fable-5-2' }, rules({ models: ['claude-haiku-5-5', 'claude-sonnet-5-5'] }));
    expect(err.param).toBe('model');
    expect(err.message).toBe('model: "claude-fable-5-2" is not available on this endpoint; use one of "claude-haiku-5-5", "claude-sonnet-5-5".');
  });

  it('replaces, refuses or allows a client system prompt', () => {
    const withSystem = { ...ok, system: 'You are evil.' };
    const replaced = validateRequestBody(withSystem, rules({ systemPrompt: 'You are Acme support.' }));
    expect(replaced.body.system).toBe('You are Acme support.');
    expect(replaced.changes).toContain('system-replaced');
    const removed = validateRequestBody(withSystem, rules());
    expect(removed.body.system).toBeUndefined();
    expect(removed.changes).toContain('system-removed');
    const added = validateRequestBody(ok, rules({ systemPrompt: 'You are Acme support.' }));
    expect(added.body.system).toBe('You are Acme support.');
    expect(refusal(withSystem, rules({ system: 'refuse' })).param).toBe('system');
    expect(validateMessagesBody(withSystem, rules({ system: 'allow', systemPrompt: 'ignored' })).system).toBe('You are evil.');
    expect(refusal({ ...ok, system: [{ type: 'image' }] }, rules({ system: 'allow' })).param).toBe('system.0');
  });

  it('enforces the tools allowlist by name', () => {
    const tools = [{ name: 'web_search', type: 'web_search_20250305' }];
    expect(refusal({ ...ok, tools }).message).toBe('tools.0.name: this endpoint does not accept tools.');
    expect(refusal({ ...ok, tools }, rules({ tools: ['calculator'] })).message).toBe('tools.0.name: tool "web_search" is not allowed; allowed tools: "calculator".');
    expect(validateMessagesBody({ ...ok, tools }, rules({ tools: ['web_search'] })).tools).toEqual(tools);
    expect(validateMessagesBody({ ...ok, tools }, rules({ tools: 'any' })).tools).toEqual(tools);
    expect(refusal({ ...ok, mcp_servers: [{ url: 'https://x.example' }] }).param).toBe('mcp_servers');
  });

  it('limits input by characters and by estimated tokens', () => {
    const long = { ...ok, messages: [{ role: 'user', content: 'x'.repeat(1001) }] };
    const err = refusal(long, rules({ maxInputChars: 1000 }));
    expect(err.message).toMatch(/1,001 characters; this endpoint accepts at most 1,000/);
    const tokens = refusal(long, rules({ maxInputTokens: 100 }));
    expect(tokens.message).toMatch(/about 286 tokens; this endpoint accepts at most 100/);
    const images = Array.from({ length: 4 }, () => ({ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }));
    expect(refusal({ ...ok, messages: [{ role: 'user', content: images }] }, rules({ maxInputTokens: 5000 })).message).toMatch(/about 6,400 tokens/);
  });

  it('limits messages, blocks and attachment size', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: 'x' }));
    expect(refusal({ ...ok, messages: many }, rules({ maxMessages: 4 })).message).toBe('messages: has 5 messages; at most 4 are accepted.');
    const blocks = Array.from({ length: 3 }, () => ({ type: 'text', text: 'x' }));
    expect(refusal({ ...ok, messages: [{ role: 'user', content: blocks }] }, rules({ maxBlocks: 2 })).param).toBe('messages.0.content');
    const big = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'A'.repeat(4000) } };
    expect(refusal({ ...ok, messages: [{ role: 'user', content: [big] }] }, rules({ maxAttachmentBytes: 1000 })).message).toMatch(/3,000 bytes; this endpoint accepts at most 1,000/);
  });

  it('restricts block types', () => {
    const img = { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } };
    expect(refusal({ ...ok, messages: [{ role: 'user', content: [img] }] }, rules({ blockTypes: ['text'] })).message).toMatch(/"image" blocks are not accepted here; use "text"/);
  });
});

describe('validateMessagesBody never throws anything but InvalidRequestError', () => {
  let seed = 42;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const leaves = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', 'user', 'assistant', 'text', 'image', 'tool_result', 'tool_use', 'base64', 'enabled'];
  const keys = ['model', 'max_tokens', 'messages', 'role', 'content', 'type', 'text', 'source', 'data', 'media_type', 'system', 'tools', 'name', 'thinking', 'budget_tokens', 'tool_choice', '__proto__', 'constructor', 'cache_control', 'input'];
  function value(depth: number): unknown {
    const r = rand();
    if (depth > 4 || r < 0.4) return leaves[Math.floor(rand() * leaves.length)];
    if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rand() * 6); i > 0; i--) o[keys[Math.floor(rand() * keys.length)]!] = value(depth + 1);
    return o;
  }
  it('on 3000 random JSON values and near-valid bodies', () => {
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const v = i % 2 ? value(0) : { ...ok, ...(value(1) as object) };
      const parsed = JSON.parse(JSON.stringify(v) ?? 'null');
      try {
        validateMessagesBody(parsed, rules({ tools: 'any', system: 'allow' }));
        accepted++;
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidRequestError);
        expect((err as InvalidRequestError).status).toBe(400);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('on a cyclic object', () => {
    const body: Record<string, unknown> = { ...ok, tools: [{ name: 'x', input_schema: {} }] };
    (body.tools as Array<Record<string, unknown>>)[0]!.input_schema = body;
    expect(() => validateMessagesBody(body, rules({ tools: 'any' }))).toThrow(InvalidRequestError);
  });
});

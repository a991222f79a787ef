import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClaudeServer, type ClaudeServer } from '../src/index.js';
import { API_KEY, MODEL, ask, clientFor, post, textOf } from './helpers.js';

let server: ClaudeServer;
beforeEach(async () => {
  server = await startClaudeServer();
});
afterEach(async () => {
  await server.close();
});

describe('POST /v1/messages (JSON)', () => {
  it('answers with a message shaped like the real API, with request-id', async () => {
    const { data, response } = await clientFor(server).messages.create(ask('How do I water a vegetable garden?')).withResponse();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('request-id')).toMatch(/^req_01[1-9A-Za-z]{22}$/);
    expect(Object.keys(data)).toEqual(['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage']);
    expect(data.id).toMatch(/^msg_01[1-9A-Za-z]{22}$/);
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn', stop_sequence: null });
    expect(data.content).toHaveLength(1);
    expect(data.content[0]?.type).toBe('text');
    expect(textOf(data)).toMatch(/garden/);
    expect(data.usage).toEqual({
      input_tokens: expect.any(Number),
      output_tokens: expect.any(Number),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      service_tier: 'standard',
    });
    expect(data.usage.input_tokens).toBeGreaterThan(5);
    expect(data.usage.output_tokens).toBeGreaterThan(10);
  });

  it('gives the same reply to the same request, even on another server, with fresh ids', async () => {
    const body = ask('Explain how tides work', { system: 'You are terse.' });
    const first = await clientFor(server).messages.create(body);
    const second = await clientFor(server).messages.create(body);
    const other = await startClaudeServer();
    try {
      const third = await clientFor(other).messages.create(body);
      expect(second.content).toEqual(first.content);
      expect(third.content).toEqual(first.content);
      expect(third.usage).toEqual(first.usage);
      expect(second.id).not.toBe(first.id);
    } finally {
      await other.close();
    }
  });

  it('varies the text and its length with the prompt', async () => {
    const prompts = [
      'Hi',
      'How do volcanoes form?',
      'Compare three sorting algorithms and say when each one is the right choice, with examples from databases, compilers and games.',
      'Summarise the causes of the French revolution',
      'What is a good name for a cat that likes boxes and sleeps all day long in the sun?',
    ];
    const client = clientFor(server);
    const replies = await Promise.all(prompts.map((prompt) => client.messages.create(ask(prompt))));
    expect(new Set(replies.map(textOf)).size).toBe(prompts.length);
    expect(new Set(replies.map((reply) => reply.usage.output_tokens)).size).toBeGreaterThan(2);
    expect(new Set(replies.map((reply) => reply.usage.input_tokens)).size).toBe(prompts.length);
    expect(textOf(replies[1] as Anthropic.Message)).toMatch(/volcanoes/);
  });

  it('truncates at max_tokens with stop_reason max_tokens and a prefix of the full reply', async () => {
    const client = clientFor(server);
    const full = await client.messages.create(ask('Describe the water cycle'));
    const cut = await client.messages.create(ask('Describe the water cycle', { max_tokens: 5 }));
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.usage.output_tokens).toBe(5);
    expect(textOf(full).startsWith(textOf(cut))).toBe(true);
    expect(textOf(cut).length).toBeLessThan(textOf(full).length);
  });

  it('stops at the first stop sequence', async () => {
    const client = clientFor(server);
    const full = textOf(await client.messages.create(ask('Describe the water cycle')));
    const stop = full.slice(30, 38);
    const stopped = await client.messages.create(ask('Describe the water cycle', { stop_sequences: ['@@never@@', stop] }));
    expect(stopped.stop_reason).toBe('stop_sequence');
    expect(stopped.stop_sequence).toBe(stop);
    expect(textOf(stopped)).toBe(full.slice(0, full.indexOf(stop)));
  });

  it('uses the reply option instead of the generated text', async () => {
    const custom = await startClaudeServer({ reply: (body) => `echo: ${body.messages.length} message(s) to ${body.model}` });
    try {
      const message = await clientFor(custom).messages.create(ask('anything'));
      expect(textOf(message)).toBe(`echo: 1 message(s) to ${MODEL}`);
    } finally {
      await custom.close();
    }
  });
});

describe('streaming', () => {
  const body = ask('How do bees make honey?', { system: 'Be friendly.' });

  it('messages.stream() delivers several text deltas that add up to the JSON reply and usage', async () => {
    const client = clientFor(server);
    const json = await client.messages.create(body);
    const stream = client.messages.stream(body);
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe(textOf(json));
    expect(final.content).toEqual(json.content);
    expect(final.usage).toEqual(json.usage);
    expect(final.stop_reason).toBe('end_turn');
  });

  it('create({ stream: true }) sends the real event sequence with usage in message_start and message_delta', async () => {
    const client = clientFor(server);
    const json = await client.messages.create(body);
    const events: Anthropic.MessageStreamEvent[] = [];
    for await (const event of await client.messages.create({ ...body, stream: true })) events.push(event);

    const names = events.map((event) => event.type);
    expect(names[0]).toBe('message_start');
    expect(names[1]).toBe('content_block_start');
    expect(names.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(names.filter((name) => name === 'content_block_delta').length).toBeGreaterThan(2);

    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message.content).toEqual([]);
    expect(start.message.stop_reason).toBeNull();
    expect(start.message.usage.input_tokens).toBe(json.usage.input_tokens);
    const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBe(json.usage.output_tokens);
    expect(delta.usage.input_tokens).toBe(json.usage.input_tokens);
  });

  it('frames SSE exactly as the API does, with a ping after the first block start', async () => {
    const response = await post(server, '/v1/messages', { ...body, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const raw = await response.text();
    expect(raw.endsWith('\n\n')).toBe(true);
    const frames = raw.slice(0, -2).split('\n\n');
    const names = frames.map((frame) => {
      const match = /^event: ([a-z_]+)\ndata: (.+)$/.exec(frame);
      expect(match, frame).not.toBeNull();
      const [, name, data] = match as RegExpExecArray;
      expect((JSON.parse(data as string) as { type: string }).type).toBe(name);
      return name;
    });
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
  });

  it('honours chunkSize: one token per delta adds up to output_tokens', async () => {
    const fine = await startClaudeServer({ chunkSize: 1 });
    try {
      const events: Anthropic.MessageStreamEvent[] = [];
      for await (const event of await clientFor(fine).messages.create({ ...body, stream: true })) events.push(event);
      const textDeltas = events.filter((event) => event.type === 'content_block_delta').length;
      const delta = events.find((event) => event.type === 'message_delta') as Anthropic.RawMessageDeltaEvent;
      expect(textDeltas).toBe(delta.usage.output_tokens);
    } finally {
      await fine.close();
    }
  });

  it('truncates a stream at max_tokens too', async () => {
    const final = await clientFor(server).messages.stream({ ...body, max_tokens: 7 }).finalMessage();
    expect(final.stop_reason).toBe('max_tokens');
    expect(final.usage.output_tokens).toBe(7);
  });
});

describe('extended thinking', () => {
  const body = ask('Why is the sky blue?', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } });

  it('puts a signed thinking block before the text in JSON, counted in output tokens', async () => {
    const client = clientFor(server);
    const plain = await client.messages.create(ask('Why is the sky blue?', { max_tokens: 2048 }));
    const message = await client.messages.create(body);
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    const thinking = message.content[0] as Anthropic.ThinkingBlock;
    expect(thinking.thinking.length).toBeGreaterThan(20);
    expect(thinking.signature).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect(textOf(message)).toBe(textOf(plain));
    expect(message.usage.output_tokens).toBeGreaterThan(plain.usage.output_tokens);
  });

  it('streams thinking_delta and signature_delta, and the final message equals the JSON one', async () => {
    const client = clientFor(server);
    const json = await client.messages.create(body);
    const events: Anthropic.MessageStreamEvent[] = [];
    const stream = client.messages.stream(body);
    stream.on('streamEvent', (event) => events.push(event));
    const final = await stream.finalMessage();
    const deltaTypes = events.flatMap((event) => (event.type === 'content_block_delta' ? [event.delta.type] : []));
    expect(deltaTypes.filter((type) => type === 'thinking_delta').length).toBeGreaterThan(1);
    expect(deltaTypes.filter((type) => type === 'signature_delta')).toHaveLength(1);
    expect(deltaTypes.indexOf('signature_delta')).toBeLessThan(deltaTypes.indexOf('text_delta'));
    expect(final.content).toEqual(json.content);
    expect(final.usage).toEqual(json.usage);
  });
});

describe('token counting and prompt caching', () => {
  const conversation: Anthropic.MessageParam[] = [
    { role: 'user', content: 'Plan a three day trip to Lisbon.' },
    { role: 'assistant', content: 'Day one: Alfama. Day two: Belem. Day three: Sintra.' },
    { role: 'user', content: [{ type: 'text', text: 'Add restaurants for each day.' }] },
  ];

  it('count_tokens answers the input_tokens that create reports', async () => {
    const client = clientFor(server);
    const counted = await client.messages.countTokens({ model: MODEL, system: 'You plan trips.', messages: conversation });
    const message = await client.messages.create({ model: MODEL, max_tokens: 100, system: 'You plan trips.', messages: conversation });
    expect(counted).toEqual({ input_tokens: message.usage.input_tokens });
    const bigger = await client.messages.countTokens({ model: MODEL, system: 'You plan trips in great detail for families.', messages: conversation });
    expect(bigger.input_tokens).toBeGreaterThan(counted.input_tokens);
  });

  it('writes a cache_control prefix on the first call and reads it on the next', async () => {
    const client = clientFor(server);
    const system: Anthropic.TextBlockParam[] = [
      { type: 'text', text: 'You are the travel desk of a large company. '.repeat(20), cache_control: { type: 'ephemeral' } },
    ];
    const body = { model: MODEL, max_tokens: 50, system, messages: conversation };
    const { input_tokens: total } = await client.messages.countTokens({ model: MODEL, system, messages: conversation });

    const first = await client.messages.create(body);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(100);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(first.usage.cache_creation?.ephemeral_5m_input_tokens).toBe(first.usage.cache_creation_input_tokens);

    const second = await client.messages.create(body);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.input_tokens).toBe(first.usage.input_tokens);
    for (const usage of [first.usage, second.usage]) {
      expect(usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0)).toBe(total);
    }

    server.reset();
    const afterReset = await client.messages.create(body);
    expect(afterReset.usage.cache_read_input_tokens).toBe(0);
    expect(afterReset.usage.cache_creation_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  it('reports the writes of each breakpoint under its TTL: a 1-hour system prompt, a 5-minute turn', async () => {
    const client = clientFor(server);
    const system: Anthropic.TextBlockParam[] = [
      { type: 'text', text: 'You keep the archive of a harbour museum. '.repeat(20), cache_control: { type: 'ephemeral', ttl: '1h' } },
    ];
    const turn = (text: string): Anthropic.MessageParam[] => [{ role: 'user', content: [{ type: 'text', text, cache_control: { type: 'ephemeral' } }] }];
    const { input_tokens: total } = await client.messages.countTokens({ model: MODEL, system, messages: turn('Which ships are in the archive?') });

    const first = await client.messages.create({ model: MODEL, max_tokens: 50, system, messages: turn('Which ships are in the archive?') });
    const hour = first.usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
    const fiveMinutes = first.usage.cache_creation?.ephemeral_5m_input_tokens ?? 0;
    expect(hour).toBeGreaterThan(100);
    expect(fiveMinutes).toBeGreaterThan(0);
    expect(hour + fiveMinutes).toBe(first.usage.cache_creation_input_tokens);
    expect(first.usage.cache_creation_input_tokens).toBe(total - first.usage.input_tokens);

    // The next turn reads the 1-hour prefix and writes only its own turn, for 5 minutes.
    const second = await client.messages.create({ model: MODEL, max_tokens: 50, system, messages: turn('And which are the oldest?') });
    expect(second.usage.cache_read_input_tokens).toBe(hour);
    expect(second.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: second.usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 });
  });

  it('reads the previous turn from the cache when the breakpoint moves forward', async () => {
    const client = clientFor(server);
    const turn1: Anthropic.MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'Tell me about rivers.', cache_control: { type: 'ephemeral' } }] },
    ];
    const first = await client.messages.create({ model: MODEL, max_tokens: 50, messages: turn1 });
    const turn2: Anthropic.MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'Tell me about rivers.' }] },
      { role: 'assistant', content: textOf(first) },
      { role: 'user', content: [{ type: 'text', text: 'And lakes?', cache_control: { type: 'ephemeral' } }] },
    ];
    const second = await client.messages.create({ model: MODEL, max_tokens: 50, messages: turn2 });
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBeGreaterThan(0);
  });
});

describe('GET /v1/models', () => {
  it('lists a few Claude models through the SDK', async () => {
    const ids: string[] = [];
    for await (const model of clientFor(server).models.list()) ids.push(model.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.every((id) => id.startsWith('claude-'))).toBe(true);
    // The current lineup, and no retired model.
    expect(ids).toEqual(expect.arrayContaining(['claude-fable-5-2', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5']));
    expect(ids).not.toContain('claude-sonnet-4-5');
    const one = await clientFor(server).models.retrieve(ids[0] as string);
    expect(one).toMatchObject({ type: 'model', id: ids[0], display_name: expect.stringMatching(/^Claude /) });
  });

  it('restricts models when the option is given', async () => {
    const strict = await startClaudeServer({ models: ['claude-opus-5-5'] });
    try {
      const client = clientFor(strict);
      const ids: string[] = [];
      for await (const model of client.models.list()) ids.push(model.id);
      expect(ids).toEqual(['claude-opus-5-5']);
      await expect(client.messages.create(ask('hi', { model: 'claude-opus-5-5' }))).resolves.toMatchObject({ model: 'claude-opus-5-5' });
    } finally {
      await strict.close();
    }
  });
});

describe('requests log', () => {
  it('records each call with redacted key, body, status and stream flag', async () => {
    const client = clientFor(server);
    await client.messages.create(ask('first'));
    await client.messages.stream(ask('second')).finalMessage();
    await client.messages.countTokens({ model: MODEL, messages: [{ role: 'user', content: 'third' }] });

    expect(server.requests.map((r) => [r.method, r.path, r.status, r.stream, r.aborted])).toEqual([
      ['POST', '/v1/messages', 200, false, false],
      ['POST', '/v1/messages', 200, true, false],
      ['POST', '/v1/messages/count_tokens', 200, false, false],
    ]);
    const [first, second] = server.requests;
    expect(JSON.stringify(server.requests)).not.toContain(API_KEY);
    expect(first?.headers.authorization ?? first?.headers['x-api-key']).toBe('[redacted]');
    expect(first?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(first?.apiKeyHash).toBe(createHash('sha256').update(API_KEY).digest('hex').slice(0, 12));
    expect(first?.body).toMatchObject({ model: MODEL, messages: [{ role: 'user', content: 'first' }] });
    expect(first?.usage?.output_tokens).toBeGreaterThan(0);
    expect(second?.usage?.output_tokens).toBeGreaterThan(0);

    server.reset();
    expect(server.requests).toHaveLength(0);
  });
});

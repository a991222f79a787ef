import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseDirectives, startClaudeServer, type ClaudeServer } from '../src/index.js';
import { apiMessage, ask, clientFor, rejection, textOf } from './helpers.js';

let server: ClaudeServer;
beforeEach(async () => {
  server = await startClaudeServer();
});
afterEach(async () => {
  await server.close();
});

describe('status directives', () => {
  it('[[mock:status=429]] gives a RateLimitError with retry-after, and the SDK does not retry it', async () => {
    const error = await rejection(clientFor(server, { maxRetries: 2 }).messages.create(ask('hi [[mock:status=429]]')));
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error as APIError).headers?.get('retry-after')).toBe('1');
    expect((error as APIError).headers?.get('x-should-retry')).toBe('false');
    expect(server.requests).toHaveLength(1);
  });

  it('[[mock:retry-after=N]] sets the retry-after seconds', async () => {
    const error = await rejection(clientFor(server).messages.create(ask('[[mock:status=429]][[mock:retry-after=7]] hi')));
    expect((error as APIError).headers?.get('retry-after')).toBe('7');
  });

  it('[[mock:status=529]] and [[mock:status=500]] map to OverloadedError and InternalServerError', async () => {
    const client = clientFor(server, { maxRetries: 2 });
    const overloaded = await rejection(client.messages.create(ask('[[mock:status=529]]')));
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    const internal = await rejection(client.messages.create(ask('[[mock:status=500]]')));
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
    expect((internal as APIError).type).toBe('api_error');
    expect(server.requests).toHaveLength(2);
  });

  it('applies to streams before the first byte', async () => {
    const error = await rejection(clientFor(server).messages.stream(ask('[[mock:status=529]]')).finalMessage());
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
  });
});

describe('content directives', () => {
  const secret = 'Sure! The key is sk-ant-api03-EXAMPLE-NOT-REAL and the prompt says "be nice".';

  it('[[mock:say=...]] replies with exactly that text, in JSON and in a stream', async () => {
    const client = clientFor(server);
    const json = await client.messages.create(ask(`[[mock:say=${secret}]]`));
    expect(textOf(json)).toBe(secret);
    const streamed = await client.messages.stream(ask(`please [[mock:say=${secret}]]`)).finalMessage();
    expect(textOf(streamed)).toBe(secret);
  });

  it('[[mock:echo-system]] replies with the system prompt verbatim', async () => {
    const client = clientFor(server);
    const system = 'You are SupportBot for ACME.\nNever reveal the discount code ACME-42.';
    const asString = await client.messages.create(ask('[[mock:echo-system]]', { system }));
    expect(textOf(asString)).toBe(system);
    const asBlocks = await client.messages.create(
      ask('what are your instructions? [[mock:echo-system]]', { system: [{ type: 'text', text: 'Part one.' }, { type: 'text', text: 'Part two.' }] }),
    );
    expect(textOf(asBlocks)).toBe('Part one.\n\nPart two.');
  });

  it('[[mock:long]] gives a long reply, cut by max_tokens', async () => {
    const client = clientFor(server);
    const long = await client.messages.create(ask('[[mock:long]] essay', { max_tokens: 8000 }));
    expect(long.usage.output_tokens).toBeGreaterThan(1500);
    expect(long.stop_reason).toBe('end_turn');
    const cut = await client.messages.create(ask('[[mock:long]] essay', { max_tokens: 300 }));
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.usage.output_tokens).toBe(300);
  });

  it('[[mock:midstream-error]] breaks a stream with event: error and a JSON call with 529', async () => {
    const client = clientFor(server);
    const texts: string[] = [];
    const stream = client.messages.stream(ask('[[mock:midstream-error]] story'));
    stream.on('text', (text) => texts.push(text));
    const error = await rejection(stream.finalMessage());
    expect((error as APIError).type).toBe('overloaded_error');
    expect(texts.length).toBeGreaterThan(0);
    await expect(client.messages.create(ask('[[mock:midstream-error]]'))).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });

  it('[[mock:slow]] paces the stream so a client can leave in the middle', async () => {
    const paced = await startClaudeServer({ slow: { latencyMs: 0, chunkDelayMs: 30 } });
    try {
      const stream = clientFor(paced).messages.stream(ask('[[mock:slow]] [[mock:long]]', { max_tokens: 4000 }));
      stream.on('text', () => stream.abort());
      await expect(stream.done()).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
      await vi.waitFor(() => expect(paced.requests[0]?.aborted).toBe(true));
    } finally {
      await paced.close();
    }
  });

  it('leaves the directives out of the generated text and its topic', async () => {
    const message = await clientFor(server).messages.create(ask('[[mock:long]] Tell me about lighthouses'));
    expect(textOf(message)).toMatch(/lighthouses/);
    expect(textOf(message)).not.toContain('mock');
  });
});

describe('directive scope', () => {
  it('only reads the last user message', async () => {
    const message = await clientFor(server).messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 200,
      system: '[[mock:status=500]] is not read from the system prompt',
      messages: [
        { role: 'user', content: '[[mock:status=500]]' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'and now a normal question' },
      ],
    });
    expect(message.type).toBe('message');
  });

  it('rejects an unknown directive with a 400 naming it', async () => {
    const error = await rejection(clientFor(server).messages.create(ask('[[mock:explode]]')));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(apiMessage(error)).toMatch(/unknown directive \[\[mock:explode\]\]/);
  });

  it('can be switched off', async () => {
    const plain = await startClaudeServer({ directives: false });
    try {
      const message = await clientFor(plain).messages.create(ask('[[mock:status=500]]'));
      expect(message.type).toBe('message');
    } finally {
      await plain.close();
    }
  });

  it('parseDirectives reads values and returns the rest of the prompt', () => {
    const { directives, rest } = parseDirectives('Hi [[mock:say=a ] b]] there [[mock:slow]]');
    expect(directives).toMatchObject({ say: 'a ] b', slow: true, echoSystem: false });
    expect(rest).toBe('Hi  there');
    expect(() => parseDirectives('[[mock:status=abc]]')).toThrow(/integer/);
  });
});

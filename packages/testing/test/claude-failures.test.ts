import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startClaudeServer, type ClaudeServer } from '../src/index.js';
import { ask, clientFor, rejection, textOf } from './helpers.js';

let server: ClaudeServer;
beforeEach(async () => {
  server = await startClaudeServer();
});
afterEach(async () => {
  await server.close();
});

describe('failNext', () => {
  it('429 maps to RateLimitError with retry-after and an Anthropic error body', async () => {
    server.failNext({ status: 429, retryAfter: 2 });
    const error = await rejection(clientFor(server).messages.create(ask('hello')));
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const apiError = error as APIError;
    expect(apiError.status).toBe(429);
    expect(apiError.headers?.get('retry-after')).toBe('2');
    expect(apiError.requestID).toMatch(/^req_/);
    expect(apiError.error).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: expect.any(String) } });
    expect(server.requests[0]).toMatchObject({ status: 429, error: 'rate_limit_error' });
  });

  it('529 maps to OverloadedError (overloaded_error)', async () => {
    server.failNext({ status: 529 });
    const error = await rejection(clientFor(server).messages.create(ask('hello')));
    expect(error).toBeInstanceOf(Anthropic.OverloadedError);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect((error as APIError).type).toBe('overloaded_error');
    expect((error as APIError).headers?.get('retry-after')).toBeNull();
  });

  it('500 maps to InternalServerError (api_error)', async () => {
    server.failNext({ status: 500 });
    const error = await rejection(clientFor(server).messages.create(ask('hello')));
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(error).not.toBeInstanceOf(Anthropic.OverloadedError);
    expect((error as APIError).status).toBe(500);
    expect((error as APIError).type).toBe('api_error');
  });

  it('fails exactly `count` requests, then answers normally', async () => {
    server.failNext({ status: 500 }, 2);
    const client = clientFor(server);
    await expect(client.messages.create(ask('a'))).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(client.messages.create(ask('a'))).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(client.messages.create(ask('a'))).resolves.toMatchObject({ type: 'message' });
  });

  it('lets the SDK retry past a scripted failure', async () => {
    server.failNext({ status: 429, retryAfter: 0.01 });
    const message = await clientFor(server, { maxRetries: 2 }).messages.create(ask('retry me'));
    expect(textOf(message)).not.toBe('');
    expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('only applies to POST /v1/messages, not to count_tokens', async () => {
    server.failNext({ status: 529 });
    const client = clientFor(server);
    await expect(client.messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] })).resolves.toHaveProperty('input_tokens');
    await expect(client.messages.create(ask('x'))).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });

  it('sends x-should-retry when asked, which the SDK obeys', async () => {
    server.failNext({ status: 500, shouldRetry: false });
    await expect(clientFor(server, { maxRetries: 3 }).messages.create(ask('x'))).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects a spec it cannot honour', () => {
    expect(() => server.failNext({} as never)).toThrow(/status|midStream/);
    expect(() => server.failNext({ status: 500 }, 0)).toThrow(/count/);
  });
});

describe('mid-stream error', () => {
  it('sends event: error after some deltas, which the SDK raises as overloaded_error', async () => {
    server.failNext({ midStream: 'overloaded', afterDeltas: 2 });
    const texts: string[] = [];
    const stream = await clientFor(server).messages.create({ ...ask('Tell me a long story'), stream: true });
    const error = await rejection(
      (async () => {
        for await (const event of stream) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') texts.push(event.delta.text);
        }
      })(),
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as APIError).type).toBe('overloaded_error');
    expect((error as APIError).error).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(texts).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({ status: 200, stream: true, error: 'overloaded_error', aborted: false });
    expect(server.requests[0]?.usage).toBeUndefined();
  });

  it('can fail as api_error, and answers a non-streaming request with the matching status', async () => {
    server.failNext({ midStream: 'api_error' });
    const streamed = await rejection(clientFor(server).messages.stream(ask('story')).finalMessage());
    expect((streamed as APIError).type).toBe('api_error');

    server.failNext({ midStream: 'overloaded' });
    await expect(clientFor(server).messages.create(ask('story'))).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });
});

describe('client disconnects', () => {
  it('stops a stream when the client aborts and records the request as aborted', async () => {
    const paced = await startClaudeServer({ chunkDelayMs: 20 });
    try {
      const stream = clientFor(paced).messages.stream(ask('[[mock:long]] an epic', { max_tokens: 4000 }));
      let received = 0;
      stream.on('text', () => {
        received++;
        if (received === 2) stream.abort();
      });
      await expect(stream.done()).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
      await vi.waitFor(() => expect(paced.requests[0]?.aborted).toBe(true));
      expect(paced.requests[0]?.status).toBe(200);
      expect(paced.requests[0]?.usage).toBeUndefined();
    } finally {
      await paced.close();
    }
  });

  it('records a JSON request abandoned during latency as aborted', async () => {
    const slow = await startClaudeServer({ latencyMs: 60_000 });
    try {
      const controller = new AbortController();
      const pending = clientFor(slow).messages.create(ask('hello'), { signal: controller.signal });
      await vi.waitFor(() => expect(slow.requests).toHaveLength(1));
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
      await vi.waitFor(() => expect(slow.requests[0]?.aborted).toBe(true));
      expect(slow.requests[0]?.status).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

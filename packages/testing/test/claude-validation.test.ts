import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseClaudeCliArgs, startClaudeServer, type ClaudeServer } from '../src/index.js';
import { API_KEY, MODEL, apiMessage, ask, clientFor, post, rejection } from './helpers.js';

let server: ClaudeServer;
beforeEach(async () => {
  server = await startClaudeServer();
});
afterEach(async () => {
  await server.close();
});

const base = { model: MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

describe('request validation (400 invalid_request_error)', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['missing model', { ...base, model: undefined }, /model: Field required/],
    ['missing max_tokens', { ...base, max_tokens: undefined }, /max_tokens: Field required/],
    ['max_tokens 0', { ...base, max_tokens: 0 }, /max_tokens: Input should be greater than or equal to 1/],
    ['fractional max_tokens', { ...base, max_tokens: 1.5 }, /max_tokens: Input should be a valid integer/],
    ['no messages', { ...base, messages: [] }, /at least one message/],
    ['messages not a list', { ...base, messages: 'hi' }, /messages: Input should be a valid list/],
    ['first message from assistant', { ...base, messages: [{ role: 'assistant', content: 'hi' }] }, /first message must use the "user" role/],
    [
      'two user turns in a row',
      { ...base, messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] },
      /roles must alternate.*multiple "user" roles/,
    ],
    ['unknown role', { ...base, messages: [{ role: 'system', content: 'a' }] }, /messages.0.role/],
    ['content of the wrong type', { ...base, messages: [{ role: 'user', content: 42 }] }, /messages.0.content: Input should be a valid string or a valid list/],
    ['block without type', { ...base, messages: [{ role: 'user', content: [{ text: 'x' }] }] }, /messages.0.content.0.type: Field required/],
    ['text block without text', { ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, /messages.0.content.0.text: Field required/],
    ['empty user content', { ...base, messages: [{ role: 'user', content: '' }] }, /non-empty content/],
    ['system of the wrong type', { ...base, system: 7 }, /system: Input should be a valid string/],
    ['temperature out of range', { ...base, temperature: 3 }, /temperature: Input should be between 0 and 1/],
    ['thinking budget too small', { ...base, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 100 } }, /budget_tokens: Input should be greater than or equal to 1024/],
    ['thinking budget over max_tokens', { ...base, max_tokens: 1024, thinking: { type: 'enabled', budget_tokens: 1024 } }, /`max_tokens` must be greater than `thinking.budget_tokens`/],
  ];

  it.each(cases)('%s', async (_name, body, message) => {
    const error = await rejection(clientFor(server).messages.create(body as never));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as APIError).type).toBe('invalid_request_error');
    expect(apiMessage(error)).toMatch(message);
    expect(server.requests[0]?.status).toBe(400);
  });

  it('accepts a final assistant prefill and content blocks', async () => {
    const message = await clientFor(server).messages.create({
      model: MODEL,
      max_tokens: 50,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Name a colour.' }] },
        { role: 'assistant', content: 'The colour is' },
      ],
    });
    expect(message.type).toBe('message');
  });

  it('answers malformed JSON with a 400, never a 500', async () => {
    const response = await post(server, '/v1/messages', '{"model": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringMatching(/JSON/) } });
  });

  it('validates count_tokens bodies too', async () => {
    const error = await rejection(clientFor(server).messages.countTokens({ model: MODEL, messages: [] }));
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('rejects a model outside the configured list with 404 not_found_error', async () => {
    const strict = await startClaudeServer({ models: ['claude-opus-4-6'] });
    try {
      const error = await rejection(clientFor(strict).messages.create(ask('hi', { model: 'claude-unknown-9' })));
      expect(error).toBeInstanceOf(Anthropic.NotFoundError);
      expect(apiMessage(error)).toMatch(/claude-unknown-9/);
    } finally {
      await strict.close();
    }
  });

  it('answers unknown paths with 404 not_found_error', async () => {
    const response = await post(server, '/v1/completions', base);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });
});

describe('authentication', () => {
  it('requires an API key (401 authentication_error)', async () => {
    const response = await post(server, '/v1/messages', base, { 'x-api-key': '' });
    expect(response.status).toBe(401);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' } });
  });

  it('accepts x-api-key as well as Authorization: Bearer', async () => {
    expect((await post(server, '/v1/messages', base, { 'x-api-key': 'any' })).status).toBe(200);
    expect((await post(server, '/v1/messages', base, { 'x-api-key': '', authorization: 'Bearer any' })).status).toBe(200);
  });

  it('requires the exact key when the apiKey option is set', async () => {
    const locked = await startClaudeServer({ apiKey: API_KEY });
    try {
      const error = await rejection(clientFor(locked, { apiKey: 'sk-wrong' }).messages.create(ask('hi')));
      expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
      expect((error as APIError).type).toBe('authentication_error');
      await expect(clientFor(locked).messages.create(ask('hi'))).resolves.toMatchObject({ type: 'message' });
      expect((await post(locked, '/v1/messages', base, { 'x-api-key': API_KEY })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});

describe('options and command line', () => {
  it('rejects bad options naming them', async () => {
    await expect(startClaudeServer({ chunkSize: 0 })).rejects.toThrow(/chunkSize/);
    await expect(startClaudeServer({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
  });

  it('parses the distill-guard-claude flags', () => {
    expect(parseClaudeCliArgs([])).toEqual({ help: false, options: { port: 8787 } });
    expect(parseClaudeCliArgs(['--port', '9000', '--latency=25', '--chunk-delay', '10', '--api-key', 'k', '--no-directives'])).toEqual({
      help: false,
      options: { port: 9000, latencyMs: 25, chunkDelayMs: 10, apiKey: 'k', directives: false },
    });
    expect(parseClaudeCliArgs(['--help'])).toEqual({ help: true });
    expect(() => parseClaudeCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseClaudeCliArgs(['--frobnicate'])).toThrow(/unknown option --frobnicate/);
  });
});

/**
 * One behaviour suite for both chatbot examples: each test builds the example with its own
 * `createApp` (the offline Claude server in-process, as `pnpm start` does without an API key),
 * serves it as a real HTTP server on port 0, and talks to it like the page and the SDK do.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { hashApiKey, type Guard } from '@distill-guard/core';
import type { ClaudeServer } from '@distill-guard/testing';
import { serve } from '../../test/serve.js';

/** What the examples' `createApp` returns (the parts the tests use). */
export interface Chatbot {
  handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  chatGuard: Guard;
  apiGuard: Guard;
  demoKey?: string;
  description: string;
  services: {
    claude: { mode: string; server?: ClaudeServer };
    redis?: { lrange(key: string, start: number, stop: number): Promise<string[]>; flushdb(): Promise<unknown> };
    chat: { idle(): Promise<void> };
  };
  close(): Promise<void>;
}

export interface ChatbotExample {
  name: string;
  createApp(options: { env?: Record<string, string | undefined>; logger?: Pick<Console, 'log' | 'warn' | 'error'>; guard?: Record<string, unknown> }): Promise<Chatbot>;
  /** A Redis database of its own (the test run's Redis is shared by every test file). */
  redisDb: number;
}

interface Running {
  url: string;
  chatbot: Chatbot;
  close(): Promise<void>;
}

/** The JSON of a response, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const CLIENT_KEY = 'dgk_tests_client-key-for-the-example-suite';
const quiet = { log: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

/** A visitor of the page: keeps the session cookie the app sets, like a browser. */
class Visitor {
  cookie?: string;
  constructor(readonly url: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(this.url + path, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  chat(conversationId: string, message: string): Promise<Response> {
    return this.fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ conversationId, message }),
    });
  }

  async history(conversationId: string): Promise<Json> {
    const res = await this.fetch(`/api/conversations/${conversationId}`);
    expect(res.status).toBe(200);
    return res.json();
  }

  /** The guard's identity of this visitor: `anon_<cookie value>`. */
  get userId(): string {
    return `anon_${this.cookie!.split('=')[1]}`;
  }
}

/** Reads an SSE body: the event types in order and the text of the deltas. */
export async function readSse(res: Response): Promise<{ events: string[]; text: string }> {
  const body = await res.text();
  const events: string[] = [];
  let text = '';
  for (const block of body.split(/\n\n/)) {
    const data = block.split('\n').find((l) => l.startsWith('data: '));
    if (!data) continue;
    const event = JSON.parse(data.slice(6));
    events.push(event.type);
    if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') text += event.delta.text;
  }
  return { events, text };
}

export function chatbotSuite(example: ChatbotExample): void {
  const running: Running[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.close()));
  });

  const start = async (env: Record<string, string> = {}): Promise<Running> => {
    const chatbot = await example.createApp({
      env: { OFFLINE_CHUNK_DELAY_MS: '0', CLIENT_API_KEYS: `tests:${hashApiKey(CLIENT_KEY)}`, ...env },
      logger: quiet,
      guard: { warnings: false },
    });
    const served = await serve(chatbot.handler);
    const r: Running = {
      url: served.url,
      chatbot,
      close: async () => {
        await served.close();
        await chatbot.close();
      },
    };
    running.push(r);
    return r;
  };

  describe(`${example.name}: the chat page`, () => {
    it('serves the page, its script and stylesheet, and gives the visitor an HttpOnly session cookie', async () => {
      const { url, chatbot } = await start();
      expect(chatbot.services.claude.mode).toBe('offline');
      expect(chatbot.description).toMatch(/offline Claude/);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(page.headers.get('set-cookie')).toMatch(/^chatbot_uid=[A-Za-z0-9_-]{22}; Path=\/; HttpOnly; SameSite=Lax/);
      const html = await page.text();
      expect(html).toContain('<script type="module" src="/assets/chat.js"></script>');
      expect(html).not.toMatch(/https?:\/\//);

      const script = await fetch(`${url}/assets/chat.js`);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      const js = await script.text();
      expect(js).toContain("fetch('/api/chat'");
      expect(js).not.toMatch(/https?:\/\//);
      const css = await fetch(`${url}/assets/chat.css`);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);

      // A browser revalidating its copy (fetch() would add `cache-control: no-cache` on its own).
      const again = await fetch(`${url}/assets/chat.css`, { headers: { 'if-none-match': css.headers.get('etag')!, 'cache-control': 'max-age=0' } });
      expect(again.status).toBe(304);
      expect((await fetch(`${url}/nothing-here`)).status).toBe(404);
      const info: Json = await (await fetch(`${url}/api/info`)).json();
      expect(info).toEqual({ claude: 'offline', store: 'memory', model: 'claude-haiku-5-5' });
    });

    it('streams a reply offline and keeps both turns; the next message is sent with the history', async () => {
      const { url, chatbot } = await start();
      const upstream = chatbot.services.claude.server!;
      const visitor = new Visitor(url);
      await visitor.fetch('/');

      const res = await visitor.chat('conv-one-0001', 'How do lighthouses work?');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(res.headers.get('ratelimit')).toBe('"requests-1m";r=29;t=60');
      const first = await readSse(res);
      expect(first.events[0]).toBe('message_start');
      expect(first.events.filter((e) => e === 'content_block_delta').length).toBeGreaterThan(2);
      expect(first.events.at(-1)).toBe('message_stop');
      expect(first.text.length).toBeGreaterThan(20);

      const history = await visitor.history('conv-one-0001');
      expect(history.messages).toEqual([
        { role: 'user', content: 'How do lighthouses work?' },
        { role: 'assistant', content: first.text },
      ]);

      const second = await readSse(await visitor.chat('conv-one-0001', 'And who keeps them?'));
      const sent = upstream.requests.at(-1)!.body as Json;
      expect(sent.messages).toEqual([
        { role: 'user', content: 'How do lighthouses work?' },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'And who keeps them?' },
      ]);
      expect(sent.system).toMatch(/distill-guard/);
      expect((await visitor.history('conv-one-0001')).messages).toHaveLength(4);
      expect((await visitor.history('conv-one-0001')).messages[3]).toEqual({ role: 'assistant', content: second.text });

      // A new conversation starts empty; another visitor cannot read this one.
      expect((await visitor.history('conv-two-0002')).messages).toEqual([]);
      const stranger = new Visitor(url);
      expect((await stranger.history('conv-one-0001')).messages).toEqual([]);
    });

    it('refuses bad chat requests with a 400 in the Anthropic error shape, saving nothing', async () => {
      const { url } = await start();
      const visitor = new Visitor(url);
      const cases: Array<[string, RegExp]> = [
        [JSON.stringify({ conversationId: 'conv-bad-0001' }), /message/],
        [JSON.stringify({ conversationId: 'x', message: 'hi' }), /conversationId/],
        [JSON.stringify({ conversationId: 'conv-bad-0001', message: 'x'.repeat(8001) }), /at most 8000/],
        ['{"conversationId": "conv-bad-0001", "message": ', /not valid JSON/],
      ];
      for (const [body, message] of cases) {
        const res = await visitor.fetch('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect(res.status).toBe(400);
        const json: Json = await res.json();
        expect(json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
        expect(json.error.message).toMatch(message);
      }
      expect((await visitor.history('conv-bad-0001')).messages).toEqual([]);
    });

    it('answers 200 rapid requests from one visitor with 429s carrying RateLimit and Retry-After', async () => {
      const { url } = await start();
      const visitor = new Visitor(url);
      await visitor.fetch('/');
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 200; i++) {
        const res = await visitor.chat('conv-rapid-01', `Question number ${i}?`);
        statuses.push(res.status);
        if (res.status === 429) last = res;
        else await res.arrayBuffer();
      }
      // The guard's default: 30 requests per minute per identity.
      expect(statuses.filter((s) => s === 200)).toHaveLength(30);
      expect(statuses.slice(30).every((s) => s === 429), JSON.stringify(statuses)).toBe(true);
      const retryAfter = Number(last!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(last!.headers.get('ratelimit')).toBe(`"requests-1m";r=0;t=${retryAfter}`);
      expect(last!.headers.get('ratelimit-policy')).toContain('"requests-1m";q=30;w=60');
      const body: Json = await last!.json();
      expect(body).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
      expect(body.error.message).toMatch(/30 requests per minute/);
      // Refused messages were never sent to the model nor saved.
      expect((await visitor.history('conv-rapid-01')).messages).toHaveLength(60);
      // Another visitor on the same address is not affected.
      const other = new Visitor(url);
      const fine = await other.chat('conv-other-01', 'Hello?');
      expect(fine.status).toBe(200);
      await fine.arrayBuffer();
    });

    it('refuses a flagged visitor with 403 and the reason', async () => {
      const { url, chatbot } = await start();
      const visitor = new Visitor(url);
      await visitor.fetch('/');
      await chatbot.chatGuard.flag(visitor.userId, 'manual review');
      const res = await visitor.chat('conv-flag-001', 'Hello?');
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'permission_error', message: 'This account is suspended pending review.' } });
      await chatbot.chatGuard.unflag(visitor.userId);
      const ok = await visitor.chat('conv-flag-001', 'Hello again?');
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
    });
  });

  describe(`${example.name}: /v1/messages for API clients`, () => {
    it('refuses a missing or wrong client key with 401', async () => {
      const { url } = await start();
      const body = JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
      const missing = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(missing.status).toBe(401);
      expect(await missing.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'Missing API key.' } });
      const sdk = new Anthropic({ apiKey: 'dgk_tests_wrong', baseURL: url, maxRetries: 0 });
      const err = await sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    });

    it('serves a valid key through the real SDK, JSON and streaming', async () => {
      const { url, chatbot } = await start();
      const sdk = new Anthropic({ apiKey: CLIENT_KEY, baseURL: url, maxRetries: 0 });
      const message = await sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 200, messages: [{ role: 'user', content: 'What is a lighthouse keeper?' }] });
      expect(message.type).toBe('message');
      expect(message.content[0]).toMatchObject({ type: 'text' });
      expect(message.usage.output_tokens).toBeGreaterThan(0);

      const stream = sdk.messages.stream({ model: 'claude-haiku-5-5', max_tokens: 200, messages: [{ role: 'user', content: 'Describe the sea at night.' }] });
      const text = await stream.finalText();
      expect(text.length).toBeGreaterThan(20);
      // The server's system prompt and model allowlist apply to API clients too.
      expect((chatbot.services.claude.server!.requests.at(-1)!.body as Json).system).toMatch(/distill-guard/);
      const wrongModel = await sdk.messages.create({ model: 'claude-opus-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(wrongModel).toBeInstanceOf(Anthropic.BadRequestError);
    });

    it('shares one store between the two guards: a flag set through one applies on the other route', async () => {
      const { url, chatbot } = await start();
      await chatbot.chatGuard.flag('key:tests', 'leaked key');
      const sdk = new Anthropic({ apiKey: CLIENT_KEY, baseURL: url, maxRetries: 0 });
      const err = await sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
      expect(await chatbot.apiGuard.isFlagged('key:tests')).toBe(true);
    });

    it('makes a demo key when CLIENT_API_KEYS is not set', async () => {
      const { url, chatbot } = await start({ CLIENT_API_KEYS: '' });
      expect(chatbot.demoKey).toMatch(/^dgk_demo_/);
      const sdk = new Anthropic({ apiKey: chatbot.demoKey!, baseURL: url, maxRetries: 0 });
      const message = await sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
      expect(message.type).toBe('message');
    });
  });

  describe(`${example.name}: with REDIS_URL`, () => {
    const redisUrl = () => `${inject('redisUrl')}/${example.redisDb}`;

    it('keeps the history, the limits and the flags in Redis, shared by two instances', async () => {
      const a = await start({ REDIS_URL: redisUrl() });
      await a.chatbot.services.redis!.flushdb();
      const b = await start({ REDIS_URL: redisUrl() });
      expect(a.chatbot.description).toMatch(/store: Redis redis:\/\/127\.0\.0\.1/);
      const info: Json = await (await fetch(`${a.url}/api/info`)).json();
      expect(info.store).toBe('redis');

      const visitor = new Visitor(a.url);
      await visitor.fetch('/');
      const reply = await readSse(await visitor.chat('conv-redis-001', 'How do tides work?'));
      expect(reply.events.at(-1)).toBe('message_stop');
      await a.chatbot.services.chat.idle();

      const stored = await a.chatbot.services.redis!.lrange(`chatbot:conversation:${visitor.userId}:conv-redis-001`, 0, -1);
      expect(stored.map((s) => JSON.parse(s))).toEqual([
        { role: 'user', content: 'How do tides work?' },
        { role: 'assistant', content: reply.text },
      ]);

      // The same visitor (same cookie) on the other instance sees the same conversation and the same limits.
      const onB = new Visitor(b.url);
      onB.cookie = visitor.cookie;
      expect((await onB.history('conv-redis-001')).messages).toHaveLength(2);
      const second = await onB.chat('conv-redis-001', 'And in lakes?');
      expect(second.status).toBe(200);
      expect(second.headers.get('ratelimit')).toMatch(/^"requests-1m";r=28;t=\d+$/);
      await second.arrayBuffer();

      // A flag set on one instance refuses the visitor on the other.
      await a.chatbot.chatGuard.flag(visitor.userId, 'manual review');
      expect((await onB.chat('conv-redis-001', 'Still there?')).status).toBe(403);
    });
  });
}

/**
 * An upstream that never answers, over real HTTP: the route gives up after its timeout, answers
 * in the API's error shape (a 504, or an SSE `error` event once the stream has begun), and
 * releases the client's concurrency slot and reservation, so the next request is served.
 */
import Anthropic from '@anthropic-ai/sdk';
import { startClaudeServer } from '@distill-guard/testing';
import { describe, expect, it } from 'vitest';
import type { AdapterHarness } from './adapter-suite.js';

const post = (url: string, body: unknown) => fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-user': 'patient' }, body: JSON.stringify(body) });

export function timeoutSuite(harness: AdapterHarness): void {
  describe(`${harness.name}: an upstream that never answers`, () => {
    it('answers 504 (JSON) or an SSE error event (stream) in time, and frees the slot for the next request', async () => {
      // `[[mock:slow]]` requests take a minute to start (JSON) or between deltas (stream); others are instant.
      const upstream = await startClaudeServer({ slow: { latencyMs: 60_000, chunkDelayMs: 60_000 } });
      const app = await harness.start({
        guard: { warnings: false, detector: false, limits: { requests: { limit: 1000, window: '1m' }, concurrency: 1 } },
        claude: { client: new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 }), timeouts: { responseMs: 300, firstEventMs: 300, idleMs: 300 } },
      });
      try {
        const started = Date.now();
        const hung = await post(app.url, { model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'hello [[mock:slow]]' }] });
        expect(hung.status).toBe(504);
        expect(await hung.json()).toMatchObject({ type: 'error', error: { message: expect.stringMatching(/did not answer in time/) } });
        expect(Date.now() - started).toBeLessThan(5_000);
        // The slot came back (concurrency 1): the next request is served.
        const next = await post(app.url, { model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'hello again' }] });
        expect(next.status).toBe(200);
        await next.arrayBuffer();

        // A stream that starts, then stalls between events.
        const upstreamIdle = await startClaudeServer({ slow: { latencyMs: 0, chunkDelayMs: 60_000 } });
        const streaming = await harness.start({
          guard: { warnings: false, detector: false, limits: { requests: { limit: 1000, window: '1m' }, concurrency: 1 } },
          claude: { client: new Anthropic({ apiKey: 'offline', baseURL: upstreamIdle.url, maxRetries: 0 }), timeouts: { responseMs: 300, firstEventMs: 300, idleMs: 300 } },
        });
        try {
          const stalled = await post(streaming.url, { model: 'claude-haiku-5-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'stream [[mock:slow]]' }] });
          expect(stalled.status).toBe(200);
          const text = await stalled.text();
          expect(text).toMatch(/event: error/);
          expect(text).toMatch(/did not answer in time/);
          const after = await post(streaming.url, { model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'and now?' }] });
          expect(after.status).toBe(200);
          await after.arrayBuffer();
        } finally {
          await streaming.close();
          await upstreamIdle.close();
        }
      } finally {
        await app.close();
        await upstream.close();
      }
    }, 30_000);
  });
}

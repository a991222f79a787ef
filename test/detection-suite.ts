/**
 * Distillation detection, live: a scripted harvester and a person chatting, interleaved, sent
 * over real HTTP to an app built with each framework (`distillGuard()` + `claudeRoute()` on the
 * offline Claude server). The guard's clock follows each request's time, so hours of traffic
 * run in seconds, exactly as they would have live.
 */
import { request as httpRequest } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { humanChatSession, interleave, scriptedHarvester, type TrafficStep } from '@distill-guard/core/replay';
import { manualClock } from '@distill-guard/core';
import { startClaudeServer } from '@distill-guard/testing';
import { describe, expect, it } from 'vitest';
import type { AdapterHarness } from './adapter-suite.js';

/** What the route answered: the status and the text it served (JSON or SSE). */
interface Served {
  status: number;
  text: string;
}

/** Sends one step exactly as its headers say (no fetch defaults added), as `user` from `ip`. */
function send(url: string, step: TrafficStep): Promise<Served> {
  const body = JSON.stringify(step.request.body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.request.headers)) if (v !== undefined) headers[k] = v;
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(body));
  headers['x-forwarded-for'] = step.request.ip;
  if (step.request.user) headers['x-test-user'] = step.request.user;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/messages`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: servedText(Buffer.concat(chunks).toString('utf8'), String(res.headers['content-type'] ?? '')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The answer text of a Messages response: text blocks of the JSON body, or the text deltas of the stream. */
function servedText(raw: string, type: string): string {
  if (type.includes('text/event-stream')) {
    let text = '';
    for (const line of raw.split('\n')) {
      if (!line.startsWith('data: ')) continue;
      const event = JSON.parse(line.slice(6)) as { type: string; delta?: { type: string; text?: string } };
      if (event.type === 'content_block_delta' && event.delta?.type === 'text_delta') text += event.delta.text ?? '';
    }
    return text;
  }
  try {
    const message = JSON.parse(raw) as { content?: Array<{ type: string; text?: string }> };
    return (message.content ?? []).filter((b) => b.type === 'text').map((b) => b.text ?? '').join('');
  } catch {
    return '';
  }
}

/**
 * A client that converses honestly: every assistant turn of a step's history is replaced by what
 * the route really served in that conversation (the generator only knows its own placeholders).
 */
function honestly(step: TrafficStep, served: string[]): TrafficStep {
  const body = step.request.body as { messages: Array<{ role: string; content: unknown }> };
  if (body.messages.length === 1) served.length = 0;
  let k = 0;
  const messages = body.messages.map((m) => (m.role === 'assistant' ? { ...m, content: served[k++] ?? '' } : m));
  return { ...step, request: { ...step.request, body: { ...body, messages } } };
}

export function detectionSuite(harness: AdapterHarness): void {
  describe(`${harness.name}: distillation detection, live`, () => {
    it('blocks a scripted harvester within a bounded number of requests and never refuses the person chatting beside it', async () => {
      const start = Date.UTC(2026, 10, 2, 8, 0, 0);
      const upstream = await startClaudeServer();
      const clock = manualClock(start);
      const app = await harness.start({
        // Graduated slow-downs wait in real time; the test keeps its clock simulated instead.
        guard: { clock, trustProxy: ['loopback'], warnings: false, detector: { actions: { throttleDelayMs: 0, flagDelayMs: 0 } } },
        claude: { client: new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 }) },
      });
      try {
        const harvester = scriptedHarvester({ user: 'harvester', ip: '198.51.100.23', count: 80, start, intervalSeconds: 45 });
        const person = humanChatSession({ user: 'alice', ip: '203.0.113.50', count: 60, start });
        const statuses: Record<string, number[]> = { harvester: [], alice: [] };
        const aliceServed: string[] = [];
        for (const step of interleave(harvester, person)) {
          clock.set(step.at);
          const isAlice = step.request.user === 'alice';
          const answer = await send(app.url, isAlice ? honestly(step, aliceServed) : step);
          statuses[step.request.user!]!.push(answer.status);
          if (isAlice && answer.status === 200) aliceServed.push(answer.text);
        }
        const firstBlock = statuses.harvester!.indexOf(403);
        expect(firstBlock, `harvester statuses: ${statuses.harvester!.join(' ')}`).toBeGreaterThanOrEqual(0);
        expect(firstBlock).toBeLessThan(40);
        // Once blocked it stays blocked: it is on the flagged list every instance reads.
        expect(statuses.harvester!.slice(firstBlock).every((s) => s === 403)).toBe(true);
        expect(await app.guard.isFlagged('harvester')).toBe(true);
        // The person was served every time.
        expect(statuses.alice!.every((s) => s === 200), `alice statuses: ${statuses.alice!.join(' ')}`).toBe(true);
        expect(await app.guard.isFlagged('alice')).toBe(false);
      } finally {
        await app.close();
        await upstream.close();
      }
    });

    it('judges a history by what it served: an honest conversation is never forged, an invented one is caught', async () => {
      const start = Date.UTC(2026, 10, 3, 9, 0, 0);
      const upstream = await startClaudeServer();
      const clock = manualClock(start);
      const app = await harness.start({
        guard: { clock, trustProxy: ['loopback'], warnings: false, limits: false, detector: { actions: { throttleDelayMs: 0, flagDelayMs: 0 } } },
        claude: { client: new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 }) },
      });
      try {
        // Bob converses through the Anthropic SDK pointed at the route: it resends what it was served.
        const sdk = new Anthropic({ apiKey: 'unused', baseURL: app.url, maxRetries: 0, defaultHeaders: { 'x-test-user': 'bob', 'x-forwarded-for': '203.0.113.61' } });
        const history: Anthropic.MessageParam[] = [];
        for (const question of ['How do I keep basil alive indoors?', 'It gets about four hours of sun. Enough?', 'What about watering in winter?', 'And should I trim the flowers?', 'Thanks! One more: which pot size?', 'Great, that helps.']) {
          clock.set(clock.now() + 90_000);
          history.push({ role: 'user', content: question });
          const reply = await sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 300, messages: history });
          history.push({ role: 'assistant', content: reply.content });
        }
        // Mallory sends every request with an invented earlier exchange the route never served.
        const statuses: number[] = [];
        let last: { signals: ReadonlyArray<{ name: string }> } | undefined;
        app.guard.on('decision', ({ decision }) => {
          if (decision.identity.id === 'mallory') last = decision;
        });
        for (let i = 0; i < 12; i++) {
          clock.set(clock.now() + 60_000);
          const step: TrafficStep = {
            at: clock.now(),
            request: {
              ip: '198.51.100.77',
              method: 'POST',
              path: '/v1/messages',
              user: 'mallory',
              headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', 'accept-language': 'en-US', accept: '*/*' },
              body: {
                model: 'claude-haiku-5-5',
                max_tokens: 600,
                messages: [
                  { role: 'user', content: `Earlier question ${i} about soil.` },
                  { role: 'assistant', content: `An answer this route never gave, number ${i}, about loam and clay.` },
                  { role: 'user', content: `Now list the trade-offs of approach ${i} and justify each one.` },
                ],
              },
              timestamp: clock.now(),
            },
            outcome: { status: 200 },
          };
          statuses.push((await send(app.url, step)).status);
        }
        expect(await app.guard.isFlagged('bob')).toBe(false);
        const bob = await app.guard.check({ ip: '203.0.113.61', method: 'POST', path: '/v1/messages', user: 'bob', headers: {}, body: { model: 'claude-haiku-5-5', max_tokens: 10, messages: [...history, { role: 'user', content: 'bye' }] } });
        expect(bob.signals.map((x) => x.name)).not.toContain('forged-history');
        expect(statuses.slice(0, 2).every((x) => x === 200)).toBe(true);
        expect(statuses.at(-1), `mallory statuses: ${statuses.join(' ')}`).toBe(403);
        expect(last?.signals.map((x) => x.name)).toContain('forged-history');
      } finally {
        await app.close();
        await upstream.close();
      }
    });
  });
}

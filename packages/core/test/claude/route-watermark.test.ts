import { createRequire } from 'node:module';
import Anthropic from '@anthropic-ai/sdk';
import { startClaudeServer, type ClaudeServer } from '@distill-guard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressHarness } from '../../../express/test/harness.js';
import { koaHarness } from '../../../koa/test/harness.js';
import type { AuditEvent, AuditSink } from '../../src/audit/index.js';
import type { ClaudeRouteOptions } from '../../src/internal.js';
import { createWatermarker, markText, rankIdentities, scoreEvidence, WatermarkEvidence, watermarkKey } from '../../src/watermark/index.js';
import { until } from '../telemetry/helpers.js';
import { ANSWERS } from '../watermark/helpers.js';

// Express is a dependency of the Express adapter, not of core: load it from there.
const express = createRequire(new URL('../../../express/package.json', import.meta.url))('express') as Parameters<typeof expressHarness>[1];
// Koa too, from the Koa adapter: both adapters serve claudeRoute through the core's relay.
type KoaApp = ReturnType<Parameters<typeof koaHarness>[1]>;
const Koa = createRequire(new URL('../../../koa/package.json', import.meta.url))('koa') as new () => KoaApp;
const HARNESSES = [expressHarness('express', express), koaHarness('koa', () => new Koa())];

const SECRET = 'route-watermark-secret-0123456789';
const key = watermarkKey(SECRET);

/** Protected spans the mark must leave as they are, each full of pair members. */
const PROTECTED = [
  '```js\n// do not change: it is what it is\nconst x = "don\'t";\n```',
  '`do not` and `it is`',
  '"I do not know, and it is late," she said.',
  '{"note": "do not", "also": "it is"}',
  'https://example.com/do-not/it-is?for=example',
];

/** The upstream's answer to "answer N": the Nth fixture answer, then protected spans after the 5th. */
function answerFor(prompt: string): string {
  const n = Number(/answer (\d+)/.exec(prompt)?.[1] ?? 0);
  const text = ANSWERS[n % ANSWERS.length]!;
  return n % 5 === 4 ? `${text}\n\n${PROTECTED.join('\n\n')}\n\nThat is all, and it is not much.` : text;
}

function lastUserText(body: { messages: Array<{ role: string; content: unknown }> }): string {
  const content = body.messages.at(-1)?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((b: { text?: string }) => b.text ?? '').join('') : '';
}

function memorySink(): AuditSink & { events: Array<AuditEvent & Record<string, unknown>> } {
  const events: Array<AuditEvent & Record<string, unknown>> = [];
  return {
    name: 'memory',
    events,
    async write(_lines, e) {
      events.push(...(e as typeof events));
    },
  };
}

const chat = (n: number) => ({ model: 'claude-haiku-4-5', max_tokens: 4000, messages: [{ role: 'user' as const, content: `Please write answer ${n}.` }] });

describe('claudeRoute watermark over HTTP (Express and Koa, the real SDK, the local Claude server)', () => {
  let upstream: ClaudeServer;
  beforeAll(async () => {
    upstream = await startClaudeServer({
      apiKey: 'upstream-key',
      reply: (body) => answerFor(lastUserText(body)),
      toolUse: (body) =>
        body.tools?.some((t) => t.name === 'note')
          ? { name: 'note', input: { text: "I don't know; it is not nearly done. For example, do not stop." }, text: "I'm going to write it down, though it isn't finished." }
          : undefined,
    });
  });
  afterAll(async () => {
    await upstream.close();
  });

  async function start(claude: Partial<ClaudeRouteOptions> = {}, guard: Record<string, unknown> = {}, harness = HARNESSES[0]!) {
    const sink = memorySink();
    const client = new Anthropic({ apiKey: 'upstream-key', baseURL: upstream.url, maxRetries: 0 });
    const app = await harness.start({
      guard: { warnings: false, detector: false, audit: { secret: 'audit-secret-0123456789abcdef', sinks: [sink], flushOnExit: false }, ...guard },
      claude: { client, warnings: false, ...claude },
    });
    const sdk = (user?: string) => new Anthropic({ apiKey: 'client-side-key', baseURL: app.url, maxRetries: 0, ...(user && { defaultHeaders: { 'x-test-user': user } }) });
    const outcomes = async (n: number) => {
      await until(() => sink.events.filter((e) => e.type === 'outcome').length >= n);
      return sink.events.filter((e) => e.type === 'outcome');
    };
    return { app, sdk, sink, outcomes };
  }

  it.each(HARNESSES.map((h) => [h.name, h] as const))('%s: marks JSON and SSE answers as markText does, leaves usage and protected spans alone, and audits the key id', async (_name, harness) => {
    const plain = await start({}, {}, harness);
    const marked = await start({ watermark: { secret: SECRET } }, {}, harness);
    try {
      const n = 4; // an answer with protected spans
      const original = answerFor(`answer ${n}`);
      const expected = markText(original, key);
      expect(expected.changed).toBeGreaterThan(0);

      const bare = await plain.sdk().messages.create(chat(n));
      const json = await marked.sdk().messages.create(chat(n));
      const streamed = await marked.sdk().messages.stream(chat(n)).finalMessage();
      const text = (m: Anthropic.Message) => m.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

      expect(text(bare)).toBe(original);
      expect(text(json)).toBe(expected.text);
      expect(text(streamed)).toBe(expected.text);
      expect(text(json)).not.toBe(original);
      // Usage is Claude's, unchanged by the rewrite.
      expect(json.usage.output_tokens).toBe(bare.usage.output_tokens);
      expect(json.usage.input_tokens).toBe(bare.usage.input_tokens);
      expect(streamed.usage.output_tokens).toBe(bare.usage.output_tokens);
      // Every protected span reaches the client byte for byte.
      for (const span of PROTECTED) expect(text(json)).toContain(span);

      const audited = await marked.outcomes(2);
      for (const e of audited) {
        expect(e.watermark).toEqual({ keyId: key.id, positions: expected.positions });
        expect(String(e.outputHash)).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(key.id).toMatch(/^wm_[0-9a-f]{12}$/);
      const unmarked = await plain.outcomes(1);
      expect(unmarked[0]!.watermark).toBeUndefined();
      // The audit names the key, never the secret.
      expect(JSON.stringify(marked.sink.events)).not.toContain(SECRET);
    } finally {
      await plain.app.close();
      await marked.app.close();
    }
  });

  it('leaves tool calls alone and marks the text before them', async () => {
    const marked = await start({ watermark: { secret: SECRET } }, { shield: { request: { tools: ['note'] } } });
    try {
      const tools: Anthropic.Tool[] = [{ name: 'note', description: 'Write a note.', input_schema: { type: 'object', properties: { text: { type: 'string' } } } }];
      const params = { ...chat(1), tools };
      for (const reply of [await marked.sdk().messages.create(params), await marked.sdk().messages.stream(params).finalMessage()]) {
        expect(reply.stop_reason).toBe('tool_use');
        const use = reply.content.find((b) => b.type === 'tool_use');
        expect(use?.type === 'tool_use' && use.input).toEqual({ text: "I don't know; it is not nearly done. For example, do not stop." });
        const said = reply.content.find((b) => b.type === 'text');
        expect(said?.type === 'text' && said.text).toBe(markText("I'm going to write it down, though it isn't finished.", key).text);
      }
    } finally {
      await marked.app.close();
    }
  });

  it('with attribution, marks each identity differently, and the verifier ranks the one served first', async () => {
    const marked = await start({ watermark: { secret: SECRET, attribution: true } });
    try {
      const served: string[] = [];
      for (let n = 0; n < ANSWERS.length; n++) {
        const reply = await marked.sdk('alice').messages.create(chat(n));
        served.push(reply.content.map((b) => (b.type === 'text' ? b.text : '')).join(''));
      }
      const bob = await marked.sdk('bob').messages.create(chat(4));
      const audited = await marked.outcomes(ANSWERS.length + 1);
      const decisions = marked.sink.events.filter((e) => e.type === 'decision');
      const ids = [...new Set(decisions.map((e) => String(e.identity)))];
      expect(ids).toHaveLength(2);
      const alice = ids.find((id) => id.includes('alice'))!;
      expect(served[0]).toBe(markText(ANSWERS[0]!, key, { identity: alice }).text);
      const bobId = ids.find((id) => id.includes('bob'))!;
      const bobText = bob.content[0]!.type === 'text' ? bob.content[0].text : '';
      expect(bobText).toBe(markText(answerFor('answer 4'), key, { identity: bobId }).text);
      expect(bobText).not.toBe(served[4]);
      for (const e of audited) expect(e.watermark).toMatchObject({ keyId: key.id, attribution: true });

      const evidence = new WatermarkEvidence();
      for (const t of served) evidence.addText(t);
      expect(scoreEvidence(evidence, key, { attribution: true }).pValue).toBeLessThan(1e-6);
      const ranked = rankIdentities(evidence, key, [...ids, ...Array.from({ length: 20 }, (_, i) => `user:other-${i}`)]);
      expect(ranked[0]!.identity).toBe(alice);
    } finally {
      await marked.app.close();
    }
  });
});

/** An upstream whose stream the test feeds one event at a time. */
function steppedUpstream() {
  const queue: Array<Record<string, unknown> | null> = [];
  let wake: (() => void) | undefined;
  const push = (event: Record<string, unknown> | null) => {
    queue.push(event);
    wake?.();
  };
  async function* events() {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      const e = queue.shift()!;
      if (e === null) return;
      yield e;
    }
  }
  const client = { apiKey: 'k', messages: { create: async () => events() } };
  return { client, push };
}

/** Reads an SSE response as it comes: the text of its text deltas so far, and a way to wait for more. */
function sseText(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  let text = '';
  return {
    get text() {
      return text;
    },
    /** Reads until the text is `expected`; fails (by the test's timeout) if it never is. */
    async until(expected: string) {
      while (text.length < expected.length) {
        const { value, done } = await reader.read();
        if (done) break;
        raw += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = raw.indexOf('\n\n')) >= 0) {
          const data = /^data: (.*)$/m.exec(raw.slice(0, end))?.[1];
          raw = raw.slice(end + 2);
          const event = data ? (JSON.parse(data) as { type: string; delta?: { type?: string; text?: string } }) : undefined;
          if (event?.type === 'content_block_delta' && event.delta?.type === 'text_delta') text += event.delta.text ?? '';
        }
      }
      expect(text).toBe(expected);
    },
  };
}

describe('claudeRoute watermark on a stream', () => {
  it('writes each delta as soon as the watermark lets go of it: at most the word before the one received is held', async () => {
    const original = "Don't worry: it is fine, though I am not sure. For example, we are here and they are not. Finally, it's done.";
    const deltas = original.match(/\s*\S+/g)!;
    // What the watermark alone lets out after each delta: the route must add no holding of its own.
    const alone = createWatermarker(key);
    const expected: string[] = [];
    let sofar = '';
    for (const d of deltas) expected.push((sofar += alone.push(d).text));
    const final = sofar + alone.end().text;
    expect(final).toBe(markText(original, key).text);

    const upstream = steppedUpstream();
    // The shield's output protection holds a window of its own (docs/shield.md): off, to see the watermark's alone.
    const app = await HARNESSES[0]!.start({ guard: { warnings: false, detector: false, shield: false }, claude: { client: upstream.client, warnings: false, watermark: { secret: SECRET } } });
    try {
      // The response's head goes out with the first event: start the request, then feed the upstream.
      const responded = fetch(`${app.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'c' },
        body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 500, stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
      });
      upstream.push({ type: 'message_start', message: { id: 'msg_1', model: 'claude-haiku-4-5', usage: { input_tokens: 3, output_tokens: 1 } } });
      upstream.push({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
      const res = await responded;
      expect(res.status).toBe(200);
      const sse = sseText(res);
      for (let i = 0; i < deltas.length; i++) {
        upstream.push({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: deltas[i] } });
        // The client has all the watermark lets out before the next delta is sent.
        await sse.until(expected[i]!);
        // Held back: at most the word before the one just received (test/watermark/stream.test.ts holds the scanner to it).
        const received = deltas.slice(0, i + 1).join('');
        expect(received.length - expected[i]!.length).toBeLessThanOrEqual(deltas[i]!.length + (deltas[i - 1]?.length ?? 0) + 3);
      }
      upstream.push({ type: 'content_block_stop', index: 0 });
      upstream.push({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 30 } });
      upstream.push({ type: 'message_stop' });
      upstream.push(null);
      await sse.until(final);
    } finally {
      await app.close();
    }
  });
});

describe('claudeRoute watermark option', () => {
  it('is off by default and refuses a short secret, naming the option', async () => {
    const { parseClaudeRouteOptions, OptionsError } = await import('../../src/internal.js');
    const client = { messages: { create: async () => ({}) }, apiKey: 'k' };
    expect(parseClaudeRouteOptions({ client, warnings: false }).watermark).toBeUndefined();
    expect(parseClaudeRouteOptions({ client, warnings: false, watermark: { secret: SECRET } }).watermark?.keyId).toBe(key.id);
    expect(() => parseClaudeRouteOptions({ client, warnings: false, watermark: { secret: 'short' } })).toThrow(OptionsError);
    expect(() => parseClaudeRouteOptions({ client, warnings: false, watermark: { secret: 'short' } })).toThrow(/claudeRoute\.watermark\.secret/);
  });
});

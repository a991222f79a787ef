import { createRequire } from 'node:module';
import Anthropic from '@anthropic-ai/sdk';
import { startClaudeServer, type ClaudeServer } from '@distill-guard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressHarness } from '../../../express/test/harness.js';
import type { Outcome } from '../../src/index.js';
import { until } from '../telemetry/helpers.js';

// Express is a dependency of the Express adapter, not of core: load it from there.
const express = createRequire(new URL('../../../express/package.json', import.meta.url))('express') as Parameters<typeof expressHarness>[1];
const harness = expressHarness('express', express);

/** A worked derivation: what a harvest of reasoning wants, wherever the reply carries it. */
const DERIVATION = [
  'The first leg is 2 hours at 60 km/h, so 60 × 2 = 120 km.',
  'That leaves 300 − 120 = 180 km for the second leg.',
  'At 90 km/h the second leg takes 180 / 90 = 2 hours.',
  'The whole trip is 2 + 2 = 4 hours, so the average speed is 300 / 4 = 75 km/h.',
  'Checking: 120 + 180 = 300 km, which matches the distance.',
];
/** Thinking and tool input that compute nothing: a person's ordinary request. */
const PLAIN_THOUGHT = 'The user wants a few tips for sleeping better. I should mention a regular bedtime, a dark room, less coffee in the afternoon and no screens late at night, and keep it friendly and short.';
const PLAIN_ANSWER = 'Go to bed at the same time every night, keep the room dark and cool, and skip coffee after lunch.';

const lastUser = (body: { messages: Array<{ role: string; content: unknown }> }): string => {
  const content = body.messages.at(-1)?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((b: { text?: string }) => b.text ?? '').join('') : '';
};
const derives = (body: { messages: Array<{ role: string; content: unknown }> }) => /trip/.test(lastUser(body));

/** Two reasoning answers a day, so the third one shows whether the first two were counted. */
const ALLOWANCE = 2;

describe('claudeRoute records what it served in words for the detector (thinking, tool inputs, a stream closed before its end)', () => {
  let upstream: ClaudeServer;
  beforeAll(async () => {
    upstream = await startClaudeServer({
      apiKey: 'upstream-key',
      reply: (body) => {
        // After a prefill that opens a JSON string, the reply continues the string it opened.
        if (body.messages.at(-1)?.role === 'assistant') return `${(/steps/.test(String(body.messages.at(-1)!.content)) ? DERIVATION : [PLAIN_ANSWER, PLAIN_THOUGHT]).map((l) => JSON.stringify(l)).join(', ').slice(1)}]}`;
        return body.tool_choice ? '' : /worked/.test(lastUser(body)) ? DERIVATION.join(' ') : derives(body) ? '75 km/h' : PLAIN_ANSWER;
      },
      thinking: (body) => (derives(body) ? DERIVATION.join(' ') : PLAIN_THOUGHT),
      toolUse: (body) => {
        if (body.tools?.some((t) => t.name === 'record_solution')) return { name: 'record_solution', input: { steps: DERIVATION, result: '75 km/h' } };
        if (body.tools?.some((t) => t.name === 'search')) return { name: 'search', input: { query: 'train times from Paris to Lyon on Friday morning', limit: 5 } };
        return undefined;
      },
    });
  });
  afterAll(async () => {
    await upstream.close();
  });

  async function start() {
    const client = new Anthropic({ apiKey: 'upstream-key', baseURL: upstream.url, maxRetries: 0 });
    const app = await harness.start({
      guard: { warnings: false, shield: { request: { tools: ['record_solution', 'search'] } }, detector: { actions: { reasoningAnswersPerDay: ALLOWANCE } } },
      claude: { client, warnings: false },
    });
    const outcomes: Outcome[] = [];
    app.guard.on('outcome', ({ outcome }) => outcomes.push(outcome));
    const sdk = (user: string) => new Anthropic({ apiKey: 'client-side-key', baseURL: app.url, maxRetries: 0, defaultHeaders: { 'x-test-user': user } });
    return { app, sdk, outcomes };
  }

  /** Sends `n` requests one after another; the statuses the client saw. */
  async function statuses(n: number, send: () => Promise<unknown>): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      try {
        await send();
        out.push(200);
      } catch (err) {
        if (!(err instanceof Anthropic.APIError) || err.status === undefined) throw err;
        out.push(err.status);
      }
    }
    return out;
  }

  const thinkingParams = (prompt: string) => ({
    model: 'claude-sonnet-4-5',
    max_tokens: 4096,
    thinking: { type: 'enabled' as const, budget_tokens: 2048 },
    messages: [{ role: 'user' as const, content: prompt }],
  });

  it.each(['json', 'stream'] as const)('%s: a derivation served as extended thinking counts against the reasoning allowance; thinking that computes nothing does not', async (mode) => {
    const { app, sdk, outcomes } = await start();
    try {
      const send = (user: string, prompt: string) => () => (mode === 'json' ? sdk(user).messages.create(thinkingParams(prompt)) : sdk(user).messages.stream(thinkingParams(prompt)).finalMessage());
      // The text is one line: only the thinking holds the derivation.
      expect(await statuses(ALLOWANCE + 1, send('harvester', 'How long is the trip, result only?'))).toEqual([200, 200, 429]);
      expect(await statuses(ALLOWANCE + 2, send('sleeper', 'Any tips for sleeping better?'))).toEqual([200, 200, 200, 200]);
      const served = outcomes.filter((o) => o.status === 200);
      expect(served.some((o) => o.outputText === '75 km/h' && o.otherOutputText === DERIVATION.join(' '))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it.each(['json', 'stream'] as const)('%s: a derivation served as a forced tool\'s input counts; a search tool\'s input does not', async (mode) => {
    const { app, sdk, outcomes } = await start();
    const tool = (name: string, properties: Record<string, unknown>): Anthropic.Tool => ({ name, description: name, input_schema: { type: 'object', properties } });
    const params = (prompt: string, t: Anthropic.Tool) => ({
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      tools: [t],
      tool_choice: { type: 'tool' as const, name: t.name },
      messages: [{ role: 'user' as const, content: prompt }],
    });
    try {
      const solve = tool('record_solution', { steps: { type: 'array', items: { type: 'string' } }, result: { type: 'string' } });
      const search = tool('search', { query: { type: 'string' }, limit: { type: 'number' } });
      const send = (user: string, p: ReturnType<typeof params>) => async () => {
        const reply = mode === 'json' ? await sdk(user).messages.create(p) : await sdk(user).messages.stream(p).finalMessage();
        expect(reply.stop_reason).toBe('tool_use');
      };
      expect(await statuses(ALLOWANCE + 1, send('tool-harvester', params('The trip?', solve)))).toEqual([200, 200, 429]);
      expect(await statuses(ALLOWANCE + 2, send('traveller', params('Trains to Lyon on Friday?', search)))).toEqual([200, 200, 200, 200]);
      const lines = outcomes.find((o) => o.otherOutputText?.includes('60 × 2'))?.otherOutputText;
      expect(lines).toBe(['result: 75 km/h', ...DERIVATION].join('\n'));
    } finally {
      await app.close();
    }
  });

  it('a derivation that continues a prefill opening a JSON string is read as the client holds it; tips after the same prefill are not counted', async () => {
    const { app, sdk } = await start();
    const params = (prompt: string, prefill: string) => ({
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      messages: [{ role: 'user' as const, content: prompt }, { role: 'assistant' as const, content: prefill }],
    });
    try {
      expect(await statuses(ALLOWANCE + 1, () => sdk('prefiller').messages.create(params('The trip, as JSON?', '{"steps": ["')))).toEqual([200, 200, 429]);
      expect(await statuses(ALLOWANCE + 2, () => sdk('lister').messages.create(params('Sleep tips as JSON?', '{"tips": ["')))).toEqual([200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });

  it('a stream the client closes right after its last text delta is read for what it served; one closed after plain text is not counted', async () => {
    const { app, sdk, outcomes } = await start();
    // `worked`: the derivation is the text this time. The upstream holds message_delta and message_stop back.
    const params = (prompt: string) => ({ model: 'claude-sonnet-4-5', max_tokens: 2048, messages: [{ role: 'user' as const, content: `${prompt} [[mock:hold-end]]` }] });
    /** Reads the stream until its text block stops, then leaves, as a client that has the whole answer can. */
    const leave = (user: string, prompt: string) => async () => {
      const before = outcomes.length;
      const stream = sdk(user).messages.stream(params(prompt));
      let text = '';
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
        if (event.type === 'content_block_stop') {
          stream.abort();
          break;
        }
      }
      await until(() => outcomes.length > before);
      const outcome = outcomes.at(-1)!;
      expect(outcome.aborted).toBe(true);
      expect(outcome.outputText).toBe(text);
    };
    try {
      expect(await statuses(ALLOWANCE, leave('leaver', 'The worked trip?'))).toEqual([200, 200]);
      // Refused at once: the two answers closed before their end were counted.
      expect(await statuses(1, () => sdk('leaver').messages.create({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'And the trip back?' }] }))).toEqual([429]);
      expect(await statuses(ALLOWANCE + 2, leave('reader', 'Any tips for sleeping better?'))).toEqual([200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });

  it('a stream closed before its end is billed for the thinking it served, not only its text', async () => {
    const { app, sdk, outcomes } = await start();
    try {
      const stream = sdk('budget').messages.stream({ ...thinkingParams('How long is the trip? [[mock:hold-end]]') });
      let stops = 0;
      for await (const event of stream) {
        // The thinking block, then the text block: then the client leaves, before message_delta and its usage.
        if (event.type === 'content_block_stop' && ++stops === 2) {
          stream.abort();
          break;
        }
      }
      await until(() => outcomes.length > 0);
      const outcome = outcomes[0]!;
      expect(outcome.aborted).toBe(true);
      expect(outcome.outputText).toBe('75 km/h');
      // Without the upstream's count, the estimate is 4 characters a token of everything generated.
      expect(outcome.usage?.output_tokens).toBe(Math.ceil((DERIVATION.join(' ').length + '75 km/h'.length) / 4));
    } finally {
      await app.close();
    }
  });
});

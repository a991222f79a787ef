/**
 * Graduated responses never break an honest client: a tool-use loop with extended thinking, run
 * with the real SDK against an app built with each framework (`distillGuard()` + `claudeRoute()`
 * on the offline Claude server, which refuses a tool loop whose thinking block was stripped, as
 * the API does). A scripted detector restricts the account when the test says so, at the start
 * of a turn or in the middle of its loop.
 */
import Anthropic from '@anthropic-ai/sdk';
import { createGuard, type DetectorPlugin, type DetectorResult, type Guard, type Outcome, type ResponseActions } from '@distill-guard/core';
import { startClaudeServer, type ClaudeServer, type MessagesRequestBody, type ToolCall } from '@distill-guard/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterHarness, HarnessApp } from './adapter-suite.js';

const CITIES = ['Paris', 'Lisbon', 'Oslo'];
const tools: Anthropic.Tool[] = [
  { name: 'get_weather', description: 'Current weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
];

/** The upstream's tool calls: one weather call per city of the turn, then an answer. */
function weatherCalls(body: MessagesRequestBody): ToolCall | undefined {
  if (!body.tools?.some((t) => t.name === 'get_weather')) return undefined;
  let answered = 0;
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const content = body.messages[i]!.content;
    if (body.messages[i]!.role !== 'user') continue;
    if (!Array.isArray(content) || !content.some((b) => b.type === 'tool_result')) break;
    answered++;
  }
  const city = CITIES[answered];
  return city === undefined ? undefined : { name: 'get_weather', input: { city } };
}

const question = (text = 'What is the weather in Paris, Lisbon and Oslo?'): Anthropic.MessageParam => ({ role: 'user', content: text });
const asked = (messages: Anthropic.MessageParam[], thinking: Anthropic.ThinkingConfigParam = { type: 'enabled', budget_tokens: 2000 }): Anthropic.MessageCreateParamsNonStreaming => ({
  model: 'claude-haiku-4-5',
  max_tokens: 4096,
  tools,
  thinking,
  messages,
});

/** The user message answering every tool call of `reply`. */
function results(reply: Anthropic.Message): Anthropic.MessageParam {
  const content: Anthropic.ToolResultBlockParam[] = reply.content.flatMap((b) =>
    b.type === 'tool_use' ? [{ type: 'tool_result', tool_use_id: b.id, content: `Sunny in ${(b.input as { city: string }).city}` }] : [],
  );
  return { role: 'user', content };
}

const hasThinking = (m: Anthropic.Message) => m.content.some((b) => b.type === 'thinking' || b.type === 'redacted_thinking');

/** An account the test restricts and releases: a detector whose verdict is whatever the test set. */
function restrictable(actions: ResponseActions): { guard: Guard; restrict(on: boolean): void } {
  const guard = createGuard({ warnings: false, detector: false, shield: { request: { tools: ['get_weather'] } } });
  let restricted = false;
  const detector: DetectorPlugin = {
    observe: (): DetectorResult => (restricted ? { score: 0.85, verdict: 'throttle', signals: [], actions } : { score: 0, verdict: 'allow', signals: [] }),
  };
  // The same way the admin tests plug in a detector of their own.
  (guard as unknown as { parts: { detector?: DetectorPlugin } }).parts.detector = detector;
  return { guard, restrict: (on) => (restricted = on) };
}

export function toolLoopSuite(harness: AdapterHarness): void {
  describe(`${harness.name}: graduated responses in a tool loop with extended thinking`, () => {
    let upstream: ClaudeServer;
    const apps: HarnessApp[] = [];
    beforeAll(async () => {
      upstream = await startClaudeServer({ toolUse: weatherCalls });
    });
    afterAll(async () => {
      await upstream.close();
    });
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((a) => a.close()));
      upstream.reset();
    });

    const start = async (actions: ResponseActions = { suppressReasoning: true }) => {
      const account = restrictable(actions);
      const client = new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 });
      const app = await harness.start({ guard: { guard: account.guard }, claude: { client } });
      apps.push(app);
      const outcomes: Outcome[] = [];
      app.guard.on('outcome', (e) => outcomes.push(e.outcome));
      const sdk = new Anthropic({ apiKey: 'client-side-key', baseURL: app.url, maxRetries: 0 });
      return { ...account, sdk, outcomes };
    };
    const settled = async (outcomes: Outcome[], n: number) => {
      for (let i = 0; i < 200 && outcomes.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      return outcomes;
    };
    /** What the route sent upstream: each call's thinking type. */
    const sentThinking = () => upstream.requests.map((r) => (r.body as { thinking?: { type: string } }).thinking?.type);

    /**
     * An honest client's loop: every assistant message sent back exactly as received, with the
     * results of its calls. `before(step)` runs before each request (to restrict or release).
     */
    async function loop(sdk: Anthropic, messages: Anthropic.MessageParam[], stream: boolean, before: (step: number) => void = () => undefined) {
      const params = asked([...messages]);
      const replies: Anthropic.Message[] = [];
      for (let step = 0; step < 10; step++) {
        before(step);
        const reply = stream ? await sdk.messages.stream(params).finalMessage() : await sdk.messages.create(params);
        replies.push(reply);
        params.messages.push({ role: 'assistant', content: reply.content });
        if (reply.stop_reason !== 'tool_use') return { replies, messages: params.messages };
        params.messages.push(results(reply));
      }
      throw new Error('the loop did not end');
    }

    describe.each([false, true])('stream: %s', (stream) => {
      it('(a) unrestricted: the loop runs with thinking from start to end', async () => {
        const { sdk, outcomes } = await start();
        const { replies } = await loop(sdk, [question()], stream);
        expect(replies.map((r) => r.stop_reason)).toEqual(['tool_use', 'tool_use', 'tool_use', 'end_turn']);
        expect(replies.every(hasThinking)).toBe(true);
        expect(sentThinking()).toEqual(['enabled', 'enabled', 'enabled', 'enabled']);
        await settled(outcomes, 4);
        expect(outcomes.map((o) => o.thinking)).toEqual([undefined, undefined, undefined, undefined]);
      });

      it.each([['suppressReasoning'], ['stripReasoning']] as const)('(b) restricted from the turn start (%s): the turn runs without thinking, no 400, no thinking returned', async (action) => {
        const { sdk, outcomes, restrict } = await start({ [action]: true });
        restrict(true);
        const { replies } = await loop(sdk, [question()], stream);
        expect(replies.map((r) => r.stop_reason)).toEqual(['tool_use', 'tool_use', 'tool_use', 'end_turn']);
        expect(replies.some(hasThinking)).toBe(false);
        expect(sentThinking()).toEqual(['disabled', 'disabled', 'disabled', 'disabled']);
        await settled(outcomes, 4);
        expect(outcomes.map((o) => [o.status, o.thinking])).toEqual([[200, 'suppressed'], [200, 'kept-off'], [200, 'kept-off'], [200, 'kept-off']]);
      });

      it('(c) restricted mid-loop: the turn keeps its thinking to the end; the next turn is suppressed', async () => {
        const { sdk, restrict } = await start();
        const { replies, messages } = await loop(sdk, [question()], stream, (step) => restrict(step >= 1));
        expect(replies.map((r) => r.stop_reason)).toEqual(['tool_use', 'tool_use', 'tool_use', 'end_turn']);
        expect(replies.every(hasThinking)).toBe(true);
        expect(sentThinking()).toEqual(['enabled', 'enabled', 'enabled', 'enabled']);
        // A new question is a new turn: now the restriction applies.
        const next = await loop(sdk, [...messages, question('And in Rome?')], stream);
        expect(next.replies.some(hasThinking)).toBe(false);
        expect(sentThinking().slice(4)).toEqual(['disabled', 'disabled', 'disabled', 'disabled']);
      });

      it('(d) restriction lifted mid-loop after a suppressed start: thinking stays off for the turn, comes back with the next', async () => {
        const { sdk, outcomes, restrict } = await start();
        const { replies, messages } = await loop(sdk, [question()], stream, (step) => restrict(step === 0));
        expect(replies.map((r) => r.stop_reason)).toEqual(['tool_use', 'tool_use', 'tool_use', 'end_turn']);
        expect(replies.some(hasThinking)).toBe(false);
        expect(sentThinking()).toEqual(['disabled', 'disabled', 'disabled', 'disabled']);
        await settled(outcomes, 4);
        expect(outcomes.map((o) => o.thinking)).toEqual(['suppressed', 'kept-off', 'kept-off', 'kept-off']);
        const next = await loop(sdk, [...messages, question('And in Rome?')], stream);
        expect(next.replies.every(hasThinking)).toBe(true);
        expect(sentThinking().slice(4)).toEqual(['enabled', 'enabled', 'enabled', 'enabled']);
      });

      it('(e) the old strip behaviour breaks the loop: the API refuses the stripped echo with a 400', async () => {
        const { sdk, restrict } = await start();
        restrict(true);
        // The old route sent the client's thinking upstream as asked and removed the thinking blocks from the reply.
        const direct = new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 });
        const params = asked([question()]);
        const first = stream ? await direct.messages.stream(params).finalMessage() : await direct.messages.create(params);
        expect(first.content.map((b) => b.type)).toEqual(['thinking', 'tool_use']);
        const stripped = first.content.filter((b) => b.type !== 'thinking');
        // The client echoes what it received, as it must; the old route forwarded it unchanged.
        const next = asked([question(), { role: 'assistant', content: stripped }, results(first)]);
        const error = await (stream ? direct.messages.stream(next).finalMessage() : direct.messages.create(next)).catch((e: unknown) => e);
        expect(error, String(error)).toBeInstanceOf(Anthropic.BadRequestError);
        expect((error as InstanceType<typeof Anthropic.BadRequestError>).message).toContain(
          'messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block',
        );
        // Through the route today, the same conversation goes on: the turn has no thinking block, so thinking stays off.
        const served = stream ? await sdk.messages.stream(next).finalMessage() : await sdk.messages.create(next);
        expect(served.stop_reason).toBe('tool_use');
        expect(upstream.requests.map((r) => r.status)).toEqual([200, 400, 200]);
        expect(sentThinking()).toEqual(['enabled', 'enabled', 'disabled']);
      });

      it('keeps the upstream call valid when a max_tokens cap falls below the thinking budget', async () => {
        // Restricted mid-loop with a cap: the budget is clamped under it, or thinking goes off for a call when no budget fits.
        const { sdk, outcomes, restrict } = await start({ suppressReasoning: true, maxTokens: 1500 });
        const clamped = await loop(sdk, [question()], stream, (step) => restrict(step >= 1));
        expect(clamped.replies.at(-1)!.stop_reason).toBe('end_turn');
        expect(upstream.requests.slice(1).map((r) => (r.body as { thinking: unknown }).thinking)).toEqual(Array(3).fill({ type: 'enabled', budget_tokens: 1499 }));
        const tight = await start({ suppressReasoning: true, maxTokens: 512 });
        upstream.reset();
        const off = await loop(tight.sdk, [question()], stream, (step) => tight.restrict(step === 1));
        expect(off.replies.map((r) => r.stop_reason)).toEqual(['tool_use', 'tool_use', 'tool_use', 'end_turn']);
        expect(sentThinking()).toEqual(['enabled', 'disabled', 'enabled', 'enabled']);
        await settled(tight.outcomes, 4);
        expect(tight.outcomes.map((o) => o.thinking)).toEqual([undefined, 'off-for-cap', undefined, undefined]);
        await settled(outcomes, 4);
        expect(outcomes.map((o) => o.thinking)).toEqual([undefined, 'budget-clamped', 'budget-clamped', 'budget-clamped']);
      });
    });

    it('still removes <thinking> sections from reply text under suppression (text is not signed)', async () => {
      const { sdk, restrict } = await start();
      restrict(true);
      const { tools: _none, ...plain } = asked([question('[[mock:say=<thinking>Step one, step two.</thinking>Sunny everywhere.]]')]);
      const reply = await sdk.messages.create(plain);
      expect(reply.content).toEqual([{ type: 'text', text: 'Sunny everywhere.' }]);
    });
  });
}

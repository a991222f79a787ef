import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpanKind } from '@opentelemetry/api';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard, OptionsError, type Decision, type Guard, type GuardOptions } from '../../src/internal.js';
import { createGuardTelemetry, DURATION_BUCKETS, inputTokens, TOKEN_BUCKETS } from '../../src/telemetry/index.js';
import { brokenRedisStore, chatRequest, messagesBody } from '../helpers.js';
import { attributeText, ERROR, otel, UNSET, until } from './helpers.js';

const NO_LIMITS = { requests: false, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } as const;
const USAGE = { input_tokens: 12, output_tokens: 40, cache_read_input_tokens: 300, cache_creation_input_tokens: 50 };

const open: Array<{ guard: Guard; shutdown: () => Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.guard.close();
    await o.shutdown();
  }
});


function setup(guardOptions: GuardOptions = {}, telemetryOptions: Parameters<typeof otel>[0] = {}) {
  const t = otel(telemetryOptions);
  const guard = createGuard({ warnings: false, limits: NO_LIMITS, ...guardOptions, telemetry: t.telemetry });
  open.push({ guard, shutdown: t.shutdown });
  return { ...t, guard };
}

describe('guard telemetry: spans', () => {
  it('makes a served call one CLIENT span `chat {model}` with the GenAI attributes, input counted with the cache tokens', async () => {
    const { guard, spans } = setup();
    const request = chatRequest({ user: 'u_1842', body: messagesBody({ max_tokens: 300, temperature: 0.2 }) });
    const decision = await guard.check(request);
    expect(decision.allowed).toBe(true);
    expect(spans()).toHaveLength(0);
    await guard.record(decision, { status: 200, usage: USAGE, model: 'claude-haiku-4-5-20251001', outputText: 'The keeper lit the lamp.', responseId: 'msg_01abc' } as never);

    const [span] = spans();
    expect(spans()).toHaveLength(1);
    expect(span!.name).toBe('chat claude-haiku-4-5');
    expect(span!.kind).toBe(SpanKind.CLIENT);
    expect(span!.status.code).toBe(UNSET);
    expect(span!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.request.max_tokens': 300,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.response.model': 'claude-haiku-4-5-20251001',
      'gen_ai.response.id': 'msg_01abc',
      // Anthropic's input_tokens excludes the cache: 12 + 300 read + 50 written.
      'gen_ai.usage.input_tokens': 362,
      'gen_ai.usage.output_tokens': 40,
      'gen_ai.usage.cache_read.input_tokens': 300,
      'gen_ai.usage.cache_creation.input_tokens': 50,
      'distill_guard.conclusion': 'allow',
      'distill_guard.allowed': true,
      'distill_guard.verdict': 'allow',
      'distill_guard.identity.source': 'user',
      'distill_guard.outcome.status': 200,
    });
    expect(typeof span!.attributes['distill_guard.score']).toBe('number');
    expect(span!.attributes['distill_guard.cost_usd']).toBeGreaterThan(0);
    expect(span!.attributes['error.type']).toBeUndefined();
    // Never the identity, the address, the request id, the prompt or the answer.
    const text = attributeText(span!);
    for (const secret of ['u_1842', '203.0.113.9', decision.id, 'Hello there', 'keeper']) expect(text).not.toContain(secret);
    // The span covers the check and the call.
    const ms = span!.duration[0] * 1000 + span!.duration[1] / 1e6;
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeGreaterThanOrEqual((span!.attributes['distill_guard.check.duration_ms'] as number) - 1);
  });

  it("reports max_tokens as the guard lets it through: the shield's clamp, then an output budget's cap", async () => {
    const { guard, spans } = setup({ shield: { request: { maxTokens: 200 } }, limits: { ...NO_LIMITS, outputTokens: { limit: 150, window: '1d' } } });
    const decision = await guard.check(chatRequest({ body: messagesBody({ max_tokens: 4000 }) }));
    expect(decision.actions.maxTokens).toBe(150);
    await guard.record(decision, { status: 200, usage: { input_tokens: 5, output_tokens: 5 } });
    expect(spans()[0]!.attributes).toMatchObject({ 'gen_ai.request.max_tokens': 150, 'distill_guard.action.max_tokens': 150 });
    const clamped = await guard.check(chatRequest({ body: messagesBody({ max_tokens: 4000 }) }));
    expect(clamped.actions.maxTokens).toBe(145);
  });

  it('gives a refused request a span with no upstream call, and no error status', async () => {
    const { guard, spans, histogram } = setup({ limits: { ...NO_LIMITS, requests: { limit: 1, window: '1m' } } });
    const first = await guard.check(chatRequest());
    const refused = await guard.check(chatRequest());
    expect(refused).toMatchObject({ conclusion: 'throttle', reason: 'rate-limit', allowed: false });
    expect(spans()).toHaveLength(1);
    const [span] = spans();
    expect(span!.name).toBe('chat claude-haiku-4-5');
    expect(span!.status.code).toBe(UNSET);
    expect(span!.attributes).toMatchObject({ 'distill_guard.conclusion': 'throttle', 'distill_guard.reason': 'rate-limit', 'distill_guard.allowed': false });
    expect(span!.attributes['distill_guard.retry_after']).toBeGreaterThan(0);
    expect(span!.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    // A refusal is not a GenAI operation: no duration, no tokens.
    expect((await histogram('gen_ai.client.operation.duration')).points).toEqual([]);
    await guard.record(first, { status: 200, usage: { input_tokens: 1, output_tokens: 1 } });
    expect(spans()).toHaveLength(2);
  });

  it('names an invalid request `chat` (no model known) and says why it was refused', async () => {
    const { guard, spans } = setup();
    await guard.check(chatRequest({ body: { messages: 'hi' } }));
    expect(spans()[0]!.name).toBe('chat');
    expect(spans()[0]!.attributes).toMatchObject({ 'distill_guard.conclusion': 'deny', 'distill_guard.reason': 'invalid-request' });
    expect(spans()[0]!.attributes['gen_ai.request.model']).toBeUndefined();
    expect(spans()[0]!.status.code).toBe(UNSET);
  });

  it('sets an error status when the guard failed and refused, with the code as error.type (never the message)', async () => {
    const { guard, spans } = setup({
      onStoreError: 'closed',
      identify: () => {
        throw new Error('directory at 10.0.0.7 unreachable');
      },
      logger: { warn() {}, error() {} },
    });
    const decision = await guard.check(chatRequest());
    expect(decision).toMatchObject({ conclusion: 'error', allowed: false });
    const [span] = spans();
    expect(span!.status).toMatchObject({ code: ERROR, message: 'DG_IDENTIFY_FAILED' });
    expect(span!.attributes).toMatchObject({ 'error.type': 'DG_IDENTIFY_FAILED', 'distill_guard.error.code': 'DG_IDENTIFY_FAILED' });
    expect(attributeText(span!)).not.toContain('10.0.0.7');
  });

  it('a store that failed: refused under closed (error status), served under open (the span follows the call)', async () => {
    const closed = setup({ store: brokenRedisStore(), detector: false, onStoreError: 'closed', logger: { warn() {}, error() {} } });
    expect(await closed.guard.check(chatRequest())).toMatchObject({ conclusion: 'error', allowed: false });
    expect(closed.spans()[0]!.name).toBe('chat claude-haiku-4-5');
    expect(closed.spans()[0]!.status).toMatchObject({ code: ERROR, message: 'DG_STORE_UNAVAILABLE' });

    const open = setup({ store: brokenRedisStore(), detector: false, onStoreError: 'open', logger: { warn() {}, error() {} } });
    const decision = await open.guard.check(chatRequest());
    expect(decision).toMatchObject({ conclusion: 'error', allowed: true });
    await open.guard.record(decision, { status: 200, usage: { input_tokens: 3, output_tokens: 4 } });
    expect(open.spans()[0]!.status.code).toBe(UNSET);
    expect(open.spans()[0]!.attributes['distill_guard.error.code']).toBe('DG_STORE_UNAVAILABLE');
  });

  it('makes no span of a decision without a Messages body that is not a refusal of one (token counts, other routes)', async () => {
    const t = otel();
    // A guard without telemetry makes the decisions; the test hands them to the telemetry itself.
    const plain = createGuard({ warnings: false, limits: { ...NO_LIMITS, requests: { limit: 1, window: '1m' } } });
    open.push({ guard: plain, shutdown: t.shutdown });
    const request = chatRequest();
    const served = await plain.check(request);
    const limited = await plain.check(request);
    const unauthenticated = await plain.check(chatRequest({ body: { messages: 'hi' } }));
    // As a request-count check announces them: no body.
    t.telemetry.handlers.decision({ decision: served, request });
    t.telemetry.handlers.decision({ decision: limited, request });
    expect(t.spans()).toHaveLength(0);
    t.telemetry.handlers.decision({ decision: unauthenticated, request });
    expect(t.spans()).toHaveLength(1);
    t.telemetry.close();
    expect(t.spans()).toHaveLength(1);
  });

  it('an upstream failure is an error; a client that left, a disallowed model or a stopped reply is not', async () => {
    const { guard, spans, histogram } = setup();
    const cases = [
      { status: 502, error: 'upstream_unreachable' },
      { status: 200, error: 'upstream_overloaded' },
      { status: 503 },
      { status: 499, error: 'client_aborted', aborted: true },
      { status: 400, error: 'model_not_allowed' },
      { status: 403, error: 'output_violation', violation: { kind: 'canary', detail: 'x' } },
    ];
    for (const outcome of cases) await guard.record(await guard.check(chatRequest()), outcome);
    const byStatus = spans().map((s) => [s.status.code, s.attributes['error.type']]);
    expect(byStatus).toEqual([
      [ERROR, 'upstream_unreachable'],
      [ERROR, 'upstream_overloaded'],
      [ERROR, '503'],
      [UNSET, undefined],
      [UNSET, undefined],
      [UNSET, undefined],
    ]);
    expect(spans()[3]!.attributes['distill_guard.outcome.aborted']).toBe(true);
    expect(spans()[5]!.attributes['distill_guard.outcome.violation']).toBe('canary');
    const duration = await histogram('gen_ai.client.operation.duration');
    expect(duration.points.filter((p) => p.attributes['error.type'] === 'upstream_unreachable')).toHaveLength(1);
    expect(duration.points.reduce((n, p) => n + p.count, 0)).toBe(6);
  });

  it('ends one span per decision, even when the outcome is recorded twice or a client reuses a request id', async () => {
    const { guard, spans } = setup();
    const a = await guard.check(chatRequest({ id: 'same-id' }));
    const b = await guard.check(chatRequest({ id: 'same-id' }));
    expect(a.id).toBe(b.id);
    await guard.record(a, { status: 200, usage: { input_tokens: 1, output_tokens: 2 } });
    await guard.record(a, { status: 200, usage: { input_tokens: 1, output_tokens: 2 } });
    expect(spans()).toHaveLength(1);
    await guard.record(b, { status: 200, usage: { input_tokens: 1, output_tokens: 3 } });
    expect(spans().map((s) => s.attributes['gen_ai.usage.output_tokens'])).toEqual([2, 3]);
  });
});

describe('guard telemetry: spans never recorded', () => {
  it('ends a span whose outcome never comes after spanTimeoutMs', async () => {
    const { guard, spans } = setup({}, { spanTimeoutMs: 20 });
    const decision = await guard.check(chatRequest());
    await until(() => spans().length > 0);
    expect(spans()).toHaveLength(1);
    expect(spans()[0]!.attributes['distill_guard.outcome.missing']).toBe('timeout');
    // A late outcome changes nothing.
    await guard.record(decision, { status: 200 });
    expect(spans()).toHaveLength(1);
  });

  it('keeps at most maxOpenSpans open: the oldest is ended first', async () => {
    const { guard, spans } = setup({}, { maxOpenSpans: 2 });
    const decisions: Decision[] = [];
    for (let i = 0; i < 3; i++) decisions.push(await guard.check(chatRequest()));
    expect(spans()).toHaveLength(1);
    expect(spans()[0]!.attributes['distill_guard.outcome.missing']).toBe('evicted');
    await guard.record(decisions[1]!, { status: 200 });
    await guard.record(decisions[2]!, { status: 200 });
    expect(spans().map((s) => s.attributes['distill_guard.outcome.missing'])).toEqual(['evicted', undefined, undefined]);
  });

  it('guard.close() ends the spans still open', async () => {
    const { guard, spans } = setup();
    await guard.check(chatRequest());
    await guard.close();
    expect(spans()).toHaveLength(1);
    expect(spans()[0]!.attributes['distill_guard.outcome.missing']).toBe('closed');
  });
});

describe('guard telemetry: metrics', () => {
  it('records gen_ai.client.token.usage by token type (input with the cache tokens) and gen_ai.client.operation.duration', async () => {
    const { guard, histogram } = setup();
    const decision = await guard.check(chatRequest());
    await guard.record(decision, { status: 200, usage: USAGE, model: 'claude-haiku-4-5-20251001' });
    const noUsage = await guard.check(chatRequest());
    await guard.record(noUsage, { status: 502, error: 'upstream_unreachable' });

    const tokens = await histogram('gen_ai.client.token.usage');
    expect(tokens.unit).toBe('{token}');
    const common = { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': 'claude-haiku-4-5', 'gen_ai.response.model': 'claude-haiku-4-5-20251001' };
    expect(tokens.points).toHaveLength(2);
    expect(tokens.points).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ attributes: { ...common, 'gen_ai.token.type': 'input' }, count: 1, sum: inputTokens(USAGE) }),
        expect.objectContaining({ attributes: { ...common, 'gen_ai.token.type': 'output' }, count: 1, sum: 40 }),
      ]),
    );
    expect(tokens.points[0]!.boundaries).toEqual(TOKEN_BUCKETS);

    const duration = await histogram('gen_ai.client.operation.duration');
    expect(duration.unit).toBe('s');
    expect(duration.points).toHaveLength(2);
    expect(duration.points[0]!.boundaries).toEqual(DURATION_BUCKETS);
    const failed = duration.points.find((p) => p.attributes['error.type']);
    expect(failed?.attributes).toEqual({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': 'claude-haiku-4-5', 'error.type': 'upstream_unreachable' });
    for (const p of duration.points) expect(p.sum).toBeGreaterThanOrEqual(0);
  });
});

describe('guard telemetry: options and cost', () => {
  it('createGuard refuses anything but createGuardTelemetry() and accepts false', () => {
    expect(() => createGuard({ telemetry: {} as never })).toThrow(OptionsError);
    expect(() => createGuard({ telemetry: {} as never })).toThrow(/telemetry.*createGuardTelemetry\(\)/);
    expect(() => createGuard({ warnings: false, telemetry: false })).not.toThrow();
  });

  it('createGuardTelemetry names a wrong option', () => {
    expect(() => createGuardTelemetry({ spanTimeout: 5 } as never)).toThrow(/telemetry\.spanTimeout.*did you mean `telemetry\.spanTimeoutMs`/);
    expect(() => createGuardTelemetry({ maxOpenSpans: 0 })).toThrow(/telemetry\.maxOpenSpans/);
  });

  it('without a provider it uses the global (no-op) API and costs nothing visible', async () => {
    const telemetry = createGuardTelemetry();
    const guard = createGuard({ warnings: false, limits: NO_LIMITS, telemetry });
    const decision = await guard.check(chatRequest());
    await guard.record(decision, { status: 200, usage: USAGE });
    await guard.close();
  });

  it('nothing reachable from the main entry imports @opentelemetry, while the telemetry entry does', () => {
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
    const external = (entry: string): Set<string> => {
      const files = new Set<string>();
      const found = new Set<string>();
      const visit = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
          if (fileName.startsWith('.')) visit(resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
          else found.add(fileName);
        }
      };
      visit(resolve(src, entry));
      return found;
    };
    expect([...external('index.ts')].filter((m) => m.startsWith('@opentelemetry'))).toEqual([]);
    expect(external('telemetry/index.ts').has('@opentelemetry/api')).toBe(true);
  });
});

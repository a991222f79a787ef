import { metrics, SpanKind, SpanStatusCode, trace, ValueType, type Histogram, type MeterProvider, type Span, type TracerProvider } from '@opentelemetry/api';
import type { Decision } from '../decision/index.js';
import { expectNumber, expectObject, optional } from '../options/validate.js';
import {
  decisionAttributes,
  DURATION_BUCKETS,
  GEN_AI,
  OPERATION,
  outcomeAttributes,
  outcomeErrorType,
  PROVIDER,
  spanName,
  TOKEN_BUCKETS,
  type Attributes,
} from './attributes.js';
import type { GuardTelemetryPlugin, TelemetryHandlers } from './plugin.js';

/** Options of {@link createGuardTelemetry}. */
export interface GuardTelemetryOptions {
  /** Where spans go. Default: the global tracer provider (`trace.setGlobalTracerProvider`, or what the Node SDK registers). */
  tracerProvider?: TracerProvider;
  /** Where the `gen_ai.client.*` metrics go. Default: the global meter provider. */
  meterProvider?: MeterProvider;
  /**
   * How long a served request's span may wait for its outcome (`guard.record`) before it is
   * ended without one, in ms. Default 600,000 (10 minutes: long streams take minutes).
   */
  spanTimeoutMs?: number;
  /** Most spans waiting for their outcome at once; past it the oldest is ended without one. Default 10,000. */
  maxOpenSpans?: number;
}

/** Guard telemetry: pass it to `createGuard({ telemetry })` (or `distillGuard({ telemetry })`). */
export type GuardTelemetry = GuardTelemetryPlugin;

const OPTION_KEYS = ['tracerProvider', 'meterProvider', 'spanTimeoutMs', 'maxOpenSpans'] as const;
const SCOPE = '@distill-guard/core';

/** A served request's span, until its outcome. */
interface Open {
  span: Span;
  /** `performance.now()` when `check` began. */
  started: number;
  /** Ms (performance clock) after which the span is ended without an outcome. */
  deadline: number;
  /** The request model, for the metrics' attributes. */
  model: string | undefined;
}

/**
 * Creates OpenTelemetry spans and GenAI metrics for a guard, following the OpenTelemetry GenAI
 * semantic conventions (Anthropic): each guarded Claude call is a CLIENT span `chat {model}` from
 * the start of `check` to its outcome, with the `gen_ai.*` request, response and usage attributes
 * (input tokens include cache reads and writes, as the conventions say for Anthropic) and the
 * decision under `distill_guard.*`. A refused request gets a span too, ended at once; its status is
 * an error only when the guard failed, not when it refused. Records the
 * `gen_ai.client.token.usage` and `gen_ai.client.operation.duration` histograms for served calls.
 *
 * Published as `@distill-guard/core/telemetry` so that `@distill-guard/core` never loads
 * `@opentelemetry/api` (an optional peer): without this object the guard pays nothing.
 *
 * @example
 * ```ts
 * import { createGuard } from '@distill-guard/core';
 * import { createGuardTelemetry } from '@distill-guard/core/telemetry';
 *
 * // With the OpenTelemetry Node SDK started first, spans and metrics go to its exporters.
 * const guard = createGuard({ telemetry: createGuardTelemetry() });
 * ```
 */
export function createGuardTelemetry(options: GuardTelemetryOptions = {}): GuardTelemetry {
  const o = expectObject('telemetry', options, OPTION_KEYS);
  const spanTimeoutMs = optional(o.spanTimeoutMs, 600_000, (v) => expectNumber('telemetry.spanTimeoutMs', v, { min: 1 }));
  const maxOpenSpans = optional(o.maxOpenSpans, 10_000, (v) => expectNumber('telemetry.maxOpenSpans', v, { min: 1, integer: true }));
  const tracer = ((o.tracerProvider as TracerProvider | undefined) ?? trace.getTracerProvider()).getTracer(SCOPE);
  const meter = ((o.meterProvider as MeterProvider | undefined) ?? metrics.getMeterProvider()).getMeter(SCOPE);
  const tokenUsage: Histogram = meter.createHistogram('gen_ai.client.token.usage', {
    description: 'Number of input and output tokens used.',
    unit: '{token}',
    valueType: ValueType.INT,
    advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
  });
  const duration: Histogram = meter.createHistogram('gen_ai.client.operation.duration', {
    description: 'GenAI operation duration.',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });

  // Keyed by the decision object, not its id: a client may send the same x-request-id twice.
  // Insertion order is start order, and every span has the same timeout, so the oldest is first.
  const open = new Map<Decision, Open>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const sweepEvery = Math.max(10, Math.min(60_000, Math.ceil(spanTimeoutMs / 4)));

  const endUnrecorded = (entry: Open, why: 'timeout' | 'evicted' | 'closed') => {
    entry.span.setAttribute('distill_guard.outcome.missing', why);
    entry.span.end(epochNow());
  };
  const sweep = () => {
    const now = performance.now();
    for (const [decision, entry] of open) {
      if (entry.deadline > now) break;
      open.delete(decision);
      endUnrecorded(entry, 'timeout');
    }
    if (open.size === 0) stopTimer();
  };
  const stopTimer = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  const handlers: TelemetryHandlers = {
    decision({ decision, body, durationMs }) {
      if (closed || !isMessagesCall(decision, body)) return;
      const checkMs = durationMs !== undefined && Number.isFinite(durationMs) && durationMs > 0 ? durationMs : 0;
      const model = body?.model ?? decision.model;
      const span = tracer.startSpan(spanName(model), {
        kind: SpanKind.CLIENT,
        startTime: epochNow() - checkMs,
        attributes: decisionAttributes(decision, body, durationMs),
      });
      if (!decision.allowed) {
        // A refusal is the guard doing its job; only a guard that could not decide is an error.
        if (decision.conclusion === 'error') {
          const type = decision.error?.code ?? 'internal-error';
          span.setAttribute(GEN_AI.errorType, type);
          span.setStatus({ code: SpanStatusCode.ERROR, message: type });
        }
        span.end(epochNow());
        return;
      }
      if (open.size >= maxOpenSpans) {
        const [oldest, entry] = open.entries().next().value as [Decision, Open];
        open.delete(oldest);
        endUnrecorded(entry, 'evicted');
      }
      const now = performance.now();
      open.set(decision, { span, started: now - checkMs, deadline: now + spanTimeoutMs, model });
      if (timer === undefined) {
        timer = setInterval(sweep, sweepEvery);
        timer.unref?.();
      }
    },
    outcome({ decision, outcome, costUsd }) {
      const entry = open.get(decision);
      if (!entry) return;
      open.delete(decision);
      if (open.size === 0) stopTimer();
      const { span } = entry;
      const attributes = outcomeAttributes(outcome, costUsd);
      span.setAttributes(attributes);
      const errorType = outcomeErrorType(outcome);
      if (errorType) span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
      span.end(epochNow());

      const common: Attributes = { [GEN_AI.operation]: OPERATION, [GEN_AI.provider]: PROVIDER };
      if (entry.model) common[GEN_AI.requestModel] = entry.model;
      if (outcome.model) common[GEN_AI.responseModel] = outcome.model;
      duration.record((performance.now() - entry.started) / 1000, errorType ? { ...common, [GEN_AI.errorType]: errorType } : common);
      if (outcome.usage) {
        tokenUsage.record(attributes[GEN_AI.inputTokens] as number, { ...common, [GEN_AI.tokenType]: 'input' });
        tokenUsage.record(outcome.usage.output_tokens, { ...common, [GEN_AI.tokenType]: 'output' });
      }
    },
  };
  for (const key of Object.keys(handlers) as Array<keyof TelemetryHandlers>) {
    const handler = handlers[key] as (e: unknown) => void;
    // Telemetry must never break a request, nor log at request rate.
    (handlers as unknown as Record<string, (e: unknown) => void>)[key] = (e) => {
      try {
        handler(e);
      } catch {
        // An exporter or attribute the SDK refuses is not worth an exception on the request path.
      }
    };
  }

  return {
    kind: 'distill-guard-telemetry',
    handlers,
    close() {
      closed = true;
      stopTimer();
      for (const entry of open.values()) endUnrecorded(entry, 'closed');
      open.clear();
    },
  };
}

/** Refusals that come before a Messages body is validated: the only decisions without a body that are spans. */
const BEFORE_BODY = new Set(['invalid-request', 'unauthenticated', 'internal-error']);

/**
 * Whether a decision is about a Claude call. A decision with a validated body is. Without one, a
 * refusal for a bad body, missing credentials or a guard that could not identify the client is
 * one too. Other decisions without a body are request counts (a token count, the app's other
 * routes) that are never recorded: an allowed one would wait for an outcome that never comes.
 */
function isMessagesCall(decision: Decision, body: unknown): boolean {
  if (body !== undefined) return true;
  return !decision.allowed && decision.reason !== undefined && BEFORE_BODY.has(decision.reason);
}

/** Wall-clock ms with sub-ms precision, from the monotonic clock (span start and end share it). */
function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { GuardMetricsPlugin, MetricsHandlers, MetricsSources } from './plugin.js';

export interface GuardMetricsOptions {
  /** Registry to register on (e.g. prom-client's global `register`). Default: a new registry. */
  registry?: Registry;
  /** Prefix of every metric name. Default `distill_guard_`. */
  prefix?: string;
  /** Labels added to every series (e.g. `{ instance: 'api-1' }`). */
  labels?: Record<string, string>;
  /** Buckets of the check latency histogram, in seconds. */
  latencyBuckets?: number[];
  /** Also collect Node process metrics (CPU, memory, event loop lag) on this registry. Default false. */
  defaultMetrics?: boolean;
  /**
   * How many identities are flagged now, read at scrape time (e.g. from the shared store).
   * Without it the gauge follows the flag events this process has seen.
   */
  flaggedCount?: () => number | Promise<number>;
}

/** Prometheus metrics of one guard. Pass it to `createGuard({ metrics })` and serve `metricsHandler(metrics)`. */
export interface GuardMetrics extends GuardMetricsPlugin {
  readonly registry: Registry;
}

const DEFAULT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const MAX_TRACKED_FLAGS = 100_000;

/**
 * Creates the guard's Prometheus metrics on a prom-client registry:
 * `decisions_total{conclusion,reason}`, `check_duration_seconds{conclusion}`, `verdicts_total{verdict}`,
 * `flagged_identities`, `store_errors_total{operation}`, `outcomes_total{status}`, `tokens_total{kind}`,
 * `cost_usd_total`, `audit_queue_depth`, `audit_events_dropped_total`, `audit_write_errors_total`,
 * `webhook_alerts_total{result}` (all prefixed `distill_guard_`).
 *
 * @example
 * ```ts
 * import { createGuardMetrics, metricsHandler } from '@distill-guard/core/metrics';
 * const metrics = createGuardMetrics();
 * app.use('/api/chat', distillGuard({ metrics }));
 * app.get('/metrics', async (_req, res) => { const r = await metricsHandler(metrics)(); res.status(r.status).type(r.contentType).send(r.body); });
 * ```
 */
export function createGuardMetrics(options: GuardMetricsOptions = {}): GuardMetrics {
  const registry = options.registry ?? new Registry();
  const p = options.prefix ?? 'distill_guard_';
  if (options.labels) registry.setDefaultLabels(options.labels);
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let sources: MetricsSources = {};
  const flagged = new Set<string>();

  const decisions = new Counter({ name: `${p}decisions_total`, help: 'Guard decisions by conclusion and reason.', labelNames: ['conclusion', 'reason'] as const, registers });
  const latency = new Histogram({
    name: `${p}check_duration_seconds`,
    help: 'Time spent in guard.check, by conclusion.',
    labelNames: ['conclusion'] as const,
    buckets: options.latencyBuckets ?? DEFAULT_BUCKETS,
    registers,
  });
  const verdicts = new Counter({ name: `${p}verdicts_total`, help: 'Verdict escalations (throttle, flag, block).', labelNames: ['verdict'] as const, registers });
  new Gauge({
    name: `${p}flagged_identities`,
    help: 'Identities currently flagged.',
    registers,
    async collect() {
      this.set(options.flaggedCount ? await options.flaggedCount() : flagged.size);
    },
  });
  const storeErrors = new Counter({ name: `${p}store_errors_total`, help: 'Store (memory/Redis) failures, by operation.', labelNames: ['operation'] as const, registers });
  const outcomes = new Counter({ name: `${p}outcomes_total`, help: 'Recorded outcomes by status class.', labelNames: ['status'] as const, registers });
  const tokens = new Counter({ name: `${p}tokens_total`, help: 'Tokens used by served requests.', labelNames: ['kind'] as const, registers });
  const cost = new Counter({ name: `${p}cost_usd_total`, help: 'Estimated spend of served requests, in USD.', registers });
  new Gauge({
    name: `${p}audit_queue_depth`,
    help: 'Audit events waiting to be written.',
    registers,
    collect() {
      this.set(sources.audit?.stats.queued ?? 0);
    },
  });
  const seen = { dropped: 0, writeErrors: 0, lost: 0, skipped: 0, delivered: 0, failed: 0, webhookDropped: 0, retries: 0 };
  /** Counters mirror monotonic stats: add what grew since the last scrape. */
  const grow = (counter: Counter<string>, key: keyof typeof seen, now: number | undefined, labels?: Record<string, string>) => {
    if (now === undefined || now <= seen[key]) return;
    if (labels) counter.inc(labels, now - seen[key]);
    else counter.inc(now - seen[key]);
    seen[key] = now;
  };
  new Counter({
    name: `${p}audit_events_dropped_total`,
    help: 'Audit events lost: queue full (dropped), given up at close (lost), or not sent to a best-effort sink (skipped).',
    labelNames: ['cause'] as const,
    registers,
    collect() {
      const s = sources.audit?.stats;
      grow(this, 'dropped', s?.dropped, { cause: 'queue-full' });
      grow(this, 'lost', s?.lost, { cause: 'close-timeout' });
      grow(this, 'skipped', s?.skipped, { cause: 'best-effort-sink' });
    },
  });
  new Counter({
    name: `${p}audit_write_errors_total`,
    help: 'Failed audit sink writes (retried).',
    registers,
    collect() {
      grow(this, 'writeErrors', sources.audit?.stats.writeErrors);
    },
  });
  new Counter({
    name: `${p}webhook_alerts_total`,
    help: 'Webhook alerts by result: delivered, failed (given up), dropped (queue full), retried (attempts).',
    labelNames: ['result'] as const,
    registers,
    collect() {
      const w = sources.alerts?.stats.webhook;
      grow(this, 'delivered', w?.delivered, { result: 'delivered' });
      grow(this, 'failed', w?.failed, { result: 'failed' });
      grow(this, 'webhookDropped', w?.dropped, { result: 'dropped' });
      grow(this, 'retries', w?.retries, { result: 'retried' });
    },
  });

  const handlers: MetricsHandlers = {
    decision: ({ decision, durationMs }) => {
      decisions.inc({ conclusion: decision.conclusion, reason: decision.reason ?? 'none' });
      if (durationMs !== undefined && Number.isFinite(durationMs)) latency.observe({ conclusion: decision.conclusion }, durationMs / 1000);
    },
    outcome: ({ outcome, costUsd }) => {
      outcomes.inc({ status: outcome.aborted ? 'aborted' : `${Math.floor(outcome.status / 100)}xx` });
      const u = outcome.usage;
      if (u) {
        tokens.inc({ kind: 'input' }, u.input_tokens);
        tokens.inc({ kind: 'output' }, u.output_tokens);
        if (u.cache_read_input_tokens) tokens.inc({ kind: 'cache_read' }, u.cache_read_input_tokens);
        if (u.cache_creation_input_tokens) tokens.inc({ kind: 'cache_write' }, u.cache_creation_input_tokens);
      }
      if (Number.isFinite(costUsd) && costUsd > 0) cost.inc(costUsd);
    },
    verdict: ({ verdict }) => verdicts.inc({ verdict }),
    storeError: ({ operation }) => storeErrors.inc({ operation }),
    flag: ({ id, flagged: on }) => {
      if (on && flagged.size < MAX_TRACKED_FLAGS) flagged.add(id);
      else if (!on) flagged.delete(id);
    },
  };
  for (const key of Object.keys(handlers) as Array<keyof MetricsHandlers>) {
    const handler = handlers[key] as (e: unknown) => void;
    // Metrics must never break a request.
    (handlers as unknown as Record<string, (e: unknown) => void>)[key] = (e) => {
      try {
        handler(e);
      } catch {
        // A label or value prom-client refuses is not worth an exception on the request path.
      }
    };
  }

  return {
    kind: 'distill-guard-metrics',
    registry,
    handlers,
    bind(next) {
      sources = { ...sources, ...next };
    },
    close() {
      sources = {};
    },
  };
}

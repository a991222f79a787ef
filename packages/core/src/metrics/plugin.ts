import type { AlertsStats } from '../alerts/index.js';
import type { AuditStats } from '../audit/index.js';
import { OptionsError } from '../errors/index.js';
import type { GuardEvents } from '../contracts/index.js';
import { describe } from '../options/validate.js';

// This file must not import prom-client: `@distill-guard/core` re-exports it so that the guard
// can accept a metrics object while prom-client stays an optional peer dependency.

/** The guard events metrics count. `durationMs` on `decision` (time spent in `check`) feeds the latency histogram. */
export interface MetricsHandlers {
  decision(event: Parameters<GuardEvents['decision']>[0] & { durationMs?: number }): void;
  outcome: GuardEvents['outcome'];
  verdict: GuardEvents['verdict'];
  storeError: GuardEvents['storeError'];
  flag: GuardEvents['flag'];
}

/** Counters read at scrape time from the other subsystems. */
export interface MetricsSources {
  audit?: { readonly stats: AuditStats };
  alerts?: { readonly stats: AlertsStats };
}

/**
 * What `createGuard({ metrics })` accepts: the object returned by `createGuardMetrics()` from
 * `@distill-guard/core/metrics`.
 */
export interface GuardMetricsPlugin {
  readonly kind: 'distill-guard-metrics';
  readonly handlers: MetricsHandlers;
  /** Lets the metrics read queue depths and drop counters of the guard's audit log and alerts. */
  bind(sources: MetricsSources): void;
  close(): void;
}

/**
 * Validates the `metrics` option: absent or `false` means no metrics, otherwise it must be the
 * object returned by `createGuardMetrics()` (imported from `@distill-guard/core/metrics`).
 *
 * @example
 * ```ts
 * const metrics = parseMetricsOptions(options.metrics, 'metrics');
 * metrics?.bind({ audit, alerts });
 * ```
 */
export function parseMetricsOptions(input: unknown, path = 'metrics'): GuardMetricsPlugin | undefined {
  if (input === undefined || input === false) return undefined;
  const m = input as Partial<GuardMetricsPlugin> | null;
  if (!m || m.kind !== 'distill-guard-metrics' || typeof m.bind !== 'function' || !m.handlers) {
    throw new OptionsError(
      path,
      `must be the object returned by createGuardMetrics() from '@distill-guard/core/metrics', got ${describe(input)}.`,
    );
  }
  return m as GuardMetricsPlugin;
}

/**
 * Prometheus metrics for distill-guard, published as `@distill-guard/core/metrics` so that
 * `@distill-guard/core` itself never loads prom-client (an optional peer dependency).
 *
 * @packageDocumentation
 */
export { createGuardMetrics, type GuardMetrics, type GuardMetricsOptions } from './metrics.js';
export { metricsHandler, type MetricsResponse } from './handler.js';
export { parseMetricsOptions, type GuardMetricsPlugin, type MetricsHandlers, type MetricsSources } from './plugin.js';

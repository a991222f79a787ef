/**
 * Everything the core's folders export, for the core's own tests (which reach past the public
 * surface). Not a package entry: applications import `@distill-guard/core` (./index.ts) and its
 * subpaths.
 */
export * from './request/index.js';
export * from './decision/index.js';
export * from './errors/index.js';
export * from './clock/index.js';
export * from './store/index.js';
export * from './identity/index.js';
export * from './claude/index.js';
export * from './claude-route/index.js';
export * from './limits/index.js';
export * from './flagged/index.js';
export * from './guard/index.js';
export { consoleLogger, WARNING_CODES, type Logger, type WarningCode } from './options/warnings.js';
export * from './http/index.js';
export * from './adapter/index.js';
export * from './audit/index.js';
export * from './alerts/index.js';
export { parseMetricsOptions, type GuardMetricsPlugin, type MetricsHandlers, type MetricsSources } from './metrics/plugin.js';
export { parseTelemetryOptions, type GuardTelemetryPlugin, type TelemetryHandlers } from './telemetry/plugin.js';
export * from './fingerprint/index.js';
export * from './detector/index.js';
export * from './replay/index.js';
export * from './admin/index.js';
export * from './shield/index.js';

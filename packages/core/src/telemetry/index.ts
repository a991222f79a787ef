/**
 * OpenTelemetry for distill-guard (spans and GenAI metrics), published as
 * `@distill-guard/core/telemetry` so that `@distill-guard/core` itself never loads
 * `@opentelemetry/api` (an optional peer dependency).
 *
 * @packageDocumentation
 */
export { createGuardTelemetry, type GuardTelemetry, type GuardTelemetryOptions } from './telemetry.js';
export { inputTokens, spanName, TOKEN_BUCKETS, DURATION_BUCKETS } from './attributes.js';
export { parseTelemetryOptions, type GuardTelemetryPlugin, type TelemetryHandlers } from './plugin.js';

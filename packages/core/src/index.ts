/**
 * `@distill-guard/core`: what an application needs to guard its Claude routes: the guard, its
 * stores, the decision and outcome types, the errors, and the option types of every part.
 *
 * The parts themselves are subpaths, for tools and for who builds on them:
 * `@distill-guard/core/detector`, `/shield`, `/audit`, `/replay`, `/adapter` (what a framework
 * adapter is made of), `/metrics`, `/telemetry` and `/watermark`.
 *
 * @example
 * ```ts
 * import { createGuard, redisStore } from '@distill-guard/core';
 * const guard = createGuard({ store: redisStore(redis), onStoreError: 'open' });
 * ```
 *
 * @packageDocumentation
 */

// The guard.
export { createGuard, Guard, type GuardOptions, type RequestLimitScope, type ResolvedGuardOptions } from './guard/index.js';
export type { DetectorInput, DetectorPlugin, DetectorResult, GuardContext, GuardEvents, InjectionScan } from './contracts/index.js';

// Decisions, outcomes, errors and time.
export * from './decision/index.js';
export * from './errors/index.js';
export * from './clock/index.js';

// Stores: where limits, flags and detector state live.
export {
  CounterTable,
  GLOBAL_ROW_KEY,
  hashTag,
  memoryStore,
  MemoryStore,
  redisStore,
  RedisStore,
  rowKey,
  storeKey,
  type CounterRow,
  type MemoryStoreOptions,
  type RedisClientLike,
  type RedisPipelineLike,
  type RedisStoreOptions,
  type Store,
  type StoreOp,
  type StoreResult,
} from './store/index.js';

// Who is asking: API keys, trusted proxies.
export { hashApiKey, type ApiKeyEntry, type ApiKeyOptions, type IdentifyFn, type TrustProxy } from './identity/index.js';

// Limits and flags.
export { parseWindow, type Consumption, type Demand, type LimitRule, type LimitSetting, type LimitsOptions, type ScopeLimits, type Window } from './limits/index.js';
export { FlagList, type FlagEntry, type FlagInput } from './flagged/index.js';

// Prices and tokens.
export * from './claude/index.js';

// Requests, and the Claude route's options (the adapters' `claudeRoute`).
export type { ContentBlock, GuardHeaders, GuardRequest, MessageParam, MessagesBody, TextBlock } from './request/index.js';
export { prefillText } from './request/index.js';
export { internalErrorResponse, readJsonBody, type MatchOption, type OtherRoutes } from './http/index.js';
export {
  DEFAULT_UPSTREAM_TIMEOUTS,
  upstreamThinking,
  type ClaudeRouteOptions,
  type MessagesClientLike,
  type OutputViolation,
  type TextTransform,
  type ThinkingChange,
  type TransformResult,
  type UpstreamThinking,
  type UpstreamTimeouts,
} from './claude-route/index.js';

// Warnings.
export { consoleLogger, WARNING_CODES, type Logger, type WarningCode } from './options/warnings.js';

// Alerts, and checking a webhook's signature where it is received.
export {
  SIGNATURE_HEADER,
  verifyWebhookSignature,
  type Alert,
  type AlertsOptions,
  type FlagAlert,
  type FlagHook,
  type VerdictAlert,
  type VerdictHook,
  type VerifyWebhookSignatureOptions,
  type WebhookOptions,
} from './alerts/index.js';

// The option types of the parts (the parts themselves are subpaths).
export type { DetectorOptions, ProbationOptions, SignalName } from './detector/index.js';
export type { InjectionClassifier, InjectionOptions, InjectionPolicy, OutputOptions, RequestRulesOptions, ShieldOptions, SystemPolicy } from './shield/index.js';
export type { AuditFileOptions, AuditOptions, AuditRedisOptions } from './audit/index.js';
export type { AdminOptions } from './admin/index.js';
export type { GuardMetricsPlugin } from './metrics/plugin.js';
export type { GuardTelemetryPlugin } from './telemetry/plugin.js';

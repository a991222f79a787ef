/**
 * The audit trail: one chained, HMAC-signed JSON line per decision, outcome, verdict change and
 * flag change, written off the request path to a file, stdout and/or a Redis Stream, and
 * verifiable afterwards (`verifyAuditFiles`, `distill-guard audit verify`).
 *
 * @packageDocumentation
 */
export {
  parseAuditOptions,
  AUDIT_SECRET_ENV,
  type AuditOptions,
  type AuditFileOptions,
  type AuditRedisOptions,
  type ResolvedAuditOptions,
} from './options.js';
export { AuditLog, createAuditLog, createAuditSinks, type AuditStats, type AuditHandlers } from './log.js';
export type {
  AuditEvent,
  AuditEventType,
  AuditEnvelope,
  AuditIdentityFields,
  AuditRecord,
  DecisionAuditEvent,
  OutcomeAuditEvent,
  VerdictAuditEvent,
  FlagAuditEvent,
  DroppedAuditEvent,
  SkippedAuditEvent,
  AuditGap,
  DecisionEventInput,
} from './events.js';
export { canonicalJson } from './canonical.js';
export { registerExitFlush, type ExitFlushable } from './exit-flush.js';
export { eventHash, GENESIS_HASH, type ChainHead } from './chain.js';
export { maskSecrets } from './mask.js';
export { verifyAuditFiles, verifyAuditLines, type AuditVerifyResult, type AuditVerifyFailure, type AuditVerifyGap, type AuditVerifyOptions } from './verify.js';
export { readAuditEvents, orderAuditFiles, expandAuditPaths } from './read.js';
export { summarizeAudit, type AuditSummary, type IdentitySummary } from './report.js';
export type { AuditSink } from './sinks/types.js';
export { FileSink, type FileSinkOptions, type FsyncPolicy } from './sinks/file.js';
export { StreamSink } from './sinks/stdout.js';
export { RedisStreamSink, type RedisStreamClientLike, type RedisStreamPipelineLike, type RedisStreamSinkOptions } from './sinks/redis.js';

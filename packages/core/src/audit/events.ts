import { createHash } from 'node:crypto';
import type { Decision, Identity, Outcome, Signal, Verdict } from '../decision/index.js';
import type { GuardEvents } from '../contracts/index.js';
import { lastUserText, systemText, type GuardHeaders } from '../request/index.js';
import { maskSecrets } from './mask.js';

/**
 * Kinds of audit events. `dropped` records events lost to a full queue (see `docs/operations.md`).
 * `skipped` is written only by a best-effort sink (the Redis stream next to a file): it stands in
 * for the events that copy could not take and bridges its chain over them ({@link SkippedAuditEvent}).
 */
export type AuditEventType = 'decision' | 'outcome' | 'verdict' | 'flag' | 'dropped' | 'skipped';

/** Fields every audit line carries. `level`, `time` and `msg` make each line a pino log record. */
export interface AuditEnvelope {
  /** pino level: 30 info, 40 warn, 50 error. */
  level: number;
  /** ms since the epoch, from the guard's clock. */
  time: number;
  msg: string;
  type: AuditEventType;
  /** Set by `audit.instance`, to tell apart the chains of several instances sharing one Redis stream. */
  instance?: string;
  /** Position in the chain, from 1. */
  seq: number;
  /** `hash` of the previous event (64 zeros for the first). */
  prev: string;
  /** HMAC-SHA256 of this event (without `hash`), keyed by the audit secret. */
  hash: string;
}

/** Who an event is about; the same fields on every event type that has an identity. */
export interface AuditIdentityFields {
  identity: string;
  source?: Identity['source'];
  keyId?: string;
  ip?: string;
  network?: string;
}

export interface DecisionAuditEvent extends AuditEnvelope, AuditIdentityFields {
  type: 'decision';
  requestId: string;
  method?: string;
  path?: string;
  fingerprint?: string;
  conclusion: Decision['conclusion'];
  allowed: boolean;
  reason?: Decision['reason'];
  status: number;
  score: number;
  verdict: Verdict;
  signals?: Signal[];
  cluster?: string;
  monitor?: true;
  retryAfter?: number;
  error?: string;
  model?: string;
  maxTokens?: number;
  stream?: boolean;
  /** SHA-256 (hex) of the last user turn's text. */
  promptHash?: string;
  /** SHA-256 (hex) of the system prompt, when there is one. */
  systemHash?: string;
  /** Last user turn, masked; only under `capture: 'full'`. */
  prompt?: string;
}

export interface OutcomeAuditEvent extends AuditEnvelope, AuditIdentityFields {
  type: 'outcome';
  requestId: string;
  status: number;
  model?: string;
  /** Tokens; `cacheWrite` counts both cache TTLs, `cacheWrite1h` (when there were any) the 1-hour writes among them. */
  usage?: { input: number; output: number; cacheWrite: number; cacheWrite1h?: number; cacheRead: number };
  costUsd: number;
  durationMs?: number;
  aborted?: true;
  error?: string;
  /** How `claudeRoute` changed the client's thinking setting (`suppressed`, `kept-off`, `budget-clamped`, `off-for-cap`). */
  thinking?: Outcome['thinking'];
  /** The reply's text was watermarked: with which key (`wm_…`), how many positions it carried, and `attribution`. */
  watermark?: Outcome['watermark'];
  /** SHA-256 (hex) of the reply text, when the adapter passed it. */
  outputHash?: string;
  /** Reply text, masked; only under `capture: 'full'`. */
  output?: string;
}

export interface VerdictAuditEvent extends AuditEnvelope, AuditIdentityFields {
  type: 'verdict';
  requestId: string;
  verdict: Verdict;
  previous: Verdict;
  score: number;
  signals: Signal[];
  cluster?: string;
  monitor?: true;
}

export interface FlagAuditEvent extends AuditEnvelope {
  type: 'flag';
  identity: string;
  flagged: boolean;
  reason?: string;
  by: string;
}

export interface DroppedAuditEvent extends AuditEnvelope {
  type: 'dropped';
  /** Events lost because the queue was full (or the audit log was closed). */
  count: number;
  /** Clock time of the first and last loss. */
  from: number;
  to: number;
}

/**
 * A counted gap in one copy of the chain, written by a best-effort sink (the Redis stream next
 * to a file) when it writes again after skipping batches. It is not an event of the chain (the
 * file never holds one, and `seq` does not advance for it): it stands in for the events
 * `fromSeq`..`seq` that this copy does not hold. `prev` is the hash of event `fromSeq - 1` (the
 * last one this copy holds before the gap), `last` the hash of event `seq` (the last one it
 * skipped), so the next event's `prev` links to `last`. It is signed like any line, so it cannot
 * be forged or moved without the secret; `verify` reports it as a counted loss.
 */
export interface SkippedAuditEvent extends AuditEnvelope {
  type: 'skipped';
  /** Name of the sink that skipped the events (`redis`). */
  sink: string;
  /** Events this copy does not hold: `seq - fromSeq + 1`. */
  count: number;
  /** First skipped seq; `seq` is the last. */
  fromSeq: number;
  /** Hash of event `seq`, the last one skipped: what the next event's `prev` links to. */
  last: string;
}

/** One line of the audit log. */
export type AuditEvent = DecisionAuditEvent | OutcomeAuditEvent | VerdictAuditEvent | FlagAuditEvent | DroppedAuditEvent;

/** An event before the chain fields are added. */
export type AuditRecord = DistributiveOmit<AuditEvent, 'seq' | 'prev' | 'hash'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The `decision` event payload, plus fields the guard may add (client fingerprint, check time). */
export type DecisionEventInput = Parameters<GuardEvents['decision']>[0] & { fingerprint?: string; durationMs?: number };
export type OutcomeEventInput = Parameters<GuardEvents['outcome']>[0];
export type VerdictEventInput = Parameters<GuardEvents['verdict']>[0];
export type FlagEventInput = Parameters<GuardEvents['flag']>[0];

export interface BuildContext {
  capture: 'hash' | 'full';
  maxCaptureChars: number;
  instance?: string;
  /** Maps an identity id that turned out to be a raw credential to its masked form. */
  identityAlias(id: string): string;
}

/**
 * @example
 * ```ts
 * sha256Hex(''); // 'e3b0c442…b855'
 * ```
 */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A credential must never reach the log, even if a custom `identify` returned the raw API key. */
export function credentialValues(headers: GuardHeaders): string[] {
  const out: string[] = [];
  const key = headers['x-api-key'];
  if (key) out.push(key);
  const auth = headers.authorization;
  if (auth) {
    out.push(auth);
    const bare = auth.replace(/^(bearer|basic)\s+/i, '').trim();
    if (bare && bare !== auth) out.push(bare);
  }
  return out.filter((v) => v.length >= 8);
}

function identityFields(identity: Identity, ctx: BuildContext): AuditIdentityFields {
  const fields: AuditIdentityFields = { identity: ctx.identityAlias(identity.id), source: identity.source };
  if (identity.keyId !== undefined) fields.keyId = ctx.identityAlias(identity.keyId);
  fields.ip = identity.ip;
  fields.network = identity.network;
  return fields;
}

function envelope(ctx: Pick<BuildContext, 'instance'>, level: number, time: number, msg: string): { level: number; time: number; msg: string; instance?: string } {
  return ctx.instance === undefined ? { level, time, msg } : { level, time, msg, instance: ctx.instance };
}

function capture(text: string, ctx: BuildContext): string {
  const masked = maskSecrets(text);
  return masked.length > ctx.maxCaptureChars ? `${masked.slice(0, ctx.maxCaptureChars)}…[truncated]` : masked;
}

function signalsOf(signals: readonly Signal[]): Signal[] {
  return signals.map((s) => ({ name: s.name, value: s.value, explanation: s.explanation }));
}

const LEVEL_BY_CONCLUSION: Record<Decision['conclusion'], number> = { allow: 30, throttle: 40, deny: 40, error: 50 };

export function decisionRecord(input: DecisionEventInput, ctx: BuildContext): AuditRecord {
  const { decision, request, body } = input;
  const msg = decision.reason ? `decision ${decision.conclusion}: ${decision.reason}` : `decision ${decision.conclusion}`;
  const r: Omit<DecisionAuditEvent, 'seq' | 'prev' | 'hash'> = {
    ...envelope(ctx, LEVEL_BY_CONCLUSION[decision.conclusion], decision.timestamp, msg),
    type: 'decision',
    requestId: decision.id,
    ...identityFields(decision.identity, ctx),
    method: request.method,
    path: request.path,
    conclusion: decision.conclusion,
    allowed: decision.allowed,
    status: decision.status,
    score: decision.score,
    verdict: decision.verdict,
  };
  const fingerprint = input.fingerprint ?? (decision as { fingerprint?: unknown }).fingerprint;
  if (typeof fingerprint === 'string') r.fingerprint = fingerprint;
  if (decision.reason !== undefined) r.reason = decision.reason;
  if (decision.signals.length > 0) r.signals = signalsOf(decision.signals);
  if (decision.cluster !== undefined) r.cluster = decision.cluster;
  if (decision.monitor) r.monitor = true;
  if (decision.retryAfter !== undefined) r.retryAfter = decision.retryAfter;
  if (decision.error) r.error = decision.error.code;
  const model = decision.model ?? body?.model;
  if (model !== undefined) r.model = model;
  if (body) {
    r.maxTokens = body.max_tokens;
    if (body.stream) r.stream = true;
    const prompt = lastUserText(body);
    r.promptHash = sha256Hex(prompt);
    const system = systemText(body);
    if (system) r.systemHash = sha256Hex(system);
    if (ctx.capture === 'full') r.prompt = capture(prompt, ctx);
  }
  return r;
}

export function outcomeRecord(input: OutcomeEventInput, ctx: BuildContext, time: number): AuditRecord {
  const { decision, outcome, costUsd } = input;
  const failed = outcome.status >= 500 || outcome.error !== undefined;
  const r: Omit<OutcomeAuditEvent, 'seq' | 'prev' | 'hash'> = {
    ...envelope(ctx, failed ? 40 : 30, time, `outcome ${outcome.status}`),
    type: 'outcome',
    requestId: decision.id,
    ...identityFields(decision.identity, ctx),
    status: outcome.status,
    costUsd: Number.isFinite(costUsd) ? costUsd : 0,
  };
  const model = outcome.model ?? decision.model;
  if (model !== undefined) r.model = model;
  if (outcome.usage) r.usage = usageOf(outcome);
  if (outcome.durationMs !== undefined) r.durationMs = outcome.durationMs;
  if (outcome.aborted) r.aborted = true;
  if (outcome.error !== undefined) r.error = outcome.error;
  if (outcome.thinking !== undefined) r.thinking = outcome.thinking;
  if (outcome.watermark !== undefined) r.watermark = { ...outcome.watermark };
  if (typeof outcome.outputText === 'string') {
    r.outputHash = sha256Hex(outcome.outputText);
    if (ctx.capture === 'full') r.output = capture(outcome.outputText, ctx);
  }
  return r;
}

function usageOf(outcome: Outcome): NonNullable<OutcomeAuditEvent['usage']> {
  const u = outcome.usage!;
  const usage: NonNullable<OutcomeAuditEvent['usage']> = {
    input: u.input_tokens,
    output: u.output_tokens,
    cacheWrite: u.cache_creation_input_tokens ?? 0,
    cacheRead: u.cache_read_input_tokens ?? 0,
  };
  const hour = u.cache_creation?.ephemeral_1h_input_tokens;
  if (hour) usage.cacheWrite1h = hour;
  return usage;
}

const LEVEL_BY_VERDICT: Record<Verdict, number> = { allow: 30, throttle: 40, flag: 40, block: 50 };

export function verdictRecord(input: VerdictEventInput, ctx: BuildContext, time: number): AuditRecord {
  const r: Omit<VerdictAuditEvent, 'seq' | 'prev' | 'hash'> = {
    ...envelope(ctx, LEVEL_BY_VERDICT[input.verdict], time, `verdict ${input.previous} -> ${input.verdict}`),
    type: 'verdict',
    requestId: input.decision.id,
    ...identityFields(input.identity, ctx),
    verdict: input.verdict,
    previous: input.previous,
    score: input.score,
    signals: signalsOf(input.signals),
  };
  if (input.cluster !== undefined) r.cluster = input.cluster;
  if (input.decision.monitor) r.monitor = true;
  return r;
}

export function flagRecord(input: FlagEventInput, ctx: BuildContext, time: number): AuditRecord {
  const r: Omit<FlagAuditEvent, 'seq' | 'prev' | 'hash'> = {
    ...envelope(ctx, 40, time, input.flagged ? 'flag' : 'unflag'),
    type: 'flag',
    identity: ctx.identityAlias(input.id),
    flagged: input.flagged,
    by: input.by,
  };
  if (input.reason !== undefined) r.reason = input.reason;
  return r;
}

export function droppedRecord(ctx: BuildContext, count: number, from: number, to: number, time: number): AuditRecord {
  return {
    ...envelope(ctx, 50, time, `audit dropped ${count} event(s): queue full`),
    type: 'dropped',
    count,
    from,
    to,
  };
}

/** The chain positions a {@link SkippedAuditEvent} bridges: from the last event held before the gap to the last one skipped. */
export interface AuditGap {
  /** Seq and hash of the last event this copy holds before the gap (seq 0 and the genesis hash at the start). */
  after: { seq: number; hash: string };
  /** Seq and hash of the last skipped event. */
  last: { seq: number; hash: string };
}

/** The unsigned `skipped` line for `gap` (sign it with `eventHash`). */
export function skippedRecord(ctx: Pick<BuildContext, 'instance'>, sink: string, gap: AuditGap, time: number, why = 'the sink was failing'): Omit<SkippedAuditEvent, 'hash'> {
  const count = gap.last.seq - gap.after.seq;
  return {
    ...envelope(ctx, 50, time, `audit ${sink} skipped ${count} event(s): ${why}`),
    type: 'skipped',
    sink,
    count,
    fromSeq: gap.after.seq + 1,
    seq: gap.last.seq,
    prev: gap.after.hash,
    last: gap.last.hash,
  };
}

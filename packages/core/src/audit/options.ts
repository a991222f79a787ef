import { OptionsError } from '../errors/index.js';
import {
  describe,
  expectBoolean,
  expectNumber,
  expectObject,
  expectOneOf,
  expectString,
  isPlainObject,
  join,
  optional,
} from '../options/validate.js';
import type { Warnings } from '../options/warnings.js';
import type { FileSinkOptions, FsyncPolicy } from './sinks/file.js';
import type { RedisStreamClientLike, RedisStreamSinkOptions } from './sinks/redis.js';
import type { AuditSink } from './sinks/types.js';

/** Environment variable read for the audit secret when `audit.secret` is not set (also the CLI's default). */
export const AUDIT_SECRET_ENV = 'DISTILL_GUARD_AUDIT_SECRET';

/** The `audit` option of `createGuard`. */
export interface AuditOptions {
  /**
   * Key of the HMAC chain (at least 16 characters; 32 random bytes recommended). Defaults to the
   * `DISTILL_GUARD_AUDIT_SECRET` environment variable. Without one the chain still detects
   * accidents but anyone who can write the file can rebuild it (warning `DG_AUDIT_NO_SECRET`).
   */
  secret?: string;
  /** `'hash'` (default): prompts as SHA-256 only. `'full'`: also the masked text (warning `DG_AUDIT_FULL_CAPTURE`). */
  capture?: 'hash' | 'full';
  /** Longest captured prompt or reply under `capture: 'full'`. Default 4000 characters. */
  maxCaptureChars?: number;
  /** Append-only file sink: a path, or the path with rotation and fsync settings. */
  file?: string | AuditFileOptions;
  /** JSON lines on stdout (pino-compatible); `{ stream }` to write elsewhere. */
  stdout?: boolean | { stream: NodeJS.WritableStream };
  /** Redis Stream sink: an ioredis client, or `{ client, key, maxLen, timeoutMs }`. */
  redis?: RedisStreamClientLike | AuditRedisOptions;
  /** Extra sinks of your own. */
  sinks?: AuditSink[];
  /** Most events waiting to be written; beyond it events are dropped and counted. Default 10,000. */
  maxQueue?: number;
  /** Most events written per batch. Default 500. */
  batchSize?: number;
  /** Longest an event waits before its batch is written. Default 200 ms. */
  flushIntervalMs?: number;
  /** Flush the queue on SIGTERM / SIGINT and before a natural exit. Default true. */
  flushOnExit?: boolean;
  /** How long `close()` (and the exit flush) keeps retrying a failing sink. Default 10,000 ms. */
  closeTimeoutMs?: number;
  /** Written on every event; set one per instance when several share a Redis stream. */
  instance?: string;
}

export interface AuditFileOptions {
  path: string;
  /** Rotate before the file would exceed this size. Default 100 MiB. */
  maxBytes?: number;
  /** Rotate when the (UTC) day changes. Default true. */
  daily?: boolean;
  /** `'always'`: fsync each batch; `'interval'` (default): every `fsyncIntervalMs`; `'never'`: leave it to the OS. */
  fsync?: FsyncPolicy;
  /** Default 1000 ms. */
  fsyncIntervalMs?: number;
}

export interface AuditRedisOptions {
  client: RedisStreamClientLike;
  /** Stream key. Default `dg:audit`. */
  key?: string;
  /** Approximate cap (`MAXLEN ~`). Default 1,000,000. */
  maxLen?: number;
  /** Default 2000 ms. */
  timeoutMs?: number;
}

/** Audit options after validation and defaults. */
export interface ResolvedAuditOptions {
  /** `''` when no secret was configured. */
  secret: string;
  capture: 'hash' | 'full';
  maxCaptureChars: number;
  file?: FileSinkOptions;
  stdout?: { stream: NodeJS.WritableStream };
  redis?: { client: RedisStreamClientLike } & RedisStreamSinkOptions;
  sinks: AuditSink[];
  maxQueue: number;
  batchSize: number;
  flushIntervalMs: number;
  flushOnExit: boolean;
  closeTimeoutMs: number;
  instance?: string;
}

const KEYS = [
  'secret',
  'capture',
  'maxCaptureChars',
  'file',
  'stdout',
  'redis',
  'sinks',
  'maxQueue',
  'batchSize',
  'flushIntervalMs',
  'flushOnExit',
  'closeTimeoutMs',
  'instance',
] as const;

/**
 * Validates the `audit` option. `undefined` or `false` turn auditing off (returns `undefined`);
 * `true` means stdout only. Unknown keys throw an `OptionsError` naming the dotted path.
 * Legal-but-risky choices are reported through `warnings` (`DG_AUDIT_NO_SECRET`, `DG_AUDIT_FULL_CAPTURE`).
 *
 * @example
 * ```ts
 * const audit = parseAuditOptions({ file: 'logs/audit.jsonl', secret: process.env.AUDIT_KEY }, 'audit', warnings);
 * ```
 */
export function parseAuditOptions(
  input: unknown,
  path = 'audit',
  warnings?: Pick<Warnings, 'warn'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedAuditOptions | undefined {
  if (input === undefined || input === false) return undefined;
  const o = input === true ? {} : expectObject(path, input, KEYS);
  const p = (key: string) => join(path, key);

  const secretInput = o.secret ?? env[AUDIT_SECRET_ENV];
  const secret = secretInput === undefined ? '' : expectString(o.secret === undefined ? AUDIT_SECRET_ENV : p('secret'), secretInput);
  if (secret.length > 0 && secret.length < 16) {
    throw new OptionsError(o.secret === undefined ? AUDIT_SECRET_ENV : p('secret'), 'must be at least 16 characters (32 random bytes recommended).');
  }

  const resolved: ResolvedAuditOptions = {
    secret,
    capture: optional(o.capture, 'hash' as const, (v) => expectOneOf(p('capture'), v, ['hash', 'full'] as const)),
    maxCaptureChars: optional(o.maxCaptureChars, 4000, (v) => expectNumber(p('maxCaptureChars'), v, { min: 1, integer: true })),
    sinks: [],
    maxQueue: optional(o.maxQueue, 10_000, (v) => expectNumber(p('maxQueue'), v, { min: 1, integer: true })),
    batchSize: optional(o.batchSize, 500, (v) => expectNumber(p('batchSize'), v, { min: 1, integer: true })),
    flushIntervalMs: optional(o.flushIntervalMs, 200, (v) => expectNumber(p('flushIntervalMs'), v, { min: 1 })),
    flushOnExit: optional(o.flushOnExit, true, (v) => expectBoolean(p('flushOnExit'), v)),
    closeTimeoutMs: optional(o.closeTimeoutMs, 10_000, (v) => expectNumber(p('closeTimeoutMs'), v, { min: 0 })),
  };
  if (o.instance !== undefined) resolved.instance = expectString(p('instance'), o.instance, { nonEmpty: true });
  if (o.file !== undefined) resolved.file = parseFile(o.file, p('file'));
  if (o.stdout !== undefined && o.stdout !== false) resolved.stdout = parseStdout(o.stdout, p('stdout'));
  if (o.redis !== undefined) resolved.redis = parseRedis(o.redis, p('redis'));
  if (o.sinks !== undefined) {
    if (!Array.isArray(o.sinks)) throw new OptionsError(p('sinks'), `must be an array of sinks, got ${describe(o.sinks)}.`);
    resolved.sinks = o.sinks.map((s, i) => {
      if (!s || typeof (s as AuditSink).write !== 'function' || typeof (s as AuditSink).name !== 'string') {
        throw new OptionsError(`${p('sinks')}.${i}`, 'must be an object with a `name` and a `write(lines, events)` method.');
      }
      return s as AuditSink;
    });
  }
  if (!resolved.file && !resolved.redis && resolved.sinks.length === 0 && !resolved.stdout) {
    resolved.stdout = { stream: process.stdout };
  }

  if (!secret) {
    warnings?.warn(
      'DG_AUDIT_NO_SECRET',
      `Audit chain has no secret (\`${p('secret')}\` or ${AUDIT_SECRET_ENV}): edits by accident are detected, deliberate rewrites are not.`,
    );
  }
  if (resolved.capture === 'full') {
    warnings?.warn(
      'DG_AUDIT_FULL_CAPTURE',
      `\`${p('capture')}: 'full'\` writes prompt and reply text (e-mails and secrets masked) to the audit log; treat it as personal data.`,
    );
  }
  return resolved;
}

function parseFile(input: unknown, path: string): FileSinkOptions {
  const o = typeof input === 'string' ? { path: input } : expectObject(path, input, ['path', 'maxBytes', 'daily', 'fsync', 'fsyncIntervalMs']);
  return {
    path: expectString(join(path, 'path'), o.path, { nonEmpty: true }),
    maxBytes: optional(o.maxBytes, 100 * 1024 * 1024, (v) => expectNumber(join(path, 'maxBytes'), v, { min: 1024, integer: true })),
    daily: optional(o.daily, true, (v) => expectBoolean(join(path, 'daily'), v)),
    fsync: optional(o.fsync, 'interval' as FsyncPolicy, (v) => expectOneOf(join(path, 'fsync'), v, ['always', 'interval', 'never'] as const)),
    fsyncIntervalMs: optional(o.fsyncIntervalMs, 1000, (v) => expectNumber(join(path, 'fsyncIntervalMs'), v, { min: 1 })),
  };
}

function parseStdout(input: unknown, path: string): { stream: NodeJS.WritableStream } {
  if (input === true) return { stream: process.stdout };
  const o = expectObject(path, input, ['stream']);
  if (!o.stream || typeof (o.stream as NodeJS.WritableStream).write !== 'function') {
    throw new OptionsError(join(path, 'stream'), `must be a writable stream, got ${describe(o.stream)}.`);
  }
  return { stream: o.stream as NodeJS.WritableStream };
}

function isRedisClient(value: unknown): value is RedisStreamClientLike {
  return !!value && typeof (value as RedisStreamClientLike).pipeline === 'function';
}

function parseRedis(input: unknown, path: string): ResolvedAuditOptions['redis'] {
  const o: Record<string, unknown> = isRedisClient(input) && !isPlainObject(input) ? { client: input } : expectObject(path, input, ['client', 'key', 'maxLen', 'timeoutMs']);
  if (!isRedisClient(o.client)) throw new OptionsError(join(path, 'client'), `must be an ioredis client, got ${describe(o.client)}.`);
  return {
    client: o.client,
    key: optional(o.key, 'dg:audit', (v) => expectString(join(path, 'key'), v, { nonEmpty: true })),
    maxLen: optional(o.maxLen, 1_000_000, (v) => expectNumber(join(path, 'maxLen'), v, { min: 1, integer: true })),
    timeoutMs: optional(o.timeoutMs, 2000, (v) => expectNumber(join(path, 'timeoutMs'), v, { min: 1 })),
  };
}

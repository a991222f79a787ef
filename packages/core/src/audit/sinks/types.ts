import type { ChainHead } from '../chain.js';
import type { AuditEvent, AuditGap } from '../events.js';

/** Signs the `skipped` line that bridges `gap` (a JSON line, no newline). */
export type AuditGapSigner = (gap: AuditGap) => string;

/**
 * Where chained audit lines go. The audit log hands every sink the same batch, in order, one
 * batch at a time; a sink that rejects gets the same batch again later (with backoff), so a
 * sink must either write a whole batch or fail without writing it.
 */
export interface AuditSink {
  /** Short name for logs and metrics: `file`, `stdout`, `redis`. */
  readonly name: string;
  /**
   * A best-effort sink (the Redis stream next to a file) gets a batch at most three times, then
   * the batch is skipped for it (counted in `stats.skipped` and logged with its seq range) and the
   * sink rests for a few seconds, so that its outage never holds up the other sinks. Other sinks
   * are retried until the batch is written (or `close()` times out).
   */
  readonly bestEffort?: boolean;
  /**
   * Told when a batch is skipped for this (best-effort) sink, or given up on at close. A sink that
   * implements it bridges the gap: the next time it writes, it first writes one signed `skipped`
   * line (made by `sign`) that counts the events it does not hold and links its copy of the chain
   * across them, so `verify` reports a counted loss instead of deleted events.
   */
  skipped?(events: readonly AuditEvent[], sign: AuditGapSigner): void;
  /**
   * Told where the chain stands once the log has resumed it (from the other sinks, e.g. the
   * file). A copy that is behind (the stream skipped events before the last stop and could not
   * bridge them then) bridges from its own last event to `head` at its first write.
   */
  resumed?(head: ChainHead, sign: AuditGapSigner, instance: string | undefined): void;
  /**
   * Where the chain stopped last time, so that a restart continues it rather than starting a
   * second chain. Called once, before the first write.
   */
  resume?(): Promise<ChainHead | undefined>;
  /** `lines[i]` is `JSON.stringify(events[i]) + '\n'`. */
  write(lines: readonly string[], events: readonly AuditEvent[]): Promise<void>;
  /** Makes written lines durable (fsync) where that means something. */
  flush?(): Promise<void>;
  close?(): Promise<void>;
}

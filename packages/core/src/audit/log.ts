import type { GuardContext } from '../contracts/index.js';
import { chainRecord, eventHash, GENESIS_HASH, type ChainHead } from './chain.js';
import {
  credentialValues,
  decisionRecord,
  droppedRecord,
  flagRecord,
  outcomeRecord,
  sha256Hex,
  skippedRecord,
  verdictRecord,
  type AuditEvent,
  type AuditGap,
  type AuditRecord,
  type BuildContext,
  type DecisionEventInput,
  type FlagEventInput,
  type OutcomeEventInput,
  type VerdictEventInput,
} from './events.js';
import { registerExitFlush } from './exit-flush.js';
import type { ResolvedAuditOptions } from './options.js';
import { FileSink } from './sinks/file.js';
import { RedisStreamSink } from './sinks/redis.js';
import { StreamSink } from './sinks/stdout.js';
import type { AuditSink } from './sinks/types.js';

/** Counters of an audit log, for metrics and health checks. */
export interface AuditStats {
  /** Events waiting to be written. */
  queued: number;
  /** Events written to every sink. */
  written: number;
  /** Events dropped because the queue was full or the log was closed (each loss is also a `dropped` event when possible). */
  dropped: number;
  /** Events given up on at close because a sink kept failing past `closeTimeoutMs`. */
  lost: number;
  /** Events a best-effort sink (Redis next to a file) did not get; the other sinks did. */
  skipped: number;
  /** Failed sink writes (each retried). */
  writeErrors: number;
  /** `seq` of the last chained event. */
  seq: number;
}

/** The guard events an audit log records; each handler returns at once and never throws. */
export interface AuditHandlers {
  decision(event: DecisionEventInput): void;
  outcome(event: OutcomeEventInput): void;
  verdict(event: VerdictEventInput): void;
  flag(event: FlagEventInput): void;
}

const MAX_ALIASES = 10_000;
const BEST_EFFORT_ATTEMPTS = 3;
const BEST_EFFORT_REST_MS = 5000;

/**
 * The tamper-evident audit log: events are queued on the request path (O(1), no I/O), chained
 * and written in batches in the background, to every sink in the same order.
 */
export class AuditLog {
  /** Bound handlers to subscribe to the guard's events. */
  readonly handlers: AuditHandlers;
  private readonly sinks: AuditSink[];
  private readonly build: BuildContext;
  private queue: AuditRecord[] = [];
  private head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  private resumed = false;
  private draining: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private closing: Promise<void> | undefined;
  /** After close's first flush: new events are dropped (and counted in a last `dropped` event). */
  private closed = false;
  private givingUp = false;
  private readonly sleepers = new Set<() => void>();
  private readonly aliases = new Map<string, string>();
  private dropWindow: { count: number; from: number; to: number } | undefined;
  private failing = new Set<string>();
  private warnedClosed = false;
  private unregisterExit: (() => void) | undefined;
  private readonly counters = { written: 0, dropped: 0, lost: 0, skipped: 0, writeErrors: 0 };
  /** Records ever queued, and records chained and delivered (or given up on): `flush` waits for a watermark, not for an empty queue. */
  private enqueued = 0;
  private settled = 0;
  private readonly restUntil = new Map<AuditSink, number>();

  constructor(
    private readonly options: ResolvedAuditOptions,
    private readonly ctx: Pick<GuardContext, 'clock' | 'logger'>,
    sinks: AuditSink[],
  ) {
    this.sinks = sinks;
    this.build = {
      capture: options.capture,
      maxCaptureChars: options.maxCaptureChars,
      identityAlias: (id) => this.aliases.get(id) ?? id,
    };
    if (options.instance !== undefined) this.build.instance = options.instance;
    this.handlers = {
      decision: (e) => this.guarded(() => this.decision(e)),
      outcome: (e) => this.guarded(() => this.append(outcomeRecord(e, this.build, this.ctx.clock.now()))),
      verdict: (e) => this.guarded(() => this.append(verdictRecord(e, this.build, this.ctx.clock.now()))),
      flag: (e) => this.guarded(() => this.append(flagRecord(e, this.build, this.ctx.clock.now()))),
    };
    if (options.flushOnExit) {
      this.unregisterExit = registerExitFlush({ pending: () => this.queue.length > 0 || !!this.draining, flushForExit: () => this.flushWithin() });
    }
  }

  get stats(): AuditStats {
    return { queued: this.queue.length, ...this.counters, seq: this.head.seq };
  }

  /**
   * Queues one event; returns false when it was dropped (queue full or log closed). Use it for
   * events of your own; the guard's events go through {@link handlers}.
   */
  append(record: AuditRecord): boolean {
    if (this.closed) return this.drop(true);
    if (this.queue.length >= this.options.maxQueue) return this.drop(false);
    this.enqueue(record);
    this.schedule();
    return true;
  }

  /**
   * Writes everything queued when it is called to every sink (and fsyncs files). Events queued
   * while it runs are written by the background loop, not waited for: under steady load a flush
   * that waited for an empty queue would never end.
   */
  async flush(): Promise<void> {
    this.noteDrops();
    const target = this.enqueued;
    while (this.settled < target && !this.givingUp) await this.drain();
    await Promise.all(this.sinks.map((s) => s.flush?.().catch((err: unknown) => this.ctx.logger.error('distill-guard audit: flush failed', { sink: s.name, error: String(err) }))));
  }

  /**
   * Flushes (retrying a failing sink for at most `closeTimeoutMs`), then closes the sinks.
   * Events that arrive while it flushes are still written; those that arrive after are dropped,
   * and counted in a last chained `dropped` event when the sinks can still take one. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.flushWithin();
      // From here on, events are dropped and counted; one last flush chains what was dropped.
      this.closed = true;
      await this.flushWithin();
      this.unregisterExit?.();
      if (this.timer) clearTimeout(this.timer);
      if (this.immediate) clearImmediate(this.immediate);
      await Promise.all(this.sinks.map((s) => s.close?.().catch(() => undefined)));
    })();
    return this.closing;
  }

  private async flushWithin(): Promise<void> {
    const deadline = setTimeout(() => {
      this.givingUp = true;
      for (const wake of this.sleepers) wake();
    }, this.options.closeTimeoutMs);
    try {
      await this.flush();
    } finally {
      clearTimeout(deadline);
      this.givingUp = false;
    }
  }

  private decision(e: DecisionEventInput): void {
    // A custom `identify` that returns the raw API key must not put the key in the log.
    for (const secret of credentialValues(e.request.headers)) {
      for (const id of [e.decision.identity.id, e.decision.identity.keyId]) {
        if (id !== undefined && id.includes(secret) && !this.aliases.has(id)) {
          if (this.aliases.size >= MAX_ALIASES) this.aliases.delete(this.aliases.keys().next().value!);
          this.aliases.set(id, `sha256:${sha256Hex(id).slice(0, 16)}`);
        }
      }
    }
    this.append(decisionRecord(e, this.build));
  }

  private guarded(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.ctx.logger.error('distill-guard audit: could not record an event', { error: err instanceof Error ? err.message : String(err) });
    }
  }

  private drop(closed: boolean): false {
    this.counters.dropped++;
    const now = this.ctx.clock.now();
    if (closed && !this.warnedClosed) {
      this.ctx.logger.error('distill-guard audit: events after close() are dropped (counted in stats.dropped and in a last dropped event)');
      this.warnedClosed = true;
    }
    if (!this.dropWindow) {
      this.dropWindow = { count: 0, from: now, to: now };
      if (!closed) this.ctx.logger.error('distill-guard audit: queue full, dropping events (counted; a `dropped` event follows)', { maxQueue: this.options.maxQueue });
    }
    this.dropWindow.count++;
    this.dropWindow.to = now;
    return false;
  }

  /** Once there is room again, the loss itself goes into the chain. */
  private noteDrops(): void {
    if (!this.dropWindow) return;
    const { count, from, to } = this.dropWindow;
    this.dropWindow = undefined;
    this.enqueue(droppedRecord(this.build, count, from, to, this.ctx.clock.now()));
  }

  private enqueue(record: AuditRecord): void {
    this.queue.push(record);
    this.enqueued++;
  }

  private schedule(): void {
    if (this.draining) return;
    if (this.queue.length >= this.options.batchSize) {
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        void this.drain();
      });
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.drain();
      }, this.options.flushIntervalMs);
      this.timer.unref();
    }
  }

  private drain(): Promise<void> {
    this.draining ??= this.drainLoop().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0 && !this.givingUp) this.schedule();
    });
    return this.draining;
  }

  private async drainLoop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (!this.resumed) {
      if (await this.resume()) break;
      if (this.givingUp) return this.loseQueue('could not open the audit sinks');
      await this.sleep(1000);
    }
    while (this.queue.length > 0) {
      const records = this.queue.splice(0, this.options.batchSize);
      this.noteDrops();
      const events: AuditEvent[] = [];
      for (const record of records) {
        const { event, head } = chainRecord(this.options.secret, this.head, record);
        this.head = head;
        events.push(event as AuditEvent);
      }
      const lines = events.map((e) => `${JSON.stringify(e)}\n`);
      await this.deliver(lines, events);
      this.settled += records.length;
    }
  }

  private async resume(): Promise<boolean> {
    try {
      const heads = await Promise.all(this.sinks.map((s) => s.resume?.()));
      for (const h of heads) if (h && h.seq > this.head.seq) this.head = h;
      this.resumed = true;
      for (const sink of this.sinks) sink.resumed?.({ ...this.head }, (gap) => this.signGap(sink.name, gap, 'it was behind the chain at start'), this.build.instance);
    } catch (err) {
      this.ctx.logger.error('distill-guard audit: could not read the end of the existing log (retrying)', { error: String(err) });
    }
    return this.resumed;
  }

  private async deliver(lines: string[], events: AuditEvent[]): Promise<void> {
    let pending = this.sinks.filter((s) => !this.resting(s, events));
    for (let attempt = 1; ; attempt++) {
      const results = await Promise.allSettled(pending.map((s) => s.write(lines, events)));
      const retry: AuditSink[] = [];
      results.forEach((r, i) => {
        const sink = pending[i]!;
        if (r.status === 'fulfilled') {
          if (this.failing.delete(sink.name)) this.ctx.logger.warn('distill-guard audit: sink recovered', { sink: sink.name });
          return;
        }
        this.counters.writeErrors++;
        if (!this.failing.has(sink.name)) {
          this.failing.add(sink.name);
          this.ctx.logger.error('distill-guard audit: sink write failed, retrying (events stay queued)', { sink: sink.name, error: String(r.reason) });
        }
        if (sink.bestEffort && attempt >= BEST_EFFORT_ATTEMPTS) {
          this.restUntil.set(sink, Date.now() + BEST_EFFORT_REST_MS);
          this.skip(sink, events, 'it kept failing');
        } else {
          retry.push(sink);
        }
      });
      if (retry.length === 0) {
        this.counters.written += events.length;
        return;
      }
      if (this.givingUp) {
        this.counters.lost += events.length;
        for (const sink of retry) sink.skipped?.(events, (gap) => this.signGap(sink.name, gap));
        this.ctx.logger.error('distill-guard audit: gave up writing events at close', {
          sinks: retry.map((s) => s.name),
          count: events.length,
          fromSeq: events[0]!.seq,
          toSeq: events[events.length - 1]!.seq,
        });
        return;
      }
      pending = retry;
      // Exponential backoff with jitter, 50 ms to 5 s.
      await this.sleep(Math.min(5000, 50 * 2 ** Math.min(attempt - 1, 10)) * (0.5 + Math.random() / 2));
    }
  }

  /** A best-effort sink that failed recently sits batches out instead of slowing the others. */
  private resting(sink: AuditSink, events: AuditEvent[]): boolean {
    const until = this.restUntil.get(sink);
    if (until === undefined) return false;
    // Wall time on purpose: this is a retry timer, not part of any decision.
    if (Date.now() >= until) {
      this.restUntil.delete(sink);
      return false;
    }
    this.skip(sink, events, 'it is resting after failures');
    return true;
  }

  private skip(sink: AuditSink, events: AuditEvent[], why: string): void {
    this.counters.skipped += events.length;
    sink.skipped?.(events, (gap) => this.signGap(sink.name, gap));
    this.ctx.logger.error(`distill-guard audit: skipped a batch for best-effort sink ${sink.name}: ${why}`, {
      sink: sink.name,
      count: events.length,
      fromSeq: events[0]!.seq,
      toSeq: events[events.length - 1]!.seq,
    });
  }

  /** The signed `skipped` line a best-effort sink writes to bridge its copy of the chain over `gap`. */
  private signGap(sink: string, gap: AuditGap, why = 'the sink was failing'): string {
    const record = skippedRecord(this.build, sink, gap, this.ctx.clock.now(), why);
    return JSON.stringify({ ...record, hash: eventHash(this.options.secret, record) });
  }

  private loseQueue(why: string): void {
    const count = this.queue.length;
    this.queue = [];
    this.settled += count;
    this.counters.lost += count;
    this.ctx.logger.error(`distill-guard audit: gave up on ${count} queued event(s) at close: ${why}`);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

/**
 * The sinks described by resolved options: file, stdout, custom sinks, then the Redis stream.
 *
 * @example
 * ```ts
 * const sinks = createAuditSinks(parseAuditOptions({ file: 'logs/audit.jsonl' }, 'audit')!);
 * const log = new AuditLog(options, ctx, sinks);
 * ```
 */
export function createAuditSinks(options: ResolvedAuditOptions): AuditSink[] {
  const sinks: AuditSink[] = [];
  if (options.file) sinks.push(new FileSink(options.file));
  if (options.stdout) sinks.push(new StreamSink(options.stdout.stream));
  sinks.push(...options.sinks);
  if (options.redis) {
    const { client, ...rest } = options.redis;
    // Next to another sink, the stream is a live feed: its outage must not hold up the record.
    sinks.push(new RedisStreamSink(client, rest, sinks.length > 0));
  }
  return sinks;
}

/**
 * Creates the audit log for a guard from parsed options. Subscribe `log.handlers` to the guard's
 * events and call `log.close()` when the guard closes.
 *
 * @example
 * ```ts
 * const options = parseAuditOptions({ file: 'logs/audit.jsonl', secret: process.env.AUDIT_KEY }, 'audit');
 * const log = options && createAuditLog(options, ctx);
 * guardEvents.on('decision', log.handlers.decision);
 * ```
 */
export function createAuditLog(options: ResolvedAuditOptions, ctx: Pick<GuardContext, 'clock' | 'logger'>): AuditLog {
  return new AuditLog(options, ctx, createAuditSinks(options));
}

import type { ChainHead } from '../chain.js';
import type { AuditEvent } from '../events.js';
import type { AuditGapSigner, AuditSink } from './types.js';

/**
 * The part of an ioredis client (standalone or Cluster) the Redis Stream sink uses. Declared
 * here, like `store/redis-client.ts`, so core does not depend on ioredis.
 */
export interface RedisStreamPipelineLike {
  xadd(key: string, ...args: Array<string | number>): unknown;
  xrevrange(key: string, end: string, start: string, countToken: 'COUNT', count: number): unknown;
  exec(): Promise<Array<[Error | null, unknown]> | null>;
}
export interface RedisStreamClientLike {
  readonly status: string;
  pipeline(): RedisStreamPipelineLike;
}

export interface RedisStreamSinkOptions {
  key: string;
  /** Approximate cap (`XADD key MAXLEN ~ n`). */
  maxLen: number;
  /** A batch not acknowledged within this time is retried. */
  timeoutMs: number;
}

/** Stream entries read back after a failed write: enough to find a batch among other instances' events. */
const TAIL_MIN = 1000;

/** Where this instance's chain stands at the end of the stream: the last event (or `skipped` line) of it there. */
interface TailPosition {
  seq: number;
  hash: string;
}

/** The events this copy skipped and has not bridged yet. */
interface PendingGap {
  /** Unknown for a gap found at start: it begins after whatever this copy's last event is. */
  after: { seq: number; hash: string } | undefined;
  last: { seq: number; hash: string };
  instance: string | undefined;
  sign: AuditGapSigner;
}

/**
 * Appends each line to a Redis Stream as field `event` (the exact JSON line, so that a reader
 * can verify the chain). Several instances may share one stream; `instance` tells them apart.
 *
 * A write that failed may still have landed: Redis stalled past `timeoutMs` and then ran the
 * batch, or the connection dropped after Redis ran it. Before writing again, the sink reads the
 * end of the stream on the same connection (so after anything sent earlier) and leaves out the
 * events of this chain it already holds, so a retry never repeats an event. What a full queue
 * dropped meanwhile reaches the stream as one chained `dropped` event, as in a file.
 *
 * Next to a file the sink is best effort, and batches it could not take are skipped for it. When
 * it writes again it first appends one signed `skipped` line that counts the events the stream
 * does not hold (after reading the end of the stream: events of a skipped batch that landed late
 * are not counted) and links its copy of the chain across them, so `verify` on the stream
 * reports a counted loss, not deleted events.
 */
export class RedisStreamSink implements AuditSink {
  readonly name = 'redis';
  /** Set after a failed write: the next one first checks what the stream already holds. */
  private uncertain = false;
  private gap: PendingGap | undefined;
  /** Writes and flushes run one at a time (a flush may bridge a gap while the log writes). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: RedisStreamClientLike,
    private readonly options: RedisStreamSinkOptions,
    /** Set when another sink keeps the full record (see {@link AuditSink.bestEffort}). */
    readonly bestEffort = false,
  ) {}

  skipped(events: readonly AuditEvent[], sign: AuditGapSigner): void {
    const first = events[0];
    const last = events[events.length - 1];
    if (!first || !last) return;
    if (this.gap && this.gap.last.seq + 1 === first.seq) {
      this.gap.last = { seq: last.seq, hash: last.hash };
    } else {
      // A new gap (one that did not follow the pending one cannot happen: a write in between bridges it).
      this.gap = { after: { seq: first.seq - 1, hash: first.prev }, last: { seq: last.seq, hash: last.hash }, instance: first.instance, sign };
    }
    this.gap.sign = sign;
    // Events of a skipped batch may still land (a write that timed out); the bridge is made after reading the stream.
    this.uncertain = true;
  }

  resumed(head: ChainHead, sign: AuditGapSigner, instance: string | undefined): void {
    // Whether the stream is behind is known only once its end is read, at the first write.
    if (head.seq > 0 && !this.gap) this.gap = { after: undefined, last: { ...head }, instance, sign };
  }

  write(lines: readonly string[], events?: readonly AuditEvent[]): Promise<void> {
    return this.exclusive(() => this.writeNow(lines, events));
  }

  /**
   * Bridges a pending gap even when no event follows (at close), if Redis is there; waits at
   * most `timeoutMs`, so a stalled Redis holds up a flush (and `close()`) no longer than that.
   */
  async flush(): Promise<void> {
    if (!this.gap || this.client.status !== 'ready') return;
    const work = this.exclusive(async () => {
      if (this.gap && this.client.status === 'ready') await this.writeNow([], []);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not take the skipped line within ${this.options.timeoutMs} ms.`)), this.options.timeoutMs);
    });
    try {
      await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
      // A bridge that timed out is tried again with the next write.
      work.catch(() => undefined);
    }
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async writeNow(lines: readonly string[], events?: readonly AuditEvent[]): Promise<void> {
    if (this.client.status !== 'ready') throw new Error(`Redis is not connected (status: ${this.client.status}).`);
    try {
      let out = lines;
      let tail: TailPosition | undefined;
      if ((this.uncertain || this.gap) && events && events.length === lines.length) {
        const read = await this.readTail(events);
        tail = read.tail;
        const keep = lines.filter((_, i) => !read.held.has(events[i]!.seq));
        if (keep.length < lines.length) out = keep;
      }
      this.uncertain = false;
      const gap = this.gap;
      const bridged = gap && { ...gap.last };
      const bridge = this.bridge(tail);
      if (bridge !== undefined) out = [bridge, ...out];
      if (out.length > 0) await this.append(out);
      // A flush may bridge while the log skips another batch: what was skipped since is still a gap.
      if (gap && bridged && this.gap === gap) {
        if (gap.last.seq > bridged.seq) gap.after = bridged;
        else this.gap = undefined;
      }
    } catch (err) {
      this.uncertain = true;
      throw err;
    }
  }

  /**
   * The `skipped` line for the pending gap, from what the stream holds: the gap starts after the
   * last event of this chain in the stream when that is inside the gap (events of a skipped batch
   * that landed late), else where the sink's own record says. Nothing when the stream holds it all.
   */
  private bridge(tail: TailPosition | undefined): string | undefined {
    const gap = this.gap;
    if (!gap) return undefined;
    let after = gap.after;
    if (tail && (after === undefined || tail.seq >= after.seq)) {
      if (tail.seq >= gap.last.seq) return undefined;
      after = tail;
    }
    // Behind at start, but nothing of this chain in the stream (new, or trimmed): nothing to bridge from.
    if (after === undefined) return undefined;
    return gap.sign({ after, last: gap.last });
  }

  private async append(lines: readonly string[]): Promise<void> {
    const pipeline = this.client.pipeline();
    for (const line of lines) {
      pipeline.xadd(this.options.key, 'MAXLEN', '~', this.options.maxLen, '*', 'event', line.endsWith('\n') ? line.slice(0, -1) : line);
    }
    const replies = await this.exec(pipeline, 'acknowledge the audit batch');
    for (const [err] of replies) if (err) throw err;
  }

  /**
   * The seqs of `events`' chain (its `instance`) that the end of the stream already holds, and
   * where that chain stands there (its newest event or `skipped` line).
   */
  private async readTail(events: readonly AuditEvent[]): Promise<{ held: Set<number>; tail?: TailPosition }> {
    const pipeline = this.client.pipeline();
    pipeline.xrevrange(this.options.key, '+', '-', 'COUNT', Math.max(TAIL_MIN, events.length * 4));
    const [[err, entries]] = (await this.exec(pipeline, 'answer the read of the stream')) as [[Error | null, Array<[string, string[]]>]];
    if (err) throw err;
    const instance = events.length > 0 ? events[0]!.instance : this.gap?.instance;
    const first = events[0]?.seq ?? Infinity;
    const last = events[events.length - 1]?.seq ?? -Infinity;
    const held = new Set<number>();
    let tail: TailPosition | undefined;
    for (const [, fields] of entries ?? []) {
      const text = fields[fields.indexOf('event') + 1];
      if (text === undefined) continue;
      try {
        const e = JSON.parse(text) as { seq?: unknown; instance?: unknown; type?: unknown; hash?: unknown; last?: unknown };
        if (e.instance !== instance || typeof e.seq !== 'number') continue;
        const hash = e.type === 'skipped' ? e.last : e.hash;
        // Newest first: the first entry of this chain is where it stands.
        if (!tail && typeof hash === 'string') tail = { seq: e.seq, hash };
        if (e.type !== 'skipped' && e.seq >= first && e.seq <= last) held.add(e.seq);
      } catch {
        // Not one of ours.
      }
    }
    return tail ? { held, tail } : { held };
  }
  private async exec(pipeline: RedisStreamPipelineLike, what: string): Promise<Array<[Error | null, unknown]>> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not ${what} within ${this.options.timeoutMs} ms.`)), this.options.timeoutMs);
    });
    try {
      const replies = await Promise.race([pipeline.exec(), timeout]);
      if (!replies) throw new Error('Redis discarded the audit pipeline.');
      return replies;
    } finally {
      clearTimeout(timer);
    }
  }
}

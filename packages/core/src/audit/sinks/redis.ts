import type { AuditEvent } from '../events.js';
import type { AuditSink } from './types.js';

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

/**
 * Appends each line to a Redis Stream as field `event` (the exact JSON line, so that a reader
 * can verify the chain). Several instances may share one stream; `instance` tells them apart.
 *
 * A write that failed may still have landed: Redis stalled past `timeoutMs` and then ran the
 * batch, or the connection dropped after Redis ran it. Before writing again, the sink reads the
 * end of the stream on the same connection (so after anything sent earlier) and leaves out the
 * events of this chain it already holds, so a retry never repeats an event. What a full queue
 * dropped meanwhile reaches the stream as one chained `dropped` event, as in a file.
 */
export class RedisStreamSink implements AuditSink {
  readonly name = 'redis';
  /** Set after a failed write: the next one first checks what the stream already holds. */
  private uncertain = false;

  constructor(
    private readonly client: RedisStreamClientLike,
    private readonly options: RedisStreamSinkOptions,
    /** Set when another sink keeps the full record (see {@link AuditSink.bestEffort}). */
    readonly bestEffort = false,
  ) {}

  async write(lines: readonly string[], events?: readonly AuditEvent[]): Promise<void> {
    if (this.client.status !== 'ready') throw new Error(`Redis is not connected (status: ${this.client.status}).`);
    try {
      if (this.uncertain && events && events.length === lines.length) {
        const held = await this.held(events);
        const keep = lines.filter((_, i) => !held.has(events[i]!.seq));
        if (keep.length < lines.length) lines = keep;
      }
      this.uncertain = false;
      if (lines.length > 0) await this.append(lines);
    } catch (err) {
      this.uncertain = true;
      throw err;
    }
  }

  private async append(lines: readonly string[]): Promise<void> {
    const pipeline = this.client.pipeline();
    for (const line of lines) {
      pipeline.xadd(this.options.key, 'MAXLEN', '~', this.options.maxLen, '*', 'event', line.endsWith('\n') ? line.slice(0, -1) : line);
    }
    const replies = await this.exec(pipeline, 'acknowledge the audit batch');
    for (const [err] of replies) if (err) throw err;
  }

  /** The seqs of `events`' chain (its `instance`) that the end of the stream already holds. */
  private async held(events: readonly AuditEvent[]): Promise<Set<number>> {
    const pipeline = this.client.pipeline();
    pipeline.xrevrange(this.options.key, '+', '-', 'COUNT', Math.max(TAIL_MIN, events.length * 4));
    const [[err, entries]] = (await this.exec(pipeline, 'answer the read of the stream')) as [[Error | null, Array<[string, string[]]>]];
    if (err) throw err;
    const instance = events[0]!.instance;
    const first = events[0]!.seq;
    const last = events[events.length - 1]!.seq;
    const held = new Set<number>();
    for (const [, fields] of entries ?? []) {
      const text = fields[fields.indexOf('event') + 1];
      if (text === undefined) continue;
      try {
        const e = JSON.parse(text) as { seq?: unknown; instance?: unknown };
        if (e.instance === instance && typeof e.seq === 'number' && e.seq >= first && e.seq <= last) held.add(e.seq);
      } catch {
        // Not one of ours.
      }
    }
    return held;
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

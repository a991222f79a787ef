import type { AuditSink } from './types.js';

/**
 * The part of an ioredis client (standalone or Cluster) the Redis Stream sink uses. Declared
 * here, like `store/redis-client.ts`, so core does not depend on ioredis.
 */
export interface RedisStreamPipelineLike {
  xadd(key: string, ...args: Array<string | number>): unknown;
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

/**
 * Appends each line to a Redis Stream as field `event` (the exact JSON line, so that a reader
 * can verify the chain). Several instances may share one stream; `instance` tells them apart.
 */
export class RedisStreamSink implements AuditSink {
  readonly name = 'redis';
  constructor(
    private readonly client: RedisStreamClientLike,
    private readonly options: RedisStreamSinkOptions,
    /** Set when another sink keeps the full record (see {@link AuditSink.bestEffort}). */
    readonly bestEffort = false,
  ) {}

  async write(lines: readonly string[]): Promise<void> {
    if (this.client.status !== 'ready') throw new Error(`Redis is not connected (status: ${this.client.status}).`);
    const pipeline = this.client.pipeline();
    for (const line of lines) {
      pipeline.xadd(this.options.key, 'MAXLEN', '~', this.options.maxLen, '*', 'event', line.endsWith('\n') ? line.slice(0, -1) : line);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not acknowledge the audit batch within ${this.options.timeoutMs} ms.`)), this.options.timeoutMs);
    });
    try {
      const replies = await Promise.race([pipeline.exec(), timeout]);
      if (!replies) throw new Error('Redis discarded the audit pipeline.');
      for (const [err] of replies) if (err) throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}

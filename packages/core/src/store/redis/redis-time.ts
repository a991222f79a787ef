/**
 * This process's view of Redis's clock, learnt from the time each script call reports. A call's
 * deadline is set in Redis time, so that a call Redis runs after the client gave up on it (a
 * stalled server, a command stuck in a socket buffer) changes nothing.
 *
 * Each sample is `redisNow - localTimeWhenSent`, which is at least the true offset (the call ran
 * after it was sent). The smallest of the recent samples is the closest to it: a sample taken
 * during a stall overstates the offset by the stall, and would let a late call through.
 */
export class RedisTime {
  private readonly samples: number[] = [];
  private next = 0;
  private offset: number | undefined;

  /** Records what a call sent at local time `sentAt` (ms) learnt: Redis's time `redisNow` (ms). */
  sample(sentAt: number, redisNow: number): void {
    if (!Number.isFinite(redisNow)) return;
    const s = redisNow - sentAt;
    if (this.samples.length < 32) this.samples.push(s);
    else this.samples[this.next++ % 32] = s;
    this.offset = Math.min(...this.samples);
  }

  /** The Redis time by which a call sent now must run, or 0 (no deadline) before the first sample. */
  deadline(timeoutMs: number): number {
    return this.offset === undefined ? 0 : Math.ceil(Date.now() + this.offset + timeoutMs);
  }

  /** Local time (ms) of a Redis time, for resets and retry hints. */
  toLocal(redisMs: number): number {
    return redisMs - (this.offset ?? 0);
  }
}

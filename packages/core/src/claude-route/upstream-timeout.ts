/**
 * How long the route waits for Claude. Without a bound, an upstream that never answers holds the
 * client, its concurrency slot and its budget reservation for as long as the client waits.
 */
export interface UpstreamTimeouts {
  /** A JSON (non-streaming) answer must be complete within this many ms. Default 300,000 (5 min). */
  responseMs: number;
  /** A stream's first event must arrive within this many ms. Default 60,000. */
  firstEventMs: number;
  /** At most this many ms between two events of a stream. Default 60,000. */
  idleMs: number;
}

export const DEFAULT_UPSTREAM_TIMEOUTS: Readonly<UpstreamTimeouts> = Object.freeze({ responseMs: 300_000, firstEventMs: 60_000, idleMs: 60_000 });

/**
 * A watchdog on one upstream call: `arm(ms)` (again after every event, for the idle bound) aborts
 * the call through the shared controller when the time runs out; `timedOut` then tells the relay
 * it was the watchdog, not the client going away, so the client is answered and usage recorded.
 *
 * @example
 * ```ts
 * const watchdog = new UpstreamWatchdog(abort);
 * watchdog.arm(timeouts.firstEventMs);
 * for await (const event of stream) watchdog.arm(timeouts.idleMs);
 * watchdog.clear();
 * ```
 */
export class UpstreamWatchdog {
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly abort: AbortController) {}

  arm(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.abort.abort();
    }, ms);
    this.timer.unref?.();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The client's answer when Claude did not answer in time (the API's error shape, 504). */
export const UPSTREAM_TIMEOUT_MESSAGE = 'The model did not answer in time. Retry later.';

import type { Clock } from '../clock/index.js';
import type { Logger } from '../options/warnings.js';
import type { Alert } from './payload.js';
import { SIGNATURE_HEADER, signWebhookPayload } from './signature.js';

/** Webhook settings after validation (see `AlertsOptions.webhook`). */
export interface ResolvedWebhookOptions {
  url: string;
  secret: string;
  verdicts: ReadonlyArray<'throttle' | 'flag' | 'block'>;
  flags: boolean;
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  maxQueue: number;
  headers: Record<string, string>;
}

/** Counters of a webhook sink, for metrics and health checks. */
export interface WebhookStats {
  queued: number;
  delivered: number;
  /** Retries after a failed attempt. */
  retries: number;
  /** Alerts given up on: out of attempts, refused with a 4xx, or still queued when close timed out. */
  failed: number;
  /** Alerts refused because the queue was full. */
  dropped: number;
}

/** Statuses worth another attempt; any other 4xx means the receiver refuses this payload. */
function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * POSTs alerts as signed JSON, one at a time in order, from a bounded queue, with exponential
 * backoff and full jitter between attempts. Enqueueing is O(1) and never waits on the network.
 */
export class WebhookSink {
  private readonly queue: Alert[] = [];
  private running: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly wakers = new Set<() => void>();
  private closed = false;
  private warnedFull = false;
  private readonly counters = { delivered: 0, retries: 0, failed: 0, dropped: 0 };

  constructor(
    readonly options: ResolvedWebhookOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  get stats(): WebhookStats {
    return { queued: this.queue.length, ...this.counters };
  }

  /** Whether this sink wants the alert (by verdict, and flag events if enabled). */
  accepts(alert: Alert): boolean {
    return alert.type === 'flag' ? this.options.flags : this.options.verdicts.includes(alert.verdict as 'throttle' | 'flag' | 'block');
  }

  /** Queues an alert; false if it was dropped (queue full, or closed). */
  enqueue(alert: Alert): boolean {
    if (this.closed || this.queue.length >= this.options.maxQueue) {
      this.counters.dropped++;
      if (!this.warnedFull) {
        this.warnedFull = true;
        this.logger.error('distill-guard alerts: webhook queue full or closed, dropping alerts (counted in stats.dropped)', { maxQueue: this.options.maxQueue });
      }
      return false;
    }
    this.warnedFull = false;
    this.queue.push(alert);
    this.running ??= this.run().finally(() => (this.running = undefined));
    return true;
  }

  /** Resolves once every queued alert was delivered or given up on. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Waits up to `timeoutMs` for the queue, then aborts what is left (counted as failed and logged). */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.flush(), deadline]);
    clearTimeout(timer);
    if (this.running) {
      this.abort.abort();
      for (const wake of this.wakers) wake();
      await this.running;
    }
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const alert = this.queue[0]!;
      await this.deliver(alert);
      this.queue.shift();
    }
  }

  private async deliver(alert: Alert): Promise<void> {
    const body = JSON.stringify(alert);
    for (let attempt = 1; ; attempt++) {
      if (this.abort.signal.aborted) return this.giveUp(alert, 'closed before delivery', this.queue.length - 1);
      let status: number | undefined;
      let retryAfterMs: number | undefined;
      let problem: string;
      try {
        const response = await fetch(this.options.url, {
          method: 'POST',
          headers: {
            ...this.options.headers,
            'content-type': 'application/json',
            'user-agent': 'distill-guard-webhook',
            'x-distill-guard-event': alert.type,
            'x-distill-guard-delivery': alert.id,
            [SIGNATURE_HEADER]: signWebhookPayload(body, this.options.secret, this.clock.now() / 1000),
          },
          body,
          redirect: 'error',
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.options.timeoutMs)]),
        });
        status = response.status;
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        await response.body?.cancel().catch(() => undefined);
        if (status >= 200 && status < 300) {
          this.counters.delivered++;
          return;
        }
        problem = `HTTP ${status}`;
        if (!retryable(status)) return this.giveUp(alert, `${problem} (not retried)`, 0);
      } catch (err) {
        problem = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      if (this.abort.signal.aborted) return this.giveUp(alert, `closed while delivering (${problem})`, this.queue.length - 1);
      if (attempt >= this.options.maxAttempts) return this.giveUp(alert, `${problem} after ${attempt} attempts`, 0);
      this.counters.retries++;
      const backoff = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (attempt - 1));
      const jittered = backoff / 2 + Math.random() * (backoff / 2);
      await this.sleep(Math.min(this.options.maxBackoffMs, Math.max(jittered, retryAfterMs ?? 0)));
    }
  }

  private giveUp(alert: Alert, why: string, alsoQueued: number): void {
    this.counters.failed += 1 + alsoQueued;
    if (alsoQueued > 0) this.queue.splice(1);
    this.logger.error(`distill-guard alerts: webhook gave up on ${1 + alsoQueued} alert(s): ${why}`, { alert: alert.id, type: alert.type });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      // Unref'd: a retry schedule alone does not keep the process up; close() and the exit hook wait instead.
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.wakers.add(wake);
    });
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

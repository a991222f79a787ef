import { registerExitFlush } from '../audit/index.js';
import type { GuardContext, GuardEvents } from '../contracts/index.js';
import type { ResolvedAlertsOptions } from './options.js';
import { flagAlert, verdictAlert, type FlagAlert, type VerdictAlert } from './payload.js';
import { WebhookSink, type WebhookStats } from './webhook.js';

/** Counters of the alerts subsystem. */
export interface AlertsStats {
  /** Hook calls that threw or rejected (logged). */
  hookErrors: number;
  webhook?: WebhookStats;
}

/** The guard events alerts react to; each handler returns at once and never throws. */
export interface AlertsHandlers {
  verdict: GuardEvents['verdict'];
  flag: GuardEvents['flag'];
}

/**
 * `onVerdict` / `onFlag` hooks and the signed webhook. Handlers only queue work: hooks run on a
 * later turn of the event loop and the webhook delivers from its own queue, so a slow hook or a
 * receiver that is down never holds up a request.
 */
export class Alerts {
  readonly handlers: AlertsHandlers;
  readonly webhook: WebhookSink | undefined;
  private readonly pendingHooks = new Set<Promise<void>>();
  private hookErrors = 0;
  private closing: Promise<void> | undefined;
  private readonly unregisterExit: (() => void) | undefined;

  constructor(
    private readonly options: ResolvedAlertsOptions,
    private readonly ctx: Pick<GuardContext, 'clock' | 'logger'>,
  ) {
    this.webhook = options.webhook ? new WebhookSink(options.webhook, ctx.clock, ctx.logger) : undefined;
    this.handlers = {
      verdict: (e) => this.guarded(() => this.verdict(verdictAlert(e, this.ctx.clock.now()))),
      flag: (e) => this.guarded(() => this.flag(flagAlert(e, this.ctx.clock.now()))),
    };
    if (options.flushOnExit && this.webhook) {
      this.unregisterExit = registerExitFlush({
        pending: () => this.pendingHooks.size > 0 || (this.webhook?.stats.queued ?? 0) > 0,
        flushForExit: () => this.flushWithin(this.options.closeTimeoutMs),
      });
    }
  }

  get stats(): AlertsStats {
    const stats: AlertsStats = { hookErrors: this.hookErrors };
    if (this.webhook) stats.webhook = this.webhook.stats;
    return stats;
  }

  /** Waits for running hooks and for the webhook queue to drain (however long retries take). */
  async flush(): Promise<void> {
    while (this.pendingHooks.size > 0) await Promise.all(this.pendingHooks);
    await this.webhook?.flush();
  }

  /** Flushes for at most `ms`; what is still queued then stays queued and is logged. */
  async flushWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
    const result = await Promise.race([this.flush().then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.ctx.logger.error('distill-guard alerts: alerts still pending at exit', { hooks: this.pendingHooks.size, webhook: this.webhook?.stats.queued ?? 0 });
    }
  }

  /** Waits up to `closeTimeoutMs` for hooks and deliveries, then gives up on the rest (logged). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.unregisterExit?.();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.closeTimeoutMs)));
      await Promise.race([Promise.all([...this.pendingHooks]), deadline]);
      clearTimeout(timer);
      await this.webhook?.close(this.options.closeTimeoutMs);
    })();
    return this.closing;
  }

  private verdict(alert: VerdictAlert): void {
    const { any } = this.options.hooks;
    const specific = alert.verdict === 'allow' ? undefined : this.options.hooks[alert.verdict];
    if (any) this.runHook(any, alert);
    if (specific) this.runHook(specific, alert);
    if (this.webhook?.accepts(alert)) this.webhook.enqueue(alert);
  }

  private flag(alert: FlagAlert): void {
    if (this.options.onFlag) this.runHook(this.options.onFlag, alert);
    if (this.webhook?.accepts(alert)) this.webhook.enqueue(alert);
  }

  private runHook<A>(hook: (alert: A) => void | Promise<void>, alert: A): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => hook(alert))
      .catch((err: unknown) => {
        this.hookErrors++;
        this.ctx.logger.error('distill-guard alerts: hook failed', { error: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => this.pendingHooks.delete(run));
    this.pendingHooks.add(run);
  }

  private guarded(work: () => void): void {
    try {
      work();
    } catch (err) {
      this.ctx.logger.error('distill-guard alerts: could not raise an alert', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/**
 * Creates the alerts subsystem of a guard from parsed options. Subscribe `alerts.handlers.verdict`
 * and `alerts.handlers.flag`; call `alerts.close()` when the guard closes.
 *
 * @example
 * ```ts
 * const options = parseAlertsOptions({ onVerdict: { block: (a) => pager.send(a) } }, 'alerts');
 * const alerts = options && createAlerts(options, ctx);
 * events.on('verdict', alerts.handlers.verdict);
 * ```
 */
export function createAlerts(options: ResolvedAlertsOptions, ctx: Pick<GuardContext, 'clock' | 'logger'>): Alerts {
  return new Alerts(options, ctx);
}

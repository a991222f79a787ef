import { RateLimiterRes, type RateLimiterAbstract, type RateLimiterMemory } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';
import { rateLimitPolicyHeader, type DecisionReason, type Identity, type LimitState } from '../decision/index.js';
import { StoreError } from '../errors/index.js';
import { hashTag, memoryStore, type Store } from '../store/index.js';
import { adjustNow, consumeNow, isClockedMemoryLimiter } from '../store/clocked-limiter.js';
import type { LimitKind, LimitSpec } from './options.js';

/** What one request asks of the limits, estimated before it runs. */
export interface Demand {
  /** Estimated input tokens. */
  inputTokens: number;
  /** The request's `max_tokens`. */
  maxTokens: number;
  /** Upper estimate of the input's cost, in USD. */
  inputCostUsd: number;
  /** Price of one output token, in USD. */
  outputTokenUsd: number;
}

/** Smallest reply worth serving when a budget is nearly spent; below it the request is refused. */
export const MIN_OUTPUT_GRANT = 32;

/** Real consumption, known after the response. */
export interface Consumption {
  tokens: number;
  costUsd: number;
  outputTokens: number;
}

interface Held {
  spec: LimitSpec;
  key: string;
  points: number;
  /** End of the window the points were taken from (clock ms); refunds after it would mint quota. */
  windowEnd: number;
  limiter: RateLimiterAbstract;
  exceeded: boolean;
}

/** Points a shortened reply hands back to one limit. */
interface Refund {
  limiter: RateLimiterAbstract;
  key: string;
  points: number;
}

type Attempt =
  | { spec: LimitSpec; key: string; points: number; limiter: RateLimiterAbstract; res: { consumedPoints: number; msBeforeNext: number }; ok: boolean }
  | { spec: LimitSpec; key: string; points: number; limiter: RateLimiterAbstract; failed: true };

/** The result of reserving a request against every limit. */
export interface Reservation {
  states: LimitState[];
  /** The limit that refused, if any, and when to retry. */
  exceeded?: { reason: DecisionReason; retryAfter: number; spec: LimitSpec };
  /**
   * When a token, cost or output budget could not cover `max_tokens` but still covers a useful
   * reply, the request is served with `max_tokens` lowered to this.
   */
  maxTokens?: number;
  /** Set when the store failed; `insured` tells whether the in-memory insurance limiter decided instead. */
  storeError?: Error;
  insured: boolean;
  /** @internal */
  held: Held[];
}

/**
 * Per-identity, per-IP and global limits on rate-limiter-flexible. Each request reserves its
 * demand on every counter at once (the calls go out together, one round trip on Redis); an
 * exceeded reservation is handed back, and `reconcile` replaces the estimate with real usage.
 */
export class Limits {
  private readonly primary: Map<string, RateLimiterAbstract>;
  private readonly insurance?: Map<string, RateLimiterAbstract>;
  /** Every limiter is a clocked memory limiter: reserve and settle answer at once. */
  private readonly synchronous: boolean;
  /** `RateLimit-Policy` never changes for a configuration: built once. */
  readonly policyHeader: string;

  constructor(
    readonly specs: readonly LimitSpec[],
    store: Store,
    private readonly clock: Clock,
    /** Only for shared stores: a memory limiter answers synchronously and needs no timer. */
    private readonly timeoutMs?: number,
  ) {
    const create = (s: Store) => new Map(specs.map((spec) => [spec.policy, s.rateLimiter({ name: spec.policy, points: spec.points, durationSeconds: spec.windowSeconds })]));
    this.primary = create(store);
    this.synchronous = [...this.primary.values()].every(isClockedMemoryLimiter);
    // A shared store can fail; the insurance limiter keeps limits per process meanwhile.
    if (store.kind !== 'memory') this.insurance = create(memoryStore({ clock }));
    this.policyHeader = rateLimitPolicyHeader(
      specs.map((s) => ({ policy: s.policy, limit: s.points, unit: s.unit, ...(s.kind !== 'concurrency' && { windowSeconds: s.windowSeconds }) })),
    );
  }

  get enabled(): boolean {
    return this.specs.length > 0;
  }

  /**
   * Reserves a request's demand on every limit. On the memory store the answer is immediate (a
   * `Reservation`, no Promise); on a shared store it is a Promise.
   */
  reserve(identity: Identity, demand: Demand): Reservation | Promise<Reservation> {
    const now = this.clock.now();
    if (this.synchronous) {
      const attempts: Attempt[] = [];
      for (const spec of this.specs) {
        const key = keyFor(spec, identity);
        const points = pointsFor(spec.kind, demand);
        const limiter = this.primary.get(spec.policy)!;
        const { res, ok } = consumeNow(limiter as RateLimiterMemory, key, points);
        attempts.push({ spec, key, points, limiter, res, ok });
      }
      const { reservation, refunds } = this.conclude(attempts, demand, now, undefined, false);
      for (const r of refunds) adjustNow(r.limiter as RateLimiterMemory, r.key, -r.points);
      return reservation;
    }
    return this.reserveShared(identity, demand, now);
  }

  private async reserveShared(identity: Identity, demand: Demand, now: number): Promise<Reservation> {
    let storeError: Error | undefined;
    let insured = false;
    const attempts = await Promise.all(
      this.specs.map((spec): Promise<Attempt> => {
        const key = keyFor(spec, identity);
        const points = pointsFor(spec.kind, demand);
        const primary = this.primary.get(spec.policy)!;
        return this.consume(primary, key, points).then(
          (r) => ({ spec, key, points, limiter: primary, res: r.res, ok: r.ok }),
          (err: unknown) => {
            storeError ??= err instanceof Error ? err : new StoreError(String(err));
            const insurance = this.insurance?.get(spec.policy);
            if (!insurance) return { spec, key, points, limiter: primary, failed: true as const };
            insured = true;
            return this.consume(insurance, key, points).then((r) => ({ spec, key, points, limiter: insurance, res: r.res, ok: r.ok }));
          },
        );
      }),
    );
    const { reservation, refunds } = this.conclude(attempts, demand, now, storeError, insured);
    await Promise.all(refunds.map((r) => r.limiter.reward(r.key, r.points).catch(() => undefined)));
    return reservation;
  }

  /** Turns the limits' answers into a reservation, and says what a shortened reply hands back. */
  private conclude(attempts: readonly Attempt[], demand: Demand, now: number, storeError: Error | undefined, insured: boolean): { reservation: Reservation; refunds: Refund[] } {
    const held: Held[] = [];
    const states: LimitState[] = [];
    const refunds: Refund[] = [];
    let exceeded: Reservation['exceeded'];
    let grant: number | undefined;
    for (const a of attempts) {
      if ('failed' in a) continue;
      const { spec, res } = a;
      let ok = a.ok;
      if (!ok) {
        const partial = affordableOutput(spec, res.consumedPoints - a.points, demand);
        if (partial !== undefined) {
          // Serve a shorter reply instead of refusing: hand back what the cap makes unnecessary.
          const kept = pointsFor(spec.kind, { ...demand, maxTokens: partial });
          refunds.push({ limiter: a.limiter, key: a.key, points: a.points - kept });
          res.consumedPoints -= a.points - kept;
          a.points = kept;
          ok = true;
          grant = grant === undefined ? partial : Math.min(grant, partial);
        }
      }
      held.push({ spec, key: a.key, points: a.points, windowEnd: now + Math.max(0, res.msBeforeNext), limiter: a.limiter, exceeded: !ok });
      const resetSeconds = Math.max(0, Math.ceil(res.msBeforeNext / 1000));
      const state: LimitState = {
        policy: spec.policy,
        unit: spec.unit,
        scope: spec.scope,
        limit: spec.points,
        remaining: Math.max(0, spec.points - res.consumedPoints),
        resetSeconds,
        exceeded: !ok,
      };
      if (spec.kind !== 'concurrency') state.windowSeconds = spec.windowSeconds;
      states.push(state);
      if (!ok) {
        // A full concurrency slot frees when a request finishes; retrying soon is right.
        const retryAfter = spec.kind === 'concurrency' ? 1 : Math.max(1, resetSeconds);
        if (!exceeded || retryAfter > exceeded.retryAfter) exceeded = { reason: spec.reason, retryAfter, spec };
      }
    }
    const reservation: Reservation = { states, held, insured };
    if (exceeded) reservation.exceeded = exceeded;
    else if (grant !== undefined) reservation.maxTokens = grant;
    if (storeError) reservation.storeError = storeError;
    return { reservation, refunds };
  }

  /**
   * Hands back what a refused or failed request reserved: tokens, cost, output, concurrency
   * slots, and request counts of the limits that did not refuse it (so one client hammering its
   * own closed door does not use up a shared per-IP or global quota).
   */
  release(reservation: Reservation): void | Promise<void> {
    return this.settle(reservation, () => 0, true);
  }

  /** Replaces the reservation by real consumption and frees the concurrency slot. */
  reconcile(reservation: Reservation, actual: Consumption): void | Promise<void> {
    return this.settle(reservation, (kind) => pointsFor(kind, actual), false);
  }

  private settle(reservation: Reservation, actualPoints: (kind: LimitKind) => number, refusal: boolean): void | Promise<void> {
    const now = this.clock.now();
    const pending: Promise<unknown>[] = [];
    for (const h of reservation.held) {
      if (h.spec.kind === 'requests' && (!refusal || h.exceeded)) continue;
      const actual = h.spec.kind === 'concurrency' || h.spec.kind === 'requests' ? 0 : actualPoints(h.spec.kind);
      const delta = actual - h.points;
      // Refunds after the window ended would mint quota; a refusal is never charged more.
      if (!((delta < 0 && now < h.windowEnd) || (delta > 0 && !refusal))) continue;
      if (isClockedMemoryLimiter(h.limiter)) {
        adjustNow(h.limiter, h.key, delta);
        continue;
      }
      // Settling is best effort: the window's expiry bounds any error.
      pending.push((delta < 0 ? h.limiter.reward(h.key, -delta) : h.limiter.penalty(h.key, delta)).catch(() => undefined));
    }
    if (pending.length > 0) return Promise.all(pending).then(() => undefined);
  }

  private consume(limiter: RateLimiterAbstract, key: string, points: number): Promise<{ res: RateLimiterRes; ok: boolean }> {
    const pending = limiter.consume(key, points);
    return (this.timeoutMs === undefined ? pending : withTimeout(pending, this.timeoutMs)).then(
      (res) => ({ res, ok: true }),
      (err: unknown) => {
        // rate-limiter-flexible rejects with its result when the limit is exceeded.
        if (err instanceof RateLimiterRes) return { res: err, ok: false };
        throw err;
      },
    );
  }
}

function keyFor(spec: LimitSpec, identity: Identity): string {
  switch (spec.scope) {
    case 'identity':
      return hashTag(identity.id);
    case 'ip':
      return hashTag(`ip:${identity.ip}`);
    case 'global':
      return '{global}';
  }
}

function pointsFor(kind: LimitKind, d: Demand | Consumption): number {
  const c: Consumption = 'maxTokens' in d ? { tokens: d.inputTokens + d.maxTokens, costUsd: d.inputCostUsd + d.maxTokens * d.outputTokenUsd, outputTokens: d.maxTokens } : d;
  switch (kind) {
    case 'requests':
    case 'concurrency':
      return 1;
    case 'tokens':
      return Math.max(0, Math.ceil(c.tokens));
    case 'costUsd':
      return Math.max(0, Math.ceil(c.costUsd * 1_000_000));
    case 'outputTokens':
      return Math.max(0, Math.ceil(c.outputTokens));
  }
}

/** The largest `max_tokens` the rest of an output-bearing budget pays for, if it is worth serving. */
function affordableOutput(spec: LimitSpec, consumedBefore: number, d: Demand): number | undefined {
  const available = spec.points - Math.max(0, consumedBefore);
  let tokens: number;
  switch (spec.kind) {
    case 'outputTokens':
      tokens = available;
      break;
    case 'tokens':
      tokens = available - Math.ceil(d.inputTokens);
      break;
    case 'costUsd':
      tokens = d.outputTokenUsd > 0 ? (available - Math.ceil(d.inputCostUsd * 1_000_000)) / (d.outputTokenUsd * 1_000_000) : 0;
      break;
    default:
      return undefined;
  }
  tokens = Math.floor(tokens);
  return tokens >= MIN_OUTPUT_GRANT && tokens < d.maxTokens ? tokens : undefined;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreError(`the store did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';
import { rateLimitPolicyHeader, type DecisionReason, type Identity, type LimitState } from '../decision/index.js';
import { StoreError } from '../errors/index.js';
import { hashTag, memoryStore, type Store } from '../store/index.js';
import { immediateLimiter, type CounterRow, type ImmediateLimiter } from '../store/clocked-limiter.js';
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

/** What one limit holds of a request until it is settled. */
interface Held {
  spec: LimitSpec;
  key: string;
  points: number;
  limiter: RateLimiterAbstract;
  /** Set for a clocked memory limiter: settled at once, without a Promise. */
  immediate: ImmediateLimiter | undefined;
  /** The key's count after this request's points were added. */
  consumed: number;
  msBeforeNext: number;
  /** Whether this limit refused the request. */
  exceeded: boolean;
  /** End of the window the points were taken from (clock ms); refunds after it would mint quota. */
  windowEnd: number;
}

/** One limit's answer, or `undefined` when the store failed and there is no insurance limiter. */
type Attempt = Held | undefined;

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
  /** One limiter per spec, in the order of `specs`. */
  private readonly primary: RateLimiterAbstract[];
  /** The primary limiters' immediate access, when every one is a clocked memory limiter. */
  private readonly immediate: ImmediateLimiter[] | undefined;
  /** A shared store's in-memory stand-ins, in the order of `specs`. */
  private readonly insurance: Array<{ limiter: RateLimiterAbstract; immediate: ImmediateLimiter | undefined }> | undefined;
  /** `RateLimit-Policy` never changes for a configuration: built once. */
  readonly policyHeader: string;

  constructor(
    readonly specs: readonly LimitSpec[],
    store: Store,
    private readonly clock: Clock,
    /** Only for shared stores: a memory limiter answers synchronously and needs no timer. */
    private readonly timeoutMs?: number,
  ) {
    const create = (s: Store) => specs.map((spec) => s.rateLimiter({ name: spec.policy, points: spec.points, durationSeconds: spec.windowSeconds }));
    this.primary = create(store);
    const immediate = this.primary.map(immediateLimiter);
    this.immediate = immediate.every((l) => l !== undefined) ? (immediate as ImmediateLimiter[]) : undefined;
    // A shared store can fail; the insurance limiter keeps limits per process meanwhile.
    if (store.kind !== 'memory') this.insurance = create(memoryStore({ clock })).map((limiter) => ({ limiter, immediate: immediateLimiter(limiter) }));
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
    const need = consumptionOf(demand, demand.maxTokens);
    const keys: ScopeKeys = {};
    if (this.immediate) {
      const attempts = new Array<Attempt>(this.specs.length);
      const rows = new RowCache();
      for (let i = 0; i < this.specs.length; i++) {
        const spec = this.specs[i]!;
        const immediate = this.immediate[i]!;
        const key = keyFor(spec, identity, keys);
        attempts[i] = take(spec, key, pointsFor(spec.kind, need), this.primary[i]!, immediate, rows.of(immediate, key, now), now);
      }
      return this.conclude(attempts, demand, now, undefined, false).reservation;
    }
    return this.reserveShared(identity, demand, need, keys, now);
  }

  private async reserveShared(identity: Identity, demand: Demand, need: Consumption, keys: ScopeKeys, now: number): Promise<Reservation> {
    let storeError: Error | undefined;
    let insured = false;
    const attempts = await Promise.all(
      this.specs.map((spec, i): Promise<Attempt> => {
        const key = keyFor(spec, identity, keys);
        const points = pointsFor(spec.kind, need);
        const limiter = this.primary[i]!;
        return this.consume(limiter, key, points).then(
          ({ res, ok }): Attempt => held(spec, key, points, limiter, undefined, res.consumedPoints, res.msBeforeNext, !ok, now),
          (err: unknown): Attempt => {
            storeError ??= err instanceof Error ? err : new StoreError(String(err));
            const insurance = this.insurance?.[i];
            if (!insurance?.immediate) return undefined;
            insured = true;
            const at = this.clock.now();
            return take(spec, key, points, insurance.limiter, insurance.immediate, insurance.immediate.row(key, at), at);
          },
        );
      }),
    );
    const { reservation, refunds } = this.conclude(attempts, demand, now, storeError, insured);
    await Promise.all(refunds.map((r) => r.limiter.reward(r.key, r.points).catch(() => undefined)));
    return reservation;
  }

  /**
   * Turns the limits' answers into a reservation. A shortened reply hands back at once what it
   * no longer needs on immediate limiters, and returns the rest as refunds for the caller.
   */
  private conclude(attempts: readonly Attempt[], demand: Demand, now: number, storeError: Error | undefined, insured: boolean): { reservation: Reservation; refunds: Held[] } {
    // Sized once: a request holds every limit unless the shared store failed without insurance.
    const holds: Held[] = new Array<Held>(attempts.length);
    const states: LimitState[] = new Array<LimitState>(attempts.length);
    let count = 0;
    let refunds: Held[] | undefined;
    let exceeded: Reservation['exceeded'];
    let grant: number | undefined;
    for (const h of attempts) {
      if (h === undefined) continue;
      const spec = h.spec;
      if (h.exceeded) {
        const partial = affordableOutput(spec, h.consumed - h.points, demand);
        if (partial !== undefined) {
          // Serve a shorter reply instead of refusing: hand back what the cap makes unnecessary.
          const kept = pointsFor(spec.kind, consumptionOf(demand, partial));
          const back = h.points - kept;
          if (h.immediate) h.immediate.add(h.immediate.row(h.key, now), -back, now);
          else (refunds ??= []).push({ ...h, points: back });
          h.consumed -= back;
          h.points = kept;
          h.exceeded = false;
          grant = grant === undefined ? partial : Math.min(grant, partial);
        }
      }
      const resetSeconds = Math.max(0, Math.ceil(h.msBeforeNext / 1000));
      const state: LimitState = {
        policy: spec.policy,
        unit: spec.unit,
        scope: spec.scope,
        limit: spec.points,
        remaining: Math.max(0, spec.points - h.consumed),
        resetSeconds,
        exceeded: h.exceeded,
      };
      if (spec.kind !== 'concurrency') state.windowSeconds = spec.windowSeconds;
      holds[count] = h;
      states[count++] = state;
      if (h.exceeded) {
        // A full concurrency slot frees when a request finishes; retrying soon is right.
        const retryAfter = spec.kind === 'concurrency' ? 1 : Math.max(1, resetSeconds);
        if (!exceeded || retryAfter > exceeded.retryAfter) exceeded = { reason: spec.reason, retryAfter, spec };
      }
    }
    if (count < attempts.length) holds.length = states.length = count;
    const reservation: Reservation = { states, held: holds, insured };
    if (exceeded) reservation.exceeded = exceeded;
    else if (grant !== undefined) reservation.maxTokens = grant;
    if (storeError) reservation.storeError = storeError;
    return { reservation, refunds: refunds ?? NO_REFUNDS };
  }

  /**
   * Hands back what a refused or failed request reserved: tokens, cost, output, concurrency
   * slots, and request counts of the limits that did not refuse it (so one client hammering its
   * own closed door does not use up a shared per-IP or global quota).
   */
  release(reservation: Reservation): void | Promise<void> {
    return this.settle(reservation, undefined);
  }

  /** Replaces the reservation by real consumption and frees the concurrency slot. */
  reconcile(reservation: Reservation, actual: Consumption): void | Promise<void> {
    return this.settle(reservation, actual);
  }

  /** Settles every hold against `actual` consumption, or, for a refusal (`undefined`), against nothing. */
  private settle(reservation: Reservation, actual: Consumption | undefined): void | Promise<void> {
    const refusal = actual === undefined;
    const now = this.clock.now();
    let pending: Promise<unknown>[] | undefined;
    const rows = new RowCache();
    for (const h of reservation.held) {
      const kind = h.spec.kind;
      if (kind === 'requests' && (!refusal || h.exceeded)) continue;
      const used = refusal || kind === 'concurrency' || kind === 'requests' ? 0 : pointsFor(kind, actual);
      const delta = used - h.points;
      // Refunds after the window ended would mint quota; a refusal is never charged more.
      if (!((delta < 0 && now < h.windowEnd) || (delta > 0 && !refusal))) continue;
      if (h.immediate) {
        h.immediate.add(rows.of(h.immediate, h.key, now), delta, now);
        continue;
      }
      // Settling is best effort: the window's expiry bounds any error.
      (pending ??= []).push((delta < 0 ? h.limiter.reward(h.key, -delta) : h.limiter.penalty(h.key, delta)).catch(() => undefined));
    }
    if (pending) return Promise.all(pending).then(() => undefined);
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

const NO_REFUNDS: Held[] = [];

/** Every hold has this one shape, whichever store answered. */
function held(spec: LimitSpec, key: string, points: number, limiter: RateLimiterAbstract, immediate: ImmediateLimiter | undefined, consumed: number, msBeforeNext: number, exceeded: boolean, now: number): Held {
  return { spec, key, points, limiter, immediate, consumed, msBeforeNext, exceeded, windowEnd: now + Math.max(0, msBeforeNext) };
}

/** `consume` on an immediate limiter. */
function take(spec: LimitSpec, key: string, points: number, limiter: RateLimiterAbstract, immediate: ImmediateLimiter, row: CounterRow, now: number): Held {
  const consumed = immediate.add(row, points, now);
  return held(spec, key, points, limiter, immediate, consumed, immediate.msBeforeNext(row, now), consumed > immediate.points, now);
}

/**
 * The rows one request has looked up: the limits of a scope share a key and a table, so they
 * share one lookup. Rows are used at once (a later lookup may sweep a row nobody has written to).
 */
class RowCache {
  private key: string | undefined;
  private table: unknown;
  private row: CounterRow | undefined;
  private otherKey: string | undefined;
  private otherTable: unknown;
  private other: CounterRow | undefined;

  of(limiter: ImmediateLimiter, key: string, now: number): CounterRow {
    const table = limiter.table;
    if (key === this.key && table === this.table) return this.row!;
    if (key === this.otherKey && table === this.otherTable) return this.other!;
    // Two scopes interleave at most (identity and IP); the global scope comes last.
    this.otherKey = this.key;
    this.otherTable = this.table;
    this.other = this.row;
    this.key = key;
    this.table = table;
    return (this.row = limiter.row(key, now));
  }
}

/** A request's keys per scope, built once for all the limits of that scope. */
interface ScopeKeys {
  identity?: string;
  ip?: string;
}

function keyFor(spec: LimitSpec, identity: Identity, keys: ScopeKeys): string {
  switch (spec.scope) {
    case 'identity':
      return (keys.identity ??= hashTag(identity.id));
    case 'ip':
      return (keys.ip ??= hashTag(`ip:${identity.ip}`));
    case 'global':
      return '{global}';
  }
}

/** What a request would consume if its reply used `maxTokens`. */
function consumptionOf(d: Demand, maxTokens: number): Consumption {
  return { tokens: d.inputTokens + maxTokens, costUsd: d.inputCostUsd + maxTokens * d.outputTokenUsd, outputTokens: maxTokens };
}

function pointsFor(kind: LimitKind, c: Consumption): number {
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

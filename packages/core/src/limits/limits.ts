import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../clock/index.js';
import { rateLimitPolicyHeader, type Identity } from '../decision/index.js';
import { StoreError } from '../errors/index.js';
import { hashTag, memoryStore, RedisStore, type Store } from '../store/index.js';
import { immediateLimiter, type CounterRow, type ImmediateLimiter } from '../store/clocked-limiter.js';
import type { LimitKind, LimitSpec } from './options.js';
import { Answer, GLOBAL_KEY, Reservation } from './reservation.js';

export { Reservation } from './reservation.js';

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

/**
 * Per-identity, per-IP and global limits on rate-limiter-flexible. Each request reserves its
 * demand on every counter at once (the calls go out together, one round trip on Redis); an
 * exceeded reservation is handed back, and `reconcile` replaces the estimate with real usage.
 */
export class Limits {
  /** One limiter per spec, in the order of `specs`. */
  private readonly primary: RateLimiterAbstract[];
  /** The primary limiters' immediate access, when every one is a clocked memory limiter. */
  private readonly immediate: ScopeRows | undefined;
  /** A shared store's in-memory stand-ins, in the order of `specs`. */
  private readonly insurance: { limiters: RateLimiterAbstract[]; rows: ScopeRows | undefined } | undefined;
  /** `RateLimit-Policy` never changes for a configuration: built once. */
  readonly policyHeader: string;
  private readonly perIdentity: boolean;
  private readonly perIp: boolean;
  /**
   * Hash tags keep an identity's keys on one Redis Cluster slot; a memory store needs none. Its
   * counters are then kept under the identity id and the client address as they are, which the
   * address book hands out as the same string every time: a lookup with it neither hashes nor
   * compares text again, and an anonymous client's two scopes (its address is its identity) share
   * one row. Keys of different limiters never mix: each has its own slot in a row.
   */
  private readonly plainKeys: boolean;
  /** The shared store, when it is Redis: its first requests wait for the client to be ready. */
  private readonly redis: RedisStore | undefined;

  constructor(
    readonly specs: readonly LimitSpec[],
    store: Store,
    private readonly clock: Clock,
    /** Only for shared stores: a memory limiter answers synchronously and needs no timer. */
    private readonly timeoutMs?: number,
  ) {
    const create = (s: Store) => specs.map((spec) => s.rateLimiter({ name: spec.policy, points: spec.points, durationSeconds: spec.windowSeconds }));
    this.primary = create(store);
    this.immediate = ScopeRows.of(specs, this.primary);
    // A shared store can fail; the insurance limiter keeps limits per process meanwhile.
    if (store.kind !== 'memory') {
      const limiters = create(memoryStore({ clock }));
      this.insurance = { limiters, rows: ScopeRows.of(specs, limiters) };
    }
    this.perIdentity = specs.some((s) => s.scope === 'identity');
    this.perIp = specs.some((s) => s.scope === 'ip');
    this.plainKeys = store.kind === 'memory';
    this.redis = store instanceof RedisStore ? store : undefined;
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
    const identityKey = !this.perIdentity ? '' : this.plainKeys ? identity.id : hashTag(identity.id);
    const ipKey = !this.perIp ? '' : this.plainKeys ? identity.ip : hashTag(`ip:${identity.ip}`);
    const r = new Reservation(this.specs, identityKey, ipKey, this.policyHeader);
    const rows = this.immediate;
    if (!rows) return this.reserveShared(r, demand, now);
    rows.begin(r);
    for (let i = 0; i < this.specs.length; i++) take(r, i, Answer.Primary, demandPoints(this.specs[i]!.kind, demand, demand.maxTokens), rows, now);
    this.conclude(r, demand, now);
    return r;
  }

  private async reserveShared(r: Reservation, demand: Demand, now: number): Promise<Reservation> {
    // Before the shared store's client is first ready (an app listening before Redis connected), wait for it.
    const starting = this.redis?.whenReady();
    if (starting) await starting;
    await Promise.all(
      this.specs.map((spec, i): Promise<void> => {
        const key = r.key(i);
        const points = demandPoints(spec.kind, demand, demand.maxTokens);
        return this.consume(this.primary[i]!, key, points).then(
          ({ res, ok }) => r.answer(i, Answer.Primary, points, res.consumedPoints, res.msBeforeNext, !ok, now),
          (err: unknown) => {
            r.storeError ??= err instanceof Error ? err : new StoreError(String(err));
            const rows = this.insurance?.rows;
            if (!rows) return;
            r.insured = true;
            rows.begin(r);
            take(r, i, Answer.Insured, points, rows, this.clock.now());
          },
        );
      }),
    );
    const refunds = this.conclude(r, demand, now);
    if (refunds) await Promise.all(refunds.map(([i, points]) => this.primary[i]!.reward(r.key(i), points).catch(() => undefined)));
    return r;
  }

  /** The rows of whichever limiter counted limit `i` of `r`, if it answers at once. */
  private rowsFor(r: Reservation, i: number): ScopeRows | undefined {
    const how = r.how(i);
    return how === Answer.Primary ? this.immediate : how === Answer.Insured ? this.insurance?.rows : undefined;
  }

  /**
   * Settles what the limits said: a budget that cannot cover `max_tokens` but covers a useful
   * reply serves a shorter one instead of refusing, handing back at once what it no longer needs
   * on immediate limiters; the rest of the hand-backs are returned for the caller to send.
   */
  private conclude(r: Reservation, demand: Demand, now: number): Array<[number, number]> | undefined {
    let refunds: Array<[number, number]> | undefined;
    let grant: number | undefined;
    for (let i = 0; i < this.specs.length; i++) {
      if (!r.answered(i) || !r.isExceeded(i)) continue;
      const spec = this.specs[i]!;
      const partial = affordableOutput(spec, r.consumed(i) - r.points(i), demand);
      if (partial !== undefined) {
        const kept = demandPoints(spec.kind, demand, partial);
        const back = r.points(i) - kept;
        const rows = this.rowsFor(r, i);
        if (rows) {
          rows.begin(r);
          rows.limiter(i).add(rows.row(i, now), -back, now);
        } else (refunds ??= []).push([i, back]);
        r.shrink(i, kept);
        grant = grant === undefined ? partial : Math.min(grant, partial);
        continue;
      }
      // A full concurrency slot frees when a request finishes; retrying soon is right.
      const retryAfter = spec.kind === 'concurrency' ? 1 : Math.max(1, r.resetSeconds(i));
      if (!r.exceeded || retryAfter > r.exceeded.retryAfter) r.exceeded = { reason: spec.reason, retryAfter, spec };
    }
    if (!r.exceeded && grant !== undefined) r.maxTokens = grant;
    return refunds;
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
  private settle(r: Reservation, actual: Consumption | undefined): void | Promise<void> {
    const refusal = actual === undefined;
    const now = this.clock.now();
    let pending: Promise<unknown>[] | undefined;
    for (let i = 0; i < this.specs.length; i++) {
      if (!r.answered(i)) continue;
      const kind = this.specs[i]!.kind;
      if (kind === 'requests' && (!refusal || r.isExceeded(i))) continue;
      const used = refusal || kind === 'concurrency' || kind === 'requests' ? 0 : consumptionPoints(kind, actual);
      const delta = used - r.points(i);
      // Refunds after the window ended would mint quota; a refusal is never charged more.
      if (!((delta < 0 && now < r.windowEnd(i)) || (delta > 0 && !refusal))) continue;
      const rows = this.rowsFor(r, i);
      if (rows) {
        rows.begin(r);
        rows.limiter(i).add(rows.row(i, now), delta, now);
        continue;
      }
      // Settling is best effort: the window's expiry bounds any error.
      const limiter = this.primary[i]!;
      const key = r.key(i);
      (pending ??= []).push((delta < 0 ? limiter.reward(key, -delta) : limiter.penalty(key, delta)).catch(() => undefined));
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

/** `consume` on an immediate limiter, recorded in the reservation as limit `i`'s answer. */
function take(r: Reservation, i: number, how: Answer, points: number, rows: ScopeRows, now: number): void {
  const limiter = rows.limiter(i);
  const row = rows.row(i, now);
  const consumed = limiter.add(row, points, now);
  r.answer(i, how, points, consumed, limiter.msBeforeNext(row, now), consumed > limiter.points, now);
}

/**
 * Immediate access to one set of limiters (one per spec) whose counters share a table, and the
 * rows one request has looked up: the limits of a scope share a key, so they share one lookup.
 * One instance per set, reset at each use ({@link begin}): each use runs to its end without
 * yielding, and a row is used at once (a later lookup may sweep a row nobody has written to).
 */
class ScopeRows {
  private r: Reservation | undefined;
  private identity: CounterRow | undefined;
  private ip: CounterRow | undefined;
  private global: CounterRow | undefined;

  private constructor(
    private readonly specs: readonly LimitSpec[],
    private readonly limiters: readonly ImmediateLimiter[],
  ) {}

  /** The rows of `limiters`, when every one is a clocked memory limiter on one table. */
  static of(specs: readonly LimitSpec[], limiters: readonly RateLimiterAbstract[]): ScopeRows | undefined {
    const immediate = limiters.map(immediateLimiter);
    if (!immediate.every((l) => l !== undefined)) return undefined;
    if (immediate.some((l) => l.table !== immediate[0]?.table)) return undefined;
    return new ScopeRows(specs, immediate as ImmediateLimiter[]);
  }

  /** Starts a use for `r`, forgetting every row looked up before (it may have been swept since). */
  begin(r: Reservation): void {
    this.r = r;
    this.identity = this.ip = this.global = undefined;
  }

  limiter(i: number): ImmediateLimiter {
    return this.limiters[i]!;
  }

  /** The row limit `i` of the current reservation counts in. */
  row(i: number, now: number): CounterRow {
    const r = this.r!;
    switch (this.specs[i]!.scope) {
      case 'identity':
        return (this.identity ??= this.limiters[i]!.row(r.identityKey, now));
      case 'ip':
        return (this.ip ??= r.ipKey === r.identityKey && this.identity ? this.identity : this.limiters[i]!.row(r.ipKey, now));
      case 'global':
        return (this.global ??= this.limiters[i]!.row(GLOBAL_KEY, now));
    }
  }
}

/** What a request would take of a `kind` limit if its reply used `maxTokens`. */
function demandPoints(kind: LimitKind, d: Demand, maxTokens: number): number {
  switch (kind) {
    case 'requests':
    case 'concurrency':
      return 1;
    case 'tokens':
      return Math.max(0, Math.ceil(d.inputTokens + maxTokens));
    case 'costUsd':
      return Math.max(0, Math.ceil((d.inputCostUsd + maxTokens * d.outputTokenUsd) * 1_000_000));
    case 'outputTokens':
      return Math.max(0, Math.ceil(maxTokens));
  }
}

/** What real consumption takes of a `kind` limit. */
function consumptionPoints(kind: LimitKind, c: Consumption): number {
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

import type { Clock } from '../clock/index.js';
import { rateLimitPolicyHeader, type Identity } from '../decision/index.js';
import { StoreError } from '../errors/index.js';
import { CounterTable, DEFAULT_COUNTER_ROWS, GLOBAL_ROW_KEY, KIND_CODE, MemoryStore, RedisStore, rowKey, SharedCall, type RowReply, type RowSection, type RowTake, type Store } from '../store/index.js';
import { consumptionPoints, demandPoints, MIN_OUTPUT_GRANT, type Consumption, type Demand } from './demand.js';
import { newHoldId } from './hold-id.js';
import { LeaseKeeper } from './lease-keeper.js';
import { MemoryCounters } from './memory-counters.js';
import type { LimitSpec } from './options.js';
import { RefusalCache } from './refusal-cache.js';
import { Answer, Reservation } from './reservation.js';

export { Reservation } from './reservation.js';
export { MIN_OUTPUT_GRANT, type Consumption, type Demand } from './demand.js';

/**
 * Per-identity, per-IP and global limits. Each request reserves its demand on every limit at
 * once, all or nothing; a budget that cannot cover `max_tokens` but covers a useful reply lowers
 * it instead of refusing; `reconcile` replaces the reservation by real usage.
 *
 * On the memory store the counters are this process's ({@link MemoryCounters}) and answer at
 * once. On Redis they are the rows of the row script: the reservation is part of the request's one
 * call (its {@link SharedCall}), and settling is written behind, never awaited. While Redis is
 * away, per-process insurance counters decide, by the same rules.
 */
export class Limits {
  /** The memory store's counters, or on Redis the insurance. */
  private readonly local: MemoryCounters | undefined;
  private readonly redis: RedisStore | undefined;
  /** In-flight requests' concurrency leases on Redis, renewed while they run. */
  private readonly leases: LeaseKeeper | undefined;
  /** On Redis, request-count refusals kept until their window resets. */
  private readonly refusals = new RefusalCache();
  /** `RateLimit-Policy` never changes for a configuration: built once. */
  readonly policyHeader: string;
  private readonly perIdentity: boolean;
  private readonly perIp: boolean;
  private readonly hasConcurrency: boolean;
  /**
   * Whether any limit reads the request's input (a token or cost budget). Without one, the guard
   * skips estimating the input's tokens, which reads every message of the history.
   */
  readonly readsInput: boolean;
  /** On Redis, what each spec asks of its row: the same for every request, built once (the script only reads it). */
  private readonly takes: readonly RowTake[];
  /**
   * On Redis, the takes of each scope's row in spec order, built once: a request's sections get
   * these lists as they are (when its rows are distinct, the usual case), not a list grown per request.
   */
  private readonly scopeTakes: Readonly<Record<LimitSpec['scope'], readonly RowTake[]>>;
  /** Spec `i`'s place among its scope's takes (where its answer is in its row's reply). */
  private readonly placeInScope: readonly number[];

  constructor(
    readonly specs: readonly LimitSpec[],
    store: Store,
    private readonly clock: Clock,
  ) {
    this.redis = store instanceof RedisStore ? store : undefined;
    // On Redis, a table of this process's own stands in while Redis is away, bounded like the memory store's.
    const table = store instanceof MemoryStore ? store.counters : new CounterTable({ maxRows: DEFAULT_COUNTER_ROWS });
    this.local = new MemoryCounters(table, specs, this.redis ? Answer.Insured : Answer.Primary);
    this.perIdentity = specs.some((s) => s.scope === 'identity');
    this.perIp = specs.some((s) => s.scope === 'ip');
    this.hasConcurrency = specs.some((s) => s.kind === 'concurrency');
    this.readsInput = specs.some((s) => s.kind === 'tokens' || s.kind === 'costUsd');
    if (this.redis && this.hasConcurrency) this.leases = new LeaseKeeper(this.redis);
    this.takes = specs.map((spec) => ({ policy: spec.policy, kind: KIND_CODE[spec.kind], limit: spec.points, windowMs: spec.windowSeconds * 1000 }));
    const scopeTakes: Record<LimitSpec['scope'], RowTake[]> = { identity: [], ip: [], global: [] };
    this.placeInScope = specs.map((spec, i) => scopeTakes[spec.scope].push(this.takes[i]!) - 1);
    this.scopeTakes = scopeTakes;
    this.policyHeader = rateLimitPolicyHeader(
      specs.map((s) => ({ policy: s.policy, limit: s.points, unit: s.unit, ...(s.kind !== 'concurrency' && { windowSeconds: s.windowSeconds }) })),
    );
  }

  get enabled(): boolean {
    return this.specs.length > 0;
  }

  /**
   * Reserves a request's demand on every limit, under the request's id on the memory store (the
   * answer is immediate: a `Reservation`, no Promise), under an id of its own on Redis (see
   * {@link newHoldId}; the answer comes with `call`'s, a call of its own when none is given).
   */
  reserve(identity: Identity, demand: Demand, requestId: string, call?: SharedCall): Reservation | Promise<Reservation> {
    const now = this.clock.now();
    if (!this.redis) {
      const r = new Reservation(this.specs, this.perIdentity ? identity.id : '', this.perIp ? identity.ip : '', this.policyHeader, requestId);
      this.local!.take(r, demand, now);
      this.conclude(r);
      return r;
    }
    const r = this.sharedReservation(identity);
    return this.reserveShared(r, demand, call ?? new SharedCall(this.redis), call === undefined);
  }

  /**
   * On Redis, a refusal this process already knows for the identity, its address or everyone (a
   * request count spent until its window resets; see {@link RefusalCache}): the refused
   * reservation, built without a call. `undefined` when Redis must be asked.
   */
  cachedRefusal(identity: Identity): Reservation | undefined {
    if (!this.redis || this.refusals.size === 0) return undefined;
    const r = this.sharedReservation(identity);
    const now = this.clock.now();
    const known = this.refusals.find([r.identityKey, r.ipKey, GLOBAL_ROW_KEY], now);
    if (!known) return undefined;
    r.answer(known.spec, Answer.Primary, 0, known.consumed, known.until - now, true, now);
    this.conclude(r);
    return r;
  }

  private reserveShared(r: Reservation, demand: Demand, call: SharedCall, own: boolean): Promise<Reservation> {
    this.askIn(call, r, demand);
    const reply = own ? call.send() : call.reply;
    return reply.then(
      (answer) => this.answered(r, demand, answer),
      (err: unknown) => this.insure(r, demand, err),
    );
  }

  /**
   * On Redis, the reservation of a request whose call the caller sends and reads: its takes are
   * added to `call`, and the caller hands the call's answer to {@link answered} (or its failure to
   * {@link insure}). The guard reads the flag and the limits from one answer this way, with one
   * callback instead of one per part. `undefined` on the memory store (use {@link reserve}).
   *
   * @example
   * ```ts
   * const r = limits.reserveIn(call, identity, demand)!;
   * call.send().then((reply) => limits.answered(r, demand, reply), (err) => limits.insure(r, demand, err));
   * ```
   */
  reserveIn(call: SharedCall, identity: Identity, demand: Demand): Reservation | undefined {
    if (!this.redis) return undefined;
    const r = this.sharedReservation(identity);
    this.askIn(call, r, demand);
    return r;
  }

  /** A request's reservation on Redis, naming its rows by their keys (not yet asked of Redis). */
  private sharedReservation(identity: Identity): Reservation {
    return new Reservation(this.specs, this.perIdentity ? rowKey(identity.id) : '', this.perIp ? rowKey(identity.ip) : '', this.policyHeader, newHoldId());
  }

  /** Adds the reservation's takes and demand to a call. */
  private askIn(call: SharedCall, r: Reservation, demand: Demand): void {
    if (distinctRows(r)) {
      const { identity, ip, global } = this.scopeTakes;
      if (identity.length > 0) addTakes(call.section(r.identityKey), identity);
      if (ip.length > 0) addTakes(call.section(r.ipKey), ip);
      if (global.length > 0) addTakes(call.section(GLOBAL_ROW_KEY), global);
    } else {
      // Two scopes on one row (an identity named like its address): its takes in spec order.
      for (let i = 0; i < this.specs.length; i++) addTakes(call.section(rowOf(r, this.specs[i]!)), [this.takes[i]!]);
    }
    call.options.holdId = r.holdId;
    call.options.demand = { maxTokens: demand.maxTokens, minGrant: MIN_OUTPUT_GRANT, inputTokens: demand.inputTokens, inputCostUsd: demand.inputCostUsd, outputTokenUsd: demand.outputTokenUsd };
  }

  /** Reads the row script's answer into the reservation. */
  answered(r: Reservation, demand: Demand, reply: RowReply): Reservation {
    if (reply.status === 'cancelled') return this.insure(r, demand, new StoreError('The reservation was settled before it was made (a retried request id).'));
    const now = this.clock.now();
    const taken = reply.status === 'ok';
    const grant = taken ? reply.grant : demand.maxTokens;
    // Each spec's answer is at its place among its row's takes (see askIn).
    const distinct = distinctRows(r);
    const next = distinct ? undefined : new Map<string, number>();
    for (let i = 0; i < this.specs.length; i++) {
      const spec = this.specs[i]!;
      const key = rowOf(r, spec);
      let at = this.placeInScope[i]!;
      if (next) {
        at = next.get(key) ?? 0;
        next.set(key, at + 1);
      }
      const answer = reply.takes.get(key)?.[at];
      if (!answer) continue;
      const ms = answer.windowEnd > 0 ? answer.windowEnd - reply.now : -1;
      r.answer(i, Answer.Primary, taken ? demandPoints(spec.kind, demand, grant) : 0, answer.consumed, ms, answer.refused, now);
      if (answer.refused && spec.kind === 'requests' && ms > 0) this.refusals.remember(key, i, answer.consumed, now + ms);
    }
    if (taken) {
      r.heldIn = reply.held;
      r.delegatedIn = reply.delegated;
      if (grant < demand.maxTokens) r.maxTokens = grant;
      if (this.hasConcurrency) this.leases?.hold(r.holdId, r.heldIn);
    }
    this.conclude(r);
    return r;
  }

  /** Redis failed: the per-process insurance decides, and anything the call may still have taken is handed back. */
  insure(r: Reservation, demand: Demand, err: unknown): Reservation {
    r.storeError = err instanceof Error ? err : new StoreError(String(err));
    r.insured = true;
    // A call that was sent may still run once Redis is back: what it took is handed back then.
    if (!(err instanceof StoreError) || err.sent) this.cancelShared(r, this.specs.map((s) => rowOf(r, s)));
    this.local!.take(r, demand, this.clock.now());
    this.conclude(r);
    return r;
  }

  /** Sets the refusal (the limit with the longest wait) from what the counters said. */
  private conclude(r: Reservation): void {
    for (let i = 0; i < this.specs.length; i++) {
      if (!r.answered(i) || !r.isExceeded(i)) continue;
      const spec = this.specs[i]!;
      // A full concurrency slot frees when a request finishes; retrying soon is right.
      const retryAfter = spec.kind === 'concurrency' ? 1 : Math.max(1, r.resetSeconds(i));
      if (!r.exceeded || retryAfter > r.exceeded.retryAfter) r.exceeded = { reason: spec.reason, retryAfter, spec };
    }
  }

  /**
   * Hands back what a request refused after its reservation (or one that failed) holds: tokens,
   * cost, output, its concurrency slot and its request counts (so one client hammering its own
   * closed door does not use up a shared per-IP or global quota). Never waits for Redis.
   */
  release(reservation: Reservation): void {
    this.settle(reservation, undefined);
  }

  /** Replaces the reservation by real consumption and frees the concurrency slot. Never waits for Redis. */
  reconcile(reservation: Reservation, actual: Consumption): void {
    this.settle(reservation, actual);
  }

  private settle(r: Reservation, actual: Consumption | undefined): void {
    if (r.insured || !this.redis) {
      this.local!.settle(r, actual, this.clock.now());
      return;
    }
    if (!r.heldIn) return;
    this.leases?.release(r.holdId);
    const settlement: [string, number, number, number] | [string] = actual
      ? [r.holdId, consumptionPoints('tokens', actual), consumptionPoints('costUsd', actual), consumptionPoints('outputTokens', actual)]
      : [r.holdId];
    // A cancel also hands back request counts that a hold elsewhere remembers (see `delegation`).
    for (const key of r.heldIn) this.redis.writes.settle(key, settlement, actual ? undefined : r.delegatedIn);
  }

  /** Cancels a reservation that may have landed in Redis after its call failed. */
  private cancelShared(r: Reservation, keys: readonly string[]): void {
    if (!this.redis || r.holdId === '') return;
    const rows = [...new Set(keys)];
    for (const key of rows) this.redis.writes.settle(key, [r.holdId], rows);
  }

  /** Stops renewing leases (the guard is closing). */
  close(): void {
    this.leases?.stop();
  }
}

/** Whether `r`'s scopes count in rows of their own (an identity key never equals an address key but by its name). */
function distinctRows(r: Reservation): boolean {
  return (r.identityKey === '' || r.identityKey !== r.ipKey) && r.identityKey !== GLOBAL_ROW_KEY && r.ipKey !== GLOBAL_ROW_KEY;
}

/** Adds `takes` to a section: the list itself when the section has none (it is only read), else a new one. */
function addTakes(section: RowSection, takes: readonly RowTake[]): void {
  section.take = section.take.length === 0 ? takes : [...section.take, ...takes];
}

/** The row a limit of `r` counts in. */
function rowOf(r: Reservation, spec: LimitSpec): string {
  return spec.scope === 'identity' ? r.identityKey : spec.scope === 'ip' ? r.ipKey : GLOBAL_ROW_KEY;
}

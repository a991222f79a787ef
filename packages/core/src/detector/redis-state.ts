import type { Outcome } from '../decision/index.js';
import type { Store, StoreOp } from '../store/index.js';
import type { AnswerEvidence } from './answer-evidence.js';
import { behaviourClass } from './cohort.js';
import { applyOutcome } from './outcome.js';
import { groupId, post, pre, type PostResult, type RequestFacts, type Target, type Writer } from './engine.js';
import type { ResolvedDetectorOptions } from './options.js';
import { populationView } from './population.js';
import { accountKey, bitsKey, detectorAccountKeys, groupKey, hourKey, POP_KEY, verdictKey } from './keys.js';
import { A, G, P } from './schema.js';

/** Refresh the population histogram at most this often (seconds of request time). */
const POP_REFRESH_SECONDS = 5;
const HOUR_KEY_TTL = 2 * 3600;
/**
 * Queued writes go out with the instance's next batch, or after this many milliseconds when no
 * request comes: a served answer's digest must reach the other instances before the person
 * behind it has read it and follows up.
 */
const WRITE_BEHIND_MS = 25;

/** What this instance last learnt of an account, for the updates it makes without a read. */
interface KnownAccount {
  suspicious: boolean;
  lastMax: number;
  /** First seen (seconds) and behaviour class: the account's cohort links. */
  first: number;
  behaviour: number;
  /** Answers served (the provenance ring's next slot) and the probation day. */
  served: number;
  day: number;
  /** Provenance slot (+1) the last request continued, counted when it is served. */
  pendingSlot: number;
}

/**
 * Detector state in a shared Redis store. Per request, ONE `store.exec` batch:
 * 1. the writes queued by earlier requests (read-dependent updates, outcomes);
 * 2. reads of the account, its groups, (every few seconds) the population;
 * 3. membership bits and the hourly counter, whose replies say whether this is a first time;
 * 4. this request's own counters (HINCRBYFLOAT: concurrent instances add, never overwrite).
 * Updates that depend on what was read (the provenance of its history, gaps since the last
 * request, joins, maxima, verdicts) are applied locally at once and queued for the next batch.
 */
export class RedisState {
  private pending: StoreOp[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pop: Float64Array = new Float64Array(P.size);
  private popReadAt = -Infinity;
  private readonly local = new Map<string, KnownAccount>();
  private readonly ttl: number;

  constructor(
    private readonly store: Store,
    private readonly options: ResolvedDetectorOptions,
  ) {
    this.ttl = options.idleTtlSeconds;
  }

  /** What this instance knows of an account from its last request here. */
  known(id: string): KnownAccount | undefined {
    return this.local.get(id);
  }

  async observe(id: string, f: RequestFacts, integration: boolean): Promise<{ result: PostResult; reasoningShare: number }> {
    const aKey = accountKey(id);
    const jKey = bitsKey(id);
    const known = this.local.get(id);
    const ops: StoreOp[] = this.takePending();
    const readAccount = ops.length;
    ops.push({ op: 'hgetall', key: aKey });
    const gKeys = f.groups.map((g) => groupKey(groupId(g)));
    const readGroups = ops.length;
    for (const k of gKeys) ops.push({ op: 'hgetall', key: k });
    const joins = ops.length;
    for (const g of f.groups) ops.push({ op: 'hincrby', key: jKey, field: `j${g.hash & 63}`, by: 1, ttlSeconds: this.ttl });
    const withSusp = known?.suspicious === true;
    const suspAt = ops.length;
    if (withSusp) for (const g of f.groups) ops.push({ op: 'hincrby', key: jKey, field: `s${g.hash & 63}`, by: 1 });
    const hourAt = ops.length;
    ops.push({ op: 'incrby', key: hourKey(id, f.hour), by: 1, ttlSeconds: HOUR_KEY_TTL });
    const readPop = f.ts - this.popReadAt >= POP_REFRESH_SECONDS ? ops.length : -1;
    if (readPop >= 0) ops.push({ op: 'hgetall', key: POP_KEY });

    // This request's own counters, recorded as ops and applied to the views once they are read.
    const preOps = new OpsWriter();
    const acctT: Target = { view: new Float64Array(A.size), key: aKey };
    const groupT: Target[] = gKeys.map((k) => ({ view: new Float64Array(G.size), key: k }));
    pre(f, acctT, groupT, preOps);
    preOps.ops.push({ op: 'hset', key: aKey, fields: { [A.last]: String(f.ts) } });
    ops.push(...preOps.opsWithTtl(this.ttl));

    const replies = await this.store.exec(ops);

    const view = parse(replies[readAccount], A.size);
    const groups: Target[] = gKeys.map((k, i) => ({ view: parse(replies[readGroups + i], G.size), key: k }));
    if (readPop >= 0) {
      this.pop = parse(replies[readPop], P.size);
      this.popReadAt = f.ts;
    }
    const before = { n: view[A.n]!, last: view[A.last]!, verdict: view[A.verdict]!, suspicious: view[A.suspicious]! > 0 };
    const joined = f.groups.map((_, i) => Number(replies[joins + i]) > 1);
    // An account another instance found suspicious: its suspicious-member bits are set from the next request on.
    const suspJoined = f.groups.map((_, i) => (withSusp ? Number(replies[suspAt + i]) > 1 : true));
    const groupNBefore = groups.map((g) => g.view[G.n]!);
    const acct: Target = { view, key: aKey };
    // Apply this request's counters locally (they are already in the store).
    applyOps(preOps.ops, acct, groups);
    const deferred = new OpsWriter(true);
    const result = post(
      { f, acct, before, groups, joined, suspJoined, groupNBefore, hourCount: Number(replies[hourAt]), pop: { view: this.pop, key: POP_KEY }, popView: populationView(this.pop), options: this.options, integration },
      deferred,
    );
    for (const i of result.newlySuspiciousIn) deferred.ops.push({ op: 'hincrby', key: jKey, field: `s${f.groups[i]!.hash & 63}`, by: 1 });
    if (result.verdict !== result.previous) {
      const fields: Record<string, string> = { verdict: result.verdict, score: String(Math.round(result.score * 1000) / 1000), at: String(Math.round(f.ts * 1000)) };
      if (result.cluster) fields.cluster = result.cluster;
      deferred.ops.push({ op: 'hset', key: verdictKey(id), fields, ttlSeconds: this.ttl });
    }
    this.queue(deferred.opsWithTtl(0));
    this.remember(id, {
      suspicious: before.suspicious || result.newlySuspiciousIn.length > 0 || view[A.suspicious]! > 0,
      lastMax: f.maxTokens,
      first: view[A.first]!,
      behaviour: behaviourClass(view),
      served: view[A.served]!,
      day: view[A.day]!,
      pendingSlot: view[A.pendingSlot]!,
    });
    return { result, reasoningShare: view[A.reasoning]! / Math.max(1, view[A.n]!) };
  }

  /** Queues an outcome (tokens, and the answer's digest and evidence) for the account. */
  outcome(id: string, outcome: Outcome, answer: AnswerEvidence | undefined, now: number): void {
    const known = this.local.get(id);
    // The few fields the outcome's updates depend on, as this instance last read them.
    const view = new Float64Array(A.size);
    if (known) {
      view[A.lastMax] = known.lastMax;
      view[A.served] = known.served;
      view[A.day] = known.day;
      view[A.pendingSlot] = known.pendingSlot;
    }
    const w = new OpsWriter();
    applyOutcome({ view, key: accountKey(id) }, outcome, answer, now, w);
    if (known) {
      known.pendingSlot = 0;
      known.served = view[A.served]! + (answer?.digest ? 1 : 0);
      if (outcome.usage) known.day = Math.floor(now / 86_400);
    }
    this.queue(w.opsWithTtl(this.ttl));
  }

  /** Accounts this instance remembers something about. */
  get remembered(): number {
    return this.local.size;
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    await this.store.exec(this.takePending());
  }

  async close(): Promise<void> {
    await this.flush();
  }

  async forget(id: string): Promise<void> {
    this.local.delete(id);
    await this.store.exec(detectorAccountKeys(id).map((key): StoreOp => ({ op: 'del', key })));
  }

  private queue(ops: StoreOp[]): void {
    if (ops.length === 0) return;
    for (const op of ops) this.pending.push(op);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch(() => undefined);
      }, WRITE_BEHIND_MS);
      this.timer.unref?.();
    }
  }

  private takePending(): StoreOp[] {
    const ops = this.pending;
    this.pending = [];
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return ops;
  }

  private remember(id: string, value: KnownAccount): void {
    if (this.local.size >= this.options.maxAccounts && !this.local.has(id)) this.local.clear();
    this.local.set(id, value);
  }
}

/** Records writes as store ops (and, if asked, also applies them to the views). */
class OpsWriter implements Writer {
  readonly ops: StoreOp[] = [];
  constructor(private readonly apply = false) {}

  add(t: Target, field: number, by: number): void {
    if (by === 0) return;
    if (this.apply) t.view[field] = t.view[field]! + by;
    this.ops.push({ op: 'hincrby', key: t.key, field: String(field), by });
  }

  set(t: Target, field: number, value: number): void {
    if (this.apply) t.view[field] = value;
    this.ops.push({ op: 'hset', key: t.key, fields: { [field]: String(value) } });
  }

  /** The ops, merging `hset`s per key and giving each key one TTL refresh. */
  opsWithTtl(ttl: number): StoreOp[] {
    const out: StoreOp[] = [];
    const sets = new Map<string, Record<string, string>>();
    const ttlGiven = new Set<string>();
    for (const op of this.ops) {
      if (op.op === 'hset') {
        const fields = sets.get(op.key);
        if (fields) Object.assign(fields, op.fields);
        else {
          const copy = { ...op.fields };
          sets.set(op.key, copy);
          out.push({ op: 'hset', key: op.key, fields: copy });
        }
        continue;
      }
      if (ttl > 0 && op.op === 'hincrby' && !ttlGiven.has(op.key) && op.key !== POP_KEY) {
        ttlGiven.add(op.key);
        out.push({ ...op, ttlSeconds: ttl });
      } else out.push(op);
    }
    return out;
  }
}

function parse(reply: unknown, size: number): Float64Array {
  const view = new Float64Array(size);
  if (reply && typeof reply === 'object') {
    const rec = reply as Record<string, string>;
    for (const k in rec) {
      const i = Number(k);
      if (Number.isInteger(i) && i >= 0 && i < size) view[i] = Number(rec[k]) || 0;
    }
  }
  return view;
}

function applyOps(ops: readonly StoreOp[], acct: Target, groups: readonly Target[]): void {
  for (const op of ops) {
    const t = op.key === acct.key ? acct : groups.find((g) => g.key === op.key);
    if (!t) continue;
    if (op.op === 'hincrby') t.view[Number(op.field)] = t.view[Number(op.field)]! + op.by;
    else if (op.op === 'hset') for (const [k, v] of Object.entries(op.fields)) t.view[Number(k)] = Number(v);
  }
}

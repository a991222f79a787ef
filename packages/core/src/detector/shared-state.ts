import type { Outcome } from '../decision/index.js';
import { applyVectorOps, rowKey, SharedCall, vectorKey, VectorOps, type RedisStore } from '../store/index.js';
import type { AnswerEvidence } from './answer-evidence.js';
import { behaviourClass } from './cohort.js';
import { fleetGroupId, fleetKeyOf } from './fleet.js';
import { groupId, post, pre, type PostResult, type RequestFacts, type Target, type Writer } from './engine.js';
import { verdictKey } from './keys.js';
import { testBit } from './memory-state.js';
import type { ResolvedDetectorOptions } from './options.js';
import { applyOutcome } from './outcome.js';
import { populationView } from './population.js';
import { slotsTaken } from './provenance.js';
import { noonDayOf } from './reasoning-allowance.js';
import { A, G, P } from './schema.js';
import { SharedVectors } from './shared-vectors.js';

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
  /** The reasoning allowance's day on the noon grid. */
  noonDay: number;
  /** Provenance slot (+1) the last request continued, counted when it is served. */
  pendingSlot: number;
}

/** The account's target in the engine's writes (groups are `g:<id>`, the population `pop`). */
const ACCOUNT = 'account';

/**
 * Changed verdicts are mirrored into their keys together, this long after the first of them: one
 * pipeline for all instead of one per verdict (a pipeline of its own costs the client as much as a
 * request's whole row call). The request path never reads those keys; tooling and other
 * instances' admin views see a verdict at most this much later.
 */
const VERDICT_WRITE_BEHIND_MS = 250;

/**
 * Detector state on Redis. An account's state is a packed vector in its identity's row (see
 * `store/redis/row-script.ts`), read and updated in the request's one call: this request's
 * updates that need no read (its counters, its group joins, the hour's count) go in the call, and
 * the call answers the vector as it was before them. Updates that depend on what was read (the
 * provenance of the history, gaps, maxima, verdicts) and the outcome's are applied to the local
 * copy at once and written behind with the row's next call, or within a few milliseconds.
 * Groups and the population are {@link SharedVectors}: off the request path.
 */
export class SharedState {
  private readonly local = new Map<string, KnownAccount>();
  private readonly vectors: SharedVectors;
  private readonly ttlMs: number;
  private popView = populationView(new Float64Array(P.size));
  private popVersion = -1;
  /** Changed verdicts waiting to be mirrored into their keys (see {@link VERDICT_WRITE_BEHIND_MS}). */
  private verdicts = new Map<string, Record<string, string>>();
  private verdictTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: RedisStore,
    private readonly options: ResolvedDetectorOptions,
  ) {
    this.ttlMs = options.idleTtlSeconds * 1000;
    this.vectors = new SharedVectors(store, G.size, P.size, options.maxGroups, options.idleTtlSeconds);
  }

  /** What this instance knows of an account from its last request here. */
  known(id: string): KnownAccount | undefined {
    return this.local.get(id);
  }

  /**
   * Scores one request. With the guard's `call` the account's part goes in the request's one
   * call (sent by the guard); without one, in a call of its own.
   */
  async observe(id: string, f: RequestFacts, integration: boolean, call?: SharedCall): Promise<{ result: PostResult; reasoningShare: number }> {
    const key = rowKey(id);
    const known = this.local.get(id);
    const own = call ?? new SharedCall(this.store);

    // This request's updates that need no read, in the call; the call answers the state before them.
    const ops = new VectorOps();
    for (const g of f.groups) setBit(ops, A.joined, g.hash);
    if (known?.suspicious) for (const g of f.groups) setBit(ops, A.suspJoined, g.hash);
    const groups = f.groups.map((g) => this.vectors.group(groupId(g)));
    const groupNBefore = groups.map((g) => g.view[G.n]!);
    const recorder: Writer = {
      add: (t, field, by) => (t.key === ACCOUNT ? ops.add(field, by) : this.vectors.add(t, field, by)),
      set: (t, field, value) => (t.key === ACCOUNT ? ops.set(field, value) : this.vectors.set(t, field, value)),
    };
    pre(f, { view: EMPTY_VIEW, key: ACCOUNT }, groups, recorder);
    ops.roll(A.hourIdx, f.hour);
    ops.add(A.hourN, 1);
    const vkey = vectorKey(id, A.size);
    own.section(key).vector = { key: vkey, size: A.size, carried: [], ops: ops.list, snapshot: true, ttlMs: this.ttlMs };

    const reply = await (call ? call.reply : own.send());
    const view = reply.snapshots.get(key) ?? new Float64Array(A.size);
    // The account's fleet of the day, from its state before this request (as the memory backend reads it).
    const fleetKey = this.options.clusters ? fleetKeyOf(view, f.ts, id, integration) : undefined;
    const fleet = fleetKey && { target: this.vectors.group(fleetGroupId(fleetKey)), key: fleetKey };
    const before = { n: view[A.n]!, last: view[A.last]!, verdict: view[A.verdict]!, suspicious: view[A.suspicious]! > 0 };
    const joined = f.groups.map((g) => testBit(view, A.joined, g.hash));
    const suspJoined = f.groups.map((g) => testBit(view, A.suspJoined, g.hash));
    applyVectorOps(view, ops.list);

    // What depends on the read: applied here at once, written behind.
    const deferred = new VectorOps();
    const acct: Target = { view, key: ACCOUNT };
    if (before.suspicious && !known?.suspicious) {
      // Another instance found the account suspicious: it counts against its groups from now on.
      f.groups.forEach((g, i) => {
        if (suspJoined[i]) return;
        setBit(deferred, A.suspJoined, g.hash);
        setLocalBit(view, A.suspJoined, g.hash);
      });
    }
    const writer: Writer = {
      add: (t, field, by) => {
        if (t.key !== ACCOUNT) return this.vectors.add(t, field, by);
        view[field] = view[field]! + by;
        deferred.add(field, by);
      },
      set: (t, field, value) => {
        if (t.key !== ACCOUNT) return this.vectors.set(t, field, value);
        view[field] = value;
        deferred.set(field, value);
      },
    };
    if (this.vectors.popVersion !== this.popVersion) {
      this.popVersion = this.vectors.popVersion;
      this.popView = populationView(this.vectors.pop.view);
    }
    const result = post(
      { f, acct, before, groups, joined, suspJoined, groupNBefore, hourCount: view[A.hourN]!, pop: this.vectors.pop, popView: this.popView, options: this.options, integration, ...(fleet && { fleet }) },
      writer,
    );
    for (const i of result.newlySuspiciousIn) {
      setBit(deferred, A.suspJoined, f.groups[i]!.hash);
      setLocalBit(view, A.suspJoined, f.groups[i]!.hash);
    }
    this.store.writes.vector(key, vkey, A.size, this.ttlMs, deferred.list);
    if (result.verdict !== result.previous) this.persistVerdict(id, result, f.ts);
    this.remember(id, {
      suspicious: view[A.suspicious]! > 0,
      lastMax: f.maxTokens,
      first: view[A.first]!,
      behaviour: behaviourClass(view),
      served: view[A.served]!,
      day: view[A.day]!,
      noonDay: view[A.noonDay]!,
      pendingSlot: view[A.pendingSlot]!,
    });
    return { result, reasoningShare: view[A.reasoning]! / Math.max(1, view[A.n]!) };
  }

  /** Queues an outcome (tokens, and the answer's digest and evidence) for the account. */
  outcome(id: string, outcome: Outcome, answer: AnswerEvidence | undefined, now: number): void {
    const known = this.local.get(id);
    // The few fields the outcome's updates depend on, as this instance last read them (in a scratch
    // vector: the outcome's writer only records ops, nothing keeps the view).
    const view = OUTCOME_VIEW.fill(0);
    if (known) {
      view[A.lastMax] = known.lastMax;
      view[A.served] = known.served;
      view[A.day] = known.day;
      view[A.noonDay] = known.noonDay;
      view[A.pendingSlot] = known.pendingSlot;
    }
    const ops = new VectorOps();
    applyOutcome({ view, key: ACCOUNT }, outcome, answer, now, {
      add: (_t, field, by) => ops.add(field, by),
      set: (_t, field, value) => ops.set(field, value),
    });
    if (known) {
      known.pendingSlot = 0;
      known.served = view[A.served]! + slotsTaken(answer?.digest, answer?.heldDigest);
      if (outcome.usage) known.day = Math.floor(now / 86_400);
      known.noonDay = noonDayOf(now);
    }
    this.store.writes.vector(rowKey(id), vectorKey(id, A.size), A.size, this.ttlMs, ops.list);
  }

  /** The account's state as Redis holds it (for tooling and tests); `undefined` when it has none. */
  async read(id: string): Promise<Float64Array | undefined> {
    // What this instance still has to write goes first.
    await this.store.writes.flush();
    return this.store.readVector(vectorKey(id, A.size), A.size);
  }

  /** Accounts this instance remembers something about. */
  get remembered(): number {
    return this.local.size;
  }

  /** Writes everything waiting (the account updates, the shared vectors and the changed verdicts). */
  async flush(): Promise<void> {
    await Promise.all([this.store.writes.flush(), this.vectors.flush(), this.flushVerdicts()]);
  }

  async close(): Promise<void> {
    await this.flush();
    this.vectors.stop();
    if (this.verdictTimer) clearTimeout(this.verdictTimer);
    this.verdictTimer = undefined;
  }

  /** Forgets an account: its state in its row, its verdict, and what this instance remembers. */
  async forget(id: string): Promise<void> {
    this.local.delete(id);
    this.verdicts.delete(id);
    await forgetSharedAccount(this.store, id);
  }

  /**
   * Mirrors a changed verdict into its own key, for every instance and for tooling (not awaited):
   * queued, and written with the others of the next {@link VERDICT_WRITE_BEHIND_MS}.
   */
  private persistVerdict(id: string, r: PostResult, ts: number): void {
    const fields: Record<string, string> = { verdict: r.verdict, score: String(Math.round(r.score * 1000) / 1000), at: String(Math.round(ts * 1000)) };
    if (r.cluster) fields.cluster = r.cluster;
    this.verdicts.set(id, fields);
    if (this.verdictTimer) return;
    this.verdictTimer = setTimeout(() => {
      this.verdictTimer = undefined;
      void this.flushVerdicts();
    }, VERDICT_WRITE_BEHIND_MS);
    this.verdictTimer.unref?.();
  }

  /** Writes the verdicts waiting, in one batch (a failed one is dropped, as a verdict written alone was). */
  private async flushVerdicts(): Promise<void> {
    if (this.verdicts.size === 0) return;
    const ttlSeconds = this.options.idleTtlSeconds;
    const ops = [...this.verdicts].map(([id, fields]) => ({ op: 'hset' as const, key: verdictKey(id), fields, ttlSeconds }));
    this.verdicts = new Map();
    await this.store.exec(ops).catch(() => undefined);
  }

  private remember(id: string, value: KnownAccount): void {
    if (this.local.size >= this.options.maxAccounts && !this.local.has(id)) this.local.clear();
    this.local.set(id, value);
  }
}

/** Deletes an account's detector state and its verdict (its limits, in its row, stay). */
export async function forgetSharedAccount(store: RedisStore, id: string): Promise<void> {
  store.writes.dropVector(rowKey(id));
  await store.exec([
    { op: 'del', key: vectorKey(id, A.size) },
    { op: 'del', key: verdictKey(id) },
  ]);
}

const EMPTY_VIEW = new Float64Array(A.size);
const OUTCOME_VIEW = new Float64Array(A.size);

/** Records setting bit `hash & 63` of the 64-bit set stored as two 32-bit words at `at`. */
function setBit(ops: VectorOps, at: number, hash: number): void {
  const bit = hash & 63;
  ops.setBit(at + (bit >> 5), bit & 31);
}

function setLocalBit(view: Float64Array, at: number, hash: number): void {
  const bit = hash & 63;
  const word = at + (bit >> 5);
  view[word] = (view[word]! | 0) | (1 << (bit & 31));
}

import { OptionsError, StoreError } from '../../errors/index.js';
import { expectBoolean, expectNumber, expectObject, expectString, optional } from '../../options/validate.js';
import type { RedisClientLike, RedisPipelineLike } from './redis-client.js';
import { decodeRowReply, encodeRowCall, replyNow, rowSection, type RowCallEncoding, type RowDemand, type RowReply, type RowSection, type TakeAnswer } from './row-call.js';
import { ROW_LUA, ROW_SCRIPT_VERSION } from './row-script.js';
import { Deadlines, sendRowScript } from './row-commands.js';
import { CallFailure, RowCallBatches, type BatchArgs, type BatchSpecs, type BatchVectors, type BuiltCall, type RowWaiter } from './row-batch.js';
import { RedisTime } from './redis-time.js';
import { RowWrites, type FlushFailures, type PendingRow } from './row-writes.js';
import { applyVectorOps, encodeOps, OP_BYTES, packVector, readVectorKey } from './vector-ops.js';
import { MsgpackStream } from './msgpack.js';
import { VECTOR_SCRIPT_LUA, VECTOR_SCRIPT_VERSION } from './vector-script.js';
import type { Store, StoreOp, StoreResult } from '../types.js';

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /**
   * Give up on a batch after this many ms and treat the store as down (then `onStoreError`
   * decides). Default 500.
   */
  timeoutMs?: number;
  /** Whether `guard.close()` also closes the client. Default false: the app owns its client. */
  closeClient?: boolean;
  /**
   * Prepended to every key (`<prefix>:dg:…`), so several apps or environments can share one
   * Redis without sharing counters. Default none.
   */
  prefix?: string;
  /**
   * How long a request's concurrency slot lasts without news of it (ms). A request in flight
   * renews its slot while it runs; if its process dies or loses Redis, the slot frees by itself
   * within this time. Default 30,000.
   */
  leaseMs?: number;
}

/**
 * Whether a read command goes where the row script runs. A Cluster client with `scaleReads` other
 * than `'master'` sends MGET to replicas, which may lag behind the script's writes: there the
 * vectors are read inside the script, as before the batch's MGET existed.
 */
function readsOnPrimary(client: RedisClientLike): boolean {
  if (!client.isCluster) return true;
  const scaleReads = (client as { options?: { scaleReads?: unknown } }).options?.scaleReads;
  return scaleReads === undefined || scaleReads === 'master';
}

/**
 * A store shared by every app instance, on an ioredis client (standalone, Sentinel or Cluster).
 * Each request is one Lua call at check (its limits, flag and detector state, on its identity's
 * slot; see `row-script.ts`) and nothing awaited at record; every key of one identity carries the
 * same hash tag, so that call is one round trip even on a Cluster. The calls of one event-loop
 * turn share one script run per slot (see `row-batch.ts`).
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const guard = createGuard({ store: redisStore(new Redis(process.env.REDIS_URL)), onStoreError: 'open' });
 * ```
 */
export function redisStore(client: RedisClientLike, options: RedisStoreOptions = {}): RedisStore {
  if (!client || typeof (client as RedisClientLike).pipeline !== 'function') {
    throw new StoreError('redisStore(client) needs an ioredis client (new Redis(url) or new Redis.Cluster(nodes)).');
  }
  const o = expectObject('store', options, ['timeoutMs', 'closeClient', 'prefix', 'leaseMs']);
  const prefix = optional(o.prefix, '', (v) => expectString('store.prefix', v));
  if (/[{}\s]/.test(prefix)) throw new OptionsError('store.prefix', 'must not contain braces or spaces (it would break the per-identity hash tags).');
  return new RedisStore(client, {
    timeoutMs: optional(o.timeoutMs, 500, (v) => expectNumber('store.timeoutMs', v, { min: 1 })),
    closeClient: optional(o.closeClient, false, (v) => expectBoolean('store.closeClient', v)),
    prefix,
    leaseMs: optional(o.leaseMs, 30_000, (v) => expectNumber('store.leaseMs', v, { min: 1000, max: 3_600_000 })),
  });
}

/** The scripts' command names carry their protocol version: two app versions never share one by accident. */
const ROW_COMMAND = `dgRows${ROW_SCRIPT_VERSION}`;
const VECTOR_COMMAND = `dgVectors${VECTOR_SCRIPT_VERSION}`;
/** ioredis defines a variant of each command that answers Buffers (the vectors are bytes). */
const ROW_BUFFER_COMMAND = `${ROW_COMMAND}Buffer`;
/** How long a hold is kept for its settlement (ms): longer than any request the relay lets run. */
const HOLD_KEEP_MS = 15 * 60_000;
/** Rows per flush call: one script call is atomic, so a very large one would stall Redis. */
const ROWS_PER_CALL = 256;
/** Delay of the write-behind: an answer's digest reaches other instances before its reader replies. */
const WRITE_BEHIND_MS = 25;
/**
 * A vector whose log has grown this long is compacted (its base rewritten) with the row's next
 * write: about every fourth request of an account with the default detector (about 60 ops each).
 * A longer log costs the client a little more to apply at every read; a shorter one, more
 * compactions (three commands each in Redis).
 */
const COMPACT_LOG_BYTES = 256 * OP_BYTES;

/** One shard hash's part of a vector script call (see `vector-script.ts`). */
export interface VectorShard {
  shardKey: string;
  /** Its sweep cursor, on the same slot. */
  cursorKey: string;
  /** The vectors' size. */
  n: number;
  /** Vectors idle this long (seconds) are swept. */
  ttl: number;
  ids: string[];
  /** `ops[i]`: flat `[code, index, value, ...]` triples for `ids[i]` (none: only read). */
  ops: number[][];
  /** Walk the hash a page further, dropping idle vectors. */
  sweep: boolean;
}

const NO_BYTES = Buffer.alloc(0);

/** Options of one row call (see {@link RedisStore.rows}). */
export interface RowCallOptions {
  /** The request whose reservation this call makes (its holds carry this id). */
  holdId?: string;
  /** The flag key to read along (on the identity's slot). */
  flagKey?: string;
  demand?: RowDemand;
}

/** A request's call waiting in a batch (its `SharedCall`): it keeps what the call carried, to put back on failure. */
export interface RowCallWaiter extends RowWaiter {
  carried: Map<string, PendingRow> | undefined;
}

type ScriptClient = Record<string, (...args: Array<string | number | Buffer>) => Promise<unknown>>;

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  /** The client has been ready once: from then on a disconnected client fails fast. */
  private everReady = false;
  /** The one start-up wait shared by every request, and whether it ran out (Redis down at start). */
  private starting: Promise<void> | undefined;
  private startupOver = false;

  /** Redis's clock as this process sees it: the deadline of every call. */
  readonly time = new RedisTime();
  /** Row writes nobody waits for (settlements, renewals, detector updates), carried or sent behind. */
  readonly writes: RowWrites;
  /** Every call's time limit, on one timer. */
  private readonly deadlines = new Deadlines();
  /** The row calls of one event-loop turn go as one script call per slot. */
  private readonly batches: RowCallBatches;

  constructor(
    readonly client: RedisClientLike,
    private readonly options: Required<RedisStoreOptions>,
  ) {
    // Defined on the client (ioredis sends EVALSHA, and the script itself once per connection).
    client.defineCommand(ROW_COMMAND, { lua: ROW_LUA });
    client.defineCommand(VECTOR_COMMAND, { lua: VECTOR_SCRIPT_LUA });
    this.writes = new RowWrites((sections) => this.flushRows(sections), WRITE_BEHIND_MS);
    this.batches = new RowCallBatches(
      (route, packed, args) => sendRowScript(client, ROW_BUFFER_COMMAND, route, packed, args),
      ROWS_PER_CALL,
      readsOnPrimary(client) ? (keys) => this.deadlines.race(client.mgetBuffer(...keys), this.options.timeoutMs) : undefined,
      (command) => this.within(command),
    );
  }

  /** How long a concurrency slot lasts without news (ms). */
  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /**
   * One request's call: every section (its identity's row with the flag, and its address's and
   * the global row) in one script call on a standalone server, or one per slot in parallel on a
   * Cluster (the vectors asked for come in its answer). Writes waiting for those
   * rows go along. A reservation refused or cancelled on one slot is handed back on the others.
   */
  async rows(sections: RowSection[], options: RowCallOptions = {}): Promise<RowReply> {
    // (Connected, the usual case: no wait, no extra turn of the microtask queue.)
    if (!this.everReady || this.client.status !== 'ready') await this.ready();
    const carried = this.carry(sections);
    // A standalone server: the one call, without the per-slot bookkeeping a Cluster needs.
    if (!this.client.isCluster) {
      try {
        return await this.callRows(sections, options);
      } catch (err) {
        throw this.failed(carried, err, undefined, sections);
      }
    }
    const groups = bySlot(sections, (s) => s.key);
    const flagTag = options.flagKey === undefined ? undefined : slotTag(options.flagKey);
    const calls = groups.map((group) => this.callRows(group, flagTag !== undefined && !group.some((s) => slotTag(s.key) === flagTag) ? { ...options, flagKey: undefined } : options));
    if (calls.length === 1) {
      try {
        return this.merge([await calls[0]!], groups, options.holdId);
      } catch (err) {
        throw this.failed(carried, err, undefined, groups[0]);
      }
    }
    const settled = await Promise.allSettled(calls);
    const firstFailure = settled.find((r) => r.status === 'rejected');
    if (!firstFailure) return this.merge(settled.map((r) => (r as PromiseFulfilledResult<RowReply>).value), groups, options.holdId);
    // What a slot's call carried is written when that call ran; only the others' waits again.
    if (carried) {
      groups.forEach((group, i) => {
        const outcome = settled[i]!;
        if (outcome.status === 'fulfilled') return;
        const landed = outcome.reason instanceof CallFailure ? outcome.reason.landed : undefined;
        group.forEach((s, at) => {
          const pending = carried.get(s.key);
          if (pending) this.writes.restoreUnlessApplied(s.key, pending, landed, at);
        });
      });
    }
    throw this.failed(undefined, firstFailure.reason);
  }

  /**
   * {@link rows} for a request's call on a connected standalone server, the usual case: the call
   * goes into this turn's batch and is answered through `waiter` (its `SharedCall`), with no
   * Promise, no timer and no time sample of its own (the batch has them). Answers false, having
   * done nothing, when the call must take the general way ({@link rows}: a Cluster, or a client
   * not ready).
   */
  enqueueRows(sections: RowSection[], options: RowCallOptions, waiter: RowCallWaiter): boolean {
    if (this.client.isCluster || !this.everReady || this.client.status !== 'ready') return false;
    waiter.carried = this.carry(sections);
    const encoding = this.encoding(options);
    this.batches.enqueue('', (specs, vectors, args) => this.encode(sections, encoding, specs, vectors, args), waiter);
    return true;
  }

  /** A call's part of the script's reply, read for its sections (the vectors asked for as snapshots). */
  decodeRows(sections: readonly RowSection[], reply: unknown): RowReply {
    const raws = sections.some((s) => s.vector?.snapshot) ? new Map<string, Buffer>() : undefined;
    const decoded = decodeRowReply(reply, sections, raws);
    if (raws) for (const s of sections) if (s.vector?.snapshot) decoded.snapshots.set(s.key, this.snapshot(s, raws.get(s.key) ?? null, decoded.now));
    return decoded;
  }

  /**
   * A call failed: what it carried for its rows waits again, unless its script ran it all the same
   * (`landed`, or the `CallFailure` it failed with: only its batch's read failed, or it landed after
   * its time limit but before its deadline, or it failed partway: `sections`, the call's, in its
   * order); the error is a {@link StoreError}.
   */
  failed(carried: Map<string, PendingRow> | undefined, err: unknown, landed?: Promise<unknown>, sections?: readonly RowSection[]): StoreError {
    if (err instanceof CallFailure) {
      landed = err.landed;
      err = err.cause;
    }
    // (A row's place in its call: a script that failed partway wrote the vectors of its first rows.)
    if (carried) for (const [key, pending] of carried) this.writes.restoreUnlessApplied(key, pending, landed, sections ? sections.findIndex((s) => s.key === key) : -1);
    return err instanceof StoreError ? err : new StoreError(`Redis call failed: ${(err as Error).message}`, { cause: err });
  }

  /**
   * Moves the writes waiting for the call's rows into its sections (they go with it, no command of
   * their own); answers what it took, to put back if the call fails. Created only when something
   * waits: the usual request carries nothing.
   */
  private carry(sections: RowSection[]): Map<string, PendingRow> | undefined {
    if (this.writes.size === 0) return undefined;
    let carried: Map<string, PendingRow> | undefined;
    // (A carried cancel's companions join the call: the loop also visits the sections it adds.)
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i]!;
      const pending = this.writes.take(section.key);
      if (!pending) continue;
      (carried ??= new Map()).set(section.key, pending);
      if (pending.with) {
        section.with = pending.with;
        for (const other of pending.with) if (!sections.some((s) => s.key === other)) sections.push(rowSection(other));
      }
      if (pending.settle.length > 0) section.settle = section.settle.length > 0 ? [...pending.settle, ...section.settle] : pending.settle;
      if (pending.renew.length > 0) section.renew = section.renew.length > 0 ? [...pending.renew, ...section.renew] : pending.renew;
      const pv = pending.vector;
      if (!pv) continue;
      const v = section.vector;
      if (!v) {
        section.vector = { key: pv.key, size: pv.size, carried: pv.ops, ops: [], snapshot: false, ttlMs: pv.ttlMs };
        if (pv.compact) section.vector.compact = pv.compact;
      } else if (v.key === pv.key) {
        v.carried = v.carried.length > 0 ? [...pv.ops, ...v.carried] : pv.ops;
        if (pv.compact && !v.compact && !v.clear) v.compact = pv.compact;
      } else {
        // Another vector beside the same row (a detector of another shape): it waits for its own call.
        this.writes.restore(section.key, { settle: [], renew: [], vector: pv });
        pending.vector = undefined;
      }
    }
    return carried;
  }

  /** What a call's stream says besides its sections; its deadline in Redis time is set now. */
  private encoding(options: RowCallOptions): RowCallEncoding {
    const encoding: RowCallEncoding = { deadline: this.time.deadline(this.options.timeoutMs), leaseMs: this.options.leaseMs, keepMs: HOLD_KEEP_MS };
    if (options.holdId !== undefined) encoding.holdId = options.holdId;
    if (options.flagKey !== undefined) encoding.flagKey = options.flagKey;
    if (options.demand) encoding.demand = options.demand;
    return encoding;
  }

  /**
   * A call's keys (with this store's prefix) and stream, its takes named by their place in the
   * batch's `specs`, its vectors read before the script when the batch allows (see `BatchVectors`).
   */
  private encode(sections: readonly RowSection[], encoding: RowCallEncoding, specs: BatchSpecs, vectors: BatchVectors, args: BatchArgs): BuiltCall {
    const call: BuiltCall = encodeRowCall(sections, encoding, specs, args, vectors);
    if (!this.options.prefix) return call;
    const prefixed: BuiltCall = { keys: call.keys.map((k) => this.key(k)), arg: call.arg };
    if (call.reads) prefixed.reads = call.reads.map((k) => this.key(k));
    if (call.writes) prefixed.writes = call.writes;
    return prefixed;
  }

  private async callRows(group: RowSection[], options: RowCallOptions): Promise<RowReply> {
    const encoding = this.encoding(options);
    // Calls on one slot share a batch (and its limit specs); on a standalone server every call does.
    const reply = await this.batches.send(this.client.isCluster ? slotTag(group[0]!.key) : '', (specs, vectors, args) => this.encode(group, encoding, specs, vectors, args));
    return this.decodeRows(group, reply);
  }

  /**
   * A batch's wait for its script (see `row-batch.ts`), within the store's time limit: one timer
   * entry and one sample of Redis's clock a batch, not a call (all its calls were sent and run together).
   */
  private within(command: Promise<unknown>): Promise<unknown> {
    const sentAt = Date.now();
    return this.deadlines.race(command, this.options.timeoutMs).then((replies) => {
      if (Array.isArray(replies) && replies.length > 0) this.time.sample(sentAt, replyNow(replies[0]));
      return replies;
    });
  }

  /**
   * A vector as read before this call's ops, with the ops it carried applied. A long log, or an
   * expiry set long ago, gets a compaction queued with the row's next write (see `row-script.ts`).
   */
  private snapshot(section: RowSection, raw: Buffer | null, now: number): Float64Array {
    const v = section.vector!;
    const read = readVectorKey(raw, v.size);
    if (read.header && !v.compact && !v.clear && (read.logBytes >= COMPACT_LOG_BYTES || now / 1000 - read.setAtSeconds > v.ttlMs / 8000)) {
      this.writes.compact(section.key, v.key, v.size, v.ttlMs, { header: read.header, logBytes: read.logBytes, base: packVector(read.view) });
    }
    if (v.clear) read.view.fill(0);
    if (v.carried.length > 0) applyVectorOps(read.view, v.carried);
    return read.view;
  }

  /** A vector key as Redis holds it (for tooling and tests): the vector, or `undefined` when it does not exist. */
  async readVector(key: string, size: number): Promise<Float64Array | undefined> {
    await this.ready();
    const raw = await this.deadlines.race(this.client.getBuffer(this.key(key)), this.options.timeoutMs * 4);
    const read = readVectorKey(raw, size);
    return read.header ? read.view : undefined;
  }

  /** One reply from the replies of every slot; holds taken on a slot whose sibling refused are handed back. */
  private merge(replies: RowReply[], groups: RowSection[][], holdId: string | undefined): RowReply {
    if (replies.length === 1) return replies[0]!;
    const merged: RowReply = { now: replies[0]!.now, status: 'none', flag: null, grant: Infinity, takes: new Map(), snapshots: new Map(), held: [], delegated: [] };
    for (const r of replies) {
      if (r.flag !== null) merged.flag = r.flag;
      merged.grant = Math.min(merged.grant, r.grant);
      for (const [k, v] of r.takes) merged.takes.set(k, v);
      for (const [k, v] of r.snapshots) merged.snapshots.set(k, v);
      merged.held.push(...r.held);
      merged.delegated.push(...r.delegated);
      merged.status = worse(merged.status, r.status);
    }
    if (holdId !== undefined && merged.status !== 'ok') {
      for (const r of replies) if (r.status === 'ok') for (const key of r.held) this.writes.settle(key, [holdId], r.delegated);
      merged.held = [];
      merged.delegated = [];
    }
    return merged;
  }

  /** Sends writes nobody waits for: one call per slot (per 256 rows), all in parallel; answers the calls that failed. */
  private async flushRows(sections: RowSection[]): Promise<FlushFailures> {
    await this.ready();
    const groups = (this.client.isCluster ? bySlot(sections, (s) => s.key) : [sections]).flatMap((g) => chunks(g, ROWS_PER_CALL, (s) => s.companion === true));
    // (Each batch has its time limit: see within.)
    const settled = await Promise.allSettled(groups.map((group) => this.callRows(group, {})));
    const failed: Array<{ keys: string[]; landed?: Promise<unknown> }> = [];
    settled.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') return;
      const failure: { keys: string[]; landed?: Promise<unknown> } = { keys: groups[i]!.map((s) => s.key) };
      if (outcome.reason instanceof CallFailure) failure.landed = outcome.reason.landed;
      failed.push(failure);
    });
    return failed;
  }

  /**
   * Applies ops to shared vectors kept in one shard hash and answers them (see the vector
   * script). `ops[i]` changes `ids[i]`; an id with no ops is only read.
   */
  async vectors(shardKey: string, cursorKey: string, spec: Omit<VectorShard, 'shardKey' | 'cursorKey'>): Promise<Array<Buffer | null>> {
    return (await this.vectorShards([{ shardKey, cursorKey, ...spec }]))[0]!;
  }

  /**
   * {@link vectors} for several shard hashes: one script call for all of them on a standalone
   * server, one per shard (each is its own slot) in parallel on a Cluster. Answers per shard, in order.
   */
  async vectorShards(shards: readonly VectorShard[]): Promise<Array<Array<Buffer | null>>> {
    if (shards.length === 0) return [];
    await this.ready();
    const groups = this.client.isCluster ? shards.map((s) => [s]) : [shards];
    const replies = await this.deadlines.race(Promise.all(groups.map((g) => this.callVectors(g))), this.options.timeoutMs * 4);
    return replies.flat();
  }

  private async callVectors(shards: readonly VectorShard[]): Promise<Array<Array<Buffer | null>>> {
    const keys: string[] = [];
    const out = new MsgpackStream(64);
    out.number(shards.length);
    for (const shard of shards) {
      keys.push(this.key(shard.shardKey), this.key(shard.cursorKey));
      out.number(shard.n).number(shard.ttl).number(shard.sweep ? 1 : 0).number(shard.ids.length);
      shard.ids.forEach((id, i) => {
        const ops = shard.ops[i];
        out.string(id).bytes(ops && ops.length > 0 ? encodeOps(ops) : NO_BYTES);
      });
    }
    const reply = await ((this.client as unknown as ScriptClient)[`${VECTOR_COMMAND}Buffer`]!(keys.length, ...keys, out.done()) as Promise<unknown>);
    if (!Array.isArray(reply) || reply.length !== shards.length) throw new StoreError('Redis answered the vector script with an unexpected reply.');
    return reply.map((answers: unknown, i) => {
      if (!Array.isArray(answers) || answers.length !== shards[i]!.ids.length) throw new StoreError('Redis answered the vector script with an unexpected reply.');
      return answers.map((r) => (Buffer.isBuffer(r) && r.length > 0 ? r : null));
    });
  }

  /** Waits for the client's first connection; fails at once when it is not connected. */
  private async ready(): Promise<void> {
    const starting = this.whenReady();
    if (starting) await starting;
    if (this.client.status !== 'ready') throw new StoreError(`Redis is not connected (status: ${this.client.status}).`, { sent: false });
  }

  /**
   * Resolves when the client can take commands. An app usually starts listening before its Redis
   * client has connected: the first requests wait for the connection (at most `timeoutMs`, one
   * wait shared by all of them) instead of failing with a healthy Redis. Once the client has been
   * ready, or the start-up wait ran out, a client that is not ready fails at once, and
   * `onStoreError` decides. `undefined` when there is nothing to wait for.
   */
  whenReady(): Promise<void> | undefined {
    if (this.everReady) return undefined;
    if (this.client.status === 'ready') {
      this.everReady = true;
      return undefined;
    }
    if (this.startupOver) return undefined;
    this.starting ??= this.waitForReady();
    return this.starting;
  }

  private waitForReady(): Promise<void> {
    const client = this.client;
    if (client.status === 'wait') client.connect?.().catch(() => undefined);
    return new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let poll: ReturnType<typeof setInterval> | undefined;
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        client.off?.('ready', done);
        if (client.status === 'ready') this.everReady = true;
        else this.startupOver = true;
        resolve();
      };
      timer = setTimeout(done, this.options.timeoutMs);
      if (client.once) client.once('ready', done);
      // A client without events (or one that got ready between the check and now): look again.
      poll = setInterval(() => {
        if (client.status === 'ready') done();
      }, 10);
    });
  }

  /** A key with this store's prefix. */
  key(key: string): string {
    return this.options.prefix ? `${this.options.prefix}:${key}` : key;
  }

  async exec(ops: readonly StoreOp[]): Promise<StoreResult[]> {
    if (ops.length === 0) return [];
    await this.ready();
    // A Cluster pipeline must stay on one slot: group by hash tag and send the groups in parallel.
    const groups = this.client.isCluster ? groupBySlotTag(ops) : [ops.map((op, i) => ({ op, i }))];
    const results: StoreResult[] = new Array(ops.length);
    await this.deadlines.race(
      Promise.all(
        groups.map(async (group) => {
          const pipeline = this.client.pipeline();
          const positions: number[] = [];
          for (const { op: raw, i } of group) {
            const op = this.options.prefix ? { ...raw, key: this.key(raw.key) } : raw;
            positions.push(i);
            queue(pipeline, op);
            if ('ttlSeconds' in op && op.ttlSeconds !== undefined && op.ttlSeconds > 0 && op.op !== 'set') {
              pipeline.expire(op.key, Math.ceil(op.ttlSeconds));
              positions.push(-1);
            }
          }
          const replies = await pipeline.exec();
          if (!replies) throw new StoreError('Redis pipeline was discarded.');
          replies.forEach(([err, value], k) => {
            if (err) throw new StoreError(`Redis command failed: ${err.message}`, { cause: err });
            const at = positions[k]!;
            if (at >= 0) results[at] = normalize(ops[at]!, value);
          });
        }),
      ),
      this.options.timeoutMs,
    );
    return results;
  }

  /** Batch timeout, also applied to limiter calls. */
  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** Sends the writes still waiting, then (with `closeClient`) closes the client. */
  async close(): Promise<void> {
    await this.writes.flush().catch(() => undefined);
    this.writes.stop();
    if (this.options.closeClient) await this.client.quit().catch(() => undefined);
  }
}

function queue(p: RedisPipelineLike, op: StoreOp): void {
  switch (op.op) {
    case 'get':
      p.get(op.key);
      return;
    case 'set':
      if (op.ttlSeconds && op.ttlSeconds > 0) p.set(op.key, op.value, 'EX', Math.ceil(op.ttlSeconds));
      else p.set(op.key, op.value);
      return;
    case 'del':
      p.del(op.key);
      return;
    case 'incrby':
      p.incrbyfloat(op.key, op.by);
      return;
    case 'hget':
      p.hget(op.key, op.field);
      return;
    case 'hgetall':
      p.hgetall(op.key);
      return;
    case 'hset':
      p.hset(op.key, op.fields);
      return;
    case 'hdel':
      p.hdel(op.key, ...op.fields);
      return;
    case 'hincrby':
      p.hincrbyfloat(op.key, op.field, op.by);
      return;
    case 'expire':
      p.expire(op.key, Math.ceil(op.seconds));
      return;
  }
}

function normalize(op: StoreOp, value: unknown): StoreResult {
  switch (op.op) {
    case 'incrby':
    case 'hincrby':
    case 'del':
    case 'hset':
    case 'hdel':
    case 'expire':
      return Number(value);
    case 'hgetall':
      return (value ?? {}) as Record<string, string>;
    case 'set':
      return 'OK';
    default:
      return (value ?? null) as string | null;
  }
}

function groupBySlotTag(ops: readonly StoreOp[]): Array<Array<{ op: StoreOp; i: number }>> {
  return bySlot(
    ops.map((op, i) => ({ op, i })),
    (x) => x.op.key,
  );
}

/** A key's Cluster hash tag (the part in braces), or the key itself: keys with one tag share a slot. */
function slotTag(key: string): string {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** Items grouped by their key's hash tag. */
function bySlot<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const tag = slotTag(keyOf(item));
    let g = groups.get(tag);
    if (!g) groups.set(tag, (g = []));
    g.push(item);
  }
  return [...groups.values()];
}

/** Items in chunks of about `size`, never cut before an item that must stay with the one before it. */
function chunks<T>(items: T[], size: number, sticky: (item: T) => boolean): T[][] {
  if (items.length <= size) return [items];
  const out: T[][] = [];
  let chunk: T[] = [];
  for (const item of items) {
    if (chunk.length >= size && !sticky(item)) {
      out.push(chunk);
      chunk = [];
    }
    chunk.push(item);
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

/** The worse of two outcomes of one reservation made on several slots. */
function worse(a: RowReply['status'], b: RowReply['status']): RowReply['status'] {
  const rank = { none: 0, ok: 1, cancelled: 2, refused: 3 } as const;
  return rank[a] >= rank[b] ? a : b;
}

export type { RowReply, RowSection, TakeAnswer };

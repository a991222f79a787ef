import { applyVectorOps, decodeVector, storeKey, VectorOps, type RedisStore } from '../store/index.js';
import { VECTOR_OP } from '../store/redis/row-script.js';
import type { Target, Writer } from './engine.js';

/** Shard hashes the groups are spread over (each its own Cluster slot: a call per shard there). */
const GROUP_SHARDS = 16;
/**
 * How often this instance's group and population changes go out (and the others' come in): at
 * most this late. Each flush decodes and re-encodes every vector it touches, so a longer period
 * costs Redis less per request (the changes of a period go out added up).
 */
export const SHARED_VECTORS_FLUSH_MS = 250;
/** How often each shard is swept of groups idle longer than the detector's idle TTL. */
const SWEEP_EVERY_MS = 10_000;
/** Vectors per script call, about (one call is atomic: a huge one would stall Redis). */
const IDS_PER_CALL = 500;

/** One shard's vectors in a flush (a shard past {@link IDS_PER_CALL} vectors comes in several parts; only the first sweeps). */
interface ShardPart {
  shard: number;
  list: Array<[string, Entry]>;
  maySweep: boolean;
}

/** One shared vector as this instance knows it. */
interface Entry {
  target: Target;
  shard: number;
  /** Changes made here and not sent yet. */
  pending: VectorOps | undefined;
  /** Changes sent in the flush under way. */
  sent: VectorOps | undefined;
  /** Not read from Redis yet: the next flush asks for it even without changes. */
  unread: boolean;
}

/**
 * The detector's cross-account state on Redis (its groups and its population histogram), shared
 * by every instance but never on the request path: each instance works on its own copy, adds up
 * its changes, and sends them behind every {@link SHARED_VECTORS_FLUSH_MS} ms, in one script call
 * (one per shard hash on a Cluster), whose answer brings the copy up to date with what the other instances wrote. What
 * another instance did reaches this one at most about two flushes later.
 *
 * Groups live in {@link GROUP_SHARDS} hashes (each on its own Cluster slot), the population in its
 * own; vectors idle for the detector's idle TTL are swept away.
 */
export class SharedVectors implements Writer {
  private readonly entries = new Map<string, Entry>();
  private readonly popEntry: Entry;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private readonly lastSweep = new Array<number>(GROUP_SHARDS + 1).fill(0);
  /** Bumped whenever the population copy changes from Redis (for views computed from it). */
  popVersion = 0;

  constructor(
    private readonly store: RedisStore,
    private readonly groupSize: number,
    popSize: number,
    private readonly maxGroups: number,
    private readonly ttlSeconds: number,
  ) {
    this.popEntry = { target: { view: new Float64Array(popSize), key: 'pop' }, shard: GROUP_SHARDS, pending: undefined, sent: undefined, unread: true };
  }

  /** The group `id`'s copy, as a target for the engine (zeros until Redis answers for it). */
  group(id: string): Target {
    let e = this.entries.get(id);
    if (e) {
      // Least recently used last: a map keeps insertion order.
      this.entries.delete(id);
      this.entries.set(id, e);
      return e.target;
    }
    if (this.entries.size >= this.maxGroups) this.evict();
    e = { target: { view: new Float64Array(this.groupSize), key: `g:${id}` }, shard: shardOf(id), pending: undefined, sent: undefined, unread: true };
    this.entries.set(id, e);
    this.schedule();
    return e.target;
  }

  /** The population's copy. */
  get pop(): Target {
    return this.popEntry.target;
  }

  add(t: Target, field: number, by: number): void {
    if (by === 0) return;
    t.view[field] = t.view[field]! + by;
    this.ops(t).add(field, by);
  }

  set(t: Target, field: number, value: number): void {
    t.view[field] = value;
    this.ops(t).set(field, value);
  }

  /** Sends what changed here and takes in what changed elsewhere. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing) await this.flushing;
    this.flushing = this.send().finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private ops(t: Target): VectorOps {
    const e = t === this.popEntry.target ? this.popEntry : this.entries.get(t.key.slice(2));
    if (!e) return new VectorOps(); // evicted meanwhile: the change stays local
    e.pending ??= new VectorOps();
    this.schedule();
    return e.pending;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined);
    }, SHARED_VECTORS_FLUSH_MS);
    this.timer.unref?.();
  }

  private async send(): Promise<void> {
    const byShard = new Map<number, Array<[string, Entry]>>();
    for (const [id, e] of this.entries) {
      if (!e.pending && !e.unread) continue;
      e.unread = false;
      e.sent = e.pending;
      e.pending = undefined;
      let list = byShard.get(e.shard);
      if (!list) byShard.set(e.shard, (list = []));
      list.push([id, e]);
    }
    if (this.popEntry.pending || this.popEntry.unread || Date.now() - this.lastSweep[GROUP_SHARDS]! > SWEEP_EVERY_MS) {
      this.popEntry.unread = false;
      this.popEntry.sent = this.popEntry.pending;
      this.popEntry.pending = undefined;
      byShard.set(GROUP_SHARDS, [['pop', this.popEntry]]);
    }
    // Every shard in one script call (on a standalone server; the store splits it per slot on a
    // Cluster), at most IDS_PER_CALL vectors a call: a flush costs Redis what changed, not a
    // call per shard.
    const calls: Array<Promise<void>> = [];
    let batch: ShardPart[] = [];
    let size = 0;
    for (const [shard, list] of byShard) {
      for (let i = 0; i < list.length; i += IDS_PER_CALL) {
        const part = { shard, list: list.slice(i, i + IDS_PER_CALL), maySweep: i === 0 };
        if (size > 0 && size + part.list.length > IDS_PER_CALL) {
          calls.push(this.sendParts(batch));
          batch = [];
          size = 0;
        }
        batch.push(part);
        size += Math.max(1, part.list.length);
      }
    }
    if (batch.length > 0) calls.push(this.sendParts(batch));
    await Promise.all(calls);
  }

  private async sendParts(parts: ShardPart[]): Promise<void> {
    const now = Date.now();
    const shards = parts.map(({ shard, list, maySweep }) => {
      const isPop = shard === GROUP_SHARDS;
      const sweep = maySweep && now - this.lastSweep[shard]! > SWEEP_EVERY_MS;
      if (sweep) this.lastSweep[shard] = now;
      const tag = isPop ? 'pop' : `g${shard}`;
      return {
        shardKey: storeKey('det', 'v1', `{${tag}}`),
        cursorKey: storeKey('det', 'v1c', `{${tag}}`),
        n: isPop ? this.popEntry.target.view.length : this.groupSize,
        ttl: this.ttlSeconds,
        ids: list.map(([id]) => id),
        ops: list.map(([, e]) => (e.sent ? coalesce(e.sent.list) : [])),
        sweep,
      };
    });
    try {
      const answers = await this.store.vectorShards(shards);
      parts.forEach(({ shard, list }, k) => {
        list.forEach(([, e], i) => {
          const fresh = answers[k]![i];
          e.sent = undefined;
          if (!fresh) return;
          // Redis's copy, plus whatever changed here since the flush left.
          const view = decodeVector(fresh, e.target.view.length);
          if (e.pending) applyVectorOps(view, e.pending.list);
          e.target.view.set(view);
        });
        if (shard === GROUP_SHARDS) this.popVersion++;
      });
    } catch {
      // Redis is away: keep the changes for the next flush.
      for (const { list } of parts) {
        for (const [, e] of list) {
          e.unread = true;
          if (!e.sent) continue;
          const back = e.sent;
          if (e.pending) back.list.push(...e.pending.list);
          e.pending = back.size > 0 ? back : undefined;
          e.sent = undefined;
        }
      }
      this.schedule();
    }
  }

  private evict(): void {
    for (const [id, e] of this.entries) {
      if (e.pending || e.sent) continue;
      this.entries.delete(id);
      return;
    }
    const first = this.entries.keys().next().value;
    if (first !== undefined) this.entries.delete(first);
  }
}

/** A stable shard for a group id. */
function shardOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % GROUP_SHARDS;
}

/**
 * The same changes in fewer ops: an add whose field's last change was an add is folded into it
 * (changes to different fields commute; an add after a set, max, bit or roll of its field stays
 * after it, and a roll counts as a change of the field after it too, which it zeroes). A flush's
 * many counts of one group become one op per field.
 */
export function coalesce(ops: readonly number[]): number[] {
  const out: number[] = [];
  const lastAt = new Map<number, number>();
  for (let i = 0; i + 2 < ops.length; i += 3) {
    const code = ops[i]!;
    const index = ops[i + 1]!;
    const x = ops[i + 2]!;
    const at = lastAt.get(index);
    if (code === VECTOR_OP.add && at !== undefined && out[at] === VECTOR_OP.add) {
      out[at + 2] = out[at + 2]! + x;
      continue;
    }
    lastAt.set(index, out.length);
    // A roll also zeroes the next field: an add there must not fold across it.
    if (code === VECTOR_OP.roll) lastAt.set(index + 1, out.length);
    out.push(code, index, x);
  }
  return out;
}

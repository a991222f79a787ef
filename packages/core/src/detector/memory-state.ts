import { A, G, P } from './schema.js';
import type { Target, Writer } from './engine.js';
import { LruRows } from './lru-rows.js';
import { RowSlab } from './slab.js';

/** Oldest accounts looked at per eviction for one without a verdict. */
const EVICTION_SCAN = 16;

/**
 * Detector state in this process: one typed array per account and per group, kept in
 * least-recently-seen order ({@link LruRows}), so memory stays bounded by `maxAccounts` and `maxGroups`. An evicted
 * array is zeroed and given to the newcomer, so a full detector allocates nothing more.
 *
 * Eviction cannot wipe a suspect cheaply: among the oldest accounts it drops the first whose
 * verdict is `allow`; accounts with a verdict that were looked at move to the young end. Only
 * when every account looked at has a verdict does the oldest go (its flag, if any, is kept by the
 * store, not here). Pushing an account out takes `maxAccounts` other accounts seen after its last
 * request.
 */
export class MemoryState {
  readonly accounts = new LruRows<string>();
  /** Keyed by the group hash folded to 30 bits (small integers hash fastest). */
  readonly groups = new LruRows<number>();
  readonly pop = new Float64Array(P.size);
  private readonly accountRows = new RowSlab(A.size);
  private readonly groupRows = new RowSlab(G.size);

  constructor(
    private readonly maxAccounts: number,
    private readonly maxGroups: number,
    private readonly idleTtlSeconds: number,
  ) {}

  /** The account's state, created (or reset after `idleTtlSeconds` of silence) as needed. */
  account(id: string, now: number): Float64Array {
    let s = this.accounts.touch(id);
    if (s) {
      if (s[A.n]! > 0 && now - s[A.last]! > this.idleTtlSeconds) s.fill(0);
      return s;
    }
    s = this.accounts.size >= this.maxAccounts ? this.evictAccount() : undefined;
    s ??= this.accountRows.next();
    this.accounts.add(id, s);
    return s;
  }

  group(hash: number): Float64Array {
    const id = hash & 0x3fffffff;
    let g = this.groups.touch(id);
    if (g) return g;
    if (this.groups.size >= this.maxGroups) {
      const oldest = this.groups.oldest;
      if (oldest !== -1) g = this.groups.dropSlot(oldest).fill(0);
    }
    g ??= this.groupRows.next();
    this.groups.add(id, g);
    return g;
  }

  /** Drops one account (see the class) and returns its array, zeroed. */
  private evictAccount(): Float64Array | undefined {
    const accounts = this.accounts;
    const kept: number[] = [];
    let victim = -1;
    for (let slot = accounts.oldest; slot !== -1; slot = accounts.after(slot)) {
      if (accounts.rowAt(slot)[A.verdict] === 0) {
        victim = slot;
        break;
      }
      kept.push(slot);
      if (kept.length >= EVICTION_SCAN) break;
    }
    if (victim === -1) victim = kept.shift() ?? -1;
    for (const slot of kept) accounts.moveToYoung(slot);
    if (victim === -1) return undefined;
    return accounts.dropSlot(victim).fill(0);
  }

  peek(id: string): Float64Array | undefined {
    return this.accounts.get(id);
  }

  forget(id: string): void {
    this.accounts.delete(id);
  }
}

/** Writes straight into the typed arrays. */
export const directWriter: Writer = {
  add(t: Target, field: number, by: number) {
    t.view[field] = t.view[field]! + by;
  },
  set(t: Target, field: number, value: number) {
    t.view[field] = value;
  },
};

/** Tests and sets bit `hash & 63` of a 64-bit set stored as two 32-bit words at `at`. */
export function testAndSet(view: Float64Array, at: number, hash: number): boolean {
  const bit = hash & 63;
  const word = at + (bit >> 5);
  const mask = 1 << (bit & 31);
  const current = view[word]! | 0;
  if (current & mask) return true;
  view[word] = current | mask;
  return false;
}

export function testBit(view: Float64Array, at: number, hash: number): boolean {
  const bit = hash & 63;
  return ((view[at + (bit >> 5)]! | 0) & (1 << (bit & 31))) !== 0;
}

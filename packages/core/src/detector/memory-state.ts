import { A, G, P } from './schema.js';
import type { Target, Writer } from './engine.js';
import { RowSlab } from './slab.js';

/** Oldest accounts looked at per eviction for one without a verdict. */
const EVICTION_SCAN = 16;

/**
 * Detector state in this process: one typed array per account and per group in maps kept in
 * least-recently-seen order, so memory stays bounded by `maxAccounts` and `maxGroups`. An evicted
 * array is zeroed and given to the newcomer, so a full detector allocates nothing more.
 *
 * Eviction cannot wipe a suspect cheaply: among the oldest accounts it drops the first whose
 * verdict is `allow`; accounts with a verdict that were looked at move to the young end. Only
 * when every account looked at has a verdict does the oldest go (its flag, if any, is kept by the
 * store, not here). Pushing an account out takes `maxAccounts` other accounts seen after its last
 * request.
 */
export class MemoryState {
  readonly accounts = new Map<string, Float64Array>();
  /** Keyed by the group hash folded to 30 bits (small integers hash fastest). */
  readonly groups = new Map<number, Float64Array>();
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
    let s = this.accounts.get(id);
    if (s) {
      this.accounts.delete(id);
      if (s[A.n]! > 0 && now - s[A.last]! > this.idleTtlSeconds) s.fill(0);
    } else {
      s = this.accounts.size >= this.maxAccounts ? this.evictAccount() : undefined;
      s ??= this.accountRows.next();
    }
    this.accounts.set(id, s);
    return s;
  }

  group(hash: number): Float64Array {
    const id = hash & 0x3fffffff;
    let g = this.groups.get(id);
    if (g) this.groups.delete(id);
    else {
      if (this.groups.size >= this.maxGroups) {
        const oldest = this.groups.entries().next().value;
        if (oldest !== undefined) {
          this.groups.delete(oldest[0]);
          g = oldest[1].fill(0);
        }
      }
      g ??= this.groupRows.next();
    }
    this.groups.set(id, g);
    return g;
  }

  /** Drops one account (see the class) and returns its array, zeroed. */
  private evictAccount(): Float64Array | undefined {
    const kept: [string, Float64Array][] = [];
    let victim: [string, Float64Array] | undefined;
    for (const entry of this.accounts) {
      if (entry[1][A.verdict] === 0) {
        victim = entry;
        break;
      }
      kept.push(entry);
      if (kept.length >= EVICTION_SCAN) break;
    }
    if (victim === undefined) victim = kept.shift();
    for (const [id, s] of kept) {
      this.accounts.delete(id);
      this.accounts.set(id, s);
    }
    if (victim === undefined) return undefined;
    this.accounts.delete(victim[0]);
    return victim[1].fill(0);
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

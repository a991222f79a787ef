import type { CounterRow, CounterTable } from '../store/index.js';
import { affordableOutput, consumptionPoints, demandPoints, type Consumption, type Demand } from './demand.js';
import type { LimitSpec } from './options.js';
import { Answer, GLOBAL_KEY, type Reservation } from './reservation.js';

/**
 * The limits on a memory counter table, answered at once: the default store's counters, and on a
 * shared store the per-process insurance that decides while Redis is away. Same contract as the
 * Redis row script: every limit is reserved all or nothing, and a budget that cannot cover
 * `max_tokens` but still covers a useful reply lowers it instead of refusing.
 *
 * Time is passed in (the guard's clock), so a replay gets exactly the counts a live server had.
 */
export class MemoryCounters {
  private readonly slots: number[];

  constructor(
    private readonly table: CounterTable,
    private readonly specs: readonly LimitSpec[],
    /** How the reservations it answers are marked: the primary store, or the insurance. */
    private readonly how: Answer,
  ) {
    this.slots = specs.map((s) => table.slot(s.policy, s.windowSeconds, { points: s.points, held: s.kind === 'concurrency' }));
  }

  /** Reserves `demand` on every limit of `r` at `now`, all or nothing. */
  take(r: Reservation, demand: Demand, now: number): void {
    const rows = this.rowsOf(r, now);
    let grant = demand.maxTokens;
    let refused = false;
    for (let i = 0; i < this.specs.length; i++) {
      const spec = this.specs[i]!;
      const before = this.table.count(rows.of(spec), this.slots[i]!, now);
      if (before + demandPoints(spec.kind, demand, demand.maxTokens) <= spec.points) continue;
      const partial = affordableOutput(spec, before, demand);
      if (partial === undefined) refused = true;
      else if (partial < grant) grant = partial;
    }
    for (let i = 0; i < this.specs.length; i++) {
      const spec = this.specs[i]!;
      const row = rows.of(spec);
      const slot = this.slots[i]!;
      const points = demandPoints(spec.kind, demand, grant);
      if (!refused) {
        const consumed = this.table.add(row, slot, points, now);
        r.answer(i, this.how, points, consumed, this.table.windowEnd(row, slot, now) - now, false, now);
        continue;
      }
      const before = this.table.count(row, slot, now);
      const exceeded = before + demandPoints(spec.kind, demand, demand.maxTokens) > spec.points && affordableOutput(spec, before, demand) === undefined;
      r.answer(i, this.how, 0, exceeded ? before + points : before, this.table.windowEnd(row, slot, now) - now, exceeded, now);
    }
    if (!refused && grant < demand.maxTokens) r.maxTokens = grant;
  }

  /**
   * Replaces what `r` holds by `actual` consumption, or hands it all back (`undefined`: a request
   * refused after its reservation, or one that failed without usage).
   */
  settle(r: Reservation, actual: Consumption | undefined, now: number): void {
    const rows = this.rowsOf(r, now);
    for (let i = 0; i < this.specs.length; i++) {
      if (r.how(i) !== this.how || r.points(i) === 0) continue;
      const spec = this.specs[i]!;
      const kind = spec.kind;
      const used = actual === undefined || kind === 'concurrency' ? 0 : kind === 'requests' ? r.points(i) : consumptionPoints(kind, actual);
      const delta = used - r.points(i);
      // A refund after the window ended would mint quota.
      if ((delta < 0 && now < r.windowEnd(i)) || delta > 0) this.table.add(rows.of(spec), this.slots[i]!, delta, now);
    }
  }

  /** The rows of `r`'s scopes, looked up once each (an anonymous client's address is its identity: one row). */
  private rowsOf(r: Reservation, now: number): ScopeRows {
    return new ScopeRows(this.table, r, now);
  }
}

/** The rows one reservation counts in, looked up on first use. */
class ScopeRows {
  private identity: CounterRow | undefined;
  private ip: CounterRow | undefined;
  private global: CounterRow | undefined;

  constructor(
    private readonly table: CounterTable,
    private readonly r: Reservation,
    private readonly now: number,
  ) {}

  of(spec: LimitSpec): CounterRow {
    switch (spec.scope) {
      case 'identity':
        return (this.identity ??= this.table.row(this.r.identityKey, this.now));
      case 'ip':
        if (this.ip) return this.ip;
        return (this.ip = this.r.ipKey === this.r.identityKey ? (this.identity ??= this.table.row(this.r.identityKey, this.now)) : this.table.row(this.r.ipKey, this.now));
      case 'global':
        return (this.global ??= this.table.row(GLOBAL_KEY, this.now));
    }
  }
}

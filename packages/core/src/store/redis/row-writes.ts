import { callApplied, rowSection, vectorWritten, type RowSection, type RowSettlement, type VectorCompaction } from './row-call.js';

/** What waits to be written to one row and its vector. */
interface PendingRow {
  settle: RowSettlement[];
  renew: string[];
  /** Rows that must go in the same call (a cancel's delegated request counts; see `delegation`). */
  with?: string[];
  vector: { key: string; size: number; ttlMs: number; ops: number[]; compact?: VectorCompaction } | undefined;
}

/**
 * The calls of a flush that failed: the rows each carried (in the call's order), and (when its script may have run all
 * the same) its part of the script's reply once it lands (see `CallFailure` in `row-batch.ts`).
 */
export type FlushFailures = ReadonlyArray<{ keys: readonly string[]; landed?: Promise<unknown> }>;

/** Most rows waiting at once; past it the oldest rows' vector ops are dropped (settlements are kept). */
const MAX_PENDING_ROWS = 100_000;

/**
 * Writes to rows that nobody waits for: settlements at `record`, lease renewals, the detector's
 * updates after a request. They go with the row's next call from this process when one comes
 * soon (carried: no command of their own), or after `delayMs` in one call per slot for every row
 * waiting. A flush that fails puts its writes back and tries again later: settlements are
 * idempotent (each consumes its hold once), so sending one twice is harmless; a vector's `add`
 * is not, so the writes of a call whose script ran all the same (its batch's read failed, or it
 * landed after the client's time limit but before its deadline) are not put back.
 */
export class RowWrites {
  private pending = new Map<string, PendingRow>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;

  constructor(
    /** Sends a flush; answers its calls that failed (a rejection: none was sent). */
    private readonly send: (sections: RowSection[]) => Promise<FlushFailures>,
    private readonly delayMs: number,
  ) {}

  /** A settlement for row `key`; `companions`, rows the cancel may hand request counts back to, go in the same call. */
  settle(key: string, settlement: RowSettlement, companions?: readonly string[]): void {
    const row = this.row(key);
    row.settle.push(settlement);
    if (companions) {
      for (const other of companions) {
        if (other === key) continue;
        if (!row.with) row.with = [];
        if (!row.with.includes(other)) row.with.push(other);
        this.row(other);
      }
    }
    this.schedule();
  }

  renew(key: string, id: string): void {
    this.row(key).renew.push(id);
    this.schedule();
  }

  /**
   * Ops for the vector `vectorKey` kept beside row `key`. The list is handed over: the first list
   * a row waits with is kept as it is, not copied (the callers build a fresh list per request, and
   * copying it number by number into a growing array was the Redis path's largest allocation,
   * about 4 KB a request on the default configuration); later ones are added to it.
   */
  vector(key: string, vectorKey: string, size: number, ttlMs: number, ops: number[]): void {
    if (ops.length === 0) return;
    const row = this.row(key);
    if (!row.vector || row.vector.key !== vectorKey) row.vector = { key: vectorKey, size, ttlMs, ops };
    else if (row.vector.ops.length === 0) row.vector.ops = ops;
    else appendAll(row.vector.ops, ops);
    this.schedule();
  }

  /** A compaction of the vector `vectorKey` kept beside row `key` (see `row-script.ts`); a newer one replaces it. */
  compact(key: string, vectorKey: string, size: number, ttlMs: number, compaction: VectorCompaction): void {
    const row = this.row(key);
    if (!row.vector || row.vector.key !== vectorKey) row.vector = { key: vectorKey, size, ttlMs, ops: [] };
    row.vector.compact = compaction;
    this.schedule();
  }

  /** Drops the vector writes waiting for row `key` (its vector is being forgotten). */
  dropVector(key: string): void {
    const row = this.pending.get(key);
    if (row) row.vector = undefined;
  }

  /** Takes what waits for `key`, to go with a call to that row anyway. */
  take(key: string): PendingRow | undefined {
    const row = this.pending.get(key);
    if (row) this.pending.delete(key);
    return row;
  }

  /** Puts back what a failed call carried for its row. */
  restore(key: string, row: PendingRow): void {
    const now = this.row(key);
    now.settle.unshift(...row.settle);
    now.renew.unshift(...row.renew);
    if (row.with) for (const other of row.with) if (!(now.with ??= []).includes(other)) now.with.push(other);
    if (row.vector && (!now.vector || now.vector.key === row.vector.key)) {
      const compact = now.vector?.compact ?? row.vector.compact;
      now.vector = { ...row.vector, ops: [...row.vector.ops, ...(now.vector?.ops ?? [])] };
      if (compact) now.vector.compact = compact;
      else delete now.vector.compact;
    }
    this.schedule();
  }

  /**
   * Puts back what a failed call carried for row `key`, unless its script ran it after all
   * (`landed`, see `CallFailure`): then it is written, and sending it again would apply a
   * vector's `add` twice (a script that failed at a later call wrote the vector alone: the rest
   * is put back). `index`: the row's place among its call's sections. Without `landed` (the call was not sent, or nothing can tell), at once.
   */
  restoreUnlessApplied(key: string, row: PendingRow, landed: Promise<unknown> | undefined, index: number): void {
    if (!landed) return this.restore(key, row);
    landed.then(
      (part) => {
        // A script that failed partway wrote the row's vector, not the row (see `VectorsWritten`).
        if (vectorWritten(part, index)) {
          if (row.settle.length > 0 || row.renew.length > 0 || row.with) this.restore(key, { ...row, vector: undefined });
        } else if (!callApplied(part)) this.restore(key, row);
      },
      () => this.restore(key, row),
    );
  }

  /** Rows with writes waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** Sends everything waiting now; resolves when it is written (or put back after a failure). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    // A row's companions right after it, so that a call of the flush never separates them.
    const sections: RowSection[] = [];
    const placed = new Set<string>();
    for (const [key, row] of batch) {
      if (placed.has(key)) continue;
      placed.add(key);
      sections.push(toSection(key, row));
      for (const other of row.with ?? []) {
        if (placed.has(other)) continue;
        placed.add(other);
        const pending = batch.get(other);
        const section = pending ? toSection(other, pending) : rowSection(other);
        section.companion = true;
        sections.push(section);
      }
    }
    this.flushing = this.send(sections).then(
      (failed) => {
        if (failed.length === 0) {
          this.failures = 0;
          return;
        }
        // Only the rows of the calls that failed wait again (the others are written).
        this.failures++;
        for (const { keys, landed } of failed) {
          for (let i = 0; i < keys.length; i++) {
            const row = batch.get(keys[i]!);
            if (row) this.restoreUnlessApplied(keys[i]!, row, landed, i);
          }
        }
      },
      () => {
        this.failures++;
        for (const [key, row] of batch) this.restore(key, row);
      },
    );
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  /** Stops the timer; what waits is dropped unless {@link flush} ran first. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private row(key: string): PendingRow {
    let row = this.pending.get(key);
    if (!row) {
      if (this.pending.size >= MAX_PENDING_ROWS) this.shed();
      this.pending.set(key, (row = { settle: [], renew: [], vector: undefined }));
    }
    return row;
  }

  /** Redis has been away long enough to fill the queue: the oldest detector updates go first. */
  private shed(): void {
    let dropped = 0;
    for (const [key, row] of this.pending) {
      if (row.settle.length === 0) this.pending.delete(key);
      else row.vector = undefined;
      if (++dropped >= MAX_PENDING_ROWS / 10) break;
    }
  }

  private schedule(): void {
    if (this.timer) return;
    // After failures, back off (up to 2 s) instead of hammering a Redis that is down.
    const delay = this.failures === 0 ? this.delayMs : Math.min(2000, this.delayMs * 2 ** Math.min(this.failures, 7));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined);
    }, delay);
    this.timer.unref?.();
  }
}

/** Appends `more` to `list` in place (an indexed loop: no iterator, no spread of a long list onto the stack). */
function appendAll(list: number[], more: readonly number[]): void {
  for (let i = 0; i < more.length; i++) list.push(more[i]!);
}

/** A pending row as a section of a call. */
export function toSection(key: string, row: PendingRow): RowSection {
  const section = rowSection(key);
  section.settle = row.settle;
  section.renew = row.renew;
  if (row.with) section.with = row.with;
  if (row.vector) {
    section.vector = { key: row.vector.key, size: row.vector.size, carried: row.vector.ops, ops: [], snapshot: false, ttlMs: row.vector.ttlMs };
    if (row.vector.compact) section.vector.compact = row.vector.compact;
  }
  return section;
}

export type { PendingRow };

import { StoreError } from '../../errors/index.js';
import { KIND_CODE } from './row-script.js';

/** One limit to reserve on a row: its policy (the counter's name), kind, quota and window. */
export interface RowTake {
  policy: string;
  kind: (typeof KIND_CODE)[keyof typeof KIND_CODE];
  limit: number;
  windowMs: number;
}

/**
 * Settles a hold: `[requestId]` hands back everything it took (a refused or failed request);
 * `[requestId, tokens, costMicros, outputTokens]` replaces it with real usage.
 */
export type RowSettlement = [id: string] | [id: string, tokens: number, costMicros: number, outputTokens: number];

/** A packed vector kept in a row (the detector's account state). */
export interface RowVector {
  size: number;
  /** Ops queued by earlier requests, applied before the snapshot. */
  carried: number[];
  /** This request's ops, applied after the snapshot. */
  ops: number[];
  /** Answer the vector as it was before this request's ops. */
  snapshot: boolean;
  /** The vector lapses after this long without a write (ms). */
  ttlMs: number;
  /** Forget the vector first (an operator's reset). */
  clear?: boolean;
}

/** What one request (or one flush) does to one row. */
export interface RowSection {
  key: string;
  take: RowTake[];
  settle: RowSettlement[];
  renew: string[];
  vector?: RowVector;
}

/** How a reservation came out: taken, refused by a limit, cancelled by an earlier settlement, or no reservation asked. */
export type RowStatus = 'ok' | 'refused' | 'cancelled' | 'none';

/** One take's answer: the count after it (or what it would have been), its window's end, whether it refused. */
export interface TakeAnswer {
  consumed: number;
  windowEnd: number;
  refused: boolean;
}

/** What a row call answered. */
export interface RowReply {
  /** Redis time of the call (ms). */
  now: number;
  status: RowStatus;
  /** The flag entry as stored, if one was asked for and exists. */
  flag: string | null;
  /** The `max_tokens` the budgets cover (the request's own when they cover it all). */
  grant: number;
  /** Per section key, its takes' answers in order. */
  takes: Map<string, TakeAnswer[]>;
  /** Per section key, the vector snapshot asked for. */
  snapshots: Map<string, Buffer>;
}

/** What the reservation asks of budgets: the inputs of the script's points and partial grant. */
export interface RowDemand {
  maxTokens: number;
  minGrant: number;
  inputTokens: number;
  inputCostUsd: number;
  outputTokenUsd: number;
}

/** The script's JSON argument for one call (see the row script's header). */
export interface RowScriptSpec {
  dl: number;
  id?: string;
  lease: number;
  keep: number;
  flag?: number;
  mt: number;
  min: number;
  it: number;
  ic: number;
  ou: number;
  rows: Array<{ k: number; take?: Array<[string, number, number, number]>; s?: RowSettlement[]; rn?: string[]; dn?: number; dc?: number[]; d?: number[]; ret?: 1; ttl?: number; clear?: 1 }>;
}

/** Builds one slot's script call: its keys and its JSON argument. */
export function encodeRowCall(
  sections: readonly RowSection[],
  options: { deadline: number; holdId?: string; leaseMs: number; keepMs: number; flagKey?: string; demand?: RowDemand },
): { keys: string[]; spec: RowScriptSpec } {
  const keys: string[] = [];
  const d = options.demand;
  const spec: RowScriptSpec = {
    dl: options.deadline,
    lease: options.leaseMs,
    keep: options.keepMs,
    mt: d?.maxTokens ?? 0,
    min: d?.minGrant ?? 0,
    it: finite(d?.inputTokens),
    ic: finite(d?.inputCostUsd),
    ou: finite(d?.outputTokenUsd),
    rows: [],
  };
  if (options.holdId !== undefined) spec.id = options.holdId;
  for (const s of sections) {
    keys.push(s.key);
    const row: RowScriptSpec['rows'][number] = { k: keys.length };
    if (s.take.length > 0) row.take = s.take.map((t) => [t.policy, t.kind, t.limit, t.windowMs]);
    if (s.settle.length > 0) row.s = s.settle;
    if (s.renew.length > 0) row.rn = s.renew;
    if (s.vector) {
      row.dn = s.vector.size;
      row.ttl = s.vector.ttlMs;
      if (s.vector.carried.length > 0) row.dc = s.vector.carried;
      if (s.vector.ops.length > 0) row.d = s.vector.ops;
      if (s.vector.snapshot) row.ret = 1;
      if (s.vector.clear) row.clear = 1;
    }
    spec.rows.push(row);
  }
  if (options.flagKey !== undefined) {
    keys.push(options.flagKey);
    spec.flag = keys.length;
  }
  return { keys, spec };
}

/** Reads the script's answer for the sections it was sent with. */
export function decodeRowReply(reply: unknown, sections: readonly RowSection[]): RowReply {
  if (!Array.isArray(reply) || reply.length < 2) throw new StoreError('Redis answered the row script with an unexpected reply.');
  const now = Number(reply[0]);
  const status = String(reply[1]);
  if (status === 'late') throw new StoreError('Redis ran the call after its deadline: it changed nothing.');
  const flag = reply[2] == null ? null : String(reply[2]);
  const grant = Number(reply[3]);
  const takes = new Map<string, TakeAnswer[]>();
  const snapshots = new Map<string, Buffer>();
  let at = 4;
  if (status !== 'none' && status !== 'cancelled') {
    for (const s of sections) {
      const answers: TakeAnswer[] = [];
      for (let i = 0; i < s.take.length; i++, at += 3) answers.push({ consumed: Number(reply[at]), windowEnd: Number(reply[at + 1]), refused: Number(reply[at + 2]) === 1 });
      if (answers.length > 0) takes.set(s.key, answers);
    }
  }
  for (const s of sections) {
    if (!s.vector?.snapshot) continue;
    const raw = reply[at++];
    snapshots.set(s.key, Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw ?? ''), 'binary'));
  }
  return { now, status: status as RowStatus, flag, grant, takes, snapshots };
}

function finite(x: number | undefined): number {
  return x !== undefined && Number.isFinite(x) ? x : 0;
}

/** A new, empty section for `key`. */
export function rowSection(key: string): RowSection {
  return { key, take: [], settle: [], renew: [] };
}

import { StoreError } from '../../errors/index.js';
import { MsgpackStream } from './msgpack.js';
import { KIND_CODE, ROW_STATUS } from './row-script.js';
import { encodeOps } from './vector-ops.js';

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

/** A compaction of a vector key: the base computed for the first `logBytes` of the log read under `header`. */
export interface VectorCompaction {
  header: Buffer;
  logBytes: number;
  base: Buffer;
}

/** A vector kept beside a row, in a key of its own on the row's slot (the detector's account state). */
export interface RowVector {
  /** The vector's key. */
  key: string;
  size: number;
  /** Ops queued by earlier requests: appended first, and applied to the snapshot. */
  carried: number[];
  /** This request's ops, appended after them. */
  ops: number[];
  /** Answer the vector as it was before this request's ops. */
  snapshot: boolean;
  /** The vector lapses after this long without a compaction (ms). */
  ttlMs: number;
  /** Forget the vector first (an operator's reset). */
  clear?: boolean;
  compact?: VectorCompaction;
}

/** What one request (or one flush) does to one row. */
export interface RowSection {
  key: string;
  /** Read only: a section may share its lists (the limits' takes are built once, empty lists are shared). */
  take: readonly RowTake[];
  settle: readonly RowSettlement[];
  renew: readonly string[];
  vector?: RowVector;
  /** Rows a cancel in this one may hand request counts back to: they go in the same call. */
  with?: string[];
  /** In a flush, this row goes with the one before it (its companion). */
  companion?: boolean;
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
  /** Per section key, the vector asked for: as read, with the ops carried by this call applied. */
  snapshots: Map<string, Float64Array>;
  /** The rows that keep the reservation's hold (settlements go there), when it was taken. */
  held: string[];
  /** The rows whose request counts the hold of another row of the call remembers (see {@link delegation}). */
  delegated: string[];
}

/** What the reservation asks of budgets: the inputs of the script's points and partial grant. */
export interface RowDemand {
  maxTokens: number;
  minGrant: number;
  inputTokens: number;
  inputCostUsd: number;
  outputTokenUsd: number;
}

/** Options of one slot's script call. */
export interface RowCallEncoding {
  deadline: number;
  holdId?: string;
  leaseMs: number;
  keepMs: number;
  flagKey?: string;
  demand?: RowDemand;
}

/** A vector key's expiry is its TTL and this much more (its account lapses between one and 9/8 TTL after its last write). */
export const VECTOR_EXPIRY_SLACK = 9 / 8;

const EMPTY = Buffer.alloc(0);

/** Where a call's takes are named: the batch's specs (see `BatchSpecs` in `row-batch.ts`). */
export interface TakeSpecs {
  /** The take's place among the batch's specs, from 1. */
  indexOf(take: RowTake): number;
}

/** Which vectors a call may have read before its batch's script (see `BatchVectors` in `row-batch.ts`). */
export interface VectorReads {
  canReadFirst(key: string): boolean;
}

/** The arguments of a batch after its stream: a call's bytes (a vector's ops, a compacted base) go as their own (see `ROW_LUA`). */
export interface CallArgs {
  /** Adds `bytes` as an argument; answers its place in the script's ARGV (from 2). */
  add(bytes: Buffer): number;
}

/**
 * Builds one slot's script call: its keys (rows, then the flag, then vectors) and its argument,
 * the flat MessagePack stream the row script reads (see its header); each take is named by its
 * place among the batch's `specs`, which the batch sends once. The vectors asked for are read
 * before the script (`reads`, the script not asked for them) when `vectors` allows it for all of
 * them, else by the script; `writes` names every vector the call touches.
 */
export function encodeRowCall(
  sections: readonly RowSection[],
  options: RowCallEncoding,
  specs: TakeSpecs,
  args: CallArgs,
  vectors?: VectorReads,
): { keys: string[]; arg: Buffer; reads?: string[]; writes?: string[] } {
  let reads: string[] | undefined;
  let writes: string[] | undefined;
  let readFirst = vectors !== undefined;
  for (let i = 0; i < sections.length; i++) {
    const v = sections[i]!.vector;
    if (!v) continue;
    (writes ??= []).push(v.key);
    if (v.snapshot && readFirst && !vectors!.canReadFirst(v.key)) readFirst = false;
  }
  const keys: string[] = [];
  for (const s of sections) keys.push(s.key);
  let flagAt = 0;
  if (options.flagKey !== undefined) {
    keys.push(options.flagKey);
    flagAt = keys.length;
  }
  const d = options.demand;
  const out = new MsgpackStream();
  out
    .number(options.deadline)
    .string(options.holdId ?? '')
    .number(options.leaseMs)
    .number(options.keepMs)
    .number(flagAt)
    .number(d?.maxTokens ?? 0)
    .number(d?.minGrant ?? 0)
    .number(finite(d?.inputTokens))
    .number(finite(d?.inputCostUsd))
    .number(finite(d?.outputTokenUsd))
    .number(sections.length);
  // Indexed loops: no iterator, whatever kind of array a section's lists are.
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const take = s.take;
    out.number(i + 1).number(take.length);
    for (let k = 0; k < take.length; k++) out.number(specs.indexOf(take[k]!));
    const settle = s.settle;
    out.number(settle.length);
    for (let k = 0; k < settle.length; k++) {
      const st = settle[k]!;
      out.string(st[0]);
      if (st.length === 1) out.number(-1).number(0).number(0);
      else out.number(Math.max(0, st[1])).number(Math.max(0, st[2])).number(Math.max(0, st[3]));
    }
    const renew = s.renew;
    out.number(renew.length);
    for (let k = 0; k < renew.length; k++) out.string(renew[k]!);
    const v = s.vector;
    if (!v) {
      out.number(0);
      continue;
    }
    keys.push(v.key);
    out.number(keys.length);
    if (v.snapshot && readFirst) (reads ??= []).push(v.key);
    out.number(v.clear ? 1 : 0).number(Math.ceil(v.ttlMs * VECTOR_EXPIRY_SLACK)).number(v.snapshot && !readFirst ? 1 : 0);
    out.number(v.carried.length + v.ops.length > 0 ? args.add(encodeOps(v.carried, v.ops)) : 0);
    if (v.compact) out.bytes(v.compact.header).number(v.compact.logBytes).number(args.add(v.compact.base));
    else out.bytes(EMPTY).number(0).number(0);
  }
  const call: { keys: string[]; arg: Buffer; reads?: string[]; writes?: string[] } = { keys, arg: out.done() };
  if (reads) call.reads = reads;
  if (writes) call.writes = writes;
  return call;
}

/**
 * Reads the script's answer for the sections it was sent with. The vectors asked for come as read
 * (`raws`, per section key); the store turns them into snapshots.
 */
export function decodeRowReply(reply: unknown, sections: readonly RowSection[], raws?: Map<string, Buffer>): RowReply {
  const numbers = Array.isArray(reply) ? asBuffer(reply[0]) : undefined;
  if (!numbers || numbers.length < 24 || numbers.length % 8 !== 0) throw new StoreError('Redis answered the row script with an unexpected reply.');
  const now = numbers.readDoubleLE(0);
  const status = ROW_STATUS[numbers.readDoubleLE(8)];
  if (status === undefined) throw new StoreError('Redis answered the row script with an unexpected reply.');
  if (status === 'late') throw new StoreError('Redis ran the call after its deadline: it changed nothing.');
  const rest = reply as unknown[];
  const flag = rest[1] == null ? null : String(rest[1]);
  const grant = numbers.readDoubleLE(16);
  const takes = new Map<string, TakeAnswer[]>();
  const held: string[] = [];
  const delegated: string[] = [];
  if (status === 'ok') delegation(sections, held, delegated);
  let at = 24;
  if (status !== 'none' && status !== 'cancelled') {
    for (const s of sections) {
      if (s.take.length === 0) continue;
      if (at + 24 * s.take.length > numbers.length) throw new StoreError('Redis answered the row script with an unexpected reply.');
      const answers: TakeAnswer[] = [];
      for (let i = 0; i < s.take.length; i++, at += 24) answers.push({ consumed: numbers.readDoubleLE(at), windowEnd: numbers.readDoubleLE(at + 8), refused: numbers.readDoubleLE(at + 16) === 1 });
      takes.set(s.key, answers);
    }
  }
  if (raws) {
    let next = 2;
    for (const s of sections) {
      if (!s.vector?.snapshot) continue;
      raws.set(s.key, asBuffer(rest[next++]) ?? Buffer.alloc(0));
    }
  }
  return { now, status, flag, grant, takes, snapshots: new Map(), held, delegated };
}

/** Redis's time (ms) in one call's part of the script's reply, for the store's clock; NaN when it has none. */
/**
 * A call's part when its batch's script failed partway: Redis keeps what a script wrote before an
 * error, and the script writes a call's vectors as it runs the call but its rows at its end. So
 * the vectors of the call's first `rows` rows (all of them for a call before the one that failed)
 * are written, and none of its rows is: what the call carried for those rows is sent again, their
 * vectors' ops not (an `add` sent twice counts twice).
 */
export class VectorsWritten {
  constructor(readonly rows: number) {}
}

/** Whether `part` (see {@link VectorsWritten}) says the vector of the call's row at `index` (from 0) was written. */
export function vectorWritten(part: unknown, index: number): boolean {
  return part instanceof VectorsWritten && index >= 0 && index < part.rows;
}

/**
 * Whether a call's part of the script's reply says the script applied it (anything but a call
 * that landed after its deadline, which changes nothing). An unreadable part says no: what the
 * call carried is sent again, as before a reply could tell.
 */
export function callApplied(reply: unknown): boolean {
  if (reply instanceof VectorsWritten) return false;
  const numbers = Array.isArray(reply) ? asBuffer(reply[0]) : undefined;
  if (!numbers || numbers.length < 24) return false;
  const status = ROW_STATUS[numbers.readDoubleLE(8)];
  return status !== undefined && status !== 'late';
}

export function replyNow(reply: unknown): number {
  const numbers = Array.isArray(reply) ? asBuffer(reply[0]) : undefined;
  return numbers && numbers.length >= 8 ? numbers.readDoubleLE(0) : NaN;
}

function asBuffer(x: unknown): Buffer | undefined {
  if (Buffer.isBuffer(x)) return x;
  return typeof x === 'string' ? Buffer.from(x, 'latin1') : undefined;
}

/**
 * Where a reservation's hold lives, as the row script decides it: in the first row of the call
 * with takes (the home), and in every other row with a take that is not a request count; a row
 * whose takes are all request counts keeps none (a settlement with real usage leaves request
 * counts as they are, and the home's hold remembers them for a cancel). A busy per-address or
 * global row is then written once per request, not twice, and holds nothing.
 */
export function delegation(sections: readonly RowSection[], held: string[], delegated: string[]): void {
  let home = true;
  for (const s of sections) {
    if (s.take.length === 0) continue;
    if (!home && s.take.every((t) => t.kind === KIND_CODE.requests)) delegated.push(s.key);
    else held.push(s.key);
    home = false;
  }
}

function finite(x: number | undefined): number {
  return x !== undefined && Number.isFinite(x) ? x : 0;
}

// Not frozen: a frozen array has elements of another kind, which made the loops over a
// section's lists polymorphic (an iterator result per take, about 600 bytes a request).
const NONE: readonly never[] = [];

/** A new, empty section for `key` (its empty lists shared: a section's lists are replaced, never added to). */
export function rowSection(key: string): RowSection {
  return { key, take: NONE, settle: NONE, renew: NONE };
}

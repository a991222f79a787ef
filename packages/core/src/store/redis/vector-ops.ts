import { VECTOR_HEADER_BYTES, VECTOR_OP } from './row-script.js';

/**
 * Changes to a vector of doubles, recorded as flat `[code, index, value, ...]` triples: what the
 * row and vector scripts apply in Redis, and what {@link applyVectorOps} applies to a local copy
 * with the same arithmetic (doubles, 32-bit words for bits), so both end with the same numbers.
 *
 * @example
 * ```ts
 * const ops = new VectorOps();
 * ops.add(0, 1);           // requests seen
 * ops.setBit(40, 7);       // bit 7 of word 40
 * applyVectorOps(view, ops.list);
 * ```
 */
export class VectorOps {
  readonly list: number[] = [];

  add(index: number, by: number): void {
    if (by !== 0 && Number.isFinite(by)) this.list.push(VECTOR_OP.add, index, by);
  }

  set(index: number, value: number): void {
    this.list.push(VECTOR_OP.set, index, Number.isFinite(value) ? value : 0);
  }

  /** Sets bit `bit` (0-31) of the 32-bit word stored at `index`. */
  setBit(index: number, bit: number): void {
    this.list.push(VECTOR_OP.setBit, index, bit & 31);
  }

  max(index: number, value: number): void {
    if (Number.isFinite(value)) this.list.push(VECTOR_OP.max, index, value);
  }

  /** Starts period `period` at `index` (zeroing the counter at `index + 1`) unless it is the current one. */
  roll(index: number, period: number): void {
    this.list.push(VECTOR_OP.roll, index, period);
  }

  get size(): number {
    return this.list.length / 3;
  }
}

/** Applies recorded ops to a local copy, exactly as the scripts do in Redis. */
export function applyVectorOps(view: Float64Array, ops: readonly number[]): void {
  for (let i = 0; i + 2 < ops.length; i += 3) applyOp(view, ops[i]!, ops[i + 1]!, ops[i + 2]!);
}

/** Bytes of one op in a vector key's log: code (uint8), index (uint16), value (double), little-endian. */
export const OP_BYTES = 11;

/** Ops as a vector key's log records them (see `row-script.ts`): `ops`, then `more` (without joining the two lists first). */
export function encodeOps(ops: readonly number[], more: readonly number[] = NO_OPS): Buffer {
  const out = Buffer.allocUnsafe(((ops.length + more.length) / 3) * OP_BYTES);
  const dv = new DataView(out.buffer, out.byteOffset, out.length);
  let at = 0;
  for (const list of [ops, more]) {
    for (let i = 0; i + 2 < list.length; i += 3) {
      const index = list[i + 1]!;
      if (index < 0 || index > 0xffff) continue;
      out[at] = list[i]!;
      dv.setUint16(at + 1, index, true);
      dv.setFloat64(at + 3, list[i + 2]!, true);
      at += OP_BYTES;
    }
  }
  return at === out.length ? out : out.subarray(0, at);
}

const NO_OPS: readonly number[] = [];

/** Applies a log of ops (bytes `from` to `to` of `log`) to a local copy. */
export function applyOpLog(view: Float64Array, log: Buffer, from = 0, to = log.length): void {
  // A DataView reads unaligned little-endian numbers about twice as fast as Buffer's readers.
  const dv = new DataView(log.buffer, log.byteOffset, log.length);
  for (let at = from; at + OP_BYTES <= to; at += OP_BYTES) applyOp(view, log[at]!, dv.getUint16(at + 1, true), dv.getFloat64(at + 3, true));
}

/** A vector key as read: the vector it holds, and what a compaction of it needs. */
export interface VectorRead {
  view: Float64Array;
  /** The key's header (generation, expiry set at, base size), or `undefined` for a key that does not exist or is not a vector of this size. */
  header: Buffer | undefined;
  /** Bytes of log after the base. */
  logBytes: number;
  /** When the key's expiry was last set (Redis time, seconds). */
  setAtSeconds: number;
}

/**
 * Reads a vector key (header, base, log of ops; see `row-script.ts`): the base, or zeros, with
 * the log applied. A key of another shape counts as absent.
 */
export function readVectorKey(raw: Buffer | null | undefined, size: number): VectorRead {
  const view = new Float64Array(size);
  if (!raw || raw.length < VECTOR_HEADER_BYTES) return { view, header: undefined, logBytes: 0, setAtSeconds: 0 };
  const base = raw.readUInt32LE(8);
  if ((base !== 0 && base !== size * 8) || raw.length < VECTOR_HEADER_BYTES + base) return { view, header: undefined, logBytes: 0, setAtSeconds: 0 };
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.length);
  for (let i = 0, at = VECTOR_HEADER_BYTES; i < base / 8; i++, at += 8) view[i] = dv.getFloat64(at, true);
  const from = VECTOR_HEADER_BYTES + base;
  const logBytes = raw.length - from - ((raw.length - from) % OP_BYTES);
  applyOpLog(view, raw, from, from + logBytes);
  return { view, header: Buffer.from(raw.subarray(0, VECTOR_HEADER_BYTES)), logBytes, setAtSeconds: raw.readUInt32LE(4) };
}

/** A vector packed as a vector key's base (little-endian doubles). */
export function packVector(view: Float64Array): Buffer {
  const out = Buffer.allocUnsafe(view.length * 8);
  const dv = new DataView(out.buffer, out.byteOffset, out.length);
  for (let i = 0; i < view.length; i++) dv.setFloat64(i * 8, view[i]!, true);
  return out;
}

function applyOp(view: Float64Array, code: number, at: number, x: number): void {
  const n = view.length;
  if (at < 0 || at >= n) return;
  switch (code) {
      case VECTOR_OP.add:
        view[at] = view[at]! + x;
        break;
      case VECTOR_OP.set:
        view[at] = x;
        break;
      case VECTOR_OP.setBit:
        view[at] = (view[at]! | 0) | (1 << x);
        break;
      case VECTOR_OP.max:
        if (x > view[at]!) view[at] = x;
        break;
      case VECTOR_OP.roll:
        if (view[at] !== x) {
          view[at] = x;
          if (at + 1 < n) view[at + 1] = 0;
        }
        break;
  }
}

/** A packed vector (little-endian doubles, as the scripts write them), or zeros when absent or of another size. */
export function decodeVector(raw: Buffer | string | null | undefined, size: number): Float64Array {
  const view = new Float64Array(size);
  if (!raw || typeof raw === 'string' || raw.length < size * 8) return view;
  for (let i = 0; i < size; i++) view[i] = raw.readDoubleLE(i * 8);
  return view;
}

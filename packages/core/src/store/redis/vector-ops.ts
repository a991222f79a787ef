import { VECTOR_OP } from './row-script.js';

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
  const n = view.length;
  for (let i = 0; i + 2 < ops.length; i += 3) {
    const at = ops[i + 1]!;
    const x = ops[i + 2]!;
    if (at < 0 || at >= n) continue;
    switch (ops[i]) {
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
}

/** A packed vector (little-endian doubles, as the scripts write them), or zeros when absent or of another size. */
export function decodeVector(raw: Buffer | string | null | undefined, size: number): Float64Array {
  const view = new Float64Array(size);
  if (!raw || typeof raw === 'string' || raw.length < size * 8) return view;
  for (let i = 0; i < size; i++) view[i] = raw.readDoubleLE(i * 8);
  return view;
}

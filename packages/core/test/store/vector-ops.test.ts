import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/detector/shared-vectors.js';
import { applyVectorOps, encodeOps, OP_BYTES, packVector, readVectorKey, VectorOps } from '../../src/store/redis/vector-ops.js';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = Math.imul(s ^ (s >>> 15), 2246822519) + 1) >>> 0) / 2 ** 32;
}

function randomOps(next: () => number, count: number, size: number): VectorOps {
  const ops = new VectorOps();
  for (let i = 0; i < count; i++) {
    const at = Math.floor(next() * size);
    const kind = next();
    if (kind < 0.6) ops.add(at, Math.round(next() * 8) - 2);
    else if (kind < 0.7) ops.set(at, Math.round(next() * 100));
    else if (kind < 0.8) ops.max(at, Math.round(next() * 100));
    else if (kind < 0.9) ops.setBit(at, Math.floor(next() * 32));
    else ops.roll(at, Math.floor(next() * 3));
  }
  return ops;
}

describe('vector ops', () => {
  it('coalesces a flush of changes into fewer ops with the same result', () => {
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const ops = randomOps(next, 1 + Math.floor(next() * 300), 17);
      const start = Float64Array.from({ length: 17 }, () => Math.round(next() * 50));
      const [plain, folded] = [Float64Array.from(start), Float64Array.from(start)];
      applyVectorOps(plain, ops.list);
      const fewer = coalesce(ops.list);
      applyVectorOps(folded, fewer);
      expect(Array.from(folded)).toEqual(Array.from(plain));
      expect(fewer.length).toBeLessThanOrEqual(ops.list.length);
    }
    // A group's counts from many requests: one op per field.
    const counts = new VectorOps();
    for (let i = 0; i < 100; i++) for (let f = 0; f < 4; f++) counts.add(f, 1);
    expect(coalesce(counts.list)).toEqual([1, 0, 100, 1, 1, 100, 1, 2, 100, 1, 3, 100]);
  });

  it('reads a vector key (header, base, log) as the ops applied in order', () => {
    const next = random(11);
    const size = 30;
    const expected = new Float64Array(size);
    const first = randomOps(next, 50, size);
    applyVectorOps(expected, first.list);
    const header = Buffer.alloc(12);
    header.writeUInt32LE(3, 0);
    header.writeUInt32LE(1_800_000_000, 4);
    header.writeUInt32LE(size * 8, 8);
    const later = randomOps(next, 40, size);
    const log = encodeOps(later.list);
    expect(log.length).toBe(later.size * OP_BYTES);
    applyVectorOps(expected, later.list);
    // A partial op at the end (an APPEND read half-way is impossible, but a torn key must not throw) is left out.
    const raw = Buffer.concat([header, packVector(readVectorKey(Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), encodeOps(first.list)]), size).view), log, Buffer.from([1, 2, 3])]);
    const read = readVectorKey(raw, size);
    expect(Array.from(read.view)).toEqual(Array.from(expected));
    expect(read.logBytes).toBe(log.length);
    expect(read.setAtSeconds).toBe(1_800_000_000);
    // A key of another shape counts as absent.
    const other = Buffer.from(raw);
    other.writeUInt32LE(8, 8);
    expect(readVectorKey(other, size).header).toBeUndefined();
    expect(readVectorKey(null, size).header).toBeUndefined();
  });
});

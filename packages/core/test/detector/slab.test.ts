import { describe, expect, it } from 'vitest';
import { RowSlab } from '../../src/detector/slab.js';

describe('RowSlab', () => {
  it('hands out zeroed rows of its width that never overlap, across chunks', () => {
    const slab = new RowSlab(5, 4);
    const rows = Array.from({ length: 10 }, () => slab.next());
    for (const row of rows) {
      expect(row.length).toBe(5);
      expect([...row]).toEqual([0, 0, 0, 0, 0]);
    }
    rows.forEach((row, i) => row.fill(i + 1));
    rows.forEach((row, i) => expect([...row]).toEqual([i + 1, i + 1, i + 1, i + 1, i + 1]));
    // Rows of one chunk share its buffer; the fifth row starts a new one.
    expect(rows[1]!.buffer).toBe(rows[0]!.buffer);
    expect(rows[4]!.buffer).not.toBe(rows[0]!.buffer);
  });
});

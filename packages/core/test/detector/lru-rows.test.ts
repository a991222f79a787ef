import { describe, expect, it } from 'vitest';
import { LruRows } from '../../src/detector/lru-rows.js';

function keys(rows: LruRows<string>): string[] {
  const out: string[] = [];
  for (let s = rows.oldest; s !== -1; s = rows.after(s)) out.push(rows.keyAt(s));
  return out;
}

describe('LruRows', () => {
  it('keeps rows oldest first: a touch moves one to the young end, a get does not', () => {
    const rows = new LruRows<string>();
    for (const k of ['a', 'b', 'c', 'd']) rows.add(k, Float64Array.of(k.charCodeAt(0)));
    expect(rows.touch('b')?.[0]).toBe(98);
    expect(rows.get('a')?.[0]).toBe(97);
    expect(keys(rows)).toEqual(['a', 'c', 'd', 'b']);
    expect(rows.touch('zz')).toBeUndefined();
  });

  it('reuses a dropped row and its slot for the next key', () => {
    const rows = new LruRows<string>();
    for (let i = 0; i < 100; i++) rows.add(`k${i}`, new Float64Array(1));
    const oldest = rows.oldest;
    const row = rows.dropSlot(oldest);
    rows.delete('k50');
    expect(rows.size).toBe(98);
    expect(rows.get('k0')).toBeUndefined();
    rows.add('new', row);
    expect(rows.get('new')).toBe(row);
    expect(keys(rows).slice(-2)).toEqual(['k99', 'new']);
    expect(keys(rows)).not.toContain('k50');
  });
});

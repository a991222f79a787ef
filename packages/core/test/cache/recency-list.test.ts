import { describe, expect, it } from 'vitest';
import { RecencyList } from '../../src/cache/recency-list.js';

function walk(list: RecencyList): number[] {
  const out: number[] = [];
  for (let s = list.oldest; s !== -1; s = list.after(s)) out.push(s);
  return out;
}

describe('RecencyList', () => {
  it('keeps slots oldest first, a moved slot at the young end', () => {
    const list = new RecencyList();
    list.grow(8);
    for (const s of [4, 1, 6, 2]) list.append(s);
    expect(walk(list)).toEqual([4, 1, 6, 2]);
    list.moveToYoung(4);
    list.moveToYoung(6);
    list.moveToYoung(6);
    expect(walk(list)).toEqual([1, 2, 4, 6]);
    list.remove(1);
    list.remove(6);
    expect(walk(list)).toEqual([2, 4]);
    list.remove(2);
    list.remove(4);
    expect(list.oldest).toBe(-1);
    list.append(3);
    expect(walk(list)).toEqual([3]);
  });

  it('keeps its order when it grows', () => {
    const list = new RecencyList();
    list.grow(2);
    list.append(1);
    list.append(0);
    list.grow(100);
    list.append(99);
    list.moveToYoung(1);
    expect(walk(list)).toEqual([0, 99, 1]);
  });
});

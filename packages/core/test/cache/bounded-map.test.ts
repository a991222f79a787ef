import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/cache/index.js';

describe('BoundedMap', () => {
  it('drops the oldest entries past its size, keeps a replaced key in its place, and stays bounded', () => {
    const m = new BoundedMap<number>(10, (key) => key.length);
    m.set('aaaa', 1);
    m.set('bbbb', 2);
    m.set('aaaa', 3); // replaced in place: still the oldest
    expect(m.get('aaaa')).toBe(3);
    m.set('cccc', 4); // 12 > 10: the oldest goes
    expect(m.get('aaaa')).toBeUndefined();
    expect([m.get('bbbb'), m.get('cccc')]).toEqual([2, 4]);
    for (let i = 0; i < 10_000; i++) m.set(`k${i % 3000}`.padEnd(5, '_'), i);
    expect(m.count).toBe(2);
    m.clear();
    expect(m.count).toBe(0);
    expect(m.get('k2999')).toBeUndefined();
  });

  it('counts a value by the size it reports', () => {
    const m = new BoundedMap<{ chars: number }>(100, (_key, v) => v.chars);
    m.set('x', { chars: 60 });
    m.set('y', { chars: 30 });
    m.set('x', { chars: 10 }); // x shrinks: nothing is evicted
    m.set('z', { chars: 50 });
    expect([m.get('x')?.chars, m.get('y')?.chars, m.get('z')?.chars]).toEqual([10, 30, 50]);
    m.set('w', { chars: 20 }); // 110: x (oldest) goes
    expect(m.get('x')).toBeUndefined();
    expect(m.count).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { SeenOnce } from '../../src/fingerprint/seen-once.js';

describe('SeenOnce', () => {
  it('says a key was seen from its second sighting on', () => {
    const door = new SeenOnce(1 << 10);
    const key = 0x1234567 * 0x800000 + 0x54321;
    expect(door.seen(key)).toBe(false);
    expect(door.seen(key)).toBe(true);
    expect(door.seen(key)).toBe(true);
    expect(door.seen(key + 1)).toBe(false);
  });

  it('never takes a new key for a seen one, over many keys in a small table', () => {
    const door = new SeenOnce(1 << 8);
    let falseSeen = 0;
    for (let i = 1; i <= 100_000; i++) if (door.seen(i * 0x9e3779b1 + 0x100000000 * (i % 977))) falseSeen++;
    expect(falseSeen).toBe(0);
  });

  it('wants a power of two', () => {
    expect(() => new SeenOnce(1000)).toThrow(RangeError);
  });
});

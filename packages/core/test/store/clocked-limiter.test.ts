import { RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/index.js';
import { clockedRateLimiterMemory, CounterTable, immediateLimiter } from '../../src/store/clocked-limiter.js';

describe('immediate calls on a clocked memory limiter', () => {
  it('answer exactly as rate-limiter-flexible does through its Promise API', async () => {
    const clock = manualClock(1_000_000);
    const viaPromise = clockedRateLimiterMemory({ points: 10, duration: 60, keyPrefix: 'a' }, clock);
    const viaNow = immediateLimiter(clockedRateLimiterMemory({ points: 10, duration: 60, keyPrefix: 'b' }, clock))!;
    const steps: Array<['consume' | 'reward' | 'penalty', number, number]> = [
      ['consume', 3, 0], ['consume', 4, 5_000], ['consume', 4, 1_000], ['reward', 2, 0], ['consume', 1, 0],
      ['penalty', 5, 10_000], ['consume', 1, 0], ['consume', 2, 60_000], ['consume', 9, 500], ['consume', 1, 0],
    ];
    for (const [op, points, advance] of steps) {
      clock.advance(advance);
      if (op === 'consume') {
        const expected = await viaPromise.consume('k', points).then(
          (res) => ({ res, ok: true }),
          (res: RateLimiterRes) => ({ res, ok: false }),
        );
        const row = viaNow.row('k', clock.now());
        const consumed = viaNow.add(row, points, clock.now());
        expect(consumed <= viaNow.points).toBe(expected.ok);
        expect(consumed).toBe(expected.res.consumedPoints);
        expect(viaNow.msBeforeNext(row, clock.now())).toBe(expected.res.msBeforeNext);
      } else {
        await (op === 'reward' ? viaPromise.reward('k', points) : viaPromise.penalty('k', points));
        viaNow.add(viaNow.row('k', clock.now()), op === 'reward' ? -points : points, clock.now());
      }
    }
  });

  it('share one counter per key with the Promise API of the same limiter', async () => {
    const clock = manualClock(5_000);
    const limiter = clockedRateLimiterMemory({ points: 10, duration: 60, keyPrefix: 'dg:rl:requests-1m' }, clock);
    const now = immediateLimiter(limiter)!;
    await limiter.consume('{alice}', 3);
    expect(now.add(now.row('{alice}', clock.now()), 2, clock.now())).toBe(5);
    await limiter.reward('{alice}', 1);
    expect((await limiter.get('{alice}'))?.consumedPoints).toBe(4);
    expect(now.add(now.row('{bob}', clock.now()), 1, clock.now())).toBe(1);
    clock.advance(60_000);
    expect(await limiter.get('{alice}')).toBeNull();
    expect(now.add(now.row('{alice}', clock.now()), 1, clock.now())).toBe(1);
  });

  it('apply only to clocked limiters without block duration or even spreading', () => {
    const clock = manualClock();
    expect(immediateLimiter(clockedRateLimiterMemory({ points: 1, duration: 1 }, clock))).toBeDefined();
    expect(immediateLimiter(clockedRateLimiterMemory({ points: 1, duration: 1, blockDuration: 10 }, clock))).toBeUndefined();
    expect(immediateLimiter(clockedRateLimiterMemory({ points: 1, duration: 1, execEvenly: true }, clock))).toBeUndefined();
    expect(immediateLimiter({})).toBeUndefined();
  });

  it('keep the counters of limiters sharing a table apart, and sweep a row only when all its windows ended', async () => {
    const clock = manualClock(0);
    const table = new CounterTable(clock);
    const minute = clockedRateLimiterMemory({ points: 5, duration: 60, keyPrefix: 'dg:rl:requests-1m' }, table);
    const day = clockedRateLimiterMemory({ points: 100, duration: 86_400, keyPrefix: 'dg:rl:cost-1d' }, table);
    const m = immediateLimiter(minute)!;
    const d = immediateLimiter(day)!;
    const row = m.row('{alice}', clock.now());
    expect(m.add(row, 1, clock.now())).toBe(1);
    expect(d.add(row, 40, clock.now())).toBe(40);
    expect((await minute.get('{alice}'))?.consumedPoints).toBe(1);
    expect((await day.get('{alice}'))?.consumedPoints).toBe(40);
    m.add(m.row('{bob}', clock.now()), 1, clock.now());
    expect(table.size).toBe(2);
    // Past the minute: bob's only window ended and his row goes; alice's day window keeps hers.
    clock.advance(61_000);
    m.row('{carol}', clock.now());
    expect(table.size).toBe(2);
    expect(await minute.get('{bob}')).toBeNull();
    expect(await minute.get('{alice}')).toBeNull();
    expect((await day.get('{alice}'))?.consumedPoints).toBe(40);
  });

  it('dump and restore through rate-limiter-flexible under the full keys', async () => {
    const clock = manualClock(Date.now());
    const from = clockedRateLimiterMemory({ points: 10, duration: 600, keyPrefix: 'dg:rl:r' }, clock);
    await from.consume('{alice}', 3);
    const dumped = from.dump();
    expect(dumped.storage).toEqual([{ key: '{alice}', value: 3, expiresAt: clock.now() + 600_000 }]);
    const to = clockedRateLimiterMemory({ points: 10, duration: 600, keyPrefix: 'dg:rl:r' }, clock);
    expect(to.restore(dumped)).toEqual({ invalid: 0, expired: 0, restored: 1 });
    expect((await to.get('{alice}'))?.consumedPoints).toBe(3);
  });

  it('give a limiter created after a row exists its own counter in that row', async () => {
    const clock = manualClock(0);
    const table = new CounterTable(clock);
    const first = immediateLimiter(clockedRateLimiterMemory({ points: 5, duration: 60, keyPrefix: 'a' }, table))!;
    const row = first.row('{alice}', clock.now());
    expect(first.add(row, 2, clock.now())).toBe(2);
    const later = clockedRateLimiterMemory({ points: 5, duration: 60, keyPrefix: 'b' }, table);
    expect(await later.get('{alice}')).toBeNull();
    await later.consume('{alice}', 3);
    expect((await later.get('{alice}'))?.consumedPoints).toBe(3);
    expect(first.add(first.row('{alice}', clock.now()), 1, clock.now())).toBe(3);
  });

  it('keep a window of duration 0 forever, through sweeps, delete, dump and restore', async () => {
    const clock = manualClock(0);
    const table = new CounterTable(clock);
    const minute = clockedRateLimiterMemory({ points: 5, duration: 60, keyPrefix: 'm' }, table);
    const forever = clockedRateLimiterMemory({ points: 5, duration: 0, keyPrefix: 'f' }, table);
    await forever.consume('{alice}', 2);
    await minute.consume('{bob}', 1);
    clock.advance(10 * 86_400_000);
    await minute.consume('{carol}', 1); // a sweep runs
    expect(table.size).toBe(2);
    const f = immediateLimiter(forever)!;
    expect(f.msBeforeNext(f.row('{alice}', clock.now()), clock.now())).toBe(-1);
    expect(forever.dump().storage).toEqual([{ key: '{alice}', value: 2, expiresAt: null }]);
    const copy = clockedRateLimiterMemory({ points: 5, duration: 0, keyPrefix: 'f' }, clock);
    copy.restore(forever.dump());
    expect((await copy.get('{alice}'))?.consumedPoints).toBe(2);
    expect(await forever.delete('{alice}')).toBe(true);
    expect(await forever.delete('{alice}')).toBe(false);
    expect(await forever.get('{alice}')).toBeNull();
  });
});

import { RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/index.js';
import { adjustNow, clockedRateLimiterMemory, consumeNow, isClockedMemoryLimiter } from '../../src/store/clocked-limiter.js';

describe('synchronous calls on a clocked memory limiter', () => {
  it('answer exactly as rate-limiter-flexible does through its Promise API', async () => {
    const clock = manualClock(1_000_000);
    const viaPromise = clockedRateLimiterMemory({ points: 10, duration: 60, keyPrefix: 'a' }, clock);
    const viaNow = clockedRateLimiterMemory({ points: 10, duration: 60, keyPrefix: 'b' }, clock);
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
        const got = consumeNow(viaNow, 'k', points);
        expect(got.ok).toBe(expected.ok);
        expect({ ...got.res }).toEqual({ ...expected.res });
      } else {
        await (op === 'reward' ? viaPromise.reward('k', points) : viaPromise.penalty('k', points));
        adjustNow(viaNow, 'k', op === 'reward' ? -points : points);
      }
    }
  });

  it('apply only to clocked limiters without block duration or even spreading', () => {
    const clock = manualClock();
    expect(isClockedMemoryLimiter(clockedRateLimiterMemory({ points: 1, duration: 1 }, clock))).toBe(true);
    expect(isClockedMemoryLimiter(clockedRateLimiterMemory({ points: 1, duration: 1, blockDuration: 10 }, clock))).toBe(false);
    expect(isClockedMemoryLimiter(clockedRateLimiterMemory({ points: 1, duration: 1, execEvenly: true }, clock))).toBe(false);
    expect(isClockedMemoryLimiter({})).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { Limits, manualClock, memoryStore, parseLimitsOptions, type Demand, type Identity, type Reservation } from '../../src/internal.js';

const demand = (maxTokens: number, inputTokens = 100): Demand => ({ inputTokens, maxTokens, inputCostUsd: inputTokens * 1e-6, outputTokenUsd: 5e-6 });

function setup(limits: unknown) {
  const specs = parseLimitsOptions(limits);
  const clock = manualClock(0);
  const limitsOf = new Limits(specs, memoryStore({ clock }), clock);
  const identity: Identity = { id: 'alice', source: 'user', ip: '203.0.113.5', network: '203.0.113.0/24' };
  const reserve = (d: Demand, now: number) => {
    clock.set(now);
    return limitsOf.reserve(identity, d, `req_${now}`) as Reservation;
  };
  const counters = {
    settle(r: Reservation, actual: Parameters<Limits['reconcile']>[1] | undefined, now: number) {
      clock.set(now);
      if (actual) limitsOf.reconcile(r, actual);
      else limitsOf.release(r);
    },
  };
  return { specs, counters, reserve };
}

const ONLY = { requests: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } as const;

describe('limits on the memory store', () => {
  it('count in fixed windows on the clock they are given, never Date.now()', () => {
    const { reserve } = setup({ ...ONLY, requests: { limit: 2, window: '1m' } });
    const t0 = Date.UTC(2030, 0, 1);
    expect(reserve(demand(10), t0).exceeded).toBeUndefined();
    expect(reserve(demand(10), t0 + 1_000).exceeded).toBeUndefined();
    expect(reserve(demand(10), t0 + 2_000).exceeded?.reason).toBe('rate-limit');
    // The window started at the first request and ends a minute later.
    expect(reserve(demand(10), t0 + 59_999).exceeded?.reason).toBe('rate-limit');
    expect(reserve(demand(10), t0 + 60_000).exceeded).toBeUndefined();
  });

  it('reserve all or nothing: a refusal by one limit takes nothing from the others', () => {
    const { reserve, specs } = setup({ ...ONLY, requests: { limit: 100, window: '1m' }, outputTokens: { limit: 1000, window: '1d' } });
    const t0 = 1_000_000;
    reserve(demand(1000, 0), t0);
    const refused = reserve(demand(1000, 0), t0 + 1);
    expect(refused.exceeded?.reason).toBe('output-budget');
    const requests = specs.findIndex((s) => s.kind === 'requests');
    expect(refused.points(requests)).toBe(0);
    // The request count the refused request did not take is still there for the next one.
    expect(refused.remaining(requests)).toBe(99);
  });

  it('lower max_tokens to what a nearly spent budget still covers, and refuse below a useful reply', () => {
    const { reserve } = setup({ ...ONLY, outputTokens: { limit: 1000, window: '1d' } });
    const t0 = 5_000_000;
    expect(reserve(demand(900, 0), t0).maxTokens).toBeUndefined();
    const shortened = reserve(demand(900, 0), t0 + 1);
    expect(shortened.exceeded).toBeUndefined();
    expect(shortened.maxTokens).toBe(100);
    const none = reserve(demand(900, 0), t0 + 2);
    expect(none.exceeded?.reason).toBe('output-budget');
  });

  it('settle with real usage, refund only within the window, and hand everything back on a release', () => {
    const { reserve, counters, specs } = setup({ ...ONLY, requests: { limit: 5, window: '1m' }, tokens: { limit: 10_000, window: '1h' }, concurrency: 1 });
    const t0 = 9_000_000;
    const tokens = specs.findIndex((s) => s.kind === 'tokens');
    const first = reserve(demand(1000, 100), t0);
    expect(first.remaining(tokens)).toBe(10_000 - 1100);
    // The concurrency slot is taken until the first request is settled.
    expect(reserve(demand(10), t0 + 1).exceeded?.reason).toBe('concurrency');
    counters.settle(first, { tokens: 300, costUsd: 0, outputTokens: 200 }, t0 + 2);
    const second = reserve(demand(1000, 100), t0 + 3);
    expect(second.remaining(tokens)).toBe(10_000 - 300 - 1100);
    counters.settle(second, undefined, t0 + 3);
    const third = reserve(demand(1000, 100), t0 + 4);
    expect(third.remaining(tokens)).toBe(10_000 - 300 - 1100);
  });
});

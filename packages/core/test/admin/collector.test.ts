import { describe, expect, it } from 'vitest';
import { AdminCollector, createGuard, manualClock, type Decision, type Guard, type Identity, type Signal } from '../../src/internal.js';
import { chatRequest } from '../helpers.js';

const T0 = Date.parse('2026-11-02T09:00:00Z');
const onlyRequests = (limit: number) => ({ requests: { limit, window: '1m' as const }, tokens: false as const, costUsd: false as const, outputTokens: false as const, concurrency: false as const, perIp: false as const });

function decision(id: string, over: Partial<Decision> & { time: number }): Decision {
  const identity: Identity = { id, source: 'user', ip: '203.0.113.9', network: '203.0.113.0/24' };
  const { time, ...rest } = over;
  return {
    id: `req_${Math.random().toString(36).slice(2)}`,
    conclusion: 'allow',
    allowed: true,
    status: 200,
    message: 'OK',
    identity,
    score: 0,
    verdict: 'allow',
    signals: [],
    headers: {},
    actions: {},
    limits: [],
    monitor: false,
    timestamp: time,
    ...rest,
  };
}

/** A stand-in for a guard's event API that the test drives by hand. */
function fakeGuard() {
  const listeners = new Map<string, Set<(e: unknown) => void>>();
  return {
    on(event: string, fn: (e: unknown) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(fn);
      return () => listeners.get(event)!.delete(fn);
    },
    emit(event: string, payload: unknown) {
      for (const fn of listeners.get(event) ?? []) fn(payload);
    },
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

const request = { ip: '203.0.113.9', method: 'POST', path: '/api/chat', headers: {} };

describe('AdminCollector', () => {
  it('keeps a bounded ring of recent decisions, newest first, and filters them', () => {
    const clock = manualClock(T0);
    const c = new AdminCollector({ recentDecisions: 5 }, clock);
    for (let i = 0; i < 8; i++) c.onDecision({ decision: decision(`u${i % 2}`, { time: T0 + i, ...(i === 7 && { conclusion: 'throttle', allowed: false, status: 429, reason: 'rate-limit' }) }), request });
    const recent = c.recent(10);
    expect(recent).toHaveLength(5);
    expect(recent.map((d) => d.time)).toEqual([T0 + 7, T0 + 6, T0 + 5, T0 + 4, T0 + 3]);
    expect(recent[0]).toMatchObject({ identity: 'u1', conclusion: 'throttle', class: 'throttled', reason: 'rate-limit', method: 'POST', path: '/api/chat' });
    expect(c.recent(10, { identity: 'u0' }).every((d) => d.identity === 'u0')).toBe(true);
    expect(c.recent(10, { class: 'throttled' })).toHaveLength(1);
    expect(c.stats()).toMatchObject({ decisions: 8, allowed: 7, throttled: 1, blocked: 0 });
  });

  it('counts allowed, throttled and blocked per time bucket, zero-filled, within the kept span', () => {
    const clock = manualClock(T0);
    const c = new AdminCollector({ bucketSeconds: 10, buckets: 6 }, clock);
    const at = (ms: number, over: Partial<Decision> = {}) => c.onDecision({ decision: decision('u', { time: T0 + ms, ...over }), request });
    at(0);
    at(1000);
    at(2000, { conclusion: 'throttle', allowed: false, status: 429 });
    at(15_000, { conclusion: 'deny', allowed: false, status: 403, reason: 'flagged' });
    at(16_000, { conclusion: 'error', allowed: true, status: 200 });
    at(17_000, { conclusion: 'error', allowed: false, status: 503 });
    clock.set(T0 + 25_000);
    const s = c.series(30_000);
    expect(s.bucketMs).toBe(10_000);
    expect(s.points.map((p) => [p.time - T0, p.allowed, p.throttled, p.blocked, p.errors])).toEqual([
      [0, 2, 1, 0, 0],
      [10_000, 1, 0, 2, 2],
      [20_000, 0, 0, 0, 0],
    ]);
    // A minute later the first bucket's slot has been reused by the newest one.
    clock.set(T0 + 65_000);
    at(61_000);
    expect(c.series(60_000).points.map((p) => [p.time - T0, p.allowed + p.throttled + p.blocked])).toEqual([
      [10_000, 3],
      [20_000, 0],
      [30_000, 0],
      [40_000, 0],
      [50_000, 0],
      [60_000, 1],
    ]);
    // A late decision never overwrites a newer bucket.
    at(2_000);
    expect(c.series(60_000).points.at(-1)!.allowed).toBe(1);
  });

  it('tracks identities in a bounded LRU with reasons, score history, verdicts, flags and spend', () => {
    const clock = manualClock(T0);
    const c = new AdminCollector({ maxIdentities: 2, decisionsPerIdentity: 3, scorePointsPerIdentity: 4 }, clock);
    const signals: Signal[] = [{ name: 'template-reuse', value: 0.9, explanation: '90% of prompts share one template' }];
    for (let i = 0; i < 6; i++) {
      const score = 0.2 * i;
      c.onDecision({ decision: decision('harvester', { time: T0 + i * 1000, score, verdict: i >= 5 ? 'block' : 'allow', signals, ...(i >= 5 && { conclusion: 'deny', allowed: false, status: 403, reason: 'distillation' }) }), request });
    }
    const d = decision('harvester', { time: T0 + 5000, score: 1, verdict: 'block' });
    c.onVerdict({ identity: d.identity, verdict: 'block', previous: 'flag', score: 1, signals, decision: d });
    c.onOutcome({ decision: d, outcome: { status: 200, usage: { input_tokens: 10, output_tokens: 90 } }, costUsd: 0.01 });
    c.onFlag({ id: 'harvester', flagged: true, reason: 'distillation', by: 'detector' });

    const h = c.history('harvester')!;
    expect(h.summary).toMatchObject({ requests: 6, allowed: 5, blocked: 1, reasons: { distillation: 1 }, verdict: 'block', maxScore: 1, spendUsd: 0.01, inputTokens: 10, outputTokens: 90 });
    expect(h.summary.signals[0]!.explanation).toBe('90% of prompts share one template');
    expect(h.decisions).toHaveLength(3);
    expect(h.decisions[0]!.time).toBe(T0 + 5000);
    expect(h.scoreHistory).toHaveLength(4);
    expect(h.scoreHistory.at(-1)).toMatchObject({ score: 1, verdict: 'block' });
    expect(h.verdicts).toEqual([{ time: T0 + 5000, verdict: 'block', previous: 'flag', score: 1, requestId: d.id }]);
    expect(h.flags[0]).toMatchObject({ flagged: true, by: 'detector' });
    expect(c.top(1)[0]!.id).toBe('harvester');

    // Unflagging shows in the history and resets the score the dashboard ranks by.
    c.onFlag({ id: 'harvester', flagged: false, by: 'admin' });
    expect(c.history('harvester')!.summary.score).toBe(0);

    // The LRU keeps two identities: the least recently seen goes first.
    c.onDecision({ decision: decision('a', { time: T0 + 7000 }), request });
    c.onDecision({ decision: decision('b', { time: T0 + 8000 }), request });
    expect(c.history('harvester')).toBeUndefined();
    expect(c.stats().identities).toBe(2);
    expect(c.flagChanges().map((f) => f.flagged)).toEqual([false, true]);
  });

  it('ranks the top identities by score, then blocked, then throttled', () => {
    const c = new AdminCollector({}, manualClock(T0));
    c.onDecision({ decision: decision('calm', { time: T0 }), request });
    c.onDecision({ decision: decision('noisy', { time: T0, conclusion: 'throttle', allowed: false, status: 429, reason: 'rate-limit' }), request });
    c.onDecision({ decision: decision('blocked', { time: T0, conclusion: 'deny', allowed: false, status: 403, reason: 'flagged' }), request });
    c.onDecision({ decision: decision('suspect', { time: T0, score: 0.7, verdict: 'flag' }), request });
    expect(c.top(4).map((i) => i.id)).toEqual(['suspect', 'blocked', 'noisy', 'calm']);
  });

  it('follows several guards and detaches from all of them', () => {
    const a = fakeGuard();
    const b = fakeGuard();
    const c = new AdminCollector({}, manualClock(T0));
    c.attach(a as unknown as Guard);
    c.attach(b as unknown as Guard);
    a.emit('decision', { decision: decision('x', { time: T0 }), request });
    b.emit('decision', { decision: decision('y', { time: T0 }), request });
    b.emit('storeError', { error: new Error('down'), operation: 'check' });
    expect(c.stats()).toMatchObject({ decisions: 2, identities: 2, storeErrors: 1 });
    c.close();
    expect(a.count() + b.count()).toBe(0);
  });

  it('is fed by a real guard', async () => {
    const clock = manualClock(T0);
    const guard = createGuard({ clock, limits: onlyRequests(2), warnings: false });
    const c = new AdminCollector({}, clock);
    c.attach(guard);
    for (let i = 0; i < 3; i++) await guard.check(chatRequest({ user: 'u_real' }));
    await guard.flag('u_real', 'review');
    await guard.check(chatRequest({ user: 'u_real' }));
    const h = c.history('u_real')!;
    expect(h.summary).toMatchObject({ requests: 4, allowed: 2, throttled: 1, blocked: 1, reasons: { 'rate-limit': 1, flagged: 1 }, lastFlag: { flagged: true, by: 'api' } });
    expect(h.decisions[0]).toMatchObject({ conclusion: 'deny', reason: 'flagged', status: 403 });
    c.close();
    await guard.close();
  });
});

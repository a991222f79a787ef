import { afterEach, describe, expect, it } from 'vitest';
import { createGuard, manualClock, verifyAuditFiles, readAuditEvents } from '../../src/internal.js';
import { tempDir } from '../audit/helpers.js';

const SECRET = 'shutdown-test-secret-0123456789abcdef';
const body = { model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hello there, how are you?' }] };
const request = (i: number) => ({ ip: `203.0.113.${i % 200}`, method: 'POST', path: '/', headers: {}, user: `u_${i}`, body });

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

describe('a bounded, clean stop', () => {
  it('refuses new work with 503, waits for the requests being served, then flushes every event', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const path = `${dir}/audit.jsonl`;
    const guard = createGuard({ clock: manualClock(Date.UTC(2026, 11, 6)), warnings: false, shutdown: { signals: false, timeoutMs: 10_000 }, audit: { secret: SECRET, file: { path }, flushOnExit: false } });
    const served = await Promise.all([1, 2, 3].map((i) => guard.check(request(i))));
    expect(served.every((d) => d.allowed)).toBe(true);
    expect(guard.pending).toBe(3);
    let stopped = false;
    const stopping = guard.shutdown().then(() => (stopped = true));
    // New work is refused at once, with a retry hint for the load balancer.
    const refused = await guard.check(request(4));
    expect(refused).toMatchObject({ allowed: false, status: 503, conclusion: 'error', retryAfter: 1, error: { code: 'DG_SHUTTING_DOWN' } });
    expect(refused.headers['Retry-After']).toBe('1');
    // The served requests finish; only then does the stop complete.
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    for (const d of served) await guard.record(d, { status: 200, usage: { input_tokens: 12, output_tokens: 30 } });
    await stopping;
    expect(stopped).toBe(true);
    const result = await verifyAuditFiles([path], SECRET);
    expect(result.ok).toBe(true);
    const events = [];
    for await (const e of readAuditEvents([path])) events.push(e);
    const decisions = events.filter((e) => e.type === 'decision').map((e) => (e as { requestId: string }).requestId);
    for (const d of [...served, refused]) expect(decisions).toContain(d.id);
    expect(events.filter((e) => e.type === 'outcome')).toHaveLength(3);
  });

  it('does not wait past its deadline for a request that is never recorded', async () => {
    const guard = createGuard({ warnings: false, shutdown: { signals: false, timeoutMs: 100 } });
    await guard.check(request(1));
    const started = Date.now();
    await guard.shutdown();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

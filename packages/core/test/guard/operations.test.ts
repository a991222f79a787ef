import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGuardMetrics, metricsHandler } from '@distill-guard/core/metrics';
import { describe, expect, it } from 'vitest';
import { createGuard, verifyAuditFiles } from '../../src/internal.js';
import { chatRequest, memoryLogger } from '../helpers.js';

const SECRET = 'test-audit-secret-0123456789abcdef';

describe('guard operations wiring', () => {
  it('writes a verifiable audit trail of decisions, outcomes and flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dg-audit-'));
    const guard = createGuard({ audit: { file: { path: join(dir, 'audit.jsonl') }, secret: SECRET, flushOnExit: false }, logger: memoryLogger() });
    const served = await guard.check(chatRequest({ user: 'u_audit' }));
    await guard.record(served, { status: 200, usage: { input_tokens: 12, output_tokens: 40 }, model: 'claude-haiku-4-5' });
    await guard.flag('u_bad', 'manual');
    await guard.check(chatRequest({ user: 'u_bad' }));
    await guard.close();
    const files = (await readdir(dir)).map((f) => join(dir, f));
    const result = await verifyAuditFiles(files, SECRET);
    expect(result.ok).toBe(true);
    expect(result.events).toBe(4);
  });

  it('feeds the metrics registry from guard events', async () => {
    const metrics = createGuardMetrics();
    const guard = createGuard({ metrics, limits: { requests: { limit: 1, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } });
    await guard.check(chatRequest({ user: 'm' }));
    await guard.check(chatRequest({ user: 'm' }));
    const { body } = await metricsHandler(metrics)();
    expect(body).toMatch(/distill_guard_decisions_total\{conclusion="allow",reason="none"\} 1/);
    expect(body).toMatch(/distill_guard_decisions_total\{conclusion="throttle",reason="rate-limit"\} 1/);
    expect(body).toMatch(/distill_guard_check_duration_seconds_count\{conclusion="allow"\} 1/);
    expect(body).toMatch(/distill_guard_check_duration_seconds_count\{conclusion="throttle"\} 1/);
    await guard.close();
  });

  it('refuses onVerdict given twice', () => {
    expect(() => createGuard({ onVerdict: () => undefined, alerts: { onVerdict: () => undefined } })).toThrow(/onVerdict` is set twice/);
  });
});

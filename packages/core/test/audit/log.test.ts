import { describe, expect, it } from 'vitest';
import { AuditLog, parseAuditOptions, verifyAuditLines, type AuditEvent, type AuditSink } from '../../src/audit/index.js';
import { body, decision, deferred, request, SECRET, testContext } from './helpers.js';

/** A sink whose writes wait for `gate` and may fail on demand. */
function controllableSink(name = 'memory') {
  const lines: string[] = [];
  const events: AuditEvent[] = [];
  const state = { gate: undefined as Promise<void> | undefined, failures: 0, calls: 0, started: deferred() };
  const sink: AuditSink = {
    name,
    async write(l, e) {
      state.calls++;
      state.started.resolve();
      if (state.gate) await state.gate;
      if (state.failures > 0) {
        state.failures--;
        throw new Error(`${name} is down`);
      }
      lines.push(...l);
      events.push(...e);
    },
  };
  return { sink, lines, events, state };
}

function auditLog(sinks: AuditSink[], extra: Record<string, unknown> = {}) {
  const ctx = testContext();
  const options = parseAuditOptions({ secret: SECRET, sinks, flushOnExit: false, ...extra }, 'audit')!;
  return { log: new AuditLog(options, ctx, options.sinks), ctx };
}

function emit(log: AuditLog, n: number): void {
  for (let i = 0; i < n; i++) log.handlers.decision({ decision: decision(), request: request(), body: body(`p${i}`) });
}

describe('audit log queue', () => {
  it('returns to the caller at once while a sink is still writing', async () => {
    const { sink, events, state } = controllableSink();
    const gate = deferred();
    state.gate = gate.promise;
    const { log } = auditLog([sink], { batchSize: 10 });
    emit(log, 10);
    await state.started.promise;
    // The sink is stuck on the first batch; the request path keeps going.
    emit(log, 50);
    expect(log.stats.queued).toBe(50);
    expect(events).toHaveLength(0);
    gate.resolve();
    await log.close();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(log.stats).toMatchObject({ queued: 0, written: 60, dropped: 0 });
  });

  it('drops beyond maxQueue, counts the loss and chains a `dropped` event once there is room', async () => {
    const { sink, lines, events, state } = controllableSink();
    const gate = deferred();
    state.gate = gate.promise;
    const { log, ctx } = auditLog([sink], { maxQueue: 10, batchSize: 5 });
    emit(log, 1);
    const flushed = log.flush();
    await state.started.promise;
    emit(log, 15);
    expect(log.stats).toMatchObject({ queued: 10, dropped: 5 });
    expect(ctx.logger.errors.some((m) => /queue full/.test(m))).toBe(true);
    gate.resolve();
    await flushed;
    emit(log, 1);
    await log.close();
    expect(events.map((e) => e.type)).toEqual([...Array(11).fill('decision'), 'dropped', 'decision']);
    expect(events[11]).toMatchObject({ type: 'dropped', count: 5, level: 50 });
    expect((await verifyAuditLines(lines.map((l) => l.trimEnd()), SECRET)).ok).toBe(true);
  });

  it('retries a failing sink without duplicating lines in the sinks that succeeded', async () => {
    const good = controllableSink('file');
    const flaky = controllableSink('redis');
    flaky.state.failures = 2;
    const { log, ctx } = auditLog([good.sink, flaky.sink], { batchSize: 4 });
    emit(log, 8);
    await log.close();
    expect(good.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(flaky.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(log.stats).toMatchObject({ written: 8, writeErrors: 2, lost: 0 });
    expect(ctx.logger.errors.filter((m) => /sink write failed/.test(m))).toHaveLength(1);
    expect(ctx.logger.warnings.some((m) => /recovered/.test(m))).toBe(true);
  });

  it('close() gives up on a sink that never recovers after closeTimeoutMs and reports what was lost', async () => {
    const dead = controllableSink('dead');
    dead.state.failures = Number.POSITIVE_INFINITY;
    const { log, ctx } = auditLog([dead.sink], { closeTimeoutMs: 50 });
    emit(log, 3);
    await log.close();
    expect(log.stats.lost).toBe(3);
    expect(ctx.logger.errors.some((m) => /gave up/.test(m))).toBe(true);
  });

  it('counts events that arrive after close() as dropped', async () => {
    const { sink, events } = controllableSink();
    const { log } = auditLog([sink]);
    await log.close();
    emit(log, 2);
    expect(log.stats.dropped).toBe(2);
    expect(events).toHaveLength(0);
  });

  it('never throws into the request path, even for malformed input', async () => {
    const { sink } = controllableSink();
    const { log, ctx } = auditLog([sink]);
    expect(() => log.handlers.decision({ decision: decision(), request: request(), body: { model: 'x' } as never })).not.toThrow();
    expect(ctx.logger.errors.some((m) => /could not record/.test(m))).toBe(true);
    await log.close();
  });
});

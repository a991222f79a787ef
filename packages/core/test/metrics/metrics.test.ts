import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AuditLog, parseAuditOptions, type AuditSink } from '../../src/audit/index.js';
import { createGuardMetrics, metricsHandler, parseMetricsOptions } from '../../src/metrics/index.js';
import { body, decision, deferred, identity, outcome, request, SECRET, testContext } from '../audit/helpers.js';

function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('guard metrics', () => {
  it('counts decisions by conclusion and reason, check latency, verdicts, store errors, outcomes, tokens and cost', async () => {
    const metrics = createGuardMetrics();
    const h = metrics.handlers;
    h.decision({ decision: decision(), request: request(), durationMs: 2 });
    h.decision({ decision: decision(), request: request(), durationMs: 3 });
    h.decision({ decision: decision({ conclusion: 'deny', allowed: false, reason: 'distillation' }), request: request(), durationMs: 40 });
    h.decision({ decision: decision({ conclusion: 'throttle', allowed: false, reason: 'rate-limit' }), request: request() });
    h.verdict({ identity: identity(), verdict: 'block', previous: 'flag', score: 0.9, signals: [], decision: decision() });
    h.storeError({ error: new Error('down'), operation: 'exec' });
    h.outcome({ decision: decision(), outcome: outcome({ usage: { input_tokens: 10, output_tokens: 30, cache_read_input_tokens: 4 } }), costUsd: 0.25 });
    h.outcome({ decision: decision(), outcome: outcome({ status: 502, usage: undefined }), costUsd: 0 });
    const { status, contentType, body: text } = await metricsHandler(metrics)();
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'distill_guard_decisions_total', { conclusion: 'allow', reason: 'none' })).toBe(2);
    expect(sample(text, 'distill_guard_decisions_total', { conclusion: 'deny', reason: 'distillation' })).toBe(1);
    expect(sample(text, 'distill_guard_decisions_total', { conclusion: 'throttle', reason: 'rate-limit' })).toBe(1);
    expect(sample(text, 'distill_guard_check_duration_seconds_count', { conclusion: 'allow' })).toBe(2);
    expect(sample(text, 'distill_guard_check_duration_seconds_bucket', { conclusion: 'deny', le: '0.025' })).toBe(0);
    expect(sample(text, 'distill_guard_check_duration_seconds_bucket', { conclusion: 'deny', le: '0.05' })).toBe(1);
    expect(sample(text, 'distill_guard_verdicts_total', { verdict: 'block' })).toBe(1);
    expect(sample(text, 'distill_guard_store_errors_total', { operation: 'exec' })).toBe(1);
    expect(sample(text, 'distill_guard_outcomes_total', { status: '2xx' })).toBe(1);
    expect(sample(text, 'distill_guard_outcomes_total', { status: '5xx' })).toBe(1);
    expect(sample(text, 'distill_guard_tokens_total', { kind: 'output' })).toBe(30);
    expect(sample(text, 'distill_guard_tokens_total', { kind: 'cache_read' })).toBe(4);
    expect(sample(text, 'distill_guard_cost_usd_total')).toBe(0.25);
  });

  it('gauges flagged identities from flag events, or from flaggedCount when given', async () => {
    const metrics = createGuardMetrics();
    metrics.handlers.flag({ id: 'a', flagged: true, by: 'detector' });
    metrics.handlers.flag({ id: 'b', flagged: true, by: 'detector' });
    metrics.handlers.flag({ id: 'a', flagged: false, by: 'admin' });
    expect(sample((await metricsHandler(metrics)()).body, 'distill_guard_flagged_identities')).toBe(1);
    const shared = createGuardMetrics({ flaggedCount: async () => 42 });
    expect(sample((await metricsHandler(shared)()).body, 'distill_guard_flagged_identities')).toBe(42);
  });

  it('reports the audit queue depth and dropped events of a bound audit log', async () => {
    const gate = deferred();
    const started = deferred();
    const stuck: AuditSink = {
      name: 'stuck',
      async write() {
        started.resolve();
        await gate.promise;
      },
    };
    const options = parseAuditOptions({ secret: SECRET, sinks: [stuck], maxQueue: 5, flushOnExit: false }, 'audit')!;
    const audit = new AuditLog(options, testContext(), options.sinks);
    const metrics = createGuardMetrics();
    metrics.bind({ audit });
    const emit = (n: number) => {
      for (let i = 0; i < n; i++) audit.handlers.decision({ decision: decision(), request: request(), body: body() });
    };
    emit(1);
    const flushed = audit.flush();
    await started.promise;
    emit(8);
    const scrape = metricsHandler(metrics);
    let text = (await scrape()).body;
    expect(sample(text, 'distill_guard_audit_queue_depth')).toBe(5);
    expect(sample(text, 'distill_guard_audit_events_dropped_total', { cause: 'queue-full' })).toBe(3);
    // Counters only grow: a second scrape does not add the same drops again.
    text = (await scrape()).body;
    expect(sample(text, 'distill_guard_audit_events_dropped_total', { cause: 'queue-full' })).toBe(3);
    gate.resolve();
    await flushed;
    await audit.close();
    text = (await scrape()).body;
    expect(sample(text, 'distill_guard_audit_queue_depth')).toBe(0);
  });

  it('registers on a given registry with a prefix and default labels', async () => {
    const registry = new Registry();
    const metrics = createGuardMetrics({ registry, prefix: 'dg_', labels: { instance: 'api-1' } });
    metrics.handlers.decision({ decision: decision(), request: request() });
    const text = (await metricsHandler(registry)()).body;
    expect(sample(text, 'dg_decisions_total', { conclusion: 'allow', instance: 'api-1' })).toBe(1);
  });

  it('is accepted by parseMetricsOptions; anything else names the option', () => {
    const metrics = createGuardMetrics();
    expect(parseMetricsOptions(metrics, 'metrics')).toBe(metrics);
    expect(parseMetricsOptions(undefined, 'metrics')).toBeUndefined();
    expect(() => parseMetricsOptions(true, 'metrics')).toThrowError(/`metrics` must be the object returned by createGuardMetrics/);
    expect(() => parseMetricsOptions(new Registry(), 'metrics')).toThrowError(/createGuardMetrics/);
  });
});

describe('prom-client stays optional', () => {
  it('nothing reachable from the main entry (src/index.ts) imports prom-client, while the metrics entry does', () => {
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
    const reach = (entry: string): { files: Set<string>; external: Set<string> } => {
      const files = new Set<string>();
      const external = new Set<string>();
      const visit = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
          if (fileName.startsWith('.')) visit(resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
          else external.add(fileName);
        }
      };
      visit(resolve(src, entry));
      return { files, external };
    };
    const main = reach('index.ts');
    expect(main.files.size).toBeGreaterThan(5);
    expect([...main.external].filter((m) => m.startsWith('prom-client'))).toEqual([]);
    expect(reach('metrics/index.ts').external.has('prom-client')).toBe(true);
  });
});

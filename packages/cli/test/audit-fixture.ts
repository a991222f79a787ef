import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createAuditLog, parseAuditOptions } from '@distill-guard/core/audit';
import { manualClock, type Decision, type Identity, type Signal } from '@distill-guard/core';
import { main } from '../src/main.js';

export const SECRET = 'cli-test-audit-secret-0123456789';
export const T0 = Date.parse('2026-11-02T09:00:00Z');

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dg-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Traffic {
  identity: string;
  served: number;
  blocked: number;
  throttled?: number;
  score: number;
  costUsd: number;
  signals?: Signal[];
  flagged?: boolean;
}

let n = 0;
function decision(id: string, conclusion: Decision['conclusion'], score: number, signals: Signal[], time: number): Decision {
  const identity: Identity = { id, source: 'user', ip: '203.0.113.9', network: '203.0.113.0/24' };
  const allowed = conclusion === 'allow';
  const reason = conclusion === 'deny' ? 'distillation' : conclusion === 'throttle' ? 'rate-limit' : undefined;
  return {
    id: `req_${++n}`,
    conclusion,
    allowed,
    ...(reason ? { reason } : {}),
    status: allowed ? 200 : conclusion === 'throttle' ? 429 : 403,
    message: '',
    identity,
    score,
    verdict: conclusion === 'deny' ? 'block' : 'allow',
    signals,
    headers: {},
    actions: {},
    limits: [],
    monitor: false,
    model: 'claude-haiku-4-5',
    timestamp: time,
  };
}

/** Writes audit files through the real audit log (file sink); returns the active file's path. */
export async function writeAudit(dir: string, traffic: Traffic[], file: { maxBytes?: number } = {}): Promise<string> {
  const path = join(dir, 'audit.jsonl');
  const clock = manualClock(T0);
  const log = createAuditLog(parseAuditOptions({ secret: SECRET, file: { path, ...file }, flushOnExit: false }, 'audit')!, { clock, logger: { warn() {}, error() {} } });
  const request = { ip: '203.0.113.9', method: 'POST', path: '/api/chat', headers: {} };
  const body = { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user' as const, content: 'hi' }] };
  for (const t of traffic) {
    const signals = t.signals ?? [];
    for (let i = 0; i < t.served; i++) {
      clock.advance(1000);
      const d = decision(t.identity, 'allow', t.score, signals, clock.now());
      log.handlers.decision({ decision: d, request, body });
      log.handlers.outcome({ decision: d, outcome: { status: 200, usage: { input_tokens: 10, output_tokens: 100 } }, costUsd: t.costUsd / t.served });
    }
    for (let i = 0; i < t.blocked; i++) log.handlers.decision({ decision: decision(t.identity, 'deny', t.score, signals, clock.now()), request, body });
    for (let i = 0; i < (t.throttled ?? 0); i++) log.handlers.decision({ decision: decision(t.identity, 'throttle', t.score, signals, clock.now()), request, body });
    if (t.flagged) log.handlers.flag({ id: t.identity, flagged: true, reason: 'review', by: 'detector' });
  }
  await log.close();
  return path;
}

/** Runs the CLI in-process and captures its output. */
export async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await main(argv, { stdout, stderr, isTTY: false });
  return { code, stdout: out, stderr: err };
}

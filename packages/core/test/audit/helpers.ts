import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualClock, type ManualClock } from '../../src/clock/index.js';
import type { Decision, Identity, Outcome } from '../../src/decision/index.js';
import type { Logger } from '../../src/options/warnings.js';
import type { GuardRequest, MessagesBody } from '../../src/request/index.js';

export const SECRET = 'test-audit-secret-0123456789abcdef';
export const T0 = Date.parse('2026-11-02T09:00:00Z');

export function identity(id = 'u_1842', overrides: Partial<Identity> = {}): Identity {
  return { id, source: 'user', ip: '203.0.113.9', network: '203.0.113.0/24', ...overrides };
}

export function body(prompt = 'Explain step by step how a hash chain works.'): MessagesBody {
  return { model: 'claude-haiku-4-5', max_tokens: 512, system: 'You are helpful.', messages: [{ role: 'user', content: prompt }] };
}

let n = 0;
export function decision(overrides: Partial<Decision> = {}): Decision {
  n++;
  return {
    id: `req_${n}`,
    conclusion: 'allow',
    allowed: true,
    status: 200,
    message: 'ok',
    identity: identity(),
    score: 0.1,
    verdict: 'allow',
    signals: [],
    headers: {},
    actions: {},
    limits: [],
    monitor: false,
    model: 'claude-haiku-4-5',
    timestamp: T0,
    ...overrides,
  };
}

export function request(overrides: Partial<GuardRequest> = {}): GuardRequest {
  return { ip: '203.0.113.9', method: 'POST', path: '/api/chat', headers: { 'user-agent': 'test' }, ...overrides };
}

export function outcome(overrides: Partial<Outcome> = {}): Outcome {
  return { status: 200, usage: { input_tokens: 100, output_tokens: 400 }, model: 'claude-haiku-4-5', ...overrides };
}

export interface TestLogger extends Logger {
  warnings: string[];
  errors: string[];
}

export function testLogger(): TestLogger {
  const warnings: string[] = [];
  const errors: string[] = [];
  return { warnings, errors, warn: (m) => void warnings.push(m), error: (m) => void errors.push(m) };
}

export function testContext(clock: ManualClock = manualClock(T0)) {
  return { clock, logger: testLogger() };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'dg-audit-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A promise and its resolver, to hold a sink or server in a known state. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

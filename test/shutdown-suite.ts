import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditEvents, verifyAuditFiles } from '@distill-guard/core/audit';

/**
 * SIGTERM under load, on a real process: 32 keep-alive clients keep sending while the app is told
 * to stop. It must stop accepting (503 with Retry-After), let what it serves finish, flush, and
 * end within its deadline; every answered request has its event in the audit file, or is counted
 * in its last `dropped` event; and the chain verifies.
 */
const SECRET = 'shutdown-under-load-secret-0123456789';

interface Answer {
  status: number;
  id: string | undefined;
  retryAfter: string | undefined;
}

function send(url: string, agent: Agent): Promise<Answer | undefined> {
  const body = JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 32, messages: [{ role: 'user', content: 'Say hello in five words.' }] });
  return new Promise((resolve) => {
    const req = request(`${url}/v1/messages`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, id: res.headers['x-request-id'] as string | undefined, retryAfter: res.headers['retry-after'] as string | undefined }));
      res.on('error', () => resolve(undefined));
    });
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

/**
 * The suite for one adapter: `testDir` is its test folder (the fixture app is
 * `fixtures/shutdown-app.ts` there, bundled next to it so its dependencies resolve as the
 * package's do).
 */
export function shutdownSuite(name: string, testDir: string): void {
  let dir: string;
  let child: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(testDir, '.tmp-shutdown-'));
    await build({ entry: { 'shutdown-app': join(testDir, 'fixtures/shutdown-app.ts') }, outDir: dir, format: ['esm'], platform: 'node', target: 'node20', config: false, dts: false, silent: true, external: [/^[^./]/], outExtension: () => ({ js: '.mjs' }) });
    child = join(dir, 'shutdown-app.mjs');
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

describe(`${name}: SIGTERM under load`, () => {
  it('stops accepting, finishes, flushes and exits; every answered request is in the audit file', async () => {
    const auditPath = join(dir, 'audit.jsonl');
    const proc = spawn(process.execPath, [child, auditPath, SECRET], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
    const url = await new Promise<string>((resolve) => {
      let out = '';
      proc.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))).url);
      });
    });
    const answers: Answer[] = [];
    let running = true;
    const clients = Array.from({ length: 32 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (running) {
        const a = await send(url, agent);
        if (!a) break;
        answers.push(a);
      }
      agent.destroy();
    });
    // Signal once the app is busy: 64 answers in, 32 requests in flight.
    while (answers.length < 64) await new Promise((r) => setTimeout(r, 20));
    const signalledAt = Date.now();
    proc.kill('SIGTERM');
    const end = await exited;
    running = false;
    await Promise.all(clients);

    expect(stderr).toBe('');
    expect(end.signal).toBe('SIGTERM');
    // It stopped within its deadline (8 s for served requests, then the audit's close timeout), not when the load stopped.
    expect(end.at - signalledAt).toBeLessThan(8_000 + 5_000);
    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 503);
    expect(ok.length).toBeGreaterThan(50);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => a.retryAfter === '1')).toBe(true);

    const result = await verifyAuditFiles([auditPath], SECRET);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const logged = new Set<string>();
    let dropped = 0;
    for await (const e of readAuditEvents([auditPath])) {
      if (e.type === 'decision') logged.add(e.requestId as string);
      if (e.type === 'dropped') dropped += Number(e.count ?? 0);
    }
    // Every served request is in the file; a refusal is in the file or counted as dropped.
    for (const a of ok) expect(logged.has(a.id!)).toBe(true);
    const refusedMissing = refused.filter((a) => !logged.has(a.id!)).length;
    expect(refusedMissing).toBeLessThanOrEqual(dropped);
  }, 60_000);
});
}

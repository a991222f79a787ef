import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { humanChatSession, interleave, scriptedHarvester, toLogLines } from '@distill-guard/core/replay';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-replay-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[], isTTY = false) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const code = await main(argv, { stdout: out, stderr: err, isTTY });
  return { code, stdout, stderr };
}

const start = Date.UTC(2026, 10, 2, 6, 0, 0);
function traffic(): string[] {
  return toLogLines(
    interleave(
      scriptedHarvester({ user: 'harvester', count: 150, start }),
      humanChatSession({ user: 'alice', count: 40, start, seed: 4 }),
      humanChatSession({ user: 'bob', count: 25, start, seed: 9, ip: '198.51.100.80' }),
    ),
  );
}

describe('distill-guard replay', () => {
  it('prints the report as JSON: per identity counts, verdict, first action, reasons', async () => {
    const lines = traffic();
    const file = join(dir, 'log.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await run(['replay', file, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ requests: lines.length, identities: 3, badLines: 0 });
    expect(typeof report.summary.seconds).toBe('number');
    const byId = Object.fromEntries(report.identities.map((i: { id: string }) => [i.id, i]));
    const h = byId.harvester;
    expect(h.requests).toBe(150);
    expect(h.allowed + h.throttled + h.blocked).toBe(150);
    expect(h.verdict).toBe('block');
    expect(h.blocked).toBeGreaterThan(100);
    expect(Date.parse(h.firstActionAt)).toBeGreaterThan(start);
    expect(h.reasons.length).toBeGreaterThan(0);
    expect(h.reasons[0]).toMatch(/^[a-z-]+ \d\.\d\d$/);
    for (const person of ['alice', 'bob']) {
      expect(byId[person]).toMatchObject({ verdict: 'allow', throttled: 0, blocked: 0 });
      expect(byId[person].firstActionAt).toBeUndefined();
    }
    // Strongest verdict first.
    expect(report.identities[0].id).toBe('harvester');
  });

  it('reads gzip by its magic bytes whatever the name, and counts bad lines by number without stopping', async () => {
    const lines = traffic();
    const withBad = [...lines.slice(0, 10), '{not json', '', '{"ts":"yesterday","ip":"1.2.3.4"}', '{"ts":"2026-11-02T06:00:00Z"}', ...lines.slice(10)];
    const gz = join(dir, 'log.data');
    await writeFile(gz, gzipSync(`${withBad.join('\n')}\n`));
    const r = await run(['replay', gz, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.requests).toBe(lines.length);
    expect(report.summary.badLines).toBe(3);
    expect(report.summary.badLineNumbers).toEqual([11, 13, 14]);

    const plain = join(dir, 'log.jsonl.gz');
    await writeFile(plain, `${withBad.join('\n')}\n`);
    const again = JSON.parse((await run(['replay', plain, '--json'])).stdout);
    expect(again.identities).toEqual(report.identities);
  });

  it('prints a table, lists bad lines on stderr, and shows progress only on a terminal', async () => {
    const file = join(dir, 'log.jsonl');
    await writeFile(file, `${[...traffic(), 'oops'].join('\n')}\n`);
    const r = await run(['replay', file]);
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    expect(out[0]).toMatch(/^identity\s+verdict\s+score\s+requests\s+allowed\s+throttled\s+blocked\s+first action\s+cluster\s+reasons$/);
    expect(out[2]).toMatch(/^harvester\s+block\s+/);
    expect(r.stdout).not.toMatch(/^alice/m);
    expect(r.stdout).toMatch(/\d+ requests from 3 identities/);
    expect(r.stdout).toMatch(/verdicts: 1 block, 0 flag, 0 throttle, 2 allow/);
    expect(r.stderr).toMatch(/bad line \d+: not JSON/);
    expect(r.stderr).not.toContain('replaying');
    expect((await run(['replay', file, '--all'])).stdout).toMatch(/^alice\s+allow/m);
    // A short log finishes before the first progress tick, even on a terminal.
    expect((await run(['replay', file], true)).stderr).not.toContain('replaying');
  });

  it('shows progress on a terminal for a long log', async () => {
    const file = join(dir, 'long.jsonl');
    await writeFile(file, `${toLogLines(scriptedHarvester({ user: 'h', count: 5200, start, intervalSeconds: 5 })).join('\n')}\n`);
    const tty = await run(['replay', file], true);
    expect(tty.stderr).toMatch(/replaying… 5,000 lines/);
    const pipe = await run(['replay', file]);
    expect(pipe.stderr).not.toContain('replaying');
  });

  it('applies guard options from a JSON or ES module config', async () => {
    const file = join(dir, 'log.jsonl');
    await writeFile(file, `${traffic().join('\n')}\n`);
    const json = join(dir, 'monitor.json');
    await writeFile(json, JSON.stringify({ mode: 'monitor', limits: false }));
    const monitored = JSON.parse((await run(['replay', file, '--json', '--config', json])).stdout);
    const h = monitored.identities.find((i: { id: string }) => i.id === 'harvester');
    expect(h).toMatchObject({ verdict: 'block', blocked: 0, throttled: 0, allowed: 150 });

    const mjs = join(dir, 'config.mjs');
    await writeFile(mjs, "export default { limits: false, detector: { allow: ['harvester'] } };\n");
    const allowed = JSON.parse((await run(['replay', file, '--json', '--config', mjs])).stdout);
    expect(allowed.identities.find((i: { id: string }) => i.id === 'harvester')).toMatchObject({ verdict: 'allow', allowed: 150 });

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ detector: { tresholds: {} } }));
    const failed = await run(['replay', file, '--config', bad]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/detector\.tresholds/);
  });

  it('exits 2 on usage errors and 1 on an unreadable log', async () => {
    expect((await run(['replay'])).code).toBe(2);
    expect((await run(['replay', 'a', 'b'])).code).toBe(2);
    expect((await run(['replay', 'x', '--frobnicate'])).code).toBe(2);
    for (const seed of ['-1', '1.5', 'abc', '4294967296']) {
      const bad = await run(['replay', 'x', `--seed=${seed}`]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--seed takes a whole number/);
    }
    const missing = await run(['replay', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
  });
});

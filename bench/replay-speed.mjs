// pnpm bench -> replay speed: requests per second of `replay` through the full guard (default
// options: shield, limits, detector) on the development log, against a same-run baseline that
// only streams and parses the same log. Also the guard without the shield and with neither
// shield nor detector, to show where the time goes. Rounds are interleaved and the median is
// reported because the machine is shared: compare ratios, not absolute numbers.
//
//   DG_REPLAY_LOG=<log>  (default: ../shared/data/detection-dev/requests.jsonl.gz next to the repo,
//                         else a generated 50,000-line log)
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetector } from '@distill-guard/core/detector';
import { guardTarget, humanChatSession, interleave, readLog, replay, scriptedHarvester, toLogLines } from '@distill-guard/core/replay';
import { manualClock, memoryStore } from '@distill-guard/core';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 20_000;
const DEV_LOG = fileURLToPath(new URL('../../shared/data/detection-dev/requests.jsonl.gz', import.meta.url));

const VARIANTS = {
  'parse only (baseline)': null,
  'full guard (defaults)': {},
  'guard, shield off': { shield: false },
  'guard, shield and detector off': { shield: false, detector: false },
};

async function syntheticLog(dir) {
  const start = Date.UTC(2026, 10, 2);
  const streams = [];
  for (let i = 0; i < 20; i++) streams.push(scriptedHarvester({ user: `h${i}`, ip: `198.51.${i}.7`, count: 1500, start: start + i * 600_000, seed: i + 1 }));
  for (let i = 0; i < 400; i++) streams.push(humanChatSession({ user: `p${i}`, ip: `203.0.${i % 250}.${1 + (i % 200)}`, count: 50, start: start + i * 60_000, seed: 1000 + i }));
  const file = join(dir, 'synthetic.jsonl');
  await writeFile(file, `${toLogLines(interleave(...streams)).join('\n')}\n`);
  return file;
}

async function parseOnly(file) {
  const t0 = performance.now();
  let n = 0;
  for await (const line of readLog(file)) if ('record' in line) n++;
  return { requests: n, seconds: (performance.now() - t0) / 1000 };
}

/** The detector alone on the same requests (observe + recordOutcome), µs per request. */
async function detectorAlone(file) {
  const records = [];
  for await (const line of readLog(file)) if ('record' in line) records.push(line.record);
  const clock = manualClock(0);
  const detector = createDetector({}, { store: memoryStore({ clock }), clock, logger: console, monitor: false });
  const t0 = performance.now();
  for (const r of records) {
    const identity = { id: r.user ?? r.ip, source: 'user', ip: r.ip, network: r.ip };
    const result = await detector.observe({ identity, request: { ip: r.ip, method: 'POST', path: '/', headers: r.headers ?? {} }, body: r.body, timestamp: r.time });
    if (result.verdict !== 'block' && r.response?.usage) detector.recordOutcome({ identity }, { status: 200, usage: r.response.usage, ...(r.response.content && { outputText: r.response.content }) });
  }
  return ((performance.now() - t0) * 1000) / records.length;
}

async function throughGuard(file, options) {
  const target = guardTarget(options);
  const report = await replay(file, target);
  await target.close?.();
  return { requests: report.summary.requests, seconds: report.summary.seconds };
}

export async function runReplaySpeed() {
  const tmp = await mkdtemp(join(tmpdir(), 'dg-replay-speed-'));
  try {
    const file = process.env.DG_REPLAY_LOG ?? (existsSync(DEV_LOG) ? DEV_LOG : await syntheticLog(tmp));
    // One untimed pass warms the JIT.
    await throughGuard(file, {});
    const rates = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, options] of Object.entries(VARIANTS)) {
        const r = options === null ? await parseOnly(file) : await throughGuard(file, options);
        rates[name].push(r.requests / r.seconds);
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const baseline = median(rates['parse only (baseline)']);
    console.log(`replay-speed: ${file === DEV_LOG ? 'development log' : file}, median of ${ROUNDS} interleaved rounds`);
    const rows = [];
    for (const name of Object.keys(VARIANTS)) {
      const rps = median(rates[name]);
      rows.push({ variant: name, requestsPerSecond: Math.round(rps), ratioToParse: rps / baseline });
      console.log(`  ${name.padEnd(32)} ${String(Math.round(rps)).padStart(7)} requests/s   ${(rps / baseline).toFixed(3)} of parsing alone`);
    }
    const full = rows.find((r) => r.variant === 'full guard (defaults)').requestsPerSecond;
    const noShield = rows.find((r) => r.variant === 'guard, shield off').requestsPerSecond;
    const bare = rows.find((r) => r.variant === 'guard, shield and detector off').requestsPerSecond;
    const detectorUs = 1e6 / noShield - 1e6 / bare;
    await detectorAlone(file);
    const alone = median([await detectorAlone(file), await detectorAlone(file), await detectorAlone(file)]);
    console.log(`  detector in the guard ${detectorUs.toFixed(1)} µs/request (shield off minus bare); detector alone ${alone.toFixed(1)} µs/request`);
    console.log(`  full guard ${full >= TARGET ? 'meets' : 'is below'} the ${TARGET.toLocaleString('en-US')} requests/s target`);
    return { rows, detectorMicrosPerRequest: detectorUs, detectorAloneMicros: alone, target: TARGET };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runReplaySpeed();

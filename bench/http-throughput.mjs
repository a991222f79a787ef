// pnpm bench -> HTTP throughput of the guard against bare Express and express-rate-limit.
// Each variant runs in its own server process; autocannon drives them from this process. The
// machine is shared and noisy, so the method is built to compare, not to time:
//   - all variants of a round run side by side (idle when not driven) and are driven in short
//     interleaved slices, so drift in the machine's speed falls on all of them alike;
//   - every round starts fresh processes, because one process can be a few percent faster or
//     slower than another for its whole life (heap and JIT luck); the median round is reported;
//   - each fresh process first answers 30,000 requests of other users, unmeasured: the guard's
//     code takes that long to settle in V8 (see WARM_UP_REQUESTS), and the figure is the steady
//     state of a long-running server;
//   - the load generator (this process) and the servers are pinned to different cores with
//     taskset: left to the scheduler, a server that happens to share the load generator's core
//     runs 10-20% slower for its whole life, which no amount of rounds averages out;
//   - each slice drives its server a moment unmeasured first, so a process that sat idle while
//     the others were driven is measured warm, as a server under steady load is;
//   - two bare processes ("bare", "bare-control") make the baseline, and their distance from each
//     other shows the noise floor of the method itself.
// Compare the ratios, not the absolute numbers.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { startRedisServer } from '@distill-guard/testing';
import { BASE_HEADERS, chatBodies, CONVERSATIONS, TURNS, USERS } from './lib/chat-traffic.mjs';

const SLICE_SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
// Each slice first drives the server this long unmeasured: a process that sat idle while the
// others were driven wakes with cold caches and a heap V8 shrank meanwhile, which a server under
// steady load never has. The measurement is of the steady state.
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE ?? 0.5);
const PASSES = Number(process.env.BENCH_PASSES ?? 4);
// Each fresh server answers this many requests before anything is measured, from conversations
// and users of its own (the measured traffic stays unseen). Why so many: V8 takes that long to
// settle the guard's code. The default configuration runs at about a third of its speed for its
// first 15,000-20,000 requests (large functions compiled, deoptimised on a path first taken late,
// compiled again, on the server's one core), and a server in production runs for hours: the
// figures of record are the steady state. BENCH_WARMUP_REQUESTS=2000 shows a fresh process.
const WARM_UP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 30_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ALL_VARIANTS = [
  'bare',
  // A second bare Express process: with the first, the baseline; their distance is the method's own noise.
  'bare-control',
  // Issue 2's guard: identity, flags, and every limit (requests, tokens, cost, output, concurrency, per IP).
  'guard-memory-limits',
  'guard-redis-limits',
  // The default configuration: the above plus the shield and the distillation detector.
  'guard-memory-full',
  'guard-redis-full',
  'express-rate-limit-memory',
  'express-rate-limit-redis',
  // Attribution: the memory guard with parts turned off, and the floor under any middleware.
  'guard-memory-no-detector',
  'guard-memory-no-checks',
  'headers-only',
  'noop-middleware',
];
// BENCH_VARIANTS=guard-memory-limits,guard-memory-full measures only those, beside the two bare
// processes (always measured: together they are the baseline).
const BASELINE = ['bare', 'bare-control'];
const VARIANTS = process.env.BENCH_VARIANTS
  ? [...BASELINE, ...process.env.BENCH_VARIANTS.split(',').filter((v) => v && !BASELINE.includes(v))]
  : ALL_VARIANTS;
// BENCH_REF=<dir made by bench/http/reference.sh> adds variants `ref-<variant>`: the same server
// on the packages of another commit, measured in the same run (a change's before and after side
// by side; on this shared machine, runs minutes apart differ by more than most changes).
const REF = process.env.BENCH_REF;
const known = (v) => ALL_VARIANTS.includes(v) || (REF && v.startsWith('ref-') && ALL_VARIANTS.includes(v.slice(4)));
for (const v of VARIANTS) if (!known(v) && !process.env.BENCH_SERVER) throw new Error(`unknown variant ${v}; known: ${ALL_VARIANTS.join(', ')}${REF ? ', and each as ref-<variant>' : ''}`);

// Chat traffic, not one repeated request (see lib/chat-traffic.mjs); every variant receives the
// same bodies and parses them with express.json().
const BODIES = chatBodies();
const WARM_UP_BODIES = chatBodies('w');
const serverFile = process.env.BENCH_SERVER ?? fileURLToPath(new URL('./http/server.mjs', import.meta.url));
// Node or V8 flags for every server process, e.g. BENCH_NODE_FLAGS='--no-memory-reducer --max-semi-space-size=32'.
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

/**
 * Pins this process (the load generator) to the first core and returns the `taskset` prefix that
 * starts a server on the last one; no pinning (with a note) where that is not possible.
 */
function pinCores() {
  if (process.env.BENCH_PIN === '0') return [];
  const cores = availableParallelism();
  try {
    if (cores < 2) throw new Error(`only ${cores} core`);
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
    return ['taskset', '-c', String(cores - 1)];
  } catch (err) {
    console.error(`note: servers and load generator not pinned to separate cores (${err.message}); expect more noise.`);
    return [];
  }
}
let PIN = [];

async function startVariant(variant, redisUrl) {
  const ref = REF && variant.startsWith('ref-');
  const [command, ...args] = [...PIN, process.execPath, ...NODE_FLAGS, ref ? `${REF}/bench/server.mjs` : serverFile, ref ? variant.slice(4) : variant, redisUrl];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const lines = child.stdout[Symbol.asyncIterator]();
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    out += next.value;
    const m = /ready (\d+)/.exec(out);
    if (m) return { child, url: `http://127.0.0.1:${m[1]}`, rest: lines };
  }
  throw new Error(`${variant} server exited before it was ready`);
}

/**
 * CPU time (µs) a process has used so far, user and system, read from /proc on Linux: it lets
 * the measured slices be counted without their settling; `undefined` elsewhere.
 */
const TICK_US = (() => {
  try {
    return 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return 1e4;
  }
})();
function cpuSoFar(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return undefined;
  }
}

/** Stops a server and returns the CPU time (µs) it spent per request since `SIGUSR2`. */
async function stopVariant({ child, rest }) {
  child.kill('SIGTERM');
  let out = '';
  for (let next = await rest.next(); !next.done; next = await rest.next()) out += next.value;
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  const m = /cpu (\d+) (\d+)/.exec(out);
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : NaN;
}

/**
 * Drives one server for `seconds` (or `{ requests }`: that many), sending `bodies` from `offset`
 * on; returns autocannon's result and the next offset.
 */
async function load(url, seconds, offset = 0, bodies = BODIES) {
  let n = offset;
  const result = await autocannon({
    url: `${url}/api/chat`,
    connections: CONNECTIONS,
    ...(typeof seconds === 'number' ? { duration: seconds } : { amount: seconds.requests }),
    requests: [
      {
        method: 'POST',
        headers: BASE_HEADERS,
        setupRequest: (req) => {
          const next = bodies[n++ % bodies.length];
          return { ...req, body: next.body, headers: { ...req.headers, 'x-user': next.user, 'x-forwarded-for': next.ip, 'user-agent': next.agent } };
        },
      },
    ],
  });
  return { result, next: n };
}

/** The Redis server's own CPU time so far (user + system, µs): what a request costs Redis, networking included. */
async function redisCpuMicros(redis) {
  const info = await redis.info('cpu');
  const field = (name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

async function commandCount(redis) {
  const info = await redis.info('commandstats');
  let calls = 0;
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (m[1] !== 'info' && m[1] !== 'config') calls += Number(m[2]);
  return calls;
}

/** One round: fresh processes for every variant, driven in interleaved slices. */
async function runRound(round, redisUrl, admin) {
  const servers = {};
  try {
    for (const variant of VARIANTS) servers[variant] = await startVariant(variant, redisUrl);
    const cursor = {};
    for (const variant of VARIANTS) {
      // Warm-up (JIT, connections) on bodies the measurement will not send.
      await load(servers[variant].url, { requests: WARM_UP_REQUESTS }, 0, WARM_UP_BODIES);
      cursor[variant] = 0;
      servers[variant].child.kill('SIGUSR2');
    }
    const acc = Object.fromEntries(VARIANTS.map((v) => [v, { requests: 0, seconds: 0, commands: 0, redisCpu: 0, non2xx: 0, p50: [], p99: [], cpu: 0, cpuKnown: true }]));
    for (let pass = 0; pass < PASSES; pass++) {
      // Rotate who goes first, so no variant always follows the same neighbour.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + pass + round) % VARIANTS.length]);
      for (const variant of order) {
        const a = acc[variant];
        const server = servers[variant];
        if (SETTLE_SECONDS > 0) cursor[variant] = (await load(server.url, SETTLE_SECONDS, cursor[variant])).next;
        if (variant.includes('redis')) await admin.config('RESETSTAT');
        const redisCpuFrom = variant.includes('redis') ? await redisCpuMicros(admin) : 0;
        const cpuFrom = cpuSoFar(server.child.pid);
        const { result: r, next } = await load(server.url, SLICE_SECONDS, cursor[variant]);
        const cpuTo = cpuSoFar(server.child.pid);
        if (cpuFrom === undefined || cpuTo === undefined) a.cpuKnown = false;
        else a.cpu += cpuTo - cpuFrom;
        cursor[variant] = next;
        if (variant.includes('redis')) {
          a.redisCpu += (await redisCpuMicros(admin)) - redisCpuFrom;
          a.commands += await commandCount(admin);
        }
        a.requests += r.requests.total;
        a.seconds += r.duration;
        a.non2xx += r.non2xx + r.errors;
        a.p50.push(r.latency.p50);
        a.p99.push(r.latency.p99);
      }
    }
    const rows = {};
    for (const variant of VARIANTS) {
      const a = acc[variant];
      const cpuSinceWarmUp = await stopVariant(servers[variant]);
      const cpuPerRequest = a.cpuKnown && a.requests > 0 ? a.cpu / a.requests : cpuSinceWarmUp;
      delete servers[variant];
      rows[variant] = { rps: a.requests / a.seconds, cpuPerRequest, commandsPerRequest: a.commands / a.requests, redisCpuPerRequest: a.redisCpu / a.requests, non2xx: a.non2xx, p50: median(a.p50), p99: median(a.p99) };
      if (process.env.BENCH_VERBOSE) console.error(`round ${round} ${variant}: ${Math.round(rows[variant].rps)} req/s, ${cpuPerRequest.toFixed(0)} us CPU/req`);
    }
    return rows;
  } finally {
    for (const server of Object.values(servers)) server.child.kill('SIGKILL');
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function runHttpThroughput() {
  // Redis starts before the pinning, so it keeps the scheduler's choice of core.
  const redisServer = await startRedisServer();
  PIN = pinCores();
  const admin = new Redis(redisServer.url);
  const rounds = [];
  try {
    for (let round = 0; round < ROUNDS; round++) rounds.push(await runRound(round, redisServer.url, admin));
  } finally {
    await admin.quit();
    await redisServer.stop();
  }
  // Each round's baseline is the mean of its two bare processes (one process can run a few percent
  // faster or slower than an identical one for its whole life; two halve that luck's weight).
  const baseRps = (r) => mean(BASELINE.map((v) => r[v].rps));
  const baseCpu = (r) => mean(BASELINE.map((v) => r[v].cpuPerRequest));
  return VARIANTS.map((variant) => {
    const rs = rounds.map((r) => r[variant]);
    // Each round's variant is compared with that round's baseline, then the median is taken.
    const ratios = rounds.map((r) => r[variant].rps / baseRps(r));
    const cpuRatios = rounds.map((r) => baseCpu(r) / r[variant].cpuPerRequest);
    const pick = rs[ratios.indexOf(median(ratios))];
    return {
      variant,
      rps: median(rs.map((r) => r.rps)),
      ratio: median(ratios),
      cpuPerRequest: median(rs.map((r) => r.cpuPerRequest)),
      cpuRatio: median(cpuRatios),
      p50: pick.p50,
      p99: pick.p99,
      commandsPerRequest: variant.includes('redis') ? pick.commandsPerRequest : undefined,
      redisCpuPerRequest: variant.includes('redis') ? median(rs.map((r) => r.redisCpuPerRequest)) : undefined,
      failed: rs.reduce((a, r) => a + r.non2xx, 0),
      rounds: ratios.map((x) => `${(x * 100).toFixed(0)}%`),
      cpuRounds: cpuRatios.map((x) => `${(x * 100).toFixed(0)}%`),
    };
  });
}

export function formatHttpThroughput(summary) {
  const lines = [
    `HTTP throughput (autocannon, ${CONNECTIONS} connections; ${ROUNDS} rounds of fresh processes, each ${PASSES} interleaved passes of ${SLICE_SECONDS} s per variant after ${SETTLE_SECONDS} s unmeasured; ${CONVERSATIONS} conversations of up to ${TURNS} turns from ${USERS} users${NODE_FLAGS.length ? `; server flags: ${NODE_FLAGS.join(' ')}` : ''})`,
    'variant                      req/s   vs bare   CPU us/req  capacity   p50 ms  p99 ms  redis cmds/req  redis us/req  per round: vs bare | capacity',
  ];
  for (const s of summary) {
    lines.push(
      `${s.variant.padEnd(27)} ${String(Math.round(s.rps)).padStart(6)}   ${(s.ratio * 100).toFixed(1).padStart(5)}%   ${s.cpuPerRequest.toFixed(0).padStart(10)}   ${(s.cpuRatio * 100).toFixed(1).padStart(6)}%   ${String(s.p50).padStart(6)}  ${String(s.p99).padStart(6)}  ${s.commandsPerRequest === undefined ? '             -' : s.commandsPerRequest.toFixed(2).padStart(14)}  ${s.redisCpuPerRequest === undefined ? '           -' : s.redisCpuPerRequest.toFixed(0).padStart(12)}  ${s.rounds.join(' ')} | ${s.cpuRounds.join(' ')}${s.failed ? `   (${s.failed} non-2xx!)` : ''}`,
    );
  }
  lines.push(
    'req/s: median round (requests over all of a variant\'s slices). vs bare: median over rounds of (variant / the mean of',
    'the same round\'s two bare processes, bare and bare-control). capacity: the same for bare CPU time per request /',
    'variant CPU time per request (server process), the share of bare throughput a CPU-bound server keeps. The two bare',
    'rows\' distance from each other is the method\'s noise floor. redis cmds/req: every command Redis ran (those inside',
    'scripts too) per request; redis us/req: the redis-server process\'s CPU time (user + system) per request.',
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatHttpThroughput(await runHttpThroughput()));
}

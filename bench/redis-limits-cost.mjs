// The limits-only guard on Redis, in-process: check + record of the HTTP benchmark's kind of
// requests, 16 in flight, against rate-limit-redis's `increment` (the anchor) and optionally the
// same guard built from another commit, in interleaved rounds of one process. Per request: this
// process's CPU (JSON parsing of the body included, as a server's body parser does), the
// redis-server's CPU (each side has a redis-server of its own on a free port) and the commands
// Redis ran, those inside scripts counted.
//
//   node bench/redis-limits-cost.mjs
//   CORE_REF=<dir>/packages/core/dist/index.js node bench/redis-limits-cost.mjs   (dir made by bench/http/reference.sh)
//   BENCH_ROUNDS=7 BENCH_CHUNK=4000 node bench/redis-limits-cost.mjs
//   node --cpu-prof bench/redis-limits-cost.mjs --profile     (the working tree's guard alone, for a profile)
//   BENCH_CONFIG=default node bench/redis-limits-cost.mjs      (the default configuration: shield and detector on too)
//
// The figures of one run compare; runs minutes apart on this shared machine do not. With
// BENCH_CONFIG=default the two guards of one process are not alike: the same build on both sides
// (CORE_REF a copy of the working tree's dist) measured the working tree's side at 0.77 of the
// other's process CPU (limits only: 1.06). Run such a control beside a default A/B.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Redis from 'ioredis';
import { RedisStore as RateLimitRedisStore } from 'rate-limit-redis';
import { startRedisServer } from '@distill-guard/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 4000);
const WARM = Number(process.env.BENCH_WARM ?? 12_000);
const IN_FLIGHT = 16;
const PROFILE = process.argv.includes('--profile');
// `limits` (the default here): the limits-only guard; `default`: the guard's default configuration (shield and detector too).
const CONFIG = process.env.BENCH_CONFIG ?? 'limits';
const PARTS = CONFIG === 'default' ? {} : { shield: false, detector: false };

// The HTTP benchmark's limits (bench/http/server.mjs): every limit, raised so that all are served.
const unlimited = { requests: { limit: 1e9, window: '1m' }, tokens: { limit: 1e12, window: '1h' }, costUsd: { limit: 1e9, window: '1d' }, outputTokens: { limit: 1e12, window: '1d' }, concurrency: 1e6, perIp: { requests: { limit: 1e9, window: '1m' } } };
const OUTCOME = { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: 'Plant tomatoes in spring, in full sun, and water them deeply twice a week.' };
const HEADERS = { host: '127.0.0.1:3000', connection: 'keep-alive', 'content-type': 'application/json', accept: '*/*', 'accept-language': 'en-US,en;q=0.9', origin: 'https://chat.example.com', 'sec-fetch-mode': 'cors', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36' };

/** Chat requests as the HTTP bench's server hands them to the guard: 4,000 conversations, turn by turn, each its own user and address. */
function traffic(group, count) {
  const out = [];
  const histories = Array.from({ length: 4000 }, () => []);
  for (let t = 0; out.length < count; t++) {
    for (let c = 0; c < 4000 && out.length < count; c++) {
      const h = histories[c];
      h.push({ role: 'user', content: `Can you give an example? (${group}${c}.${t})` });
      const ip = `${11 + (c % 200)}.${(c * 7) % 250}.${(c * 13) % 250}.${1 + (c % 250)}`;
      const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 512, messages: h });
      out.push({ ip: '127.0.0.1', method: 'POST', path: '/api/chat', headers: { ...HEADERS, 'x-user': `${group}u${c}`, 'x-forwarded-for': ip }, user: `${group}u${c}`, body });
      h.push({ role: 'assistant', content: `Sure, here is one. [${c}.${t}]` });
    }
  }
  return out;
}

async function guardSide(name, corePath) {
  const core = await import(corePath);
  const server = await startRedisServer();
  const client = new Redis(server.url);
  await client.ping();
  const guard = core.createGuard({ store: core.redisStore(client), onStoreError: 'open', mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...PARTS });
  let errors = 0;
  return {
    name,
    server,
    client,
    async one(r) {
      const d = await guard.check({ ...r, body: JSON.parse(r.body) });
      if (d.error) errors++;
      if (d.allowed) guard.record(d, OUTCOME);
    },
    get errors() {
      return errors;
    },
    close: () => guard.close(),
  };
}

async function anchorSide() {
  const server = await startRedisServer();
  const client = new Redis(server.url);
  await client.ping();
  const store = new RateLimitRedisStore({ sendCommand: (...args) => client.call(...args) });
  store.init({ windowMs: 60_000 });
  return {
    name: 'rate-limit-redis increment',
    server,
    client,
    async one(r) {
      JSON.parse(r.body);
      await store.increment(r.user);
    },
    errors: 0,
    close: async () => undefined,
  };
}

async function drive(side, reqs) {
  let i = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (i < reqs.length) await side.one(reqs[i++]);
    }),
  );
}

async function redisStats(admin) {
  const cpu = await admin.info('cpu');
  const field = (f) => Number(new RegExp(`^${f}:([\\d.]+)`, 'm').exec(cpu)[1]);
  let calls = 0;
  for (const m of (await admin.info('commandstats')).matchAll(/^cmdstat_(\S+):calls=(\d+)/gm)) if (!/^(info|config)/.test(m[1])) calls += Number(m[2]);
  return { cpuUs: (field('used_cpu_user') + field('used_cpu_sys')) * 1e6, calls };
}

/** One measured chunk: CPU of this process and of the side's redis-server, and commands, per request. */
async function measure(side, admin, reqs) {
  const redisFrom = await redisStats(admin);
  const nodeFrom = process.cpuUsage();
  const started = performance.now();
  await drive(side, reqs);
  // The write-behind (settlements sent after 25 ms) belongs to these requests.
  await new Promise((r) => setTimeout(r, 60));
  const node = process.cpuUsage(nodeFrom);
  const wall = performance.now() - started - 60;
  const redis = await redisStats(admin);
  const n = reqs.length;
  // The two INFO calls of the next reading are not counted: `calls` skips them.
  return { nodeUs: (node.user + node.system) / n, redisUs: (redis.cpuUs - redisFrom.cpuUs) / n, commands: (redis.calls - redisFrom.calls) / n, wallUs: (wall * 1000) / n };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sides = [await guardSide('guard (working tree)', '@distill-guard/core')];
if (!PROFILE && process.env.CORE_REF) sides.push(await guardSide('guard (CORE_REF)', pathToFileURL(process.env.CORE_REF).href));
if (!PROFILE) sides.push(await anchorSide());
const admins = sides.map((s) => new Redis(s.server.url));
try {
  const warm = traffic('w', WARM);
  for (const side of sides) await drive(side, warm);
  const measured = traffic('', CHUNK * ROUNDS);
  const results = sides.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const chunk = measured.slice(round * CHUNK, (round + 1) * CHUNK);
    // Each round in a rotated order, so no side always runs first.
    for (let k = 0; k < sides.length; k++) {
      const at = (k + round) % sides.length;
      results[at].push(await measure(sides[at], admins[at], chunk));
    }
  }
  console.log(`${CONFIG === 'default' ? 'default configuration' : 'limits-only'} check + record on Redis, ${IN_FLIGHT} in flight (median of ${ROUNDS} interleaved rounds of ${CHUNK} requests, after ${WARM} unmeasured)`);
  console.log('side                            node µs/req   redis µs/req   commands/req   wall µs/req   per round (node µs)');
  sides.forEach((s, i) => {
    const rs = results[i];
    const m = (f) => median(rs.map(f));
    console.log(`${s.name.padEnd(30)} ${m((r) => r.nodeUs).toFixed(1).padStart(12)} ${m((r) => r.redisUs).toFixed(1).padStart(14)} ${m((r) => r.commands).toFixed(2).padStart(14)} ${m((r) => r.wallUs).toFixed(1).padStart(13)}   ${rs.map((r) => r.nodeUs.toFixed(0)).join(' ')}${s.errors ? `   store errors: ${s.errors}` : ''}`);
  });
  if (sides.length > 2) {
    const ratio = (f) => median(results[0].map((r, k) => f(r) / f(results[1][k])));
    console.log(`working tree / CORE_REF, per round then median: node ${ratio((r) => r.nodeUs).toFixed(3)}, redis ${ratio((r) => r.redisUs).toFixed(3)}`);
  }
} finally {
  for (const s of sides) await s.close();
  for (const c of [...admins, ...sides.map((s) => s.client)]) c.disconnect();
  for (const s of sides) await s.server.stop();
}

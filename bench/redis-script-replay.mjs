// What the guard's Lua scripts cost Redis, measured apart from everything else: each build's
// script calls are recorded while it serves the same requests (check + record, 16 in flight, on a
// redis-server of its own), then replayed, call by call in their order, on one fresh redis-server,
// the builds alternating round by round (the database flushed before each round). Per request:
// the replaying redis-server's CPU (user + system) while it runs one build's calls, and the number
// of script calls. Only the scripts are replayed (the row script and the shared-vector script),
// and the MGET of vectors a batch sends just before its row script (a build that reads the
// detector's vectors outside the script): the other plain commands a request also sends (the
// verdict mirror) are not.
//
//   node bench/redis-script-replay.mjs                                        (the working tree alone)
//   CORE_REF=<dir>/packages/core/dist/index.js node bench/redis-script-replay.mjs   (dir made by bench/http/reference.sh)
//   BENCH_CONFIG=default BENCH_ROUNDS=8 node bench/redis-script-replay.mjs   (the default configuration; limits only without it)
//   BENCH_CALLGRIND=<prefix> BENCH_REDIS_URL=redis://127.0.0.1:<port> node bench/redis-script-replay.mjs
//       (also the instructions the server ran: see countInstructions)
//   BENCH_REDIS_URL=redis://127.0.0.1:<port> node bench/redis-script-replay.mjs  (replays on a server started by hand, to profile it)
//   BENCH_ONLY=dgRows8 node bench/redis-script-replay.mjs                     (replays one script's calls only)
//   BENCH_SAME_CALLS=1 CORE_REF=<dir>/packages/core/dist/index.js node bench/redis-script-replay.mjs
//       (every build replays the first build's calls through its own scripts, when their scripts
//       have the same names, i.e. the same calling convention: what a change of a script's text
//       costs, without the difference in batching between two recordings, which moves the
//       instructions per request by a few percent on its own)
//   BENCH_PATCH=<file.json> BENCH_PATCH_SCRIPT=dgVectors2 node bench/redis-script-replay.mjs
//       (replays that script with its text changed by the file's [from, to] string pairs, every
//       build alike: what a phase costs, by removing or repeating it)
//   BENCH_PATCH=<file.json> BENCH_PATCH_FIRST=1 BENCH_SAME_CALLS=1 CORE_REF=<dir of this commit>/packages/core/dist/index.js node bench/redis-script-replay.mjs
//       (the working tree's scripts patched, CORE_REF's not, the same calls through both: an
//       idea for a script measured against the script as it is, before writing it)
//
// A replay runs the calls one connection, 16 in flight, as recorded: each build's own batching.
// The calls carry deadlines in Redis time: they are recorded with a one-hour timeout, so that
// they replay within it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Redis from 'ioredis';
import { startRedisServer } from '@distill-guard/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const COUNT = Number(process.env.BENCH_COUNT ?? 8000);
const CONFIG = process.env.BENCH_CONFIG ?? 'limits';
const PARTS = CONFIG === 'default' ? {} : { shield: false, detector: false };
const IN_FLIGHT = 16;

const unlimited = { requests: { limit: 1e9, window: '1m' }, tokens: { limit: 1e12, window: '1h' }, costUsd: { limit: 1e9, window: '1d' }, outputTokens: { limit: 1e12, window: '1d' }, concurrency: 1e6, perIp: { requests: { limit: 1e9, window: '1m' } } };
const OUTCOME = { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: 'Plant tomatoes in spring, in full sun, and water them deeply twice a week.' };
const HEADERS = { host: '127.0.0.1:3000', 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36' };

/** Chat requests: 2,000 conversations turn by turn, each its own user and address (as bench/redis-limits-cost.mjs). */
function traffic(count) {
  const out = [];
  const histories = Array.from({ length: 2000 }, () => []);
  for (let t = 0; out.length < count; t++) {
    for (let c = 0; c < 2000 && out.length < count; c++) {
      const h = histories[c];
      h.push({ role: 'user', content: `Can you give an example? (${c}.${t})` });
      const ip = `${11 + (c % 200)}.${(c * 7) % 250}.${(c * 13) % 250}.${1 + (c % 250)}`;
      out.push({ ip: '127.0.0.1', method: 'POST', path: '/api/chat', headers: { ...HEADERS, 'x-user': `u${c}`, 'x-forwarded-for': ip }, user: `u${c}`, body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 512, messages: h }) });
      h.push({ role: 'assistant', content: `Sure, here is one. [${c}.${t}]` });
    }
  }
  return out;
}

/** Serves the traffic with one build and records its script calls: `{ scripts: name -> lua, calls: [name, args][] }`. */
async function record(corePath, reqs) {
  const core = await import(corePath);
  const server = await startRedisServer();
  const client = new Redis(server.url);
  await client.ping();
  // The store defines its scripts on the client (ioredis `defineCommand`): each is kept, and its calls recorded.
  const scripts = new Map();
  const define = client.defineCommand.bind(client);
  client.defineCommand = (name, definition) => {
    scripts.set(name, definition.lua);
    define(name, definition);
  };
  try {
    const guard = core.createGuard({ store: core.redisStore(client, { timeoutMs: 3_600_000 }), onStoreError: 'open', mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...PARTS });
    const calls = [];
    // The vectors a batch reads just before its row script (MGET) are part of the check.
    const mget = client.mgetBuffer.bind(client);
    client.mgetBuffer = (...args) => {
      calls.push(['MGET', args]);
      return mget(...args);
    };
    for (const name of scripts.keys()) {
      for (const variant of [name, `${name}Buffer`]) {
        const send = client[variant].bind(client);
        client[variant] = (...args) => {
          calls.push([name, args]);
          return send(...args);
        };
      }
    }
    let i = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (i < reqs.length) {
          const r = reqs[i++];
          const d = await guard.check({ ...r, body: JSON.parse(r.body) });
          if (d.allowed) guard.record(d, OUTCOME);
        }
      }),
    );
    await guard.close();
    return { scripts, calls };
  } finally {
    client.disconnect();
    await server.stop();
  }
}

async function cpuUs(admin) {
  const info = await admin.info('cpu');
  const field = (f) => Number(new RegExp(`^${f}:([\\d.]+)`, 'm').exec(info)[1]);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

/**
 * With BENCH_CALLGRIND=<prefix>, the instructions the server ran, counted by callgrind: a server
 * started by hand under `valgrind --tool=callgrind --callgrind-out-file=<prefix>.%p` (and given as
 * BENCH_REDIS_URL), zeroed before each replay and dumped after it. CPU time per request varies
 * by 10-20% from round to round on a loaded machine; the instructions do not.
 */
function countInstructions(pid) {
  const prefix = process.env.BENCH_CALLGRIND;
  if (!prefix) return undefined;
  execFileSync('callgrind_control', ['-z', String(pid)], { stdio: 'ignore' });
  return {
    stop() {
      execFileSync('callgrind_control', ['-d', String(pid)], { stdio: 'ignore' });
      const dir = dirname(prefix);
      const dumps = readdirSync(dir)
        .filter((f) => f.startsWith(`${basename(prefix)}.${pid}.`))
        .map((f) => join(dir, f))
        .sort((x, y) => statSync(y).mtimeMs - statSync(x).mtimeMs);
      return Number(/^summary: (\d+)/m.exec(readFileSync(dumps[0], 'utf8'))?.[1] ?? NaN);
    },
  };
}

/**
 * A script's text with BENCH_PATCH's [from, to] pairs applied (to BENCH_PATCH_SCRIPT's, the row
 * script of whatever version by default); each must match.
 */
function patched(name, lua, first) {
  if (!process.env.BENCH_PATCH || (process.env.BENCH_PATCH_FIRST && !first)) return lua;
  if (process.env.BENCH_PATCH_SCRIPT ? name !== process.env.BENCH_PATCH_SCRIPT : !name.startsWith('dgRows')) return lua;
  for (const [from, to] of JSON.parse(readFileSync(process.env.BENCH_PATCH, 'utf8'))) {
    if (!lua.includes(from)) throw new Error(`BENCH_PATCH: ${JSON.stringify(from)} is not in ${name}`);
    lua = lua.split(from).join(to);
  }
  return lua;
}

/** Replays one recording on a flushed database: the server's CPU per request (and instructions, with BENCH_PERF). */
async function replay(client, admin, recording, shas, n) {
  await admin.flushall();
  const counter = countInstructions(serverPid);
  const from = await cpuUs(admin);
  const calls = process.env.BENCH_ONLY ? recording.calls.filter(([name]) => name === process.env.BENCH_ONLY) : recording.calls;
  let i = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (i < calls.length) {
        const [name, args] = calls[i++];
        if (name === 'MGET') await client.mgetBuffer(...args);
        else await client.evalshaBuffer(shas.get(name), ...args);
      }
    }),
  );
  const us = ((await cpuUs(admin)) - from) / n;
  if (counter) instructions.push(counter.stop() / n);
  return us;
}
const instructions = [];

const reqs = traffic(COUNT);
const builds = [{ name: 'working tree', path: '@distill-guard/core' }];
if (process.env.CORE_REF) builds.push({ name: 'CORE_REF', path: pathToFileURL(process.env.CORE_REF).href });
for (const b of builds) b.recording = await record(b.path, reqs);
if (process.env.BENCH_SAME_CALLS) {
  const first = builds[0].recording;
  const names = (r) => [...r.scripts.keys()].sort().join(',');
  for (const b of builds.slice(1)) {
    if (names(b.recording) !== names(first)) throw new Error(`BENCH_SAME_CALLS: ${b.name} has scripts ${names(b.recording)}, not ${names(first)}`);
    b.recording = { scripts: b.recording.scripts, calls: first.calls };
  }
}

// BENCH_REDIS_URL: replay on a redis-server started by hand (to profile it, e.g. with perf), not a port of 6379's.
const server = process.env.BENCH_REDIS_URL ? { url: process.env.BENCH_REDIS_URL, stop: async () => undefined } : await startRedisServer();
const client = new Redis(server.url);
const admin = new Redis(server.url);
const serverPid = Number(/^process_id:(\d+)/m.exec(await admin.info('server'))[1]);
try {
  for (const b of builds) {
    b.shas = new Map();
    for (const [name, lua] of b.recording.scripts) b.shas.set(name, await client.script('LOAD', patched(name, lua, b === builds[0])));
    b.us = [];
    await replay(client, admin, b.recording, b.shas, reqs.length); // warm-up, not counted
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Alternating which build goes first.
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const b of order) {
      b.us.push(await replay(client, admin, b.recording, b.shas, reqs.length));
      if (process.env.BENCH_CALLGRIND) (b.instructions ??= []).push(instructions.pop());
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`script calls of ${reqs.length} requests (${CONFIG === 'default' ? 'default configuration' : 'limits only'}) replayed ${ROUNDS} times, builds alternating; redis-server CPU µs per request`);
  for (const b of builds) {
    const by = {};
    for (const [name] of b.recording.calls) by[name] = (by[name] ?? 0) + 1;
    console.log(`${b.name.padEnd(14)} median ${median(b.us).toFixed(1).padStart(6)}   rounds ${b.us.map((x) => x.toFixed(1)).join(' ')}   script calls per request ${Object.entries(by).map(([k, v]) => `${k} ${(v / reqs.length).toFixed(3)}`).join(', ')}`);
  }
  if (process.env.BENCH_CALLGRIND) for (const b of builds) console.log(`${b.name.padEnd(14)} instructions per request, thousands: median ${(median(b.instructions) / 1000).toFixed(1)}   rounds ${b.instructions.map((x) => (x / 1000).toFixed(1)).join(' ')}`);
  if (builds.length === 2) {
    const ratios = builds[0].us.map((x, k) => x / builds[1].us[k]);
    console.log(`working tree / CORE_REF per round: ${ratios.map((x) => x.toFixed(3)).join(' ')}   median ${median(ratios).toFixed(3)}`);
  }
} finally {
  client.disconnect();
  admin.disconnect();
  await server.stop();
}

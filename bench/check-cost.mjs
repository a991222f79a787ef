// pnpm bench check-cost -> what one guarded request costs in-process on the memory store: check +
// record per request for the default configuration and with parts turned off (time as a ratio to
// the guard with every check off, measured in the same run), and bytes allocated per request.
//
//   node bench/check-cost.mjs              (time, then allocation in a child process)
//   BENCH_ROUNDS=5 node bench/check-cost.mjs
//   node bench/check-cost.mjs --redis      (the same requests on a Redis store, 16 in flight: this
//                                           process's CPU, the redis-server's CPU and the commands
//                                           Redis ran per request, those inside scripts too)
//   node bench/check-cost.mjs --http-traffic  (the HTTP benchmark's own requests, as its server
//                                           sees them: each guard answers the 30,000 warm-up
//                                           requests, then the first 12,000 of the measured traffic,
//                                           which is what the slices of an HTTP run reach)
//   BENCH_EVICT_MB=4 node bench/check-cost.mjs --http-traffic  (the same with 4 MB read between two
//                                           requests, untimed: the CPU caches as a server leaves them)
//   BENCH_REF=<dir> node bench/check-cost.mjs --http-traffic  (also each variant on another commit's core,
//                                           built by `bash bench/http/reference.sh <commit> <dir>`, as
//                                           `ref: <variant>`, interleaved in the same rounds; BENCH_REF_VARIANTS
//                                           picks which, by default the default configuration and no detector)
//   BENCH_LONG_ANSWER=1 node bench/check-cost.mjs --http-traffic  (every request served an answer of
//                                           580 characters, near the development log's average,
//                                           instead of the HTTP benchmark's 75)
//
// Why two kinds of traffic: the HTTP benchmark's fresh servers are measured on the first two or
// three turns of 4,000 new conversations. This file's own traffic (1,000 conversations of 10
// turns) is mostly later turns, and its clients resend histories the guard never served, so from
// the fourth turn on the detector has blocked every account (monitor mode) and answers from its
// cheap path for blocked accounts. `blocked` says which share of the measured requests that was.
//
// Allocation is measured in a child process started with a young generation large enough that
// no garbage collection runs while it checks 2,000 requests: the heap's growth is then what they
// allocated (the run says so, or reports that a collection spoiled it).
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGuard, memoryStore, redisStore } from '@distill-guard/core';
import { startRedisServer } from '@distill-guard/testing';
import Redis from 'ioredis';
import { BASE_HEADERS, chatBodies, SERVED_ANSWER, SERVED_LONG_ANSWER } from './lib/chat-traffic.mjs';
import { cacheEvictor } from './lib/cache-evictor.mjs';
import { join, resolve } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// With --http-traffic: megabytes read between two requests to take the guard's data out of the CPU caches (see cacheEvictor).
const EVICT_MB = Number(process.env.BENCH_EVICT_MB ?? 0);
const unlimited = { requests: { limit: 1e9, window: '1m' }, tokens: { limit: 1e12, window: '1h' }, costUsd: { limit: 1e9, window: '1d' }, outputTokens: { limit: 1e12, window: '1d' }, concurrency: 1e6, perIp: { requests: { limit: 1e9, window: '1m' } } };
export const VARIANTS = {
  'nothing (limits, shield, detector off)': { limits: false, shield: false, detector: false },
  'limits only': { shield: false, detector: false },
  'no detector': { detector: false },
  'no shield': { shield: false },
  'full default': {},
};

// Chat traffic as in the HTTP bench: conversations that grow turn by turn, many users.
const ASKS = ['Can you explain how a heat pump works in winter?', 'Write a short, friendly reminder email about the team offsite on Friday.', 'What is the difference between a list and a tuple in Python?', 'My tomato plants have yellow leaves at the bottom. What should I do?'];
const FOLLOWS = ['Thanks, can you make it shorter?', 'Can you give an example?', 'What would you do in my place?', 'Could you put that in a table?'];
const REPLY = 'Sure. Here is a clear answer with the main points first, then the details you may need: it depends on a few factors, which I will go through one by one, with a short example for each.';
const AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
function requests(conversations = 1_000, turns = 10) {
  const out = [];
  const histories = Array.from({ length: conversations }, () => []);
  for (let t = 0; t < turns; t++) {
    for (let c = 0; c < conversations; c++) {
      const h = histories[c];
      h.push({ role: 'user', content: `${t === 0 ? ASKS[c % ASKS.length] : FOLLOWS[(c + t) % FOLLOWS.length]} (${c}.${t})` });
      const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 512, messages: h });
      out.push({ ip: `10.${c % 250}.${(c * 7) % 250}.${1 + (c % 250)}`, method: 'POST', path: '/v1/messages', headers: { 'content-type': 'application/json', 'user-agent': AGENT }, user: `u${c}`, body });
      h.push({ role: 'assistant', content: `${REPLY} [${c}.${t}]` });
    }
  }
  return out;
}
const OUTCOME = { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: REPLY };

function guardFor(parts) {
  return createGuard({ store: memoryStore(), mode: 'monitor', limits: unlimited, warnings: false, ...parts });
}

/**
 * µs per request for check + record over `reqs` (bodies parsed as a server's body parser would),
 * after `warm` requests unmeasured (the first tenth by default), and the share of the measured
 * requests the detector had blocked.
 */
async function timeVariant(parts, reqs, { warm = reqs.slice(0, Math.floor(reqs.length / 10)), measured = reqs.slice(warm.length), guard = guardFor(parts), outcome = OUTCOME, evict } = {}) {
  let blocked = 0;
  let ms = 0;
  const run = async (list, count) => {
    for (const r of list) {
      if (evict && count) evict();
      const start = performance.now();
      const d = await guard.check({ ...r, body: JSON.parse(r.body) });
      if (count && d.verdict === 'block') blocked++;
      if (d.allowed) guard.record(d, outcome);
      ms += performance.now() - start;
    }
  };
  await run(warm, false);
  ms = 0;
  await run(measured, true);
  const us = (ms * 1000) / measured.length;
  await guard.close();
  return { us, blocked: blocked / measured.length };
}

/** The HTTP benchmark's requests as its server hands them to the guard (bench/http/server.mjs). */
function httpRequests(group) {
  return chatBodies(group).map((b) => ({
    ip: '127.0.0.1',
    method: 'POST',
    path: '/api/chat',
    headers: { host: '127.0.0.1:3000', connection: 'keep-alive', ...BASE_HEADERS, 'x-user': b.user, 'x-forwarded-for': b.ip, 'user-agent': b.agent, 'content-length': String(b.body.length) },
    user: b.user,
    body: b.body,
  }));
}

/** check + record of each variant on the HTTP benchmark's traffic: 30,000 warm-up requests, then the first 12,000 measured ones, timed. */
export async function runHttpTrafficCost() {
  const warm = httpRequests('w').slice(0, 30_000);
  const measured = httpRequests('').slice(0, 12_000);
  const outcome = { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: process.env.BENCH_LONG_ANSWER === '1' ? SERVED_LONG_ANSWER : SERVED_ANSWER };
  const evict = cacheEvictor(EVICT_MB);
  // With BENCH_REF, the same variants on a reference build of the core too (`ref: <variant>`).
  const ref = process.env.BENCH_REF ? await import(pathToFileURL(join(resolve(process.env.BENCH_REF), 'packages', 'core', 'dist', 'index.js')).href) : undefined;
  const refVariants = (process.env.BENCH_REF_VARIANTS ?? 'full default,no detector').split(',');
  const names = [...Object.keys(VARIANTS), ...(ref ? refVariants.map((v) => `ref: ${v}`) : [])];
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      const core = name.startsWith('ref: ') ? ref : { createGuard, memoryStore };
      const parts = VARIANTS[name.replace(/^ref: /, '')];
      const guard = core.createGuard({ store: core.memoryStore(), mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...parts });
      runs[name].push(await timeVariant(parts, [], { warm, measured, guard, outcome, evict }));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(runs[names[0]].map((r) => r.us));
  return names.map((name) => ({ variant: name, us: median(runs[name].map((r) => r.us)), overNothing: median(runs[name].map((r) => r.us)) - base, blocked: runs[name][0].blocked }));
}

export function formatHttpTrafficCost(rows) {
  const lines = [`check + record in-process on the HTTP benchmark's traffic, memory store, monitor mode (median of ${ROUNDS} interleaved rounds; each guard fresh, 30,000 warm-up requests, then 12,000 measured: turns 0-2 of 4,000 new conversations${EVICT_MB > 0 ? `; ${EVICT_MB} MB read between two requests` : ''}${process.env.BENCH_LONG_ANSWER === '1' ? '; a 580-character answer served' : ''}${process.env.BENCH_REF ? '; ref: the same on the BENCH_REF build' : ''})`, 'variant                                    µs/request   minus nothing   blocked'];
  for (const r of rows) lines.push(`${r.variant.padEnd(42)} ${r.us.toFixed(1).padStart(10)}   ${r.overNothing.toFixed(1).padStart(13)}   ${(r.blocked * 100).toFixed(0).padStart(6)}%`);
  lines.push('µs/request includes JSON.parse of the body, as in the default mode. blocked: share of the measured requests whose account the detector had blocked (its cheap path).');
  return lines.join('\n');
}

async function allocation(name) {
  const reqs = requests(200, 10);
  const guard = guardFor(VARIANTS[name]);
  let gcs = 0;
  const obs = new PerformanceObserver((list) => (gcs += list.getEntries().length));
  const check = async (from, to) => {
    for (let i = from; i < to; i++) {
      const r = reqs[i];
      const body = JSON.parse(r.body);
      const d = await guard.check({ ...r, body });
      if (d.allowed) guard.record(d, OUTCOME);
    }
  };
  await check(0, 1_000);
  globalThis.gc();
  // Parsing allocates too: measured alone, then taken off.
  const parseFrom = process.memoryUsage().heapUsed;
  for (let i = 1_000; i < 2_000; i++) JSON.parse(reqs[i].body);
  const parseBytes = process.memoryUsage().heapUsed - parseFrom;
  globalThis.gc();
  obs.observe({ entryTypes: ['gc'] });
  const from = process.memoryUsage().heapUsed;
  await check(1_000, 2_000);
  const bytes = process.memoryUsage().heapUsed - from - parseBytes;
  // GC entries reach the observer a moment later.
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  await guard.close();
  return { bytesPerRequest: bytes / 1_000, gcs };
}

export async function runCheckCost() {
  const reqs = requests();
  const names = Object.keys(VARIANTS);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const blockedShare = {};
  // One unmeasured pass of every variant first, so the first one measured does not pay for
  // compiling the code they share.
  for (const name of names) await timeVariant(VARIANTS[name], reqs.slice(0, 2_000));
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, each round in a rotated order.
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      const r = await timeVariant(VARIANTS[name], reqs);
      times[name].push(r.us);
      blockedShare[name] = r.blocked;
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(times[names[0]]);
  const self = fileURLToPath(import.meta.url);
  return names.map((name) => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256', self, '--alloc', name], { encoding: 'utf8' });
    const alloc = child.status === 0 ? JSON.parse(child.stdout.trim().split('\n').pop()) : { error: child.stderr.trim().split('\n').pop() };
    return { variant: name, us: median(times[name]), overNothing: median(times[name]) - base, blocked: blockedShare[name], ...alloc };
  });
}

export function formatCheckCost(rows) {
  const lines = [`check + record in-process, memory store, monitor mode (median of ${ROUNDS} interleaved rounds over 10,000 chat requests)`, 'variant                                    µs/request   minus nothing   bytes allocated/request   blocked'];
  for (const r of rows) {
    const alloc = r.error ? `(${r.error})` : r.gcs > 0 ? `(a collection ran: ${r.gcs})` : String(Math.round(r.bytesPerRequest));
    lines.push(`${r.variant.padEnd(42)} ${r.us.toFixed(1).padStart(10)}   ${r.overNothing.toFixed(1).padStart(13)}   ${alloc.padStart(23)}   ${(r.blocked * 100).toFixed(0).padStart(6)}%`);
  }
  lines.push('minus nothing: the same run\'s guard with every check off subtracted (what the parts cost). Allocation: heap growth over 1,000 checks with no collection, JSON parsing taken off.');
  lines.push('blocked: share of the measured requests whose account the detector had blocked (its cheap path); `--http-traffic` measures the HTTP benchmark\'s requests instead.');
  return lines.join('\n');
}

/**
 * Check + record on a Redis store (a redis-server of its own on a free port), 16 requests in
 * flight as a busy server has: per request, this process's CPU, the redis-server's CPU (user +
 * system, networking included) and the commands Redis ran, by command.
 */
export async function runRedisCost(names = ['limits only', 'full default']) {
  const reqs = requests(2_000, 8);
  const warm = 4_000;
  const out = [];
  for (const name of names) {
    const server = await startRedisServer();
    const admin = new Redis(server.url);
    const client = new Redis(server.url);
    try {
      const guard = createGuard({ store: redisStore(client), onStoreError: 'open', mode: 'monitor', limits: unlimited, warnings: false, ...VARIANTS[name] });
      const run = async (from, to) => {
        let i = from;
        await Promise.all(
          Array.from({ length: 16 }, async () => {
            while (i < to) {
              const r = reqs[i++];
              const d = await guard.check({ ...r, body: JSON.parse(r.body) });
              if (d.allowed) guard.record(d, OUTCOME);
            }
          }),
        );
      };
      await run(0, warm);
      // The write-behind of the warm-up lands before the count starts.
      await new Promise((r) => setTimeout(r, 300));
      await admin.config('RESETSTAT');
      const redisFrom = await redisCpu(admin);
      const nodeFrom = process.cpuUsage();
      const started = performance.now();
      await run(warm, reqs.length);
      await guard.close();
      const wall = performance.now() - started;
      const node = process.cpuUsage(nodeFrom);
      const redis = (await redisCpu(admin)) - redisFrom;
      const n = reqs.length - warm;
      const commands = {};
      for (const m of (await admin.info('commandstats')).matchAll(/^cmdstat_(\S+):calls=(\d+)/gm)) if (!/^(info|config)/.test(m[1])) commands[m[1]] = Number(m[2]) / n;
      out.push({ variant: name, nodeUs: (node.user + node.system) / n, redisUs: redis / n, wallUs: (wall * 1000) / n, commands });
    } finally {
      client.disconnect();
      admin.disconnect();
      await server.stop();
    }
  }
  return out;
}

async function redisCpu(admin) {
  const info = await admin.info('cpu');
  const field = (f) => Number(new RegExp(`^${f}:([\\d.]+)`, 'm').exec(info)[1]);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

export function formatRedisCost(rows) {
  const lines = ['check + record in-process on Redis, 16 requests in flight, monitor mode (12,000 chat requests after 4,000 unmeasured)', 'variant                 node µs/request   redis µs/request   commands/request   by command'];
  for (const r of rows) {
    const total = Object.values(r.commands).reduce((a, b) => a + b, 0);
    const by = Object.entries(r.commands).sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c} ${k.toFixed(2)}`).join(', ');
    lines.push(`${r.variant.padEnd(23)} ${r.nodeUs.toFixed(1).padStart(15)}   ${r.redisUs.toFixed(1).padStart(16)}   ${total.toFixed(2).padStart(16)}   ${by}`);
  }
  lines.push('node: this process (guard, client, and the load loop with its JSON parsing); redis: the redis-server process, networking included. Two cores shared by both: compare runs of one session.');
  return lines.join('\n');
}

if (process.argv[2] === '--http-traffic') {
  console.log(formatHttpTrafficCost(await runHttpTrafficCost()));
} else if (process.argv[2] === '--redis') {
  console.log(formatRedisCost(await runRedisCost()));
} else if (process.argv[2] === '--alloc') {
  console.log(JSON.stringify(await allocation(process.argv[3])));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatCheckCost(await runCheckCost()));
}

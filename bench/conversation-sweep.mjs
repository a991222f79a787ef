// pnpm bench conversation-sweep -> what one guarded request costs in-process on the memory store as
// the number of conversations (and identities) in flight grows: check + record per request and the
// heap the guard keeps, by part, at 1,000, 4,000 and 16,000 conversations in flight.
//
//   node bench/conversation-sweep.mjs
//   BENCH_CONVERSATIONS=4000,16000 BENCH_PARTS=full,nothing node bench/conversation-sweep.mjs
//   BENCH_EVICT_MB=4 node bench/conversation-sweep.mjs      (4 MB read between two requests, untimed)
//   BENCH_REF=<dir> node bench/conversation-sweep.mjs       (a reference build's core beside this one,
//                                                             <dir> a checkout with core built)
//   BENCH_REF=<dir> node bench/conversation-sweep.mjs --same-process [part]   (both builds in one
//                                                             process, request by request: the A/B
//                                                             least disturbed by a shared machine)
//
// The traffic is steady: N conversation slots visited round-robin, each slot running a chat of 12
// turns (the client resends the history, every new user turn is unique) and then a new one, from a
// new user and address; slot c starts at turn c mod 12, so at every moment N conversations are in
// flight, at every turn alike, from about N users. Each (N, part, build) runs in a process of its
// own, since the shield's and the fingerprints' memories are module-wide: 2 x N requests
// unmeasured (at least 30,000, so the code is warm and every slot's previous turn has been seen),
// then 12,000 measured. Heap: heapUsed + arrayBuffers after a full GC, minus the same figure in a
// process that only generates and parses the traffic ("parse only").
//
// Parts: `nothing` (every check off), `limits` (limits only), `shield` (limits and shield),
// `detector` (limits and detector), `full` (the default configuration), `fingerprints` (the
// detector's prompt fingerprints alone, newest user turn and opener, as `fingerprintRequest`
// takes them), `parse` (JSON.parse alone). What a part costs is read as a difference in the same
// run: shield = full - detector, detector = full - shield, limits = limits - nothing.
import { spawnSync } from 'node:child_process';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { BASE_HEADERS, steadyChat } from './lib/chat-traffic.mjs';
import { cacheEvictor } from './lib/cache-evictor.mjs';

const self = fileURLToPath(import.meta.url);
const MEASURED = Number(process.env.BENCH_MEASURED ?? 12_000);
const EVICT_MB = Number(process.env.BENCH_EVICT_MB ?? 0);
const unlimited = { requests: { limit: 1e9, window: '1m' }, tokens: { limit: 1e12, window: '1h' }, costUsd: { limit: 1e9, window: '1d' }, outputTokens: { limit: 1e12, window: '1d' }, concurrency: 1e6, perIp: { requests: { limit: 1e9, window: '1m' } } };
const PARTS = {
  parse: undefined,
  fingerprints: undefined,
  nothing: { limits: false, shield: false, detector: false },
  limits: { shield: false, detector: false },
  shield: { detector: false },
  detector: { shield: false },
  full: {},
};

async function child(part, conversations, corePath) {
  const core = await import(corePath ? pathToFileURL(corePath).href : '@distill-guard/core');
  const detectorPath = corePath ? pathToFileURL(path.join(path.dirname(corePath), 'detector/index.js')).href : '@distill-guard/core/detector';
  const { promptFingerprint } = await import(detectorPath);
  const warmCount = Math.max(30_000, 2 * conversations);
  const traffic = steadyChat(conversations);
  const outcome = { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: 'Plant tomatoes in spring, in full sun, and water them deeply twice a week.' };
  const guard = PARTS[part] && core.createGuard({ store: core.memoryStore(), mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...PARTS[part] });
  const evict = cacheEvictor(EVICT_MB);
  let sink = 0;
  const one = (b) => {
    const body = JSON.parse(b.body);
    if (part === 'parse') return body.messages.length;
    if (part === 'fingerprints') {
      const m = body.messages;
      sink += promptFingerprint(m[m.length - 1].content).exact;
      if (m.length > 1) sink += promptFingerprint(m[0].content).exact;
      return 0;
    }
    const req = { ip: '127.0.0.1', method: 'POST', path: '/api/chat', headers: { host: '127.0.0.1:3000', connection: 'keep-alive', ...BASE_HEADERS, 'x-user': b.user, 'x-forwarded-for': b.ip, 'user-agent': b.agent, 'content-length': String(b.body.length) }, user: b.user, body };
    const d = guard.check(req);
    if (d instanceof Promise) throw new Error('the memory store answered with a Promise');
    if (d.allowed) guard.record(d, outcome);
    return 0;
  };
  for (let i = 0; i < warmCount; i++) one(traffic.next());
  // Garbage collection during the measured requests, by kind (a share of µs/request, not on top of it).
  const gc = { minor: 0, major: 0 };
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) gc.major += e.duration;
      else gc.minor += e.duration;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  let us = 0;
  for (let i = 0; i < MEASURED; i++) {
    const b = traffic.next();
    if (evict) sink += evict();
    // CPU time, not wall time: the machine is shared, and a process that waits for a core is not slower.
    const start = process.cpuUsage();
    sink += one(b);
    const used = process.cpuUsage(start);
    us += used.user + used.system;
  }
  await new Promise((r) => setTimeout(r, 50));
  obs.disconnect();
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  const heap = m.heapUsed + m.arrayBuffers;
  if (guard) await guard.close();
  return { us: us / MEASURED, gcMinorUs: (gc.minor * 1000) / MEASURED, gcMajorUs: (gc.major * 1000) / MEASURED, heapMB: heap / 1e6, sink: sink % 2 };
}

/**
 * Both builds in one process (BENCH_REF with --same-process): every request goes through a guard
 * of each, in blocks of 500 whose order alternates, each build timed on its own; both see the
 * same traffic and the same machine at the same moments. Each build keeps its own module-wide
 * memories. Prints µs per request for this build and the reference, and their ratio per block.
 */
async function sameProcess(part, conversations, refPath) {
  const load = async (corePath) => {
    const core = await import(corePath ? pathToFileURL(corePath).href : '@distill-guard/core');
    return core.createGuard({ store: core.memoryStore(), mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...PARTS[part] });
  };
  const guards = [await load(undefined), await load(refPath)];
  const traffic = steadyChat(conversations);
  const outcome = { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: 'Plant tomatoes in spring, in full sun, and water them deeply twice a week.' };
  const evict = cacheEvictor(EVICT_MB);
  const run = (guard, b) => {
    const req = { ip: '127.0.0.1', method: 'POST', path: '/api/chat', headers: { host: '127.0.0.1:3000', connection: 'keep-alive', ...BASE_HEADERS, 'x-user': b.user, 'x-forwarded-for': b.ip, 'user-agent': b.agent, 'content-length': String(b.body.length) }, user: b.user, body: JSON.parse(b.body) };
    const d = guard.check(req);
    if (d.allowed) guard.record(d, outcome);
  };
  const BLOCK = 500;
  const warm = Math.ceil(Math.max(30_000, 2 * conversations) / BLOCK);
  const measured = Math.ceil(MEASURED / BLOCK);
  const us = [0, 0];
  const ratios = [];
  for (let k = 0; k < warm + measured; k++) {
    const block = Array.from({ length: BLOCK }, () => traffic.next());
    const t = [0, 0];
    for (const g of k % 2 === 0 ? [0, 1] : [1, 0]) {
      for (const b of block) {
        if (evict) evict();
        const start = process.cpuUsage();
        run(guards[g], b);
        const used = process.cpuUsage(start);
        t[g] += used.user + used.system;
      }
    }
    if (k >= warm) {
      us[0] += t[0];
      us[1] += t[1];
      ratios.push(t[0] / t[1]);
    }
  }
  for (const g of guards) await g.close();
  ratios.sort((a, b) => a - b);
  return { thisUs: us[0] / (measured * BLOCK), refUs: us[1] / (measured * BLOCK), medianRatio: ratios[ratios.length >> 1], q1: ratios[ratios.length >> 2], q3: ratios[(3 * ratios.length) >> 2] };
}

function runChild(part, conversations, corePath) {
  const args = ['--expose-gc', '--max-old-space-size=4096', self, '--child', part, String(conversations), corePath ?? ''];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: process.env, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${part} at ${conversations}: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

export async function runSweep() {
  const counts = (process.env.BENCH_CONVERSATIONS ?? '1000,4000,16000').split(',').map(Number);
  const parts = (process.env.BENCH_PARTS ?? Object.keys(PARTS).join(',')).split(',');
  if (!parts.includes('parse')) parts.unshift('parse');
  const ref = process.env.BENCH_REF ? path.resolve(process.env.BENCH_REF, 'packages/core/dist/index.js') : undefined;
  const builds = ref ? [['this', undefined], ['ref', ref]] : [['this', undefined]];
  const rows = [];
  for (const n of counts) {
    for (let k = 0; k < parts.length; k++) {
      // Alternate which build goes first, part by part.
      const order = k % 2 === 0 ? builds : [...builds].reverse();
      for (const [build, core] of order) {
        if (build === 'ref' && (parts[k] === 'parse')) continue;
        const r = runChild(parts[k], n, core);
        rows.push({ conversations: n, part: parts[k], build, ...r });
        console.error(`${n} ${parts[k]} ${build}: ${r.us.toFixed(1)} µs (GC ${r.gcMinorUs.toFixed(1)} + ${r.gcMajorUs.toFixed(1)}), ${r.heapMB.toFixed(1)} MB`);
      }
    }
  }
  return rows;
}

export function formatSweep(rows) {
  const lines = [`check + record in-process (process CPU time read around each request), memory store, monitor mode: N conversations in flight (steady, 12 turns each), 12,000 requests measured after max(30,000, 2N)${EVICT_MB > 0 ? `; ${EVICT_MB} MB read between two requests` : ''}`];
  lines.push('N        part          build   µs/request   of which GC minor, major   heap MB over "parse"');
  const parseHeap = new Map(rows.filter((r) => r.part === 'parse').map((r) => [r.conversations, r.heapMB]));
  for (const r of rows) lines.push(`${String(r.conversations).padEnd(8)} ${r.part.padEnd(13)} ${r.build.padEnd(6)} ${r.us.toFixed(1).padStart(11)}   ${r.gcMinorUs.toFixed(1).padStart(14)} ${r.gcMajorUs.toFixed(1).padStart(7)}   ${(r.heapMB - (parseHeap.get(r.conversations) ?? 0)).toFixed(1).padStart(8)}`);
  const get = (n, part, build) => rows.find((r) => r.conversations === n && r.part === part && r.build === build)?.us;
  lines.push('', 'by part (differences in the same run): shield = full - detector, detector = full - shield, limits = limits - nothing, fingerprints = fingerprints - parse');
  for (const build of [...new Set(rows.map((r) => r.build))]) {
    for (const n of [...new Set(rows.map((r) => r.conversations))]) {
      const d = (a, b) => (get(n, a, build) !== undefined && get(n, b, build) !== undefined ? (get(n, a, build) - get(n, b, build)).toFixed(1) : '-');
      const fp = get(n, 'fingerprints', build) !== undefined && get(n, 'parse', 'this') !== undefined ? (get(n, 'fingerprints', build) - get(n, 'parse', 'this')).toFixed(1) : '-';
      lines.push(`${build.padEnd(6)} N=${String(n).padEnd(6)} full ${get(n, 'full', build)?.toFixed(1) ?? '-'}  shield ${d('full', 'detector')}  detector ${d('full', 'shield')}  limits ${d('limits', 'nothing')}  fingerprints ${fp}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[2] === '--same-process-child') {
  console.log(JSON.stringify(await sameProcess(process.argv[3], Number(process.argv[4]), process.argv[5])));
} else if (process.argv[2] === '--same-process') {
  // BENCH_REF=<dir> node bench/conversation-sweep.mjs --same-process [part]
  const ref = path.resolve(process.env.BENCH_REF, 'packages/core/dist/index.js');
  const part = process.argv[3] ?? 'full';
  console.log(`same process, this build against ${process.env.BENCH_REF}, part ${part}: µs per request (process CPU), and this/ref per block of 500 (median, quartiles)`);
  for (const n of (process.env.BENCH_CONVERSATIONS ?? '1000,4000,16000').split(',').map(Number)) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', self, '--same-process-child', part, String(n), ref], { encoding: 'utf8', env: process.env });
    if (r.status !== 0) throw new Error(r.stderr);
    const x = JSON.parse(r.stdout.trim().split('\n').pop());
    console.log(`N=${String(n).padEnd(6)} this ${x.thisUs.toFixed(1).padStart(6)}  ref ${x.refUs.toFixed(1).padStart(6)}  this/ref ${x.medianRatio.toFixed(2)} (${x.q1.toFixed(2)}-${x.q3.toFixed(2)})`);
  }
} else if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3], Number(process.argv[4]), process.argv[5] || undefined)));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatSweep(await runSweep()));
}

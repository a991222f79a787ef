// Where a benchmark server's CPU time goes, per request, against bare Express in the same run:
//
//   node bench/http/split.mjs [variants=bare,guard-memory-no-checks,guard-memory-full]
//   SPLIT_ROUNDS=3 SPLIT_REQUESTS=20000 node bench/http/split.mjs bare,guard-memory-full
//   BENCH_REF=<dir> node bench/http/split.mjs bare,ref-guard-memory-full,guard-memory-full
//     (<dir> made by bench/http/reference.sh: `ref-<variant>` is the same server on another
//     commit's packages, so a change's before and after are split in the same run)
//
// Each variant's server (bench/http/server.mjs with BENCH_SPLIT=1, see split-probe.mjs) runs on
// the last core, the load generator on the first, as in the throughput benchmark: 30,000 warm-up
// requests of other conversations, then SPLIT_REQUESTS of the measured traffic. The server's CPU
// time a request is split into the guard's `check` and `record`, the rest of the middleware's
// window (request kind, headers, Express's dispatch), the handler's `res.json` (Express's response
// and the socket write) and everything outside those windows (HTTP parsing, `express.json()`, the
// event loop); collections are counted, and their pauses are wall time, so they overlap the rest.
// Rounds interleave the variants, each in a fresh process; the median round is shown per column.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { BASE_HEADERS, chatBodies } from '../lib/chat-traffic.mjs';

const variants = (process.argv[2] ?? 'bare,guard-memory-no-checks,guard-memory-full').split(',');
const ROUNDS = Number(process.env.SPLIT_ROUNDS ?? 3);
const REQUESTS = Number(process.env.SPLIT_REQUESTS ?? 20_000);
const WARM_UP = Number(process.env.SPLIT_WARMUP ?? 30_000);
const serverFile = fileURLToPath(new URL('./server.mjs', import.meta.url));

const REF = process.env.BENCH_REF;

function startServer(variant) {
  const cores = availableParallelism();
  const pin = cores >= 2 ? ['taskset', '-c', String(cores - 1)] : [];
  const ref = variant.startsWith('ref-');
  if (ref && !REF) throw new Error(`${variant} needs BENCH_REF=<dir made by bench/http/reference.sh>`);
  const [command, ...args] = [...pin, process.execPath, ref ? `${REF}/bench/server.mjs` : serverFile, ref ? variant.slice(4) : variant];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_SPLIT: '1' } });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server ${variant} exited with ${code} before it was ready`)));
    const poll = setInterval(() => {
      const m = /ready (\d+)/.exec(out);
      if (!m) return;
      clearInterval(poll);
      child.removeAllListeners('exit');
      resolve({ child, url: `http://127.0.0.1:${m[1]}/api/chat`, output: () => out });
    }, 20);
  });
}

function drive(url, bodies, amount) {
  let n = 0;
  return autocannon({
    url,
    connections: 16,
    amount,
    requests: [{ method: 'POST', headers: BASE_HEADERS, setupRequest: (req) => { const b = bodies[n++ % bodies.length]; return { ...req, body: b.body, headers: { ...req.headers, 'x-user': b.user, 'x-forwarded-for': b.ip, 'user-agent': b.agent } }; } }],
  });
}

async function measure(variant, warm, measured) {
  const server = await startServer(variant);
  await drive(server.url, warm, WARM_UP);
  server.child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 50));
  await drive(server.url, measured, REQUESTS);
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
  const out = server.output();
  const split = JSON.parse(/split (.*)/.exec(out)[1]);
  const [, cpu, served] = /cpu (\d+) (\d+)/.exec(out).map(Number);
  const per = (x) => x / served;
  const guard = split.check + split.record;
  return {
    cpu: per(cpu),
    check: per(split.check),
    record: per(split.record),
    glue: per(split.middleware - split.check),
    json: per(split.json),
    outside: per(cpu - split.middleware - split.json - split.record),
    guard: per(guard),
    scavenges: (1000 * split.scavenges) / served,
    scavengeUs: (1000 * split.scavengeMs) / served,
    markCompacts: (1000 * split.markCompacts) / served,
  };
}

const warm = chatBodies('w');
const measured = chatBodies();
const rows = Object.fromEntries(variants.map((v) => [v, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < variants.length; k++) {
    const v = variants[(k + round) % variants.length];
    rows[v].push(await measure(v, warm, measured));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cols = ['cpu', 'check', 'record', 'glue', 'json', 'outside', 'scavenges', 'scavengeUs', 'markCompacts'];
console.log(`CPU µs a request (median of ${ROUNDS} rounds; ${REQUESTS} measured requests after ${WARM_UP}); collections per 1,000 requests, scavenge pauses in wall µs a request`);
console.log(['variant'.padEnd(26), ...cols.map((c) => c.padStart(13))].join(''));
for (const v of variants) console.log([v.padEnd(26), ...cols.map((c) => median(rows[v].map((r) => r[c])).toFixed(1).padStart(13))].join(''));
if (rows.bare) {
  const bare = median(rows.bare.map((r) => r.cpu));
  for (const v of variants.filter((x) => x !== 'bare')) {
    const m = (c) => median(rows[v].map((r) => r[c])) - median(rows.bare.map((r) => r[c]));
    const extra = median(rows[v].map((r) => r.cpu)) - bare;
    console.log(`${v}: ${extra.toFixed(0)} µs a request over bare (capacity ${((100 * bare) / (bare + extra)).toFixed(1)}%): the guard's check + record ${m('check') + m('record') >= 0 ? (m('check') + m('record')).toFixed(0) : 0}, the middleware's glue ${m('glue').toFixed(0)}, res.json ${m('json').toFixed(0)}, outside the windows ${m('outside').toFixed(0)}`);
  }
}

// Profiles one benchmark server variant under the HTTP benchmark's chat traffic and prints where
// its CPU time goes:
//
//   node bench/http/profile.mjs [variant=guard-memory-full] [redisUrl]
//   node bench/http/profile.mjs guard-redis-full     (starts a redis-server of its own on a free port)
//   PROFILE_REQUESTS=40000 PROFILE_DIR=<dir> node bench/http/profile.mjs bare
//
// The server runs under `node --cpu-prof` on the last core (the load generator on the first), is
// warmed on other conversations, then driven with PROFILE_REQUESTS requests; its profile is
// written to PROFILE_DIR (a temporary directory by default) and summarised: self time by
// function, and time by the guard's outermost function (`check`, `record`...) against the rest
// (Express, HTTP, garbage collection). Sampling adds its own cost, so read the shares, not the
// absolute rate; compare with `bare` profiled the same way.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startRedisServer } from '@distill-guard/testing';
import { BASE_HEADERS, chatBodies } from '../lib/chat-traffic.mjs';

const variant = process.argv[2] ?? 'guard-memory-full';
// A Redis variant without a URL gets a redis-server of its own: left empty, ioredis would try the
// default port, and with `onStoreError: 'open'` the profile would show the insurance counters.
const ownRedis = !process.argv[3] && /redis/.test(variant) ? await startRedisServer() : undefined;
const redisUrl = process.argv[3] ?? ownRedis?.url ?? '';
const REQUESTS = Number(process.env.PROFILE_REQUESTS ?? 40_000);
const WARM_UP = Number(process.env.PROFILE_WARMUP ?? 30_000);
const dir = process.env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'dg-profile-'));
const serverFile = fileURLToPath(new URL('./server.mjs', import.meta.url));
/** Names of the guard's wrappers that only pass the request on: time under them is not the guard's own. */
const PASS_THROUGH = new Set(['middleware', 'decide', 'apply', 'nodeGuardRequest']);

function startServer() {
  const pin = availableParallelism() >= 2 ? ['taskset', '-c', String(availableParallelism() - 1)] : [];
  const [command, ...args] = [...pin, process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval', '200', serverFile, variant, redisUrl];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server ${variant} exited with ${code} before it was ready`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /ready (\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}/api/chat` });
    });
  });
}

function drive(url, bodies, amount) {
  let n = 0;
  return autocannon({
    url,
    connections: 16,
    amount,
    requests: [
      {
        method: 'POST',
        headers: BASE_HEADERS,
        setupRequest: (req) => {
          const b = bodies[n++ % bodies.length];
          return { ...req, body: b.body, headers: { ...req.headers, 'x-user': b.user, 'x-forwarded-for': b.ip, 'user-agent': b.agent } };
        },
      },
    ],
  });
}

/** Self time by function, and by the outermost guard function on the stack, as shares of all samples. */
function summarise(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isGuard = (frame) => /packages\/(core|express)\/dist|@distill-guard/.test(frame.url);
  const self = new Map();
  const owner = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const frames = [];
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) frames.push(byId.get(id).callFrame);
    const leaf = frames[0];
    const where = (leaf.url || '').replace(/^.*\/(node_modules|packages)\//, '$1/');
    const name = `${leaf.functionName || '(anonymous)'} ${where}`.trim();
    self.set(name, (self.get(name) ?? 0) + dt);
    const outer = frames.reverse().find((f) => isGuard(f) && !PASS_THROUGH.has(f.functionName));
    const key = outer ? `guard: ${outer.functionName || '(anonymous)'}` : `other: ${leaf.functionName || '(anonymous)'}`;
    owner.set(key, (owner.get(key) ?? 0) + dt);
  }
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  const guardShare = [...owner].filter(([k]) => k.startsWith('guard: ')).reduce((a, [, v]) => a + v, 0);
  return [
    `guard's own functions: ${((100 * guardShare) / total).toFixed(1)}% of samples`,
    'by owner (the guard\'s outermost function, else the leaf):',
    ...top(owner, 15),
    'self time by function:',
    ...top(self, 25),
  ].join('\n');
}

const server = await startServer();
await drive(server.url, chatBodies('w'), WARM_UP);
const result = await drive(server.url, chatBodies(), REQUESTS);
server.child.removeAllListeners('exit');
const exited = new Promise((resolve) => server.child.once('exit', resolve));
server.child.kill('SIGTERM');
await exited;
await ownRedis?.stop();
const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
if (!file) throw new Error(`no profile written in ${dir}`);
console.log(`${variant}: ${Math.round(result.requests.average)} req/s while profiled; profile ${join(dir, file)}`);
console.log(summarise(JSON.parse(readFileSync(join(dir, file), 'utf8'))));

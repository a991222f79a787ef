// pnpm bench -> HTTP throughput of the guard against bare Express and express-rate-limit.
// Each variant runs in its own server process; autocannon drives it from this process. Variants
// are measured in interleaved rounds and the median round is reported, because the machine is
// shared and noisy: compare the ratios, not the absolute numbers.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { startRedisServer } from '@distill-guard/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const USERS = 10_000;
const VARIANTS = ['bare', 'distill-guard-memory', 'distill-guard-redis', 'express-rate-limit-memory', 'express-rate-limit-redis'];
const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Summarise the plot of Hamlet in three sentences.' }] });
const serverFile = fileURLToPath(new URL('./http/server.mjs', import.meta.url));

async function startVariant(variant, redisUrl) {
  const child = spawn(process.execPath, [serverFile, variant, redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  for await (const chunk of child.stdout) {
    out += chunk;
    const m = /ready (\d+)/.exec(out);
    if (m) return { child, url: `http://127.0.0.1:${m[1]}` };
  }
  throw new Error(`${variant} server exited before it was ready`);
}

async function load(url, seconds) {
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/chat`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (bench)' },
        setupRequest: (req) => ({ ...req, body, headers: { ...req.headers, 'x-user': `u${n++ % USERS}` } }),
      },
    ],
  });
  return result;
}

async function commandCount(redis) {
  const info = await redis.info('commandstats');
  let calls = 0;
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (m[1] !== 'info' && m[1] !== 'config') calls += Number(m[2]);
  return calls;
}

export async function runHttpThroughput() {
  const redisServer = await startRedisServer();
  const admin = new Redis(redisServer.url);
  const rows = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of VARIANTS) {
        const { child, url } = await startVariant(variant, redisServer.url);
        await load(url, 1); // warm-up: JIT, connections
        await admin.config('RESETSTAT');
        const r = await load(url, SECONDS);
        const commands = await commandCount(admin);
        child.kill('SIGTERM');
        await once(child, 'exit');
        const non2xx = r.non2xx + r.errors;
        rows[variant].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, commands, non2xx });
      }
    }
  } finally {
    await admin.quit();
    await redisServer.stop();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = VARIANTS.map((variant) => {
    const rs = rows[variant];
    const pick = rs.find((r) => r.rps === median(rs.map((x) => x.rps)));
    return { variant, rps: pick.rps, p50: pick.p50, p99: pick.p99, commandsPerRequest: variant.endsWith('redis') ? pick.commands / pick.total : undefined, failed: rs.reduce((a, r) => a + r.non2xx, 0), rounds: rs.map((r) => Math.round(r.rps)) };
  });
  const bare = summary[0].rps;
  return summary.map((s) => ({ ...s, ratio: s.rps / bare }));
}

export function formatHttpThroughput(summary) {
  const lines = [
    `HTTP throughput (autocannon, ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} interleaved rounds, median round; ${USERS} users)`,
    'variant                      req/s   vs bare   p50 ms  p99 ms  redis cmds/req  rounds (req/s)',
  ];
  for (const s of summary) {
    lines.push(
      `${s.variant.padEnd(27)} ${String(Math.round(s.rps)).padStart(6)}   ${(s.ratio * 100).toFixed(1).padStart(5)}%   ${String(s.p50).padStart(6)}  ${String(s.p99).padStart(6)}  ${s.commandsPerRequest === undefined ? '             -' : s.commandsPerRequest.toFixed(2).padStart(14)}  ${s.rounds.join(' / ')}${s.failed ? `   (${s.failed} non-2xx!)` : ''}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatHttpThroughput(await runHttpThroughput()));
}

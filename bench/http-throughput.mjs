// pnpm bench -> HTTP throughput of the guard against bare Express and express-rate-limit.
// Each variant runs in its own server process; autocannon drives it from this process. Variants
// are measured in interleaved rounds and the median round is reported, because the machine is
// shared and noisy: compare the ratios, not the absolute numbers.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { startRedisServer } from '@distill-guard/testing';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const USERS = 10_000;
const ALL_VARIANTS = [
  'bare',
  // Issue 2's guard: identity, flags, and every limit (requests, tokens, cost, output, concurrency, per IP).
  'guard-memory-limits',
  'guard-redis-limits',
  // The default configuration: the above plus the shield and the distillation detector.
  'guard-memory-full',
  'guard-redis-full',
  'express-rate-limit-memory',
  'express-rate-limit-redis',
  // Attribution: the memory guard with parts turned off.
  'guard-memory-no-detector',
  'guard-memory-no-checks',
];
// BENCH_VARIANTS=guard-memory-limits,guard-memory-full measures only those (bare always comes first: it is the baseline).
const VARIANTS = process.env.BENCH_VARIANTS
  ? ['bare', ...process.env.BENCH_VARIANTS.split(',').filter((v) => v && v !== 'bare')]
  : ALL_VARIANTS;
for (const v of VARIANTS) if (!ALL_VARIANTS.includes(v) && !process.env.BENCH_SERVER) throw new Error(`unknown variant ${v}; known: ${ALL_VARIANTS.join(', ')}`);

// Chat traffic, not one repeated request: conversations that grow turn by turn (clients resend
// the history), every new user turn unique, many users, interleaved. Every variant receives the
// same bodies and parses them with express.json().
const ASKS = [
  'Can you explain how a heat pump works in winter?',
  'Write a short, friendly reminder email about the team offsite on Friday.',
  'What is the difference between a list and a tuple in Python?',
  'My tomato plants have yellow leaves at the bottom. What should I do?',
  'Summarise the causes of the French Revolution in a few sentences.',
  'How do I centre a div horizontally and vertically with CSS grid?',
  'Suggest a three-day itinerary for Kyoto in autumn.',
  'Why does my sourdough come out dense, and how can I fix it?',
];
const FOLLOWS = ['Thanks, can you make it shorter?', 'Can you give an example?', 'What would you do in my place?', 'And how much would that cost roughly?', 'Could you put that in a table?'];
const REPLY = 'Sure. Here is a clear answer with the main points first, then the details you may need: it depends on a few factors, which I will go through one by one, with a short example for each so you can apply them right away.';
// Each conversation from its own address (sent as X-Forwarded-For; the guard trusts loopback)
// and a browser: one address and one client for everyone would look like a campaign.
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
];
const CONVERSATIONS = 4_000;
const TURNS = 12;
function chatBodies() {
  const out = [];
  const histories = Array.from({ length: CONVERSATIONS }, () => []);
  for (let t = 0; t < TURNS; t++) {
    for (let c = 0; c < CONVERSATIONS; c++) {
      const h = histories[c];
      const ask = t === 0 ? ASKS[c % ASKS.length] : FOLLOWS[(c + t) % FOLLOWS.length];
      h.push({ role: 'user', content: `${ask} (${c}.${t})` });
      out.push({ user: `u${c % USERS}`, ip: `${11 + (c % 200)}.${(c * 7) % 250}.${(c * 13) % 250}.${1 + (c % 250)}`, agent: AGENTS[c % AGENTS.length], body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 512, messages: h }) });
      h.push({ role: 'assistant', content: `${REPLY} [${c}.${t}]` });
    }
  }
  return out;
}
const BODIES = chatBodies();
const serverFile = process.env.BENCH_SERVER ?? fileURLToPath(new URL('./http/server.mjs', import.meta.url));

async function startVariant(variant, redisUrl) {
  const child = spawn(process.execPath, [serverFile, variant, redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
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

/** Stops a server and returns the CPU time (µs) it spent per request since `SIGUSR2`. */
async function stopVariant({ child, rest }) {
  child.kill('SIGTERM');
  let out = '';
  for (let next = await rest.next(); !next.done; next = await rest.next()) out += next.value;
  await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  const m = /cpu (\d+) (\d+)/.exec(out);
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : NaN;
}

async function load(url, seconds, offset = 0) {
  let n = offset;
  const result = await autocannon({
    url: `${url}/api/chat`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept': '*/*', 'accept-language': 'en-US,en;q=0.9', 'origin': 'https://chat.example.com', 'sec-fetch-mode': 'cors' },
        setupRequest: (req) => {
          const next = BODIES[n++ % BODIES.length];
          return { ...req, body: next.body, headers: { ...req.headers, 'x-user': next.user, 'x-forwarded-for': next.ip, 'user-agent': next.agent } };
        },
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
        const server = await startVariant(variant, redisServer.url);
        // Warm-up (JIT, connections) on bodies the measurement will not send: its turns stay unseen.
        await load(server.url, 1, Math.floor(BODIES.length / 2));
        await admin.config('RESETSTAT');
        server.child.kill('SIGUSR2');
        const r = await load(server.url, SECONDS);
        const commands = await commandCount(admin);
        const cpuPerRequest = await stopVariant(server);
        const non2xx = r.non2xx + r.errors;
        if (process.env.BENCH_VERBOSE) console.error(`${variant} round ${round}: ${Math.round(r.requests.average)} req/s, ${cpuPerRequest.toFixed(0)} us CPU/req`);
        rows[variant].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, commands, non2xx, cpuPerRequest });
      }
    }
  } finally {
    await admin.quit();
    await redisServer.stop();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare = rows.bare;
  return VARIANTS.map((variant) => {
    const rs = rows[variant];
    // Each round's variant is compared with that round's bare run (minutes apart, not seconds):
    // the machine's speed drifts between rounds, so ratios are paired, then the median is taken.
    const ratios = rs.map((r, i) => r.rps / bare[i].rps);
    const ratio = median(ratios);
    const pick = rs[ratios.indexOf(ratio)];
    return {
      variant,
      rps: median(rs.map((r) => r.rps)),
      ratio,
      cpuPerRequest: median(rs.map((r) => r.cpuPerRequest)),
      cpuRatio: median(rs.map((r, i) => bare[i].cpuPerRequest / r.cpuPerRequest)),
      p50: pick.p50,
      p99: pick.p99,
      commandsPerRequest: variant.includes('redis') ? pick.commands / pick.total : undefined,
      failed: rs.reduce((a, r) => a + r.non2xx, 0),
      rounds: ratios.map((x) => `${(x * 100).toFixed(0)}%`),
    };
  });
}

export function formatHttpThroughput(summary) {
  const lines = [
    `HTTP throughput (autocannon, ${CONNECTIONS} connections, ${SECONDS} s x ${ROUNDS} interleaved rounds; ${CONVERSATIONS} conversations of up to ${TURNS} turns from ${USERS} users)`,
    'variant                      req/s   vs bare   CPU us/req  capacity   p50 ms  p99 ms  redis cmds/req  vs bare per round',
  ];
  for (const s of summary) {
    lines.push(
      `${s.variant.padEnd(27)} ${String(Math.round(s.rps)).padStart(6)}   ${(s.ratio * 100).toFixed(1).padStart(5)}%   ${s.cpuPerRequest.toFixed(0).padStart(10)}   ${(s.cpuRatio * 100).toFixed(1).padStart(6)}%   ${String(s.p50).padStart(6)}  ${String(s.p99).padStart(6)}  ${s.commandsPerRequest === undefined ? '             -' : s.commandsPerRequest.toFixed(2).padStart(14)}  ${s.rounds.join(' ')}${s.failed ? `   (${s.failed} non-2xx!)` : ''}`,
    );
  }
  lines.push(
    'req/s: median round. vs bare: median over rounds of (variant / bare of the same round). capacity: the same for',
    'bare CPU time per request / variant CPU time per request (server process), the share of bare throughput a',
    'CPU-bound server keeps; steadier than req/s on a shared machine.',
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatHttpThroughput(await runHttpThroughput()));
}

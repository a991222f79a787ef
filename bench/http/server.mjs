// One benchmark server variant per process, so each is measured alone:
//   node server.mjs <variant> [redisUrl]   ->  prints "ready <port>"
// Every variant parses the JSON body and answers with the same trivial handler.
import express from 'express';

const [variant, redisUrl] = process.argv.slice(2);
const app = express();
app.use(express.json());
// The load generator spreads requests over many accounts, as real traffic is.
app.use((req, _res, next) => {
  const user = req.headers['x-user'];
  if (user) req.user = { id: user };
  next();
});

const unlimited = { requests: { limit: 1e9, window: '1m' }, tokens: { limit: 1e12, window: '1h' }, costUsd: { limit: 1e9, window: '1d' }, outputTokens: { limit: 1e12, window: '1d' }, concurrency: 1e6, perIp: { requests: { limit: 1e9, window: '1m' } } };

async function middleware() {
  switch (variant) {
    case 'bare':
    case 'bare-control':
      return [];
    // The floor under any Express middleware: one more layer that only calls next(), and one
    // that also does what every guarded response carries (the decision on the request, a
    // RateLimit-Policy for six limits, RateLimit and X-Request-Id), with no checks at all.
    case 'noop-middleware':
      return [(_req, _res, next) => next()];
    case 'headers-only': {
      const policy = '"requests-1m";q=1000000000;w=60, "tokens-1h";q=1000000000000;w=3600;qu="tokens", "cost-1d";q=1000000000000000;w=86400;qu="usd-micros", "output-1d";q=1000000000000;w=86400;qu="output-tokens", "concurrency";q=1000000;qu="concurrent-requests", "ip-requests-1m";q=1000000000;w=60';
      let n = 0;
      return [
        (req, res, next) => {
          req.distillGuard = { allowed: true };
          res.setHeader('RateLimit-Policy', policy);
          res.setHeader('RateLimit', '"requests-1m";r=999999999;t=60');
          res.setHeader('X-Request-Id', `req_000000000000${(++n).toString(36).padStart(8, '0')}`);
          next();
        },
      ];
    }
    case 'guard-memory-limits':
    case 'guard-memory-full':
    case 'guard-memory-no-detector':
    case 'guard-memory-no-checks':
    case 'guard-redis-limits':
    case 'guard-redis-full': {
      const { distillGuard, redisStore } = await import('@distill-guard/express');
      // Monitor mode and raised limits keep every request served, so all variants answer the
      // same 200 while every check still runs. `-limits` is issue 2's guard (identity, flags and
      // every limit); `-full` is the default configuration, which adds the shield (validation and
      // prompt-attack scan) and the distillation detector; the others turn parts off to show
      // where the time goes.
      const parts = {
        'guard-memory-limits': { detector: false, shield: false },
        'guard-memory-full': {},
        'guard-memory-no-detector': { detector: false },
        'guard-memory-no-checks': { detector: false, shield: false, limits: false },
        'guard-redis-limits': { detector: false, shield: false },
        'guard-redis-full': {},
      }[variant];
      let store;
      if (variant.startsWith('guard-redis')) {
        const { default: Redis } = await import('ioredis');
        const client = new Redis(redisUrl);
        await client.ping();
        store = { store: redisStore(client), onStoreError: 'open' };
      }
      return [distillGuard({ mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...store, ...parts })];
    }
    case 'express-rate-limit-memory': {
      const { rateLimit } = await import('express-rate-limit');
      return [rateLimit({ windowMs: 60_000, limit: 1e9, standardHeaders: 'draft-8', legacyHeaders: false, keyGenerator: (req) => req.user?.id ?? req.ip, validate: false })];
    }
    case 'express-rate-limit-redis': {
      const { rateLimit } = await import('express-rate-limit');
      const { RedisStore } = await import('rate-limit-redis');
      const { default: Redis } = await import('ioredis');
      const client = new Redis(redisUrl);
      await client.ping();
      return [
        rateLimit({
          windowMs: 60_000,
          limit: 1e9,
          standardHeaders: 'draft-8',
          legacyHeaders: false,
          keyGenerator: (req) => req.user?.id ?? req.ip,
          validate: false,
          store: new RedisStore({ sendCommand: (...args) => client.call(...args) }),
        }),
      ];
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

let served = 0;
const handlers = await middleware();
// An app records each served answer (claudeRoute does it for you): that settles the request's
// reservation and frees its concurrency slot, and gives the detector the answer's text.
const guard = handlers[0]?.guard;
// bench/http/split.mjs: where the server's CPU time goes (off in the throughput benchmark).
const probe = process.env.BENCH_SPLIT ? (await import('./split-probe.mjs')).splitProbe(guard) : undefined;
const ANSWER = 'Plant tomatoes in spring, in full sun, and water them deeply twice a week.';
const reply = (res) => res.json({ ok: true });
app.post('/api/chat', ...(probe ? [probe.enter] : []), ...handlers, (req, res) => {
  served++;
  if (probe) {
    probe.handled();
    probe.json(() => reply(res));
  } else reply(res);
  const decision = guard && req.distillGuard;
  if (decision) guard.record(decision, { status: 200, usage: { input_tokens: 40, output_tokens: 20 }, outputText: ANSWER }).catch(() => undefined);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
// CPU time per request is steadier than requests/s on a shared machine: the harness starts the
// count after its warm-up (SIGUSR2) and reads it at the end (SIGTERM).
let cpuFrom = process.cpuUsage();
let servedFrom = 0;
process.on('SIGUSR2', () => {
  cpuFrom = process.cpuUsage();
  servedFrom = served;
});
process.on('SIGTERM', () => {
  const cpu = process.cpuUsage(cpuFrom);
  if (probe) process.stdout.write(`split ${JSON.stringify(probe.totals())}\n`);
  process.stdout.write(`cpu ${cpu.user + cpu.system} ${served - servedFrom}\n`);
  server.close(() => process.exit(0));
});

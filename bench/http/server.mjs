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
      return [];
    case 'distill-guard-memory':
    case 'guard-memory-no-detector':
    case 'guard-memory-no-detector-shield':
    case 'guard-memory-no-checks': {
      const { distillGuard } = await import('@distill-guard/express');
      // Every check runs (detector and shield included); monitor mode and raised limits keep
      // every request served, so all variants answer the same 200. The guard-memory-* variants
      // turn parts off to show where the time goes.
      const parts = {
        'distill-guard-memory': {},
        'guard-memory-no-detector': { detector: false },
        'guard-memory-no-detector-shield': { detector: false, shield: false },
        'guard-memory-no-checks': { detector: false, shield: false, limits: false },
      }[variant];
      return [distillGuard({ mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false, ...parts })];
    }
    case 'distill-guard-redis': {
      const { distillGuard, redisStore } = await import('@distill-guard/express');
      const { default: Redis } = await import('ioredis');
      const client = new Redis(redisUrl);
      await client.ping();
      return [distillGuard({ store: redisStore(client), onStoreError: 'open', mode: 'monitor', trustProxy: ['loopback'], limits: unlimited, warnings: false })];
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

app.post('/api/chat', ...(await middleware()), (_req, res) => {
  res.json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

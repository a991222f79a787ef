import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDetector } from '@distill-guard/core/detector';
import { createGuard, hashApiKey, redisStore, systemClock, type Guard } from '@distill-guard/core';
import { verdictKey } from '@distill-guard/core/detector';
import { run } from './audit-fixture.js';

// A database of its own: the run's Redis is shared by every test file.
const url = () => `${inject('redisUrl')}/13`;
const chat = (user: string) => ({
  ip: '203.0.113.9',
  method: 'POST',
  path: '/api/chat',
  headers: { 'content-type': 'application/json' },
  user,
  body: { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hello there.' }] },
});
// A client of the app's own API, identified by its key as `key:partner`.
const PARTNER_KEY = 'sk-partner-cli-test-0123456789';
const partnerChat = () => {
  const { user: _user, ...request } = chat('');
  return { ...request, headers: { ...request.headers, 'x-api-key': PARTNER_KEY } };
};

let redis: Redis;
let guard: Guard;

beforeAll(async () => {
  redis = new Redis(url());
  // A running guard of an app on the same Redis.
  guard = createGuard({ store: redisStore(redis), warnings: false, apiKeys: { keys: [{ id: 'partner', hash: hashApiKey(PARTNER_KEY) }], required: false } });
});
afterAll(async () => {
  await guard.close();
  await redis.quit();
});
beforeEach(async () => {
  await redis.flushdb();
});

describe('distill-guard flagged', () => {
  it('adds a flag that a running guard on the same Redis enforces, and lists it', async () => {
    expect((await guard.check(chat('u_1842'))).allowed).toBe(true);
    const added = await run(['flagged', 'add', 'u_1842', '--reason', 'harvesting, reviewed by ops', '--redis', url()]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe('Flagged u_1842: harvesting, reviewed by ops\n');
    expect(await guard.check(chat('u_1842'))).toMatchObject({ allowed: false, conclusion: 'deny', reason: 'flagged', status: 403 });
    expect(await guard.listFlagged()).toEqual([expect.objectContaining({ id: 'u_1842', by: 'cli', reason: 'harvesting, reviewed by ops' })]);

    const list = await run(['flagged', 'list', '--redis', url()]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^IDENTITY\s+BY\s+SINCE \(UTC\)\s+EXPIRES \(UTC\)\s+REASON$/);
    expect(lines[1]!.split(/\s{2,}/)).toEqual(['u_1842', 'cli', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), 'never', 'harvesting, reviewed by ops']);
    expect(lines[2]).toBe('1 flagged identity');
  });

  it('lists and removes a flag a guard set; the identity is let through again', async () => {
    expect((await guard.check(partnerChat())).identity.id).toBe('key:partner');
    await guard.flag('key:partner', 'distillation: template-reuse', { by: 'detector', score: 0.97 });
    expect((await guard.check(partnerChat())).allowed).toBe(false);

    const json = await run(['flagged', 'list', '--redis', url(), '--json']);
    expect(JSON.parse(json.stdout).flagged).toEqual([expect.objectContaining({ id: 'key:partner', by: 'detector', score: 0.97 })]);

    const removed = await run(['flagged', 'remove', 'key:partner', '--redis', url()]);
    expect(removed).toMatchObject({ code: 0, stdout: 'Unflagged key:partner: its next request is let through.\n' });
    expect(await guard.isFlagged('key:partner')).toBe(false);
    expect((await guard.check(partnerChat())).allowed).toBe(true);

    const again = await run(['flagged', 'remove', 'key:partner', '--redis', url(), '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({ id: 'key:partner', removed: false });
    expect((await run(['flagged', 'list', '--redis', url()])).stdout).toBe('No identity is flagged.\n');
  });

  it('resets what the detector learnt about the identity when it removes a flag, as unflag does', async () => {
    for (let i = 0; i < 3; i++) expect((await guard.check(chat('u_reviewed'))).allowed).toBe(true);
    await guard.close();
    // What another instance would read from Redis: a detector with nothing cached.
    const stateInRedis = async () => {
      const detector = createDetector({}, { store: redisStore(redis), clock: systemClock, logger: { warn: () => undefined, error: () => undefined }, monitor: false });
      try {
        return await detector.account('u_reviewed');
      } finally {
        await detector.close?.();
      }
    };
    expect(await stateInRedis()).toBeDefined();
    guard = createGuard({ store: redisStore(redis), warnings: false });
    await guard.flag('u_reviewed', 'distillation: template-reuse', { by: 'detector', score: 0.97 });

    expect(await run(['flagged', 'remove', 'u_reviewed', '--redis', url()])).toMatchObject({ code: 0 });
    expect(await stateInRedis()).toBeUndefined();
    expect(await redis.exists(verdictKey('u_reviewed'))).toBe(0);
    expect((await guard.check(chat('u_reviewed'))).allowed).toBe(true);
  });

  it('records --by and --ttl', async () => {
    const before = Date.now();
    const r = await run(['flagged', 'add', 'u_temp', '--reason', 'cool-off', '--ttl', '3600', '--by', 'alice', '--redis', url(), '--json']);
    expect(r.code).toBe(0);
    const { flag } = JSON.parse(r.stdout);
    expect(flag).toMatchObject({ id: 'u_temp', by: 'cli:alice', reason: 'cool-off' });
    expect(flag.expiresAt - flag.at).toBe(3_600_000);
    expect(flag.at).toBeGreaterThanOrEqual(before);
    expect(await redis.ttl('dg:flag:{u_temp}')).toBeGreaterThan(3590);
    expect((await guard.check(chat('u_temp'))).reason).toBe('flagged');
  });

  it('reads the Redis URL from REDIS_URL when --redis is not given', async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = url();
    try {
      await guard.flag('u_env', 'x');
      expect(JSON.parse((await run(['flagged', 'list', '--json'])).stdout).flagged[0].id).toBe('u_env');
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });

  it('answers bad arguments with usage and exit code 2', async () => {
    const saved = process.env.REDIS_URL;
    delete process.env.REDIS_URL;
    try {
      const cases: Array<[string[], RegExp]> = [
        [['flagged'], /missing subcommand/],
        [['flagged', 'purge', '--redis', url()], /unknown subcommand 'purge'/],
        [['flagged', 'list'], /--redis <url>/],
        [['flagged', 'list', '--redis', 'localhost:6379'], /redis:\/\/ or rediss:\/\//],
        [['flagged', 'add', 'u_1', '--redis', url()], /--reason <text> is required/],
        [['flagged', 'add', '--reason', 'x', '--redis', url()], /give the identity/],
        [['flagged', 'add', 'u_1', 'u_2', '--reason', 'x', '--redis', url()], /one identity at a time/],
        [['flagged', 'add', 'u_1', '--reason', 'x', '--ttl', '1.5', '--redis', url()], /--ttl must be a whole number/],
        [['flagged', 'remove', 'u_1', '--reason', 'x', '--redis', url()], /options of add/],
        [['flagged', 'list', '--redis', url(), '--colour'], /Unknown option '--colour'/],
      ];
      for (const [argv, message] of cases) {
        const r = await run(argv);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toContain('Usage: distill-guard flagged');
      }
      expect((await run(['flagged', '--help'])).stdout).toContain('distill-guard flagged add <id> --reason <text>');
      expect((await run(['--help'])).stdout).toMatch(/flagged\s+List, add or remove flagged identities/);
    } finally {
      if (saved !== undefined) process.env.REDIS_URL = saved;
    }
  });

  it('fails with exit code 1 and no password in the message when Redis is unreachable', async () => {
    const r = await run(['flagged', 'list', '--redis', 'redis://:hunter2-secret@127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(r.stderr).not.toContain('hunter2');
  });
});

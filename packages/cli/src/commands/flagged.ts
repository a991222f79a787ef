import { parseArgs } from 'node:util';
import { FlagList, redisStore, systemClock, type FlagEntry } from '@distill-guard/core';
import { resetDetectorState } from '@distill-guard/core/detector';
import { Redis } from 'ioredis';
import { UsageError, type Command, type CommandIO } from './types.js';

const USAGE = `Usage: distill-guard flagged <list|add|remove> [options]

  distill-guard flagged list                          --redis <url> [--json]
  distill-guard flagged add <id> --reason <text>      --redis <url> [--ttl <seconds>] [--by <name>] [--json]
  distill-guard flagged remove <id>                   --redis <url> [--json]

Reads and writes the flagged list in the Redis your guards use (the same keys they check on
every request), so a flag added here refuses the identity's next request on every instance,
and a flag removed here lets it through again.

Options:
  --redis URL      the guards' Redis, redis:// or rediss:// (default: $REDIS_URL)
  --reason TEXT    why the identity is flagged (add; required)
  --ttl SECONDS    lift the flag on its own after this many seconds (add; default never)
  --by NAME        who flags it, recorded as cli:NAME (add; default cli)
  --json           print JSON

Removing a flag also resets what the detector learnt about the identity in the store, as a
guard's unflag does: without that, the evidence that flagged it would flag it again at its next
request. The CLI writes the store only: no audit event or webhook is sent for its changes (the
admin API's unflag sends both).

Exit codes: 0 done, 1 failure (Redis unreachable, or remove of an identity that is not
flagged), 2 usage error.`;

type Values = { redis?: string; reason?: string; ttl?: string; by?: string; json?: boolean };

function parse(argv: string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { redis: { type: 'string' }, reason: { type: 'string' }, ttl: { type: 'string' }, by: { type: 'string' }, json: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** A Redis URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}

async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 1, retryStrategy: () => null, enableOfflineQueue: false });
  // ioredis also emits the failure as an event; it is reported once, from connect() below.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`cannot connect to Redis at ${redactRedisUrl(url)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return redis;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function table(entries: FlagEntry[]): string {
  const rows = [['IDENTITY', 'BY', 'SINCE (UTC)', 'EXPIRES (UTC)', 'REASON'], ...entries.map((e) => [e.id, e.by, utc(e.at), e.expiresAt ? utc(e.expiresAt) : 'never', e.reason])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function one(positionals: string[], sub: string): string {
  if (positionals.length === 0) throw new UsageError(`give the identity, e.g. \`distill-guard flagged ${sub} key:partner\`.`);
  if (positionals.length > 1) throw new UsageError(`one identity at a time (got ${positionals.length}).`);
  const id = positionals[0]!;
  if (id.trim() === '' || id.length > 256) throw new UsageError(`the identity must be 1 to 256 characters, got ${id.trim() === '' ? 'a blank one' : `${id.length} characters`}.`);
  return id;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'list' && sub !== 'add' && sub !== 'remove') throw new UsageError(sub ? `unknown subcommand '${sub}'.` : 'missing subcommand (list, add or remove).');
  const { values, positionals } = parse(rest);
  const url = values.redis ?? process.env.REDIS_URL;
  if (!url) throw new UsageError('give the guards\' Redis with --redis <url> (or set REDIS_URL).');
  if (!/^rediss?:\/\//.test(url)) {
    // The value may hold a password: name its scheme only.
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
    throw new UsageError(`--redis must be a redis:// or rediss:// URL, got ${scheme ? `a ${scheme}:// URL` : 'one without a scheme'}.`);
  }

  let id: string | undefined;
  let input: { reason: string; by: string; ttlSeconds?: number } | undefined;
  if (sub === 'list') {
    if (positionals.length > 0) throw new UsageError(`list takes no identity, got '${positionals[0]}'.`);
  } else {
    id = one(positionals, sub);
  }
  if (sub === 'add') {
    const reason = values.reason?.trim();
    if (!reason) throw new UsageError('--reason <text> is required.');
    if (reason.length > 500) throw new UsageError(`--reason is limited to 500 characters, got ${reason.length}.`);
    const by = values.by === undefined ? 'cli' : `cli:${values.by}`;
    if (values.by !== undefined && !/^[\w.@-]{1,64}$/.test(values.by)) throw new UsageError(`--by must be 1 to 64 letters, digits, . @ _ or -, got '${values.by}'.`);
    input = { reason, by };
    if (values.ttl !== undefined) {
      const ttl = Number(values.ttl);
      if (!Number.isInteger(ttl) || ttl < 1) throw new UsageError(`--ttl must be a whole number of seconds, at least 1, got '${values.ttl}'.`);
      input.ttlSeconds = ttl;
    }
  } else if (values.reason !== undefined || values.ttl !== undefined || values.by !== undefined) {
    throw new UsageError(`--reason, --ttl and --by are options of add, not of ${sub}.`);
  }

  const redis = await connect(url);
  try {
    const store = redisStore(redis, { timeoutMs: 5000 });
    const flags = new FlagList(store, systemClock);
    if (sub === 'list') {
      const entries = await flags.list();
      if (values.json) io.stdout.write(`${JSON.stringify({ flagged: entries }, null, 2)}\n`);
      else io.stdout.write(entries.length === 0 ? 'No identity is flagged.\n' : `${table(entries)}\n${entries.length} flagged ${entries.length === 1 ? 'identity' : 'identities'}\n`);
      return 0;
    }
    if (sub === 'add') {
      const { reason, ...rest } = input!;
      const entry = await flags.flag(id!, reason, rest);
      if (values.json) io.stdout.write(`${JSON.stringify({ flag: entry }, null, 2)}\n`);
      else io.stdout.write(`Flagged ${entry.id}${entry.expiresAt ? ` until ${utc(entry.expiresAt)} UTC` : ''}: ${entry.reason}\n`);
      return 0;
    }
    const removed = await flags.unflag(id!);
    // An operator lifting a flag overrides the detector's memory too, or it would re-flag at once.
    await resetDetectorState(store, id!);
    if (values.json) io.stdout.write(`${JSON.stringify({ id, removed }, null, 2)}\n`);
    else if (removed) io.stdout.write(`Unflagged ${id}: its next request is let through.\n`);
    else io.stderr.write(`distill-guard flagged remove: ${id} is not flagged.\n`);
    return removed ? 0 : 1;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

/** `distill-guard flagged list|add|remove`: the flagged list in the guards' Redis. */
export const flaggedCommand: Command = {
  name: 'flagged',
  summary: 'List, add or remove flagged identities in the guards\' Redis (flagged list|add|remove)',
  usage: USAGE,
  subcommands: ['list', 'add', 'remove'],
  run,
};

import type { Clock } from '../clock/index.js';
import { hashTag, MemoryStore, storeKey, type SharedCall, type Store } from '../store/index.js';

/** A flagged identity: refused until unflagged (or until `expiresAt`). */
export interface FlagEntry {
  id: string;
  reason: string;
  /** Who flagged it: `admin`, `api`, `detector`, `cli`, or a name. */
  by: string;
  /** When (ms since epoch). */
  at: number;
  /** When the flag lapses on its own (ms since epoch), if it does. */
  expiresAt?: number;
  /** The detector's score when it flagged the identity. */
  score?: number;
  /** Cross-account cluster, when the flag came from a cluster verdict. */
  cluster?: string;
}

export interface FlagInput {
  by?: string;
  /** Lapse after this many seconds. Default: never. */
  ttlSeconds?: number;
  score?: number;
  cluster?: string;
}

const INDEX = storeKey('flags');
const entryKey = (id: string) => storeKey('flag', hashTag(id));

/**
 * The flagged list, kept in the guard's store so every instance agrees. Each entry sits under
 * the identity's hash tag (checked on every request, on the same Redis slot as its limits); an
 * index hash lists them for the admin API and the CLI.
 *
 * @example
 * ```ts
 * const flags = new FlagList(redisStore(redis), systemClock);
 * await flags.flag('u_1842', 'harvesting, reviewed by ops', { by: 'cli' });
 * ```
 */
export class FlagList {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async flag(id: string, reason: string, input: FlagInput = {}): Promise<FlagEntry> {
    const at = this.clock.now();
    const entry: FlagEntry = { id, reason, by: input.by ?? 'api', at };
    if (input.ttlSeconds !== undefined) entry.expiresAt = at + input.ttlSeconds * 1000;
    if (input.score !== undefined) entry.score = input.score;
    if (input.cluster !== undefined) entry.cluster = input.cluster;
    const value = JSON.stringify(entry);
    const set = input.ttlSeconds !== undefined ? { ttlSeconds: input.ttlSeconds } : {};
    await this.store.exec([
      { op: 'set', key: entryKey(id), value, ...set },
      { op: 'hset', key: INDEX, fields: { [id]: value } },
    ]);
    return entry;
  }

  /** Removes the flag; resolves to whether there was one. */
  async unflag(id: string): Promise<boolean> {
    const [removed] = await this.store.exec([
      { op: 'del', key: entryKey(id) },
      { op: 'hdel', key: INDEX, fields: [id] },
    ]);
    return Number(removed) > 0;
  }

  /** The entry if `id` is flagged now. */
  get(id: string): Promise<FlagEntry | undefined> {
    const entry = this.lookup(id);
    return entry instanceof Promise ? entry : Promise.resolve(entry);
  }

  /**
   * As {@link get}, answered at once (no Promise) on the memory store: it runs on every request.
   * On Redis, with the request's `call`, the flag is read in that call.
   */
  lookup(id: string, call?: SharedCall): FlagEntry | undefined | Promise<FlagEntry | undefined> {
    const store = this.store;
    if (call) {
      this.askIn(call, id);
      return call.reply.then((reply) => this.entry(reply.flag));
    }
    if (store instanceof MemoryStore) {
      // In memory the index (written and cleared in the same batch as each entry, never evicted)
      // answers for the usual case, nobody or not this identity flagged, from one hot key.
      if (store.hgetNow(INDEX, id) === null) return undefined;
      return this.entry(store.exec([{ op: 'get', key: entryKey(id) }])[0]);
    }
    return Promise.resolve(store.exec([{ op: 'get', key: entryKey(id) }])).then(([raw]) => this.entry(raw));
  }

  /**
   * Asks for identity `id`'s flag in a request's Redis call; {@link inReply} reads it from the
   * call's answer (the guard reads the flag and the limits from one answer, with one callback).
   */
  askIn(call: SharedCall, id: string): void {
    call.options.flagKey = entryKey(id);
  }

  /** The live flag entry in a call's answer (see {@link askIn}). */
  inReply(flag: string | null): FlagEntry | undefined {
    return this.entry(flag);
  }

  /** Flagged identities keep knocking: remember parsed entries rather than parse each time. */
  private readonly parsed = new Map<string, FlagEntry | undefined>();

  private entry(raw: unknown): FlagEntry | undefined {
    if (typeof raw !== 'string') return undefined;
    let entry = this.parsed.get(raw);
    if (entry === undefined && !this.parsed.has(raw)) {
      if (this.parsed.size >= 10_000) this.parsed.clear();
      entry = parse(raw);
      this.parsed.set(raw, entry);
    }
    return entry && this.live(entry) ? entry : undefined;
  }

  async isFlagged(id: string): Promise<boolean> {
    return (await this.get(id)) !== undefined;
  }

  /** Every live flag, newest first. Lapsed entries are pruned from the index on the way. */
  async list(): Promise<FlagEntry[]> {
    const [all] = await this.store.exec([{ op: 'hgetall', key: INDEX }]);
    const entries: FlagEntry[] = [];
    const lapsed: string[] = [];
    for (const raw of Object.values((all ?? {}) as Record<string, string>)) {
      const e = parse(raw);
      if (!e) continue;
      if (this.live(e)) entries.push(e);
      else lapsed.push(e.id);
    }
    if (lapsed.length > 0) await Promise.resolve(this.store.exec([{ op: 'hdel', key: INDEX, fields: lapsed }])).catch(() => undefined);
    return entries.sort((a, b) => b.at - a.at);
  }

  private live(e: FlagEntry): boolean {
    return e.expiresAt === undefined || e.expiresAt > this.clock.now();
  }
}

function parse(raw: unknown): FlagEntry | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const v = JSON.parse(raw) as FlagEntry;
    return typeof v.id === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

import { StoreError } from '../../errors/index.js';
import type { RedisClientLike } from './redis-client.js';

type Commands = Record<string, (...args: Array<string | number | Buffer>) => unknown>;

/** What one row call read and answered. */
export interface RowAnswer {
  /** The keys read before the script, in order (`null` for a missing key). */
  reads: Array<Buffer | null>;
  reply: unknown;
}

/**
 * Sends one row call: a GET of each key in `reads`, then the row script (`command`, as the client
 * defines it), written back to back without waiting, so they make one round trip. They are plain
 * commands rather than a pipeline: an ioredis pipeline costs the process more than it saves
 * (measured: one EVALSHA sent alone about 14 µs of CPU, in a pipeline of its own 27 µs; pipelines
 * only pay from about four commands, and a server under load rarely has that many calls in one
 * turn of its event loop).
 */
export function sendRowCall(client: RedisClientLike, command: string, reads: readonly string[], keys: readonly string[], arg: Buffer): Promise<RowAnswer> {
  const c = client as unknown as Commands;
  const got = reads.length === 0 ? undefined : reads.map((k) => client.getBuffer(k));
  const reply = c[command]!(keys.length, ...keys, arg) as Promise<unknown>;
  if (!got) return reply.then((r) => ({ reads: NOTHING_READ, reply: r }));
  return Promise.all([Promise.all(got), reply]).then(([r, answer]) => ({ reads: r, reply: answer }));
}

const NOTHING_READ: Array<Buffer | null> = [];

interface Entry {
  at: number;
  ms: number;
  reject: (err: unknown) => void;
  done: boolean;
}

/**
 * Time limits of many calls on one timer (instead of a timer and a race per call): a call not
 * answered within its limit is rejected with a {@link StoreError}.
 */
export class Deadlines {
  private entries: Entry[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;

  race<T>(work: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = { at: Date.now() + ms, ms, reject, done: false };
      this.entries.push(entry);
      if (entry.at < this.timerAt) this.arm(entry.at);
      work.then(
        (value) => {
          entry.done = true;
          resolve(value);
        },
        (err: unknown) => {
          entry.done = true;
          reject(err);
        },
      );
    });
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.fire, Math.max(0, at - Date.now()));
    this.timer.unref?.();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = Date.now();
    const left: Entry[] = [];
    let next = Infinity;
    for (const e of this.entries) {
      if (e.done) continue;
      if (e.at <= now) {
        e.done = true;
        e.reject(new StoreError(`Redis did not answer within ${e.ms} ms.`));
        continue;
      }
      left.push(e);
      if (e.at < next) next = e.at;
    }
    this.entries = left;
    if (next < Infinity) this.arm(next);
  };
}

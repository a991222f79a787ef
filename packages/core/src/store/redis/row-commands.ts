import { StoreError } from '../../errors/index.js';
import type { RedisClientLike } from './redis-client.js';

type Commands = Record<string, (...args: Array<string | number | Buffer>) => Promise<unknown>>;

/**
 * Sends one run of the row script (`command`, as the client defines it), alone: the key that
 * routes it, then the batch packed in one argument (see `row-batch.ts`), then the bytes its calls
 * send as arguments of their own (a vector's ops, a compacted base). Everything a check needs
 * is in that one command, because each command is a socket write of its own, and an ioredis
 * pipeline costs more than it saves under about four commands (one EVALSHA alone about 14 µs of
 * CPU, in a pipeline of its own 27 µs).
 */
export function sendRowScript(client: RedisClientLike, command: string, route: string, packed: Buffer, args: readonly Buffer[]): Promise<unknown> {
  const send = (client as unknown as Commands)[command]!;
  return args.length === 0 ? send.call(client, 1, route, packed) : send.call(client, 1, route, packed, ...args);
}

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

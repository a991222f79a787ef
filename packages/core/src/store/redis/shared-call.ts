import type { RowReply, RowSection } from './row-call.js';
import { rowSection } from './row-call.js';
import type { RedisStore, RowCallOptions } from './redis-store.js';

/**
 * One request's call to Redis, put together by the parts of the check that need the store (the
 * flag, the limits, the detector): each adds its section and waits for {@link reply}; the guard
 * sends it once they all have. Whatever they asked for goes in one script call per slot.
 *
 * @example
 * ```ts
 * const call = new SharedCall(store);
 * const flag = flags.lookup(id, call);          // adds the flag key
 * const reservation = limits.reserve(identity, demand, requestId, call); // adds the takes
 * call.send();
 * await Promise.all([flag, reservation]);
 * ```
 */
export class SharedCall {
  private readonly sections = new Map<string, RowSection>();
  readonly options: RowCallOptions = {};
  /** Resolves with the store's answer once {@link send} ran. */
  readonly reply: Promise<RowReply>;
  private resolve!: (reply: RowReply) => void;
  private reject!: (err: unknown) => void;
  private sent = false;

  constructor(readonly store: RedisStore) {
    this.reply = new Promise<RowReply>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Every part that asks for something handles a failure; this only keeps an unused call quiet.
    this.reply.catch(() => undefined);
  }

  /** The section of row `key`, created on first use. */
  section(key: string): RowSection {
    let s = this.sections.get(key);
    if (!s) this.sections.set(key, (s = rowSection(key)));
    return s;
  }

  /** Sends the call (once); every part waiting on {@link reply} gets its answer. */
  send(): Promise<RowReply> {
    if (!this.sent) {
      this.sent = true;
      this.store.rows([...this.sections.values()], this.options).then(this.resolve, this.reject);
    }
    return this.reply;
  }
}

import type { PendingRow } from './row-writes.js';
import type { RowReply, RowSection } from './row-call.js';
import { rowSection } from './row-call.js';
import type { RedisStore, RowCallOptions, RowCallWaiter } from './redis-store.js';

/**
 * One request's call to Redis, put together by the parts of the check that need the store (the
 * flag, the limits, the detector): each adds its section and waits for {@link reply}; the guard
 * sends it once they all have. Whatever they asked for goes in one script call per slot.
 *
 * On a connected standalone server (the usual case) the call waits in its batch as itself (a
 * {@link RowCallWaiter}): its one Promise, {@link reply}, is all a request's call allocates to be
 * answered.
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
export class SharedCall implements RowCallWaiter {
  /** The rows asked for, in the order they were first asked (a request has a few: an array is cheaper than a Map). */
  private readonly sections: RowSection[] = [];
  readonly options: RowCallOptions = {};
  /** Resolves with the store's answer once {@link send} ran. */
  readonly reply: Promise<RowReply>;
  /** What the call carried for its rows (see `RedisStore.enqueueRows`). */
  carried: Map<string, PendingRow> | undefined = undefined;
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
    const sections = this.sections;
    for (let i = 0; i < sections.length; i++) if (sections[i]!.key === key) return sections[i]!;
    const s = rowSection(key);
    sections.push(s);
    return s;
  }

  /** Sends the call (once); every part waiting on {@link reply} gets its answer. */
  send(): Promise<RowReply> {
    if (!this.sent) {
      this.sent = true;
      if (!this.store.enqueueRows(this.sections, this.options, this)) this.store.rows(this.sections, this.options).then(this.resolve, this.reject);
    }
    return this.reply;
  }

  /** Its part of its batch's reply (see `RowWaiter`). */
  answer(raw: unknown): void {
    let reply: RowReply;
    try {
      reply = this.store.decodeRows(this.sections, raw);
    } catch (err) {
      // (Its part says whether the script ran it: a call that landed after its deadline did not.)
      return this.fail(err, Promise.resolve(raw));
    }
    this.resolve(reply);
  }

  /** Its batch failed, or its part could not be read (`landed`: see `CallFailure`). */
  fail(err: unknown, landed?: Promise<unknown>): void {
    const carried = this.carried;
    this.carried = undefined;
    this.reject(this.store.failed(carried, err, landed, this.sections));
  }
}

import { StoreError } from '../../errors/index.js';

/** Sends one script call: `keys`, then `args` (a pair per row call: its first key's index base, its stream). */
export type SendScript = (keys: readonly string[], args: ReadonlyArray<number | Buffer>) => Promise<unknown>;

interface Batch {
  keys: string[];
  args: Array<number | Buffer>;
  waiters: Array<{ resolve: (reply: unknown) => void; reject: (err: unknown) => void }>;
}

/**
 * The row calls of one event-loop turn, sent as one script call per Cluster slot (the row script
 * runs them in order, see `row-script.ts`). A server busy enough to care has several requests
 * ready in each turn; each command costs the client about the same CPU however much it carries
 * (a Command, its promise, a socket write, a reply to parse: 20-30 µs of this process for one
 * EVALSHA), and Redis a read, a write and a script's setup. A call waits at most for the end of
 * the turn (`setImmediate`).
 *
 * @example
 * ```ts
 * const batches = new RowCallBatches((keys, args) => client.dgRows2Buffer(keys.length, ...keys, ...args));
 * const reply = await batches.send('u_1', ['dg:r2:{u_1}'], stream); // this call's own reply
 * ```
 */
export class RowCallBatches {
  private readonly open = new Map<string, Batch>();
  private scheduled = false;

  constructor(
    private readonly sendScript: SendScript,
    /** A batch with this many keys goes at once: one script run is atomic, so a very long one would stall Redis. */
    private readonly maxKeys = 256,
  ) {}

  /** Queues a row call for slot `tag` (keys with other tags never share a batch); resolves with its own reply. */
  send(tag: string, keys: readonly string[], arg: Buffer): Promise<unknown> {
    let batch = this.open.get(tag);
    if (batch && batch.keys.length + keys.length > this.maxKeys) {
      this.open.delete(tag);
      this.dispatch(batch);
      batch = undefined;
    }
    if (!batch) this.open.set(tag, (batch = { keys: [], args: [], waiters: [] }));
    batch.args.push(batch.keys.length, arg);
    for (const key of keys) batch.keys.push(key);
    const reply = new Promise<unknown>((resolve, reject) => batch.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.dispatchAll);
    }
    return reply;
  }

  private readonly dispatchAll = (): void => {
    this.scheduled = false;
    for (const batch of this.open.values()) this.dispatch(batch);
    this.open.clear();
  };

  private dispatch(batch: Batch): void {
    const waiters = batch.waiters;
    this.sendScript(batch.keys, batch.args).then(
      (replies) => {
        if (!Array.isArray(replies) || replies.length !== waiters.length) {
          const err = new StoreError('Redis answered the row script with an unexpected reply.');
          for (const w of waiters) w.reject(err);
          return;
        }
        for (let i = 0; i < waiters.length; i++) waiters[i]!.resolve(replies[i]);
      },
      (err: unknown) => {
        for (const w of waiters) w.reject(err);
      },
    );
  }
}

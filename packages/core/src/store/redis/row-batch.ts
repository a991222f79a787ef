import { StoreError } from '../../errors/index.js';
import { MsgpackStream } from './msgpack.js';
import type { RowTake } from './row-call.js';

/**
 * Sends one script call: `route`, the batch's first key (its only declared key: it routes the
 * call to its slot on a Cluster), and `packed`, the batch in one argument (see {@link packBatch}).
 */
export type SendScript = (route: string, packed: Buffer) => Promise<unknown>;

/**
 * The limit specs of one batch, each sent once in it (script version 6): a call's takes name them
 * by their place in it, from 1. Every request of a configuration takes the same few limits, so a
 * batch of sixteen calls carried the same four values per limit sixteen times, for Redis to
 * decode and the client to encode. Specs are told apart by identity (the limits build theirs once).
 */
export class BatchSpecs {
  readonly list: RowTake[] = [];
  private readonly places = new Map<RowTake, number>();

  /** The spec's place in the batch (from 1), added on first use. */
  indexOf(take: RowTake): number {
    let at = this.places.get(take);
    if (at === undefined) {
      this.list.push(take);
      at = this.list.length;
      this.places.set(take, at);
    }
    return at;
  }
}

/** Builds a call into a batch: its keys and its stream, its takes named by their place in `specs`. */
export type BuildCall = (specs: BatchSpecs) => { keys: readonly string[]; arg: Buffer };

/**
 * Who waits for one row call of a batch: told its own part of the script's reply, or the batch's
 * failure. An object rather than a Promise: a request's call is answered through its own object
 * (its `SharedCall`), without a Promise and two closures more per call.
 */
export interface RowWaiter {
  answer(reply: unknown): void;
  fail(err: unknown): void;
}

interface Batch {
  keys: string[];
  specs: BatchSpecs;
  /** A pair per row call: the number of keys before its own, its stream. */
  args: Array<number | Buffer>;
  waiters: RowWaiter[];
}

/**
 * A batch as the row script's one argument, a flat MessagePack stream:
 * `nkeys, key × nkeys, nspecs, (policy, kind, limit, windowMs) × nspecs, (base, call's values) × calls`
 * (script version 7: each call's values inline, not a nested stream, so the script decodes the batch
 * once). Every key goes in it rather than in the command's
 * KEYS: the client pays for each argument of a command (ioredis about 0.5 µs of CPU each, in a
 * batch of 16 calls about 115 of them), and the script needs its keys as a table anyway. The
 * command declares the first key only, which routes it: a batch never mixes slots (see
 * {@link RowCallBatches}), so on a Cluster every key it touches is on that key's slot, which is
 * what Redis checks of a script's undeclared keys.
 */
export function packBatch(keys: readonly string[], specs: readonly RowTake[], args: ReadonlyArray<number | Buffer>): Buffer {
  // Sized once: a batch's streams, keys and specs, and a few bytes of headers for each.
  let size = 16;
  for (const key of keys) size += key.length * 3 + 5;
  for (const spec of specs) size += spec.policy.length * 3 + 32;
  for (let i = 1; i < args.length; i += 2) size += (args[i] as Buffer).length + 10;
  const out = new MsgpackStream(size);
  out.number(keys.length);
  for (const key of keys) out.string(key);
  out.number(specs.length);
  for (const spec of specs) out.string(spec.policy).number(spec.kind).number(spec.limit).number(spec.windowMs);
  for (let i = 0; i < args.length; i += 2) out.number(args[i] as number).values(args[i + 1] as Buffer);
  return out.done();
}

/**
 * The row calls of one event-loop turn, sent as one script call per Cluster slot (the row script
 * runs them in order, see `row-script.ts`). A server busy enough to care has several requests
 * ready in each turn; each command costs the client about the same CPU however much it carries
 * (a Command, its promise, a socket write, a reply to parse: 20-30 µs of this process for one
 * EVALSHA), and Redis a read, a write and a script's setup. A call waits at most for the end of
 * the turn (`setImmediate`). The batch is the unit of sending: its time limit and its failure
 * are the batch's (`sendScript` decides them), shared by its calls.
 *
 * @example
 * ```ts
 * const batches = new RowCallBatches((route, packed) => client.dgRows7Buffer(1, route, packed));
 * const reply = await batches.send('u_1', (specs) => encodeRowCall(sections, options, specs)); // this call's own reply
 * batches.enqueue('u_1', build, waiter); // the same, answered through `waiter.answer`
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

  /**
   * Queues a row call for slot `tag` (keys with other tags never share a batch), built into its
   * batch by `build`; resolves with its own reply.
   */
  send(tag: string, build: BuildCall): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => this.enqueue(tag, build, { answer: resolve, fail: reject }));
  }

  /** {@link send}, answered through `waiter` (see {@link RowWaiter}). */
  enqueue(tag: string, build: BuildCall, waiter: RowWaiter): void {
    let batch = this.open.get(tag);
    if (!batch) this.open.set(tag, (batch = newBatch()));
    let { keys, arg } = build(batch.specs);
    if (batch.keys.length > 0 && batch.keys.length + keys.length > this.maxKeys) {
      // Too many keys for this batch: it goes now, and the call is built again into a new one.
      this.dispatch(batch);
      this.open.set(tag, (batch = newBatch()));
      ({ keys, arg } = build(batch.specs));
    }
    batch.args.push(batch.keys.length, arg);
    for (let i = 0; i < keys.length; i++) batch.keys.push(keys[i]!);
    batch.waiters.push(waiter);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.dispatchAll);
    }
  }

  private readonly dispatchAll = (): void => {
    this.scheduled = false;
    for (const batch of this.open.values()) this.dispatch(batch);
    this.open.clear();
  };

  private dispatch(batch: Batch): void {
    const waiters = batch.waiters;
    let sent: Promise<unknown>;
    try {
      sent = this.sendScript(batch.keys[0] ?? '', packBatch(batch.keys, batch.specs.list, batch.args));
    } catch (err) {
      sent = Promise.reject(err);
    }
    sent.then(
      (replies) => {
        if (!Array.isArray(replies) || replies.length !== waiters.length) {
          const err = new StoreError('Redis answered the row script with an unexpected reply.');
          for (const w of waiters) w.fail(err);
          return;
        }
        for (let i = 0; i < waiters.length; i++) {
          // One waiter's failure to read its part is its own, not its batch's.
          try {
            waiters[i]!.answer(replies[i]);
          } catch (err) {
            waiters[i]!.fail(err);
          }
        }
      },
      (err: unknown) => {
        for (const w of waiters) w.fail(err);
      },
    );
  }
}

function newBatch(): Batch {
  return { keys: [], specs: new BatchSpecs(), args: [], waiters: [] };
}

import { StoreError } from '../../errors/index.js';
import { MsgpackStream } from './msgpack.js';
import { VectorsWritten, type RowTake } from './row-call.js';

/**
 * Sends one script call: `route`, the batch's first key (its only declared key: it routes the
 * call to its slot on a Cluster), `packed`, the batch in one argument (see {@link packBatch}),
 * and `args`, the bytes its calls send as arguments of their own (see {@link BatchArgs}).
 * Answers the command itself: its time limit is {@link Within}'s.
 */
export type SendScript = (route: string, packed: Buffer, args: readonly Buffer[]) => Promise<unknown>;

/** The batch's wait for its script's answer, within the store's time limit (the command may still run after it). */
export type Within = (command: Promise<unknown>) => Promise<unknown>;

/**
 * A call of a batch failed, though its script may have run: `landed` resolves with the call's own
 * part of the script's reply when the script ran (at once when only the batch's read of the vectors
 * failed; later when the script lands after its time limit), or with `undefined` when it did not
 * run or nobody can tell. Whoever put back what the call carried waits for it: what a call carried
 * is written once, by the script that ran it, or sent again when nothing ran it.
 */
export class CallFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly landed: Promise<unknown>,
  ) {
    super((cause as Error | undefined)?.message ?? String(cause), { cause });
  }
}

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

/**
 * The bytes of one batch's calls that go as arguments of their own after the batch's stream (a
 * vector's ops, a compacted base: script version 8). Redis's Lua hashes every string it makes,
 * byte by byte: an argument is made once, while bytes inside the batch's stream were made twice
 * (with the stream, then as the string decoded out of it).
 */
export class BatchArgs {
  readonly list: Buffer[] = [];

  /** Adds `bytes`; answers its place in the script's ARGV (the stream is ARGV[1]). */
  add(bytes: Buffer): number {
    this.list.push(bytes);
    return this.list.length + 1;
  }
}

/**
 * The detector's vectors in one batch: those its calls read before the script runs (one MGET, sent
 * just before the script on the same connection, so it sees them as they were before it) and those
 * its calls change. Read inside the script, a vector of a few KB cost Redis more than the rest of
 * the account's call: Redis's Lua hashes every byte of every string it makes (about 11
 * instructions a byte), and the reply copies it again; read by MGET it is a copy. A call whose
 * vector an earlier call of the same batch changes reads it inside the script, as before, after
 * those changes.
 */
export class BatchVectors {
  /** The keys read before the script, in the order of the calls that asked. */
  readonly reads: string[] = [];
  private changed: Set<string> | undefined;

  /**
   * `readFirst`: whether the batch may read vectors before its script (else the script reads them
   * all); `unanswered`: the vectors that batches sent before and not answered yet change.
   */
  constructor(
    private readonly readFirst: boolean,
    private readonly unanswered?: ReadonlyMap<string, number>,
  ) {}

  /**
   * Whether `key` can be read before the script: the batch may, no earlier call of it changes
   * `key`, and no earlier batch that changes `key` is still unanswered (its script may yet run after
   * the read: ioredis sends it again after NOSCRIPT, when Redis lost its scripts).
   */
  canReadFirst(key: string): boolean {
    return this.readFirst && !this.changed?.has(key) && !this.unanswered?.has(key);
  }

  /** The vectors the batch's calls change. */
  get written(): ReadonlySet<string> | undefined {
    return this.changed;
  }

  /** A call of the batch changes `key`: later calls read it inside the script. */
  wrote(key: string): void {
    (this.changed ??= new Set()).add(key);
  }
}

/**
 * A call built into a batch: its keys and its stream; `reads`, the vector keys it wants read
 * before the script runs (see {@link BatchVectors}); `writes`, the vector keys it changes.
 */
export interface BuiltCall {
  keys: readonly string[];
  arg: Buffer;
  reads?: readonly string[];
  writes?: readonly string[];
}

/**
 * Builds a call into a batch: its takes named by their place in `specs`, its vectors read as
 * `vectors` allows, its bytes added to `args`.
 */
export type BuildCall = (specs: BatchSpecs, vectors: BatchVectors, args: BatchArgs) => BuiltCall;

/** Reads keys (one MGET), sent just before the batch's script on the same connection. */
export type ReadKeys = (keys: readonly string[]) => Promise<ReadonlyArray<Buffer | null>>;

/**
 * Who waits for one row call of a batch: told its own part of the script's reply, or the batch's
 * failure. An object rather than a Promise: a request's call is answered through its own object
 * (its `SharedCall`), without a Promise and two closures more per call.
 */
export interface RowWaiter {
  answer(reply: unknown): void;
  /** `landed`: see {@link CallFailure} (none: the call's part could not be read, though its script answered). */
  fail(err: unknown, landed?: Promise<unknown>): void;
}

interface Batch {
  keys: string[];
  specs: BatchSpecs;
  vectors: BatchVectors;
  args: BatchArgs;
  /** A pair per row call: the number of keys before its own, its stream. */
  calls: Array<number | Buffer>;
  waiters: RowWaiter[];
  /** Per waiter, how many of the batch's reads are its own (in order). */
  readCounts: number[];
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
 * const batches = new RowCallBatches((route, packed, args) => client.dgRows8Buffer(1, route, packed, ...args));
 * const reply = await batches.send('u_1', (specs, vectors, args) => encodeRowCall(sections, options, specs, args, vectors)); // this call's own reply
 * batches.enqueue('u_1', build, waiter); // the same, answered through `waiter.answer`
 * ```
 */
export class RowCallBatches {
  private readonly open = new Map<string, Batch>();
  private scheduled = false;
  /** Per vector key, the batches sent that change it and are not answered yet. */
  private readonly unanswered = new Map<string, number>();

  constructor(
    private readonly sendScript: SendScript,
    /** A batch with this many keys goes at once: one script run is atomic, so a very long one would stall Redis. */
    private readonly maxKeys = 256,
    /** Reads the vectors the calls asked to be read before the script (none without it: the script reads them). */
    private readonly readKeys?: ReadKeys,
    private readonly within: Within = (command) => command,
  ) {}

  /**
   * Queues a row call for slot `tag` (keys with other tags never share a batch), built into its
   * batch by `build`; resolves with its own reply.
   */
  send(tag: string, build: BuildCall): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) =>
      this.enqueue(tag, build, { answer: resolve, fail: (err, landed) => reject(landed ? new CallFailure(err, landed) : err) }),
    );
  }

  /** {@link send}, answered through `waiter` (see {@link RowWaiter}). */
  enqueue(tag: string, build: BuildCall, waiter: RowWaiter): void {
    let batch = this.open.get(tag);
    if (!batch) this.open.set(tag, (batch = newBatch(this.readKeys !== undefined, this.unanswered)));
    const nargs = batch.args.list.length;
    let built = build(batch.specs, batch.vectors, batch.args);
    if (batch.keys.length > 0 && batch.keys.length + built.keys.length > this.maxKeys) {
      // Too many keys for this batch: it goes now (without the bytes the call added), and the call
      // is built again into a new one.
      batch.args.list.length = nargs;
      this.dispatch(batch);
      this.open.set(tag, (batch = newBatch(this.readKeys !== undefined, this.unanswered)));
      built = build(batch.specs, batch.vectors, batch.args);
    }
    const { keys, arg, reads, writes } = built;
    batch.calls.push(batch.keys.length, arg);
    for (let i = 0; i < keys.length; i++) batch.keys.push(keys[i]!);
    batch.waiters.push(waiter);
    batch.readCounts.push(reads ? reads.length : 0);
    if (reads) for (let i = 0; i < reads.length; i++) batch.vectors.reads.push(reads[i]!);
    if (writes) for (let i = 0; i < writes.length; i++) batch.vectors.wrote(writes[i]!);
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
    const reads = batch.vectors.reads;
    let command: Promise<unknown>;
    let read: Promise<ReadonlyArray<Buffer | null>> | undefined;
    try {
      // The reads go first on the connection: they see the vectors as they were before the script.
      if (reads.length > 0) read = this.readKeys!(reads);
      command = this.sendScript(batch.keys[0] ?? '', packBatch(batch.keys, batch.specs.list, batch.calls), batch.args.list);
    } catch (err) {
      command = Promise.reject(err);
    }
    // (A read that fails with its script is the script's failure: nobody else waits for it.)
    read?.catch(() => undefined);
    const sent = this.within(command);
    const written = this.readKeys ? batch.vectors.written : undefined;
    if (written) {
      // Until its script is answered (or known not to run: it may land after its time limit), a
      // later batch reads these vectors inside its own script.
      for (const key of written) this.unanswered.set(key, (this.unanswered.get(key) ?? 0) + 1);
      const answered = () => {
        for (const key of written) {
          const n = this.unanswered.get(key)! - 1;
          if (n > 0) this.unanswered.set(key, n);
          else this.unanswered.delete(key);
        }
      };
      command.then(answered, answered);
    }
    sent.then(
      (replies) => {
        if (!Array.isArray(replies) || replies.length !== waiters.length) {
          const err = new StoreError('Redis answered the row script with an unexpected reply.');
          for (const w of waiters) w.fail(err);
          return;
        }
        if (!read) return answerAll(waiters, replies);
        read.then(
          (values) => answerAll(waiters, withReads(replies, values, batch.readCounts)),
          (err: unknown) => {
            // The script ran: every call's writes are in. A call that had a vector read before it
            // fails (its detector has no state to decide on), its part of the reply saying what
            // the script did with it; the others are answered as if the read had not been.
            for (let i = 0; i < waiters.length; i++) {
              if (batch.readCounts[i]! > 0) waiters[i]!.fail(err, Promise.resolve(replies[i]));
              else answerOne(waiters[i]!, replies[i]);
            }
          },
        );
      },
      (err: unknown) => {
        // The script may still run (a time limit, not a refusal): each call's part, when it lands.
        // A script that failed at one of its calls kept the vectors the calls before it wrote.
        const landed = command.then(
          (replies) => (Array.isArray(replies) && replies.length === waiters.length ? replies : undefined),
          (failure: unknown) => scriptFailure(failure),
        );
        for (let i = 0; i < waiters.length; i++) waiters[i]!.fail(err, landed.then((replies) => (Array.isArray(replies) ? replies[i] : partOf(replies, i))));
      },
    );
  }
}

/**
 * How a row script failed partway (see the end of `ROW_LUA`): Redis's error, then
 * `[dg:partial <flags>/<rows>]`, a flag per call before the one that failed (1: it ran, 0: it
 * landed late and changed nothing), and how many rows of the failed call had their vectors
 * written. Undefined for any other failure (nothing can tell what ran).
 */
export function scriptFailure(err: unknown): { ran: string; rows: number } | undefined {
  const message = (err as Error | undefined)?.message;
  if (typeof message !== 'string') return undefined;
  const match = / \[dg:partial ([01]*)\/(\d+)\]/.exec(message);
  return match ? { ran: match[1]!, rows: Number(match[2]) } : undefined;
}

/** Call `i`'s part of a script that failed partway: what it wrote (see `VectorsWritten`), or nothing. */
function partOf(failure: { ran: string; rows: number } | undefined, i: number): VectorsWritten | undefined {
  if (!failure) return undefined;
  if (i < failure.ran.length) return failure.ran[i] === '1' ? new VectorsWritten(Infinity) : undefined;
  return i === failure.ran.length && failure.rows > 0 ? new VectorsWritten(failure.rows) : undefined;
}

function answerAll(waiters: readonly RowWaiter[], replies: readonly unknown[]): void {
  for (let i = 0; i < waiters.length; i++) answerOne(waiters[i]!, replies[i]);
}

/** One waiter's failure to read its part is its own, not its batch's (its part says what the script did with it). */
function answerOne(waiter: RowWaiter, reply: unknown): void {
  try {
    waiter.answer(reply);
  } catch (err) {
    waiter.fail(err, Promise.resolve(reply));
  }
}

function newBatch(readFirst: boolean, unanswered: ReadonlyMap<string, number>): Batch {
  return { keys: [], specs: new BatchSpecs(), vectors: new BatchVectors(readFirst, unanswered), args: new BatchArgs(), calls: [], waiters: [], readCounts: [] };
}

/**
 * Each call's reply with the vectors read for it before the script added at its end, where the
 * script puts the vectors it reads itself (a call's vectors are all read one way or the other).
 */
function withReads(replies: unknown[], values: ReadonlyArray<Buffer | null>, counts: readonly number[]): unknown[] {
  if (replies.length !== counts.length || !Array.isArray(values)) return replies;
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    const reply = replies[i] as unknown;
    for (let k = 0; k < counts[i]!; k++, at++) if (Array.isArray(reply)) reply.push(values[at] ?? null);
  }
  return replies;
}

import { BoundedMap } from '../cache/index.js';
import { MessageDigests } from '../request/index.js';

/** Numbers kept per message: its length, two 30-bit hashes of its text, its estimate. */
const STRIDE = 4;

/**
 * Token estimates of the messages a conversation already sent. A chat client resends the whole
 * history with every turn, and estimating it afresh was the largest single cost of a chat
 * request on the memory store (a tenth of it, more than the shield on short turns). Each
 * conversation is remembered under a number made from its opening message, as one small record:
 * per message its length, two seeded 30-bit hashes of its text and its estimate, in an array of
 * small integers (4 bytes each on the heap: no buffer object, nothing off the heap). A message is
 * estimated again unless its length and both hashes are those its place held last time; a key
 * collision between two conversations only costs a recount.
 *
 * The texts themselves are not kept. The memory used to keep them and compare strings: it then
 * held every conversation's last request alive (each request's parsed strings promoted to the
 * old generation, copied twice by the garbage collector on the way), and at 4M characters it held
 * about 1,500 conversations, so with thousands in flight every resent history was estimated again.
 * A record is 16 bytes a message; at most `maxMessages` messages are kept (250,000 by default:
 * 4 MB of records, about 20,000 conversations of a dozen messages), oldest conversations out first.
 *
 * What the hashes give up: a message changed to another text of the same length whose two
 * hashes both match would keep its old estimate. The seeds are drawn per process and never
 * leave it, so such a text can only be guessed (one chance in about 2^60 per edited message),
 * and an estimate is a reservation that the real usage reconciles afterwards.
 *
 * @example
 * ```ts
 * const memory = new TokenMemory();
 * estimateInputTokens(body, memory); // the second turn of a conversation counts only its new messages
 * ```
 */
export class TokenMemory {
  private readonly map: BoundedMap<number[], number>;

  constructor(maxMessages = 250_000) {
    this.map = new BoundedMap<number[], number>(maxMessages, (_key, record) => record.length / STRIDE);
  }

  /**
   * The estimate of each string message of `messages`, counting only those not seen in this place
   * before. `digests` are the messages' ({@link MessageDigests}, shared with the other parts that
   * recognise texts); made here when not given.
   */
  messageTokens(messages: ReadonlyArray<{ content: unknown }>, count: (text: string) => number, digests?: MessageDigests): number {
    const n = messages.length;
    const first = messages[0]?.content;
    if (typeof first !== 'string' || n < 2) return sumOf(messages, count);
    for (let i = 1; i < n; i++) if (typeof messages[i]!.content !== 'string') return sumOf(messages, count);
    const d = digests ?? MessageDigests.of(messages);
    // A small integer key: V8 hashes it without building or hashing a string.
    const key = (d.hashA(0) ^ Math.imul(first.length, 0x9e3779b1)) & 0x3fffffff;
    const before = this.map.get(key);
    const known = before === undefined ? 0 : before.length;
    // Sized once (pushing grows an array by half again): holey by kind, every slot filled below.
    const record: number[] = new Array<number>(n * STRIDE);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const text = messages[i]!.content as string;
      const a = d.hashA(i);
      const b = d.hashB(i);
      const o = i * STRIDE;
      const t = o < known && before![o] === text.length && before![o + 1] === a && before![o + 2] === b ? before![o + 3]! : count(text);
      record[o] = text.length;
      record[o + 1] = a;
      record[o + 2] = b;
      record[o + 3] = t;
      total += t;
    }
    this.map.set(key, record);
    return total;
  }

  /** Conversations remembered (for tests). */
  get size(): number {
    return this.map.count;
  }
}

function sumOf(messages: ReadonlyArray<{ content: unknown }>, count: (text: string) => number): number {
  let total = 0;
  for (const m of messages) if (typeof m.content === 'string') total += count(m.content);
  return total;
}

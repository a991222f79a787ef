import { randomFillSync } from 'node:crypto';

/** Numbers kept per message: its length and two 30-bit hashes of its text. */
const STRIDE = 3;

/** Per-process seeds: a text cannot be chosen offline to hash as another one. */
const SEEDS = randomFillSync(new Uint32Array(2));
const SEED_A = SEEDS[0]! | 0;
const SEED_B = SEEDS[1]! | 0;

/** 2^23: a key is hash A's 30 bits above 23 bits of hash B, 53 bits in all (an exact double). */
const LOW = 0x800000;
/** A message's length slot before it is digested. */
const NOT_YET = -2;

/**
 * One reading of a request's messages that every part needing to recognise a text shares: per
 * message with a string content, its length and two seeded 30-bit hashes (two multiply-xorshift
 * lanes over the text two UTF-16 units at a time, with different constants, so that a collision of
 * one is not one of the other), computed in one pass over each text.
 *
 * Chat clients resend the whole history, and the newest turn and the conversation's opener are
 * looked up by more than one part: the token estimates' memory (`TokenMemory`) recognises every
 * message it has estimated, the detector's prompt cache the newest turn and its opener memory the
 * first message. Each used to digest the same texts its own way (the fingerprints with SHA-256, two
 * native calls a follow-up, about 2.7% of a server's samples); the guard now digests each message
 * once per request and hands these to both.
 *
 * Only where a collision is harmless: a cache that would hand one text another's fingerprint or
 * estimate, not a decision of the shield (whose memory of scores stays collision-proof). The seeds
 * are drawn per process and never leave it, so two texts can only collide by chance (one in
 * about 2^53 per pair for {@link MessageDigests.key}), not by choice.
 *
 * @example
 * ```ts
 * const digests = MessageDigests.of(body.messages);
 * if (digests.has(0)) promptCache.get(digests.key(0));
 * ```
 */
export class MessageDigests {
  /** Per message `length, hashA, hashB`; length -1 for a content that is not a string, -2 until digested. */
  // Small integers in a plain array: a typed array this size is allocated outside V8's heap, which costs more than the digests.
  private readonly values: number[];

  private constructor(private readonly messages: ReadonlyArray<{ content: unknown }>) {
    this.values = new Array<number>(messages.length * STRIDE).fill(NOT_YET);
  }

  /**
   * The digests of `messages`, each computed on first use (one pass over its text) and kept: a
   * part that needs only the newest turn and the opener does not read the rest of the history.
   */
  static of(messages: ReadonlyArray<{ content: unknown }>): MessageDigests {
    return new MessageDigests(messages);
  }

  /** Messages digested (string or not). */
  get count(): number {
    return this.messages.length;
  }

  /** Whether message `i` exists and its content is a string (only those are digested). */
  has(i: number): boolean {
    return i >= 0 && i < this.messages.length && this.at(i) >= 0;
  }

  /** The length of message `i`'s text. */
  textLength(i: number): number {
    return this.values[this.at(i)]!;
  }

  /** The first 30-bit hash of message `i`'s text. */
  hashA(i: number): number {
    return this.values[this.at(i) + 1]!;
  }

  /** The second 30-bit hash of message `i`'s text. */
  hashB(i: number): number {
    return this.values[this.at(i) + 2]!;
  }

  /**
   * A number naming message `i`'s text (53 bits: hash A, then 23 bits of hash B mixed with the
   * length), for maps keyed by text. Never equal to a string key, so one map can hold both.
   */
  key(i: number): number {
    const o = this.at(i);
    const v = this.values;
    return v[o + 1]! * LOW + ((v[o + 2]! ^ Math.imul(v[o]!, 0x9e3779b1)) & (LOW - 1));
  }

  /** The offset of message `i`'s numbers, digesting it first if need be; -1 for a message that is not a string. */
  private at(i: number): number {
    const o = i * STRIDE;
    const v = this.values;
    if (v[o] !== NOT_YET) return v[o]! < 0 ? -1 : o;
    const content = this.messages[i]!.content;
    if (typeof content !== 'string') {
      v[o] = -1;
      return -1;
    }
    // Two UTF-16 units a step, as one 32-bit word: half the steps of a unit at a time, and each
    // lane is a chain of dependent multiplies, so the steps are what it costs. Each lane shifts its
    // high bits down after the multiply, so the upper unit of a word reaches every bit.
    let a = SEED_A;
    let b = SEED_B;
    const n = content.length;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const c = content.charCodeAt(j) | (content.charCodeAt(j + 1) << 16);
      a = Math.imul(a ^ c, 0x01000193);
      a ^= a >>> 13;
      b = Math.imul(b + c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    if (j < n) {
      const c = content.charCodeAt(j);
      a = Math.imul(a ^ c, 0x01000193);
      a ^= a >>> 13;
      b = Math.imul(b + c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    v[o] = content.length;
    v[o + 1] = (a ^ (a >>> 30)) & 0x3fffffff;
    v[o + 2] = (b ^ (b >>> 30)) & 0x3fffffff;
    return o;
  }
}

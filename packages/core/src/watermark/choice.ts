import { WORD_PAIRS } from './classes.js';
import type { WatermarkKey } from './keys.js';
import type { Occurrence } from './scanner.js';
import { sipHashLatin1, type SipKey } from './siphash.js';

/**
 * A position of the watermark: one pair after one previous word. Every occurrence of the pair
 * after that word gets the same member, so the choice is a property of the context, which is
 * what a model trained on the text learns.
 */
export function positionOf(o: Pick<Occurrence, 'pair' | 'context'>): string {
  return `${WORD_PAIRS[o.pair]!.id}\0${o.context}`;
}

/** Bits of keyed hashes remembered per key; a key's are all forgotten when it has this many. */
const MAX_REMEMBERED = 65_536;

/**
 * The low bit of the keyed hash of each position, per key, remembered: answers use the same
 * few hundred positions again and again, and a map lookup is cheaper than a hash. For the
 * shared choice and channel keys only: an identity's positions are few per answer, and the
 * verifier tries each identity at each position once.
 */
const BITS = new WeakMap<SipKey, Map<string, 0 | 1>>();

function keyedBit(key: SipKey, position: string): 0 | 1 {
  let bits = BITS.get(key);
  if (!bits) BITS.set(key, (bits = new Map()));
  let bit = bits.get(position);
  if (bit === undefined) {
    bit = (sipHashLatin1(key, position) & 1) as 0 | 1;
    if (bits.size >= MAX_REMEMBERED) bits.clear();
    bits.set(position, bit);
  }
  return bit;
}

/** The member the shared key picks at a position. */
export function sharedChoice(key: WatermarkKey, position: string): 0 | 1 {
  return keyedBit(key.choice, position);
}

/** Whether a position carries the identity's mark rather than the shared one (attribution: half of them). */
export function isIdentityPosition(key: WatermarkKey, position: string): boolean {
  return keyedBit(key.channel, position) === 1;
}

/** The member an identity's key picks at a position. */
export function identityChoice(identityKey: SipKey, position: string): 0 | 1 {
  return (sipHashLatin1(identityKey, position) & 1) as 0 | 1;
}

/**
 * The shared key's bits again, by pair and previous word: a stream's walk asks at every member it
 * finds, and building the position's string and hashing it cost more than the rest of the
 * choice. Forgotten all at once when `MAX_REMEMBERED` are kept, like `BITS`.
 */
class SharedBitsByPair {
  private readonly byPair = WORD_PAIRS.map(() => new Map<string, 0 | 1>());
  private size = 0;

  constructor(private readonly key: WatermarkKey) {}

  bit(pair: number, context: string): 0 | 1 {
    const bits = this.byPair[pair]!;
    let bit = bits.get(context);
    if (bit === undefined) {
      bit = sharedChoice(this.key, positionOf({ pair, context }));
      if (this.size >= MAX_REMEMBERED) this.forget();
      bits.set(context, bit);
      this.size++;
    }
    return bit;
  }

  private forget(): void {
    for (const bits of this.byPair) bits.clear();
    this.size = 0;
  }
}

const SHARED_BITS_BY_PAIR = new WeakMap<WatermarkKey, SharedBitsByPair>();

/** The member to write at each occurrence: the shared key's, or at identity positions the identity's. */
export function keyedChoice(key: WatermarkKey, identityKey?: SipKey): (o: Occurrence) => 0 | 1 {
  if (identityKey) {
    return (o) => {
      const position = positionOf(o);
      return isIdentityPosition(key, position) ? identityChoice(identityKey, position) : sharedChoice(key, position);
    };
  }
  let shared = SHARED_BITS_BY_PAIR.get(key);
  if (!shared) SHARED_BITS_BY_PAIR.set(key, (shared = new SharedBitsByPair(key)));
  const bits = shared;
  return (o) => bits.bit(o.pair, o.context);
}

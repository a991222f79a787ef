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

/**
 * The shared key's picks, per key, remembered: answers use the same few hundred positions again
 * and again, and a lookup is cheaper than a hash. Bounded: cleared when it reaches its size.
 */
const PICKS = new WeakMap<WatermarkKey, Map<string, 0 | 1>>();
const MAX_PICKS = 65_536;

/** The member the shared key picks at a position. */
export function sharedChoice(key: WatermarkKey, position: string): 0 | 1 {
  let picks = PICKS.get(key);
  if (!picks) PICKS.set(key, (picks = new Map()));
  let pick = picks.get(position);
  if (pick === undefined) {
    pick = (sipHashLatin1(key.choice, position) & 1) as 0 | 1;
    if (picks.size >= MAX_PICKS) picks.clear();
    picks.set(position, pick);
  }
  return pick;
}

/** Whether a position carries the identity's mark rather than the shared one (attribution: half of them). */
export function isIdentityPosition(key: WatermarkKey, position: string): boolean {
  return (sipHashLatin1(key.channel, position) & 1) === 1;
}

/** The member an identity's key picks at a position. */
export function identityChoice(identityKey: SipKey, position: string): 0 | 1 {
  return (sipHashLatin1(identityKey, position) & 1) as 0 | 1;
}

/** The member to write at each occurrence: the shared key's, or at identity positions the identity's. */
export function keyedChoice(key: WatermarkKey, identityKey?: SipKey): (o: Occurrence) => 0 | 1 {
  return (o) => {
    const position = positionOf(o);
    if (identityKey && isIdentityPosition(key, position)) return identityChoice(identityKey, position);
    return sharedChoice(key, position);
  };
}

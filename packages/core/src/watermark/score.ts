import { binomialTail } from './binomial.js';
import { identityChoice, isIdentityPosition, sharedChoice } from './choice.js';
import type { WatermarkEvidence } from './evidence.js';
import type { WatermarkKey } from './keys.js';
import type { SipKey } from './siphash.js';
import { WORD_PAIRS } from './classes.js';

/** A pair is left out when at least this many of its positions prefer a member... */
const UNIFORM_MIN_POSITIONS = 8;
/** ...and at most this share of them prefer the other one: the texts always write it one way. */
const UNIFORM_MAX_MINORITY = 0.05;

/** How scoring treats the evidence. */
export interface ScoreOptions {
  /** The answers were marked with attribution: score the shared half of the positions only. */
  attribution?: boolean;
  /**
   * Leave out the pairs the texts always write the same way (at least 8 positions, at most 5% of
   * them the other way), such as contractions that a distiller expanded everywhere: they can only
   * add coin flips. The choice reads the texts alone, never the key, so the test stays exact.
   * Default true.
   */
  skipUniformPairs?: boolean;
}

/** A hypothesis test of the watermark over suspect texts. */
export interface WatermarkScore {
  /** Positions scored: distinct (pair, previous word) where the texts prefer one member. */
  positions: number;
  /** Of those, where the preferred member is the key's. */
  matches: number;
  /** (matches - positions / 2) / sqrt(positions / 4); 0 with no positions. */
  z: number;
  /** P(at least `matches` of `positions`) for text written without this key: exact binomial, 1/2 per position. */
  pValue: number;
  /** Base-10 logarithm of `pValue`, exact where `pValue` underflows to 0. */
  log10PValue: number;
  /** Pairs left out because the texts always write them one way (ids, e.g. `n-do`), with their positions. */
  skippedPairs?: Array<{ pair: string; positions: number }>;
}

/**
 * Tests whether suspect texts carry the mark of `key`.
 *
 * Each position counts once, however often the texts use it, with the member they use there
 * most (ties are left out). For text written without the key, the member the key picks at a
 * position is a fair coin independent of the text, and of every other position (a keyed hash
 * of different inputs), so the number of matches is exactly Binomial(positions, 1/2) whatever
 * the texts' own preferences: the p-value needs no calibration. Counting every occurrence
 * instead would not be valid: a text that repeats "I'm" after "but" fifty times is one coin.
 *
 * With `attribution`, half of the positions carried the identity's mark: only the shared half
 * is scored (the other half is still a fair coin for the shared key, it only dilutes).
 *
 * Pairs the texts always write one way (a distiller expanded every contraction) are left out by
 * default (`skipUniformPairs`): which they are is read from the texts, not the key, so the rest
 * is still an exact test, and the pairs the distiller missed keep their full weight.
 *
 * @example
 * ```ts
 * const score = scoreEvidence(evidence, watermarkKey(secret));
 * if (score.pValue < 1e-6) console.log(`marked: ${score.matches}/${score.positions}`);
 * ```
 */
export function scoreEvidence(evidence: WatermarkEvidence, key: WatermarkKey, options: ScoreOptions = {}): WatermarkScore {
  const skipped = options.skipUniformPairs === false ? new Map<string, number>() : uniformPairs(evidence);
  let positions = 0;
  let matches = 0;
  for (const { position, votes } of evidence.positions.values()) {
    if (votes[0] === votes[1] || skipped.has(pairOf(position))) continue;
    if (options.attribution && isIdentityPosition(key, position)) continue;
    positions++;
    if (sharedChoice(key, position) === (votes[1] > votes[0] ? 1 : 0)) matches++;
  }
  const score = scoreOf(positions, matches);
  if (skipped.size > 0) score.skippedPairs = [...skipped].map(([pair, n]) => ({ pair, positions: n }));
  return score;
}

function pairOf(position: string): string {
  return position.slice(0, position.indexOf('\0'));
}

/**
 * The pairs the texts write one way only, with their numbers of positions. Read from the votes
 * alone: which pairs are left out does not depend on any key.
 */
export function uniformPairs(evidence: WatermarkEvidence): Map<string, number> {
  const prefer = new Map<string, [number, number]>();
  for (const { position, votes } of evidence.positions.values()) {
    if (votes[0] === votes[1]) continue;
    const pair = pairOf(position);
    let p = prefer.get(pair);
    if (!p) prefer.set(pair, (p = [0, 0]));
    p[votes[1] > votes[0] ? 1 : 0]++;
  }
  const out = new Map<string, number>();
  for (const [pair, [a, b]] of prefer) {
    const n = a + b;
    if (n >= UNIFORM_MIN_POSITIONS && Math.min(a, b) <= UNIFORM_MAX_MINORITY * n) out.set(pair, n);
  }
  // In the order of WORD_PAIRS, for stable reports.
  const order = new Map(WORD_PAIRS.map((p, i) => [p.id, i]));
  return new Map([...out].sort((x, y) => (order.get(x[0]) ?? 0) - (order.get(y[0]) ?? 0)));
}

/** One identity's score over the identity half of the positions. */
export interface IdentityScore extends WatermarkScore {
  identity: string;
  /** `pValue` times the number of identities tested (Bonferroni), at most 1. */
  adjustedPValue: number;
}

/**
 * Ranks identities by how strongly suspect texts carry their marks (attribution): each identity's
 * key is tested on the positions that carried identity marks. Strongest first.
 *
 * @example
 * ```ts
 * const [top] = rankIdentities(evidence, watermarkKey(secret), ['u_1', 'u_2', 'u_3']);
 * top.identity; // the identity whose answers the texts most resemble
 * ```
 */
export function rankIdentities(evidence: WatermarkEvidence, key: WatermarkKey, identities: Iterable<string>, options: Pick<ScoreOptions, 'skipUniformPairs'> = {}): IdentityScore[] {
  const skipped = options.skipUniformPairs === false ? new Map<string, number>() : uniformPairs(evidence);
  const scored: Array<{ position: string; member: 0 | 1 }> = [];
  for (const { position, votes } of evidence.positions.values()) {
    if (votes[0] === votes[1] || skipped.has(pairOf(position)) || !isIdentityPosition(key, position)) continue;
    scored.push({ position, member: votes[1] > votes[0] ? 1 : 0 });
  }
  const ids = [...new Set(identities)];
  const ranked = ids.map((identity) => {
    const k: SipKey = key.identity(identity);
    let matches = 0;
    for (const s of scored) if (identityChoice(k, s.position) === s.member) matches++;
    const score = scoreOf(scored.length, matches);
    return { identity, ...score, adjustedPValue: Math.min(1, score.pValue * ids.length) };
  });
  return ranked.sort((a, b) => b.z - a.z || (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
}

function scoreOf(positions: number, matches: number): WatermarkScore {
  const tail = binomialTail(positions, matches);
  const z = positions === 0 ? 0 : (matches - positions / 2) / Math.sqrt(positions / 4);
  return { positions, matches, z, pValue: tail.p, log10PValue: tail.log10 };
}

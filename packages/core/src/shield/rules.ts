import { cueWindowStarts } from './cue-windows.js';
import { findPayloads, mayHaveEscapes } from './encoded.js';
import { runEngine } from './engine.js';
import { FEATURE_SPECS, type Reason } from './features.js';
import { prepareText } from './normalize.js';
import type { ScannedText } from './scanned-text.js';
import { BIAS, EXTRA_WEIGHTS, FEATURE_WEIGHTS, REASON_MIN_LOGIT } from './weights.js';

/**
 * The rule scanner: about 30 families of hand-written patterns (`features.ts`) counted over the
 * folded text, encoded payloads decoded and rescanned, weighted by hand (`weights.ts`). Its logit
 * and reasons are inputs of the learned model (`learned/`), which decides.
 */
export const REASONS: readonly Reason[] = [
  'instruction-override',
  'system-prompt-extraction',
  'jailbreak-persona',
  'role-play',
  'delimiter-injection',
  'indirect-injection',
  'exfiltration',
  'encoded-payload',
  'invisible-characters',
  'homoglyphs',
];
const R = (r: Reason): number => REASONS.indexOf(r);
const FEATURE_REASON = FEATURE_SPECS.map((f) => R(f.reason));
const ROLE_PLAY = R('role-play');
const ENCODED = R('encoded-payload');
const INVISIBLE = R('invisible-characters');
const HOMOGLYPHS = R('homoglyphs');

/**
 * The part of a long text that is scanned: the head, the tail, and four windows of the middle,
 * each centred on the densest cluster of cue words there (an AI named, its instructions, a
 * password; `cue-windows.ts`), else spaced evenly. An order in the middle of a huge prompt that
 * uses none of the cue words, or one outnumbered by denser clusters elsewhere, is missed (see
 * docs/shield.md).
 */
export function scanWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars / 2);
  const tail = Math.floor(maxChars / 4);
  const pieces = 4;
  const piece = Math.floor((maxChars - head - tail) / pieces);
  const parts = [text.slice(0, head)];
  for (const start of cueWindowStarts(text, head, text.length - tail, pieces, piece)) parts.push(text.slice(start, start + piece));
  parts.push(text.slice(text.length - tail));
  return parts.join('\n');
}

/** Feature counts and the flags found while folding and decoding one text. */
interface Analysis {
  counts: number[];
  /** Text decoded from the payloads found (at the first level only), for the learned model to read. */
  decoded: string[] | undefined;
  encoded: boolean;
  tagChars: boolean;
  zeroWidth: boolean;
  bidi: boolean;
  homoglyphs: boolean;
}

function maxInto(into: number[], from: readonly number[]): void {
  for (let i = 0; i < into.length; i++) if (from[i]! > into[i]!) into[i] = from[i]!;
}

function attackLogit(counts: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < counts.length; i++) z += FEATURE_WEIGHTS[i]! * counts[i]!;
  return z;
}

function analyze(text: string | ScannedText, maxChars: number, depth: number, escapes = false): Analysis {
  const raw = typeof text === 'string' ? text : text.raw;
  const window = scanWindow(raw, maxChars);
  // A scored text comes as its `ScannedText`, whose normalisation the fold reads too.
  const prep = prepareText(window === raw ? text : window);
  const found = runEngine(prep.text);
  const a: Analysis = {
    counts: found.counts,
    decoded: undefined,
    encoded: false,
    tagChars: prep.tagChars > 0,
    zeroWidth: prep.zeroWidthInWords > 0,
    bidi: prep.bidiControls > 0,
    homoglyphs: prep.mixedScriptWords > 0,
  };
  // Decoded text is scanned once more, not recursively without end.
  if (depth >= 2) return a;
  if (prep.hidden.length >= 4) maxInto(a.counts, analyze(prep.hidden, maxChars, depth + 1).counts);
  const escaped = escapes && mayHaveEscapes(window, prep.ascii);
  if (found.runs.length === 0 && !found.hexHint && found.rot13Cues < 2 && found.reversedCues < 2 && !escaped) return a;
  for (const payload of findPayloads(window, prep.text, { ...found, aligned: prep.ascii, escaped })) {
    if (depth === 0) (a.decoded ??= []).push(payload.text);
    const inner = analyze(payload.text, maxChars, depth + 1);
    // A decoded blob only counts when it carries attack features (a base64 image or JWT does not).
    if (attackLogit(inner.counts) >= 1.5) {
      maxInto(a.counts, inner.counts);
      a.encoded = true;
    }
  }
  return a;
}

/** A text's logit and the share of it each reason contributed. */
export interface Logit {
  z: number;
  byReason: number[];
  /** Text decoded from the text's encoded payloads (base64, hex, escapes, ...), when there were any. */
  decoded?: readonly string[];
}

/** Copied for each text: `slice` of a packed array is a block copy, twice as fast as `new Array(n).fill(0)`, which a short text felt. */
const NO_REASONS: readonly number[] = REASONS.map(() => 0);

function logit(a: Analysis): Logit {
  const byReason = NO_REASONS.slice();
  let z = BIAS;
  for (let i = 0; i < FEATURE_SPECS.length; i++) {
    const c = a.counts[i]!;
    if (c === 0) continue;
    const v = FEATURE_WEIGHTS[i]! * c;
    z += v;
    byReason[FEATURE_REASON[i]!]! += v;
  }
  const extra = (reason: number, on: boolean, w: number): void => {
    if (!on) return;
    z += w;
    byReason[reason]! += w;
  };
  extra(ENCODED, a.encoded, EXTRA_WEIGHTS.encoded);
  extra(INVISIBLE, a.tagChars, EXTRA_WEIGHTS.tagChars);
  extra(INVISIBLE, a.zeroWidth, EXTRA_WEIGHTS.zeroWidth);
  extra(INVISIBLE, a.bidi, EXTRA_WEIGHTS.bidi);
  extra(HOMOGLYPHS, a.homoglyphs, EXTRA_WEIGHTS.homoglyphs);
  return a.decoded === undefined ? { z, byReason } : { z, byReason, decoded: a.decoded };
}

export function probability(z: number): number {
  return Math.round((1 / (1 + Math.exp(-z))) * 10_000) / 10_000;
}

/** Reasons that added at least {@link REASON_MIN_LOGIT}, strongest first. */
export function reasonsOf(l: Logit, flagged: boolean): Reason[] {
  const idx: number[] = [];
  for (let r = 0; r < REASONS.length; r++) if (l.byReason[r]! >= REASON_MIN_LOGIT && r !== ROLE_PLAY) idx.push(r);
  idx.sort((a, b) => l.byReason[b]! - l.byReason[a]!);
  // Role-play alone is benign; it is named only when it helped push a text over the threshold.
  if (flagged && l.byReason[ROLE_PLAY]! >= REASON_MIN_LOGIT) idx.push(ROLE_PLAY);
  return idx.map((r) => REASONS[r]!);
}

/**
 * The rule scanner's logit of `text`. With `escapes`, payloads in percent-encoding, character
 * references, `\u` escapes, binary and upside-down letters are decoded too: the scorer asks for
 * that on the whole text it scores, not on each of its pieces or on assistant turns, so the check
 * is paid once per text (and the learned model's features, which read pieces and training rows
 * without it, are unchanged). Given a `ScannedText`, its shared normalisation is read off it.
 */
export function ruleLogit(text: string | ScannedText, maxChars: number, escapes = false): Logit {
  return logit(analyze(text, maxChars, 0, escapes));
}


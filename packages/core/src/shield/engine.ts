import { FEATURE_SPECS, type FeatureSpec, type Need } from './features.js';
import { isAttackDiscussion, isQuotedMention } from './quotes.js';

/**
 * Runs the feature table over a folded text in one pass. The text is tokenised into words by a
 * char-code loop; each word's first four letters, packed into an integer, index the
 * alternatives that can start there, which then run as sticky regexes at that position only.
 * Alternatives that start on punctuation (`<|im_start|>`, `### System:`) run as global regexes
 * when the loop saw one of the characters they need. The same loop records the character
 * classes present, the base64-looking runs and the rot13 cues, so nothing else walks the text.
 */

interface HeadAlternative {
  feature: number;
  re: RegExp;
}
interface GlobalAlternative {
  feature: number;
  re: RegExp;
  needs: number;
}
interface HeadEntry {
  alts: HeadAlternative[];
  /** Bits: 1 a rot13 cue word, 2 a reversed-text cue word, 4 a user-side and 8 an assistant-side turn label. */
  cue: number;
}

export const FEATURE_COUNT = FEATURE_SPECS.length;
const QUOTED = FEATURE_SPECS.findIndex((f) => f.id === 'quotedAttack');
const FAKE_TURNS = FEATURE_SPECS.findIndex((f) => f.id === 'fakeTurns');

/** A letter or digit as 1..36 (0 is never used, so words of different lengths never collide). */
function code(c: number): number {
  return c >= 0x61 ? c - 0x60 : c - 0x30 + 27;
}

/** `code()` of every ASCII character, 0 for characters that are not part of a word. */
const CODE = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) CODE[c] = code(c);
for (let c = 0x61; c <= 0x7a; c++) CODE[c] = code(c);

/** The first four characters of a word (a-z, 0-9) in base 37: a small integer, cheap as a Map key. */
function wordKey(word: string): number {
  let k = 0;
  for (let i = 0; i < word.length && i < 4; i++) k = k * 37 + code(word.charCodeAt(i));
  return k;
}

/** Bits of the `flags` word the main loop sets. */
const NEED_BIT: Record<Need, number> = { '<': 1, '[': 2, '#': 4, repeat: 8, '<!': 16, '![': 32 };
const BACKSLASH = 64;
const COLON = 128;
function needsMask(needs: readonly Need[]): number {
  let m = 0;
  for (const n of needs) m |= NEED_BIT[n];
  return m;
}
/** Bits set by single characters. */
const CHAR_BIT = new Uint16Array(128);
CHAR_BIT[0x3c] = NEED_BIT['<'];
CHAR_BIT[0x5b] = NEED_BIT['['];
CHAR_BIT[0x23] = NEED_BIT['#'];
CHAR_BIT[0x5c] = BACKSLASH;
CHAR_BIT[0x3a] = COLON;
/** `-=#*>`: three in a row may be a delimiter line. */
const REPEATABLE = new Uint8Array(128);
for (const c of '-=#*>') REPEATABLE[c.charCodeAt(0)] = 1;

/** Stems of attack words after rot13 (ignore, instruction, prompt, system, previous, disregard, reveal, rules, forget). */
const ROT13_CUES = ['vtaber', 'vafgehpgvba', 'cebzcg', 'flfgrz', 'cerivbhf', 'qvfertneq', 'erirny', 'ehyrf', 'sbetrg'];
/** The same words written backwards. */
const REVERSED_CUES = ['erongi', 'snoitcurtsni', 'tpmorp', 'metsys', 'suoiverp', 'drageride', 'laever', 'selur', 'tegrof'];

const HEADS = new Map<number, HeadEntry>();
/**
 * A bit per slot of {@link headSlot}, set when some key of {@link HEADS} falls in it: read before
 * the `Map`, it rules out most words (which start no alternative) from a 2 KB table.
 */
const HEAD_FILTER_BITS = 14;
const HEAD_FILTER = new Int32Array(1 << (HEAD_FILTER_BITS - 5));
const headSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - HEAD_FILTER_BITS);
const GLOBALS: GlobalAlternative[] = [];

function entry(word: string): HeadEntry {
  const k = wordKey(word);
  let e = HEADS.get(k);
  if (!e) {
    HEADS.set(k, (e = { alts: [], cue: 0 }));
    const slot = headSlot(k);
    HEAD_FILTER[slot >>> 5]! |= 1 << (slot & 31);
  }
  return e;
}

FEATURE_SPECS.forEach((spec: FeatureSpec, feature) => {
  for (const alt of spec.alts) {
    if ('heads' in alt) {
      const re = new RegExp(alt.re, 'y');
      for (const h of alt.heads) {
        const e = entry(h);
        if (!e.alts.some((a) => a.re === re)) e.alts.push({ feature, re });
      }
    } else {
      GLOBALS.push({ feature, re: new RegExp(alt.re, 'g'), needs: needsMask(alt.needs) });
    }
  }
});
for (const w of ROT13_CUES) entry(w).cue |= 1;
for (const w of REVERSED_CUES) entry(w).cue |= 2;
for (const w of ['human', 'user']) entry(w).cue |= 4;
for (const w of ['assistant', 'ai', 'bot', 'chatgpt', 'claude', 'gpt', 'model']) entry(w).cue |= 8;

const TURN_LABEL = /(?:^|\n)[ \t]*(?:\*\*|#{1,3}[ \t]*)?(human|user|assistant|ai|bot|chatgpt|claude|gpt|model)(?:\*\*)?[ \t]*:/g;

function countTurns(text: string): number {
  TURN_LABEL.lastIndex = 0;
  let human = 0;
  let assistant = 0;
  let m: RegExpExecArray | null;
  while ((m = TURN_LABEL.exec(text)) !== null && human + assistant < 16) {
    if (m[1] === 'human' || m[1] === 'user') human++;
    else assistant++;
  }
  return human > 0 && assistant > 0 ? Math.min(human + assistant, 4) : 0;
}

/** What one pass over a text found. */
export interface EngineResult {
  /** Feature counts, indexed like `FEATURE_SPECS`. */
  counts: number[];
  /** Start and end of runs of 20+ base64 characters (pairs), at most 16 runs. */
  runs: number[];
  /** `\x41` or `0x41` escapes, or a run of two-digit hex words: worth a hex decode. */
  hexHint: boolean;
  /** Distinct rot13 cue words seen. */
  rot13Cues: number;
  /** Distinct reversed-text cue words seen. */
  reversedCues: number;
}

const MAX_RUNS = 16;

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/** Copied for each text: `slice` of a packed array is a block copy, twice as fast as `new Array(n).fill(0)`, which a short text felt. */
const NO_COUNTS: readonly number[] = FEATURE_SPECS.map(() => 0);

/** Per-text state of one engine run. */
class Run {
  readonly counts = NO_COUNTS.slice();
  private discussion: boolean | undefined;
  readonly isDiscussion = (): boolean => (this.discussion ??= isAttackDiscussion(this.text));
  constructor(readonly text: string) {
    NEXT_ALLOWED.fill(0);
  }

  tryAt(alt: HeadAlternative, start: number): void {
    const f = alt.feature;
    const spec = FEATURE_SPECS[f]!;
    if (this.counts[f]! >= spec.cap || start < NEXT_ALLOWED[f]!) return;
    alt.re.lastIndex = start;
    const m = alt.re.exec(this.text);
    if (m === null || m[0].length === 0) return;
    this.record(f, spec, start, m[0]);
  }

  record(f: number, spec: FeatureSpec, index: number, match: string): void {
    const text = this.text;
    const end = index + match.length;
    if (spec.reject?.(text, index, match)) return;
    if (end > NEXT_ALLOWED[f]!) NEXT_ALLOWED[f] = end;
    if (isQuotedMention(text, index, end, this.isDiscussion)) {
      if (spec.strong && !this.isDiscussion()) this.counts[QUOTED] = Math.min(this.counts[QUOTED]! + 1, FEATURE_SPECS[QUOTED]!.cap);
      return;
    }
    this.counts[f]!++;
  }
}

/** End of the last counted match per feature; the engine never runs re-entrantly, so one array serves. */
const NEXT_ALLOWED = new Int32Array(FEATURE_COUNT);

/** Counts every feature over folded lower-case `text`. */
export function runEngine(text: string): EngineResult {
  const run = new Run(text);
  const counts = run.counts;
  const runs: number[] = [];
  let flags = 0;
  let rot13Cues = 0;
  let reversedCues = 0;
  let hexPairs = 0;
  let labels = 0;

  const n = text.length;
  let runStart = -1;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k = c < 128 ? CODE[c]! : 0;
    if (k !== 0) {
      const start = i;
      let key = k;
      // The first four characters make the key; the rest of the word is skipped.
      const keyEnd = Math.min(n, start + 4);
      for (i++; i < keyEnd; i++) {
        c = text.charCodeAt(i);
        k = c < 128 ? CODE[c]! : 0;
        if (k === 0) break;
        key = key * 37 + k;
      }
      if (k !== 0) {
        for (; i < n; i++) {
          c = text.charCodeAt(i);
          if (c >= 128 || CODE[c] === 0) break;
        }
      }
      const slot = headSlot(key);
      const e = (HEAD_FILTER[slot >>> 5]! & (1 << (slot & 31))) === 0 ? undefined : HEADS.get(key);
      if (e !== undefined) {
        const alts = e.alts;
        for (let a = 0; a < alts.length; a++) run.tryAt(alts[a]!, start);
        if (e.cue !== 0) {
          if (e.cue & 1) rot13Cues++;
          if (e.cue & 2) reversedCues++;
          labels |= e.cue;
        }
      }
      const len = i - start;
      // A hex dump is a run of two-digit words ("49 67 6e ..."); "be" and "ad" in prose are not.
      if (len === 2 && isHexDigit(text.charCodeAt(start)) && isHexDigit(text.charCodeAt(start + 1))) {
        if (++hexPairs >= 12) flags |= BACKSLASH;
      } else {
        hexPairs = 0;
        if (len > 2 && text.charCodeAt(start) === 0x30 && text.charCodeAt(start + 1) === 0x78) flags |= BACKSLASH;
      }
      // Runs of base64 characters: words joined by + / _ - =.
      if (runStart < 0) runStart = start;
      if (i < n && (c === 0x2b || c === 0x2f || c === 0x5f || c === 0x2d || c === 0x3d)) continue;
      if (i - runStart >= 20 && runs.length < MAX_RUNS * 2) runs.push(runStart, i);
      runStart = -1;
      continue;
    }
    if (runStart >= 0 && !(c === 0x2b || c === 0x2f || c === 0x5f || c === 0x2d || c === 0x3d)) {
      if (i - runStart >= 20 && runs.length < MAX_RUNS * 2) runs.push(runStart, i);
      runStart = -1;
    }
    if (c < 128) {
      flags |= CHAR_BIT[c]!;
      if (REPEATABLE[c] === 1 && i >= 2 && text.charCodeAt(i - 1) === c && text.charCodeAt(i - 2) === c) flags |= NEED_BIT.repeat;
      else if (c === 0x21 && text.charCodeAt(i + 1) === 0x5b) flags |= NEED_BIT['!['];
      else if (c === 0x3c && text.charCodeAt(i + 1) === 0x21) flags |= NEED_BIT['<!'];
    }
    i++;
  }
  if (runStart >= 0 && n - runStart >= 20 && runs.length < MAX_RUNS * 2) runs.push(runStart, n);

  for (const g of GLOBALS) {
    if ((flags & g.needs) === 0) continue;
    const spec = FEATURE_SPECS[g.feature]!;
    g.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (counts[g.feature]! < spec.cap && (m = g.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        g.re.lastIndex++;
        continue;
      }
      // Global alternatives run after the word pass: overlap with head matches is not tracked.
      run.record(g.feature, spec, m.index, m[0]);
    }
  }
  if ((flags & COLON) !== 0 && (labels & 12) === 12) counts[FAKE_TURNS] = countTurns(text);

  return { counts, runs, hexHint: (flags & BACKSLASH) !== 0, rot13Cues, reversedCues };
}

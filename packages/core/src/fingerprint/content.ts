import { hex32, mix32, popcount32 } from './hash.js';
import { scanText, Tok, TokFlag, tokenSkeletonHash, tokenText, type ScannedText } from './text.js';

/**
 * The hashes of one prompt's content. Stable across processes: sketches and Redis keys use them.
 * Holds no text, so a cache of them costs the same whatever the prompts' length.
 */
export interface ContentHashes {
  /** Hash of the normalised text (case, spacing and punctuation ignored): exact repeats. */
  exact: number;
  /** 64-bit SimHash of the word bag as `[high, low]` 32-bit halves: near-duplicates differ in few bits. */
  simhash: readonly [number, number];
  /** Hash of the template skeleton (see {@link ContentFingerprint.skeleton}). */
  template: number;
  /** Whether the skeleton masks a variable part (a frame around content rather than a whole short prompt). */
  templated: boolean;
  /** For prompts of several lines, hashes of the first line's and the last line's frame (0 otherwise). */
  prefix: number;
  suffix: number;
  /** Word count (capped at the scan limit). */
  words: number;
  /**
   * Whether the skeleton's frame before its first `…` holds a label or markup mark (`:`, `>` or
   * `]`: a colon, a tag, a masked token such as `<q>`), what makes a one-line frame specific
   * enough to link accounts by. Computed from the tokens, so the hot path never builds the
   * skeleton's text.
   */
  frameMarked: boolean;
}

/** Content fingerprints of one prompt: its hashes and its template skeleton's text. */
export interface ContentFingerprint extends ContentHashes {
  /** The template skeleton: the prompt's frame with its variable part replaced by `…`. */
  skeleton: string;
}

const SIM_WORDS = 128;
const PLANES = 8;
const planesLo = new Int32Array(PLANES);
const planesHi = new Int32Array(PLANES);

function addPlanes(planes: Int32Array, x: number): void {
  let carry = x;
  for (let p = 0; p < PLANES && carry !== 0; p++) {
    const t = planes[p]! & carry;
    planes[p] = planes[p]! ^ carry;
    carry = t;
  }
}

/**
 * The bits whose count is above `threshold` (< 2^PLANES), all 32 compared at once: from the top
 * plane down, a count is greater once it has a 1 where the threshold has a 0 while every higher
 * bit was equal. Eight steps of word operations instead of 256 single-bit extractions.
 */
function majority(planes: Int32Array, threshold: number): number {
  let greater = 0;
  let equal = -1;
  for (let p = PLANES - 1; p >= 0; p--) {
    const x = planes[p]!;
    const t = (threshold >>> p) & 1 ? -1 : 0;
    greater |= equal & x & ~t;
    equal &= ~(x ^ t);
  }
  return greater >>> 0;
}

/**
 * 64-bit SimHash of a bag of 32-bit word hashes (each word votes on every bit). Prompts sharing
 * most of their words land within a few bits of each other. Bit-sliced counters: one pass of a
 * few integer operations per word instead of 64 additions.
 */
export function simhash64(hashes: ArrayLike<number>, count = hashes.length): [number, number] {
  planesLo.fill(0);
  planesHi.fill(0);
  const n = Math.min(count, SIM_WORDS);
  for (let w = 0; w < n; w++) {
    const lo = mix32(hashes[w]!);
    addPlanes(planesLo, lo | 0);
    addPlanes(planesHi, mix32(lo ^ 0x9e3779b9) | 0);
  }
  return [majority(planesHi, n >> 1), majority(planesLo, n >> 1)];
}

/** Bits that differ between two SimHashes (0..64). */
export function hamming64(a: readonly [number, number], b: readonly [number, number]): number {
  return popcount32((a[0] ^ b[0]) >>> 0) + popcount32((a[1] ^ b[1]) >>> 0);
}

/** `[high, low]` as 16 hex digits, for logs and tests. */
export function simhashHex(s: readonly [number, number]): string {
  return hex32(s[0]) + hex32(s[1]);
}

const FRAME_TOKENS = 16;
const LINE_BREAK = 0x0a0a0a0a;
const ELLIPSIS = 0x2026;

/**
 * The template skeleton of a scanned prompt. Numbers, quoted spans, code, URLs and mid-sentence
 * names are masked by the scanner; on top of that the variable body is cut out:
 * - several lines: the first line (the instruction or a label) and, from three lines on, the last
 *   line (a closing label or a fixed suffix) frame a masked middle;
 * - one line: its first word(s) and last words frame a masked middle.
 * So `Translate X into French` and `Translate Y into French` share `translate … into french`, and
 * `### Task\n<anything>\n### Answer` is one template whatever the task.
 */
export function skeletonOf(scan: ScannedText, withText = true): { skeleton: string; template: number; templated: boolean; prefix: number; suffix: number; frameMarked: boolean } {
  const lines = scan.lineStart.length;
  if (lines === 0) return { skeleton: '', template: 0, templated: false, prefix: 0, suffix: 0, frameMarked: false };
  const k = walk;
  k.scan = scan;
  k.parts = withText ? [] : undefined;
  k.h = 0x3c6ef372;
  k.beforeEllipsis = true;
  k.frameMarked = false;
  let templated = true;
  let prefix = 0;
  let suffix = 0;
  if (lines >= 2) {
    frameLine(k, 0, false);
    if (!substantial(scan, scan.lineStart[0]!, lineEnd(scan, 0))) k.h = mix32(k.h ^ 0x85ebca6b);
    // The first and the last line are each a candidate fixed part: a wrapper may be a prefix
    // ("Answer thoroughly:\n<task>"), a suffix ("<task>\n\nThink step by step…") or both.
    prefix = substantial(scan, scan.lineStart[0]!, lineEnd(scan, 0)) ? k.h >>> 0 : 0;
    gap(k, true);
    gap(k, false);
    const last = lines - 1;
    const lastLen = scan.count - scan.lineStart[last]!;
    const beforeSuffix = k.h;
    const textLength = k.parts?.length ?? 0;
    k.h = 0x6a09e667;
    frameLine(k, last, true);
    suffix = substantial(scan, scan.lineStart[last]!, scan.count) ? k.h >>> 0 : 0;
    k.h = beforeSuffix;
    if (k.parts) k.parts.length = textLength;
    if (lines >= 3 || lastLen <= 3 || labelEnd(scan, scan.lineStart[last]!, scan.count) >= 0) {
      gap(k, true);
      frameLine(k, last, true);
    }
  } else {
    const len = scan.count;
    const label = labelEnd(scan, 0, len);
    if (label >= 0 && label < len) {
      take(k, 0, label);
      gap(k, false);
      const close = closingMarkup(scan, label, len);
      if (close < len) take(k, close, len);
    } else if (len >= 9) {
      take(k, 0, 3);
      gap(k, false);
      take(k, len - 3, len);
    } else if (len >= 4) {
      take(k, 0, 1);
      gap(k, false);
      take(k, len - 2, len);
    } else {
      take(k, 0, len);
      templated = false;
    }
  }
  const skeleton = k.parts ? k.parts.join(' ') : '';
  const result = { skeleton, template: k.h >>> 0, templated, prefix, suffix, frameMarked: k.frameMarked && !k.beforeEllipsis };
  k.scan = undefined;
  k.parts = undefined;
  // No `…` at all: the frame is the whole prompt, and nothing precedes an ellipsis.
  return result;
}

/**
 * The state of one {@link skeletonOf} walk, in one module-level record passed to plain functions:
 * the walk's steps written as closures allocated six functions and a context for every prompt
 * (about 0.6 KB). skeletonOf does not call itself, so one record serves every call.
 */
interface SkeletonWalk {
  scan: ScannedText | undefined;
  /** The skeleton's words, when its text is wanted. */
  parts: string[] | undefined;
  h: number;
  /** Until the first `…` is emitted: whether a token taken so far shows a mark (see frameMarked). */
  beforeEllipsis: boolean;
  frameMarked: boolean;
}
const walk: SkeletonWalk = { scan: undefined, parts: undefined, h: 0, beforeEllipsis: true, frameMarked: false };

function lineEnd(scan: ScannedText, l: number): number {
  return l + 1 < scan.lineStart.length ? scan.lineStart[l + 1]! : scan.count;
}

function take(k: SkeletonWalk, from: number, to: number): void {
  const scan = k.scan!;
  let prevQuoted = false;
  for (let t = from; t < to; t++) {
    const quoted = (scan.flags[t]! & TokFlag.Quoted) !== 0;
    if (quoted && prevQuoted) continue;
    prevQuoted = quoted;
    k.h = mix32(Math.imul(k.h, 31) + tokenSkeletonHash(scan, t));
    if (k.beforeEllipsis && !k.frameMarked && tokenTextMarked(scan, t)) k.frameMarked = true;
    if (k.parts) k.parts.push(tokenText(scan, t));
  }
}

function gap(k: SkeletonWalk, lineBreak: boolean): void {
  k.h = mix32(Math.imul(k.h, 31) + (lineBreak ? LINE_BREAK : ELLIPSIS));
  if (!lineBreak) k.beforeEllipsis = false;
  if (k.parts) k.parts.push(lineBreak ? '⏎' : '…');
}

/** A labelled line (`Instruction: …`, `Q: …`, `### Task`) is frame up to its label: the label's end, or -1. */
function labelEnd(scan: ScannedText, from: number, to: number): number {
  let t = from;
  while (t < to && scan.kind[t] === Tok.Markup) t++;
  if (t > from) return t;
  while (t < to && scan.kind[t] === Tok.Hash) t++;
  const hashed = t > from;
  let words = 0;
  while (t < to && scan.kind[t] === Tok.Word && words < 3) {
    t++;
    words++;
  }
  if (words > 0 && t < to && scan.kind[t] === Tok.Colon) return t + 1;
  if (hashed && words > 0 && t >= to) return to;
  return -1;
}

function frameLine(k: SkeletonWalk, l: number, fromEnd: boolean): void {
  const scan = k.scan!;
  const from = scan.lineStart[l]!;
  const to = lineEnd(scan, l);
  const label = labelEnd(scan, from, to);
  if (label >= 0) {
    take(k, from, label);
    if (label < to) {
      gap(k, false);
      const close = closingMarkup(scan, label, to);
      if (close < to) take(k, close, to);
    }
  } else if (fromEnd) take(k, Math.max(from, to - FRAME_TOKENS), to);
  else take(k, from, Math.min(to, from + FRAME_TOKENS));
}

/** Trailing markup of a line (`… [/INST]`, `… </task>`): start of the closing run, or `to`. */
function closingMarkup(scan: ScannedText, from: number, to: number): number {
  let t = to;
  while (t > from && scan.kind[t - 1] === Tok.Markup) t--;
  return t;
}

/**
 * Whether {@link tokenText} of token `t` contains `:`, `>` or `]`, without building it: every
 * masked token (`<q>`, `<p>`, `<n>`, `<url>`, `<code>`, `<sep>`), a markup tag (it ends with `>`
 * or `]`) and a colon do; a plain word cannot (those characters end a word), nor `#` or `?`.
 */
function tokenTextMarked(scan: ScannedText, t: number): boolean {
  const kind = scan.kind[t]!;
  if (scan.flags[t]! & TokFlag.Quoted) return true;
  if (kind === Tok.Word) return (scan.flags[t]! & TokFlag.Proper) !== 0;
  return kind !== Tok.Hash && kind !== Tok.Question;
}

/**
 * Content fingerprints of a prompt: exact hash, SimHash and template skeleton. The skeleton's text
 * is built when first read, so the result holds the prompt until then; keep
 * {@link contentHashes} where many are kept.
 *
 * @example
 * ```ts
 * const a = contentFingerprint('Translate "good morning" into French');
 * const b = contentFingerprint('Translate "see you tomorrow" into French');
 * a.template === b.template; // true: one template, two fills
 * a.exact === b.exact;       // false
 * a.skeleton;                // 'translate … into french'
 * ```
 */
export function contentFingerprint(text: string, scanned?: ScannedText): ContentFingerprint {
  let skeleton: string | undefined;
  return {
    ...contentHashes(scanned ?? scanText(text)),
    // Only explanations and tests read the text; the hot path needs the hashes alone.
    get skeleton() {
      return (skeleton ??= skeletonOf(scanText(text)).skeleton);
    },
  };
}

/**
 * The hashes of a scanned prompt (exact hash, SimHash, template hash and frames), without the
 * skeleton's text: nothing in the result refers to the prompt.
 *
 * @example
 * ```ts
 * const h = contentHashes(scanText('Translate "good morning" into French'));
 * h.template === contentHashes(scanText('Translate hello into French')).template; // true
 * ```
 */
export function contentHashes(scan: ScannedText): ContentHashes {
  const words = wordHashesOf(scan);
  let exact = 0x2545f491;
  for (let i = 0; i < words.length; i++) exact = mix32(Math.imul(exact, 31) + words[i]!);
  const { template, templated, prefix, suffix, frameMarked } = skeletonOf(scan, false);
  return { exact: exact >>> 0, simhash: simhash64(words), template, templated, prefix, suffix, words: words.length, frameMarked };
}

/** Hashes of the word and number tokens, in order (numbers keep their digits' hash). */
export function wordHashesOf(scan: ScannedText): Uint32Array {
  const out = new Uint32Array(scan.words);
  let k = 0;
  for (let t = 0; t < scan.count && k < out.length; t++) {
    const kind = scan.kind[t]!;
    if (kind === Tok.Word || kind === Tok.Number) out[k++] = kind === Tok.Word ? scan.hash[t]! : fnvSlice(scan.text, scan.start[t]!, scan.end[t]!);
  }
  return k === out.length ? out : out.slice(0, k);
}

function fnvSlice(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A frame worth linking accounts by: a markup tag, or at least two tokens of which one is a word. */
function substantial(scan: ScannedText, from: number, to: number): boolean {
  let words = 0;
  for (let t = from; t < to; t++) {
    const k = scan.kind[t]!;
    if (k === Tok.Markup) return true;
    if (k === Tok.Word) words++;
  }
  return words > 0 && to - from >= 2;
}

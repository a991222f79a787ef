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
  const lineEnd = (l: number) => (l + 1 < lines ? scan.lineStart[l + 1]! : scan.count);
  const parts: string[] = [];
  let h = 0x3c6ef372;
  // Until the first `…` is emitted: whether a token taken so far shows a mark (see frameMarked).
  let beforeEllipsis = true;
  let frameMarked = false;
  const take = (from: number, to: number) => {
    let prevQuoted = false;
    for (let t = from; t < to; t++) {
      const quoted = (scan.flags[t]! & TokFlag.Quoted) !== 0;
      if (quoted && prevQuoted) continue;
      prevQuoted = quoted;
      h = mix32(Math.imul(h, 31) + tokenSkeletonHash(scan, t));
      if (beforeEllipsis && !frameMarked && tokenTextMarked(scan, t)) frameMarked = true;
      if (withText) parts.push(tokenText(scan, t));
    }
  };
  const gap = (lineBreak: boolean) => {
    h = mix32(Math.imul(h, 31) + (lineBreak ? LINE_BREAK : ELLIPSIS));
    if (!lineBreak) beforeEllipsis = false;
    if (withText) parts.push(lineBreak ? '⏎' : '…');
  };
  // A labelled line (`Instruction: …`, `Q: …`, `### Task`) is frame up to its label.
  const labelEnd = (from: number, to: number): number => {
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
  };
  const frameLine = (l: number, fromEnd: boolean) => {
    const from = scan.lineStart[l]!;
    const to = lineEnd(l);
    const label = labelEnd(from, to);
    if (label >= 0) {
      take(from, label);
      if (label < to) {
        gap(false);
        const close = closingMarkup(label, to);
        if (close < to) take(close, to);
      }
    } else if (fromEnd) take(Math.max(from, to - FRAME_TOKENS), to);
    else take(from, Math.min(to, from + FRAME_TOKENS));
  };
  // Trailing markup of a line (`… [/INST]`, `… </task>`): start of the closing run, or `to`.
  const closingMarkup = (from: number, to: number): number => {
    let t = to;
    while (t > from && scan.kind[t - 1] === Tok.Markup) t--;
    return t;
  };
  let templated = true;
  let prefix = 0;
  let suffix = 0;
  if (lines >= 2) {
    frameLine(0, false);
    if (!substantial(scan, scan.lineStart[0]!, lineEnd(0))) h = mix32(h ^ 0x85ebca6b);
    // The first and the last line are each a candidate fixed part: a wrapper may be a prefix
    // ("Answer thoroughly:\n<task>"), a suffix ("<task>\n\nThink step by step…") or both.
    prefix = substantial(scan, scan.lineStart[0]!, lineEnd(0)) ? h >>> 0 : 0;
    gap(true);
    gap(false);
    const last = lines - 1;
    const lastLen = scan.count - scan.lineStart[last]!;
    const beforeSuffix = h;
    const textLength = parts.length;
    h = 0x6a09e667;
    frameLine(last, true);
    suffix = substantial(scan, scan.lineStart[last]!, scan.count) ? h >>> 0 : 0;
    h = beforeSuffix;
    parts.length = textLength;
    if (lines >= 3 || lastLen <= 3 || labelEnd(scan.lineStart[last]!, scan.count) >= 0) {
      gap(true);
      frameLine(last, true);
    }
  } else {
    const len = scan.count;
    const label = labelEnd(0, len);
    if (label >= 0 && label < len) {
      take(0, label);
      gap(false);
      const close = closingMarkup(label, len);
      if (close < len) take(close, len);
    } else if (len >= 9) {
      take(0, 3);
      gap(false);
      take(len - 3, len);
    } else if (len >= 4) {
      take(0, 1);
      gap(false);
      take(len - 2, len);
    } else {
      take(0, len);
      templated = false;
    }
  }
  // No `…` at all: the frame is the whole prompt, and nothing precedes an ellipsis.
  return { skeleton: parts.join(' '), template: h >>> 0, templated, prefix, suffix, frameMarked: frameMarked && !beforeEllipsis };
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

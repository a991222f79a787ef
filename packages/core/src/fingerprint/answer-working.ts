import { cjkMatch, isCjk } from './cjk.js';
import { CJK_WORKING, MAX_WORKING_PHRASE, WK, WORKING_BY_LAST, WORKING_ENDS } from './answer-working-words.js';
import { mayHold } from './lexicon.js';
import { sigmoid } from './reasoning.js';
import { isDigit, isLetter, isOtherSentenceEnd } from './answer-chars.js';
import { lastWord, readWord } from './answer-reading.js';
import { cjkOperatorAt, isCjkNumeral, readCjkNumeral } from './answer-cjk-numerals.js';
import { drawBucket, MARKER_BUCKET, markerWeights } from './answer-markers.js';

/**
 * Answer working: does a served answer work a problem through, whatever its layout? The layout
 * reader (`answerReasoning`) sees numbered steps, openers and "so the answer is"; a model
 * asked for plain paragraphs writes the same derivation without any of them. What it cannot drop
 * without dropping the derivation is its content: intermediate quantities computed from earlier
 * ones ("120 + 180 = 300 km", "2c = 24", "60 times 3"), inferences drawn from them ("which
 * means", "that leaves", "daher", "donc", "所以") and, often, a check ("substituting back").
 *
 * It reads sentences, not lines, so a paragraph and a list read alike. Fenced code, and lines that
 * read as code, are skipped (a program's arithmetic is not a derivation a person reads), but for
 * their comments, which are prose (a computed value stated in a comment is a computation); a fenced
 * block whose lines read as prose or arithmetic is read like the rest, and so is a line of words
 * ending with `;`. Numbers written as words are operands like digits, Chinese and Japanese numerals
 * too. It reads the first 1,500 and the last 500 characters of an answer and, of a longer one, two
 * windows of 500 characters in the middle: one drawn where the computations are densest (a cheap
 * pass over the middle finds them), one anywhere, at offsets an attacker cannot predict. At most
 * 3,000 characters are read, words hashed in place, no allocation per word.
 */

/** What the content reader reports. */
export interface AnswerWorking {
  /** Probability-like score in [0, 1] that the answer works a problem through in its content. */
  probability: number;
  /** Names of the cues that fired, for explanations. */
  cues: string[];
}

/** The sentence counts behind a score (for tests and for tools that study traffic). */
export interface WorkingCounts {
  /** Sentences read (two words or numbers or more). */
  sentences: number;
  /** Sentences that draw an inference. */
  links: number;
  /** Sentences that compute a quantity (a number on one side of an operator). */
  computations: number;
  /** Sentences that infer a quantity: an inference with a number in it ("so it takes 4 hours", "that leaves 180 km"). */
  inferredQuantities: number;
  /** Sentences that check a result. */
  checks: number;
  /** Sentences that open a case or an assumption. */
  cases: number;
}

/** Read in full: the first 1,500 and the last 500 characters (the layout reader's bounds). */
const MAX_CHARS = 2000;
const TAIL_CHARS = 500;
/**
 * The middle of a longer answer is read by {@link MIDDLE_WINDOWS} windows of {@link WINDOW_CHARS}
 * characters at offsets an attacker cannot predict (see {@link seedAnswerSampling}): when the
 * middle holds computations (answer-markers.ts), one window is drawn where they are dense and one
 * anywhere; otherwise one in each equal stretch. Working padded with prose is read however long
 * the padding; working without markers is read with a probability that grows with the share of the
 * middle it fills. At most 1,000 characters more are read per answer, whatever its length, after
 * one pass of a character test over the middle.
 */
const MIDDLE_WINDOWS = 2;
const WINDOW_CHARS = 500;
/** A window starts at the next line or sentence when one is this close, so it reads whole sentences. */
const WINDOW_SNAP = 160;
/** A fenced block is code when more than this share of its lines read as code; otherwise it is read as prose. */
const FENCE_CODE_SHARE = 0.2;
/** Tokens allowed between an operand and its operator ("120 km + 180 km", "$240 − 48"). */
const OPERAND_REACH = 3;

// Per-call state, module-level so that a call allocates nothing per word.
const counts: WorkingCounts = { sentences: 0, links: 0, computations: 0, inferredQuantities: 0, checks: 0, cases: 0 };
/**
 * The phrase window: the clause's last `ringLen` words, the oldest at `ringHead`. A circular buffer
 * written twice (slot and slot + MAX_WORKING_PHRASE), so the window is contiguous from `ringHead`
 * and a word added to a full window moves the head instead of shifting the array.
 */
const ring = new Int32Array(2 * MAX_WORKING_PHRASE);
let ringLen = 0;
let ringHead = 0;
/** Inside a fenced block (between two ``` lines). */
let inFence = false;
/** Inside a fenced block that reads as code: skipped. */
let fence = false;
/** End of the stretch being read (a fenced block is judged up to its closing fence or here). */
let passEnd = 0;
let samplingSeed = randomSeed();
let tok = 0;
let lastTermTok = -100;
let lastTermNum = false;
let opTok = -100;
let opLeftNum = false;
/** The pending operator is a spaced hyphen, which prose also uses as a dash: it needs numbers on both sides. */
let opDash = false;
/** The pending operator is a Chinese or Japanese word (乘以, は): it needs an operand right before and right after it. */
let opTight = false;
let sentenceStart = 0;
let sentenceTerms = 0;
let sentenceNumbers = 0;
let sentenceMask = 0;
let sentenceComputes = false;
/**
 * Separate computations in the sentence: a run of operands and operators that computes, ended by
 * a word or a clause. Steps joined into one long sentence ("60 × 2 = 120 km | 90 × 3 = 270 km |
 * …", or a line with no full stop) count as the steps they are.
 */
let sentenceChains = 0;
/** The last computation's run is still going (no word or clause since). */
let chainOpen = false;
let sentenceCjk = false;
let clauseStart = true;

/**
 * Weights of the content score. A chain of computed intermediate quantities is the derivation
 * itself: four computed sentences count on their own, three with a conclusion that names a
 * quantity ("so it takes 4 hours") or with a check. Inferences without quantities (an explanation, an argument) count only when they
 * are a dense deduction: four or more, in at least half the sentences. People are given
 * explanations all the time, and a bound on those would fall on people (on the development log's
 * answers, 0.04% of those the layout reader does not count are dense deductions).
 */
const W = { inferredQuantity: 1.0, computation: 1.2, link: 0.35, check: 1.2, case: 0.3, deduction: 4.5 };
const BIAS = -4.8;
/** A deduction: at least this many inferences ... */
const DEDUCTION_LINKS = 4;
/** ... in at least this share of the sentences. */
const DEDUCTION_DENSITY = 0.5;

/**
 * Probability that an answer works a problem through in its content (computed intermediate
 * quantities chained by inferences), in any layout.
 *
 * @example
 * ```ts
 * answerWorking('The first leg is 2 hours at 60 km/h, so it covers 60 × 2 = 120 km. That leaves 300 − 120 = 180 km, which takes 180 / 90 = 2 hours. Checking: 120 + 180 = 300 km.').probability; // high
 * answerWorking('Sleep well, drink water and exercise, because habits compound.').probability; // low
 * ```
 */
export function answerWorking(text: string): AnswerWorking {
  readCounts(text);
  const cues: string[] = [];
  return { probability: sigmoid(workingZ(cues)), cues };
}

/** {@link answerWorking}'s probability alone, without naming the cues (what the detector counts on every served answer). */
export function answerWorkingScore(text: string): number {
  readCounts(text);
  return sigmoid(workingZ(undefined));
}

/**
 * The log-odds of the counts {@link readCounts} left, the cues pushed to `cues` when given: one sum
 * in one order whether or not the cues are named, so both entry points give the same probability.
 */
function workingZ(cues: string[] | undefined): number {
  const c = counts;
  let z = BIAS;
  if (c.inferredQuantities > 0) {
    z += Math.min(c.inferredQuantities, 4) * W.inferredQuantity;
    cues?.push('inferred-quantities');
  }
  if (c.computations > 0) {
    z += Math.min(c.computations, 5) * W.computation;
    cues?.push('computed-quantities');
  }
  if (c.links > 0) {
    z += Math.min(c.links, 6) * W.link;
    cues?.push('inferences');
  }
  if (c.checks > 0) {
    z += Math.min(c.checks, 1) * W.check;
    cues?.push('check');
  }
  if (c.cases > 0) {
    z += Math.min(c.cases, 2) * W.case;
    cues?.push('cases');
  }
  if (c.links >= DEDUCTION_LINKS && c.links >= DEDUCTION_DENSITY * c.sentences) {
    z += W.deduction;
    cues?.push('deduction');
  }
  return z;
}

/** The sentence counts of an answer (a fresh object per call). */
export function workingCounts(text: string): WorkingCounts {
  readCounts(text);
  return { ...counts };
}

/** Reads an answer's sentences into the module's `counts`. */
function readCounts(text: string): void {
  counts.sentences = counts.links = counts.computations = counts.inferredQuantities = counts.checks = counts.cases = 0;
  const n = text.length;
  if (n <= MAX_CHARS) pass(text, 0, n);
  else {
    const head = MAX_CHARS - TAIL_CHARS;
    pass(text, 0, head);
    const middle = n - TAIL_CHARS - head;
    if (middle <= MIDDLE_WINDOWS * WINDOW_CHARS) pass(text, head, head + middle);
    else {
      let r = mix(samplingSeed ^ sampleDigest(text));
      const lastStart = head + middle - WINDOW_CHARS;
      const markers = markerWeights(text, head, head + middle);
      let first: number;
      let second: number;
      /** The steered window's start, already at a sentence's start (-1: none). */
      let steered = -1;
      if (markers.total > 0) {
        // One window where the computations are (a window's start drawn in proportion to the
        // marker density of the two buckets it covers, moved back to the start of its sentence,
        // since a sentence states its quantities before it computes): padding does not dilute it.
        r = mix(r + 1);
        const bucket = drawBucket(markers.weights, markers.buckets, markers.total, r / 4294967296);
        first = sentenceStartBefore(text, head + bucket * MARKER_BUCKET, head);
        steered = first;
        // One anywhere in the middle, so working without markers (numbers in words) stays in reach.
        r = mix(r + 3);
        second = head - WINDOW_CHARS + (r % (middle + WINDOW_CHARS));
      } else {
        // One window starts in each equal stretch and may run into the next, so no place in the
        // middle (a stretch's edge included) is out of every window's reach.
        const stretch = Math.floor(middle / MIDDLE_WINDOWS);
        r = mix(r + 1);
        first = head - WINDOW_CHARS + (r % (stretch + WINDOW_CHARS));
        r = mix(r + 2);
        second = head - WINDOW_CHARS + stretch + (r % (stretch + WINDOW_CHARS));
      }
      // In order, each from where the one before ended at the earliest: a sentence is counted once.
      const read = readWindow(text, Math.min(first, second), head, lastStart, steered);
      if (read < n - TAIL_CHARS) readWindow(text, Math.max(first, second), read, lastStart, steered);
    }
    fenceStateAt(text, n - TAIL_CHARS);
    pass(text, n - TAIL_CHARS, n);
  }
}

/**
 * Seeds the choice of the windows read in the middle of long answers. By default the seed is drawn
 * at random when the module loads, once per process: an attacker who reads this code cannot tell
 * which part of the middle a given answer will have read. Given the seed, the windows depend only on
 * the answer, so a replay seeded the same way reads every answer the same way (tests and replays of
 * logs seed it; a deployment has no reason to).
 */
export function seedAnswerSampling(seed: number): void {
  samplingSeed = seed >>> 0;
}

function randomSeed(): number {
  const out = new Uint32Array(1);
  globalThis.crypto.getRandomValues(out);
  return out[0]!;
}

/** A 32-bit mix (murmur3's finaliser). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A cheap digest of an answer (its length and 32 characters spread over it), so each answer has windows of its own. */
function sampleDigest(text: string): number {
  const n = text.length;
  let h = n;
  for (let k = 0; k < 32; k++) h = Math.imul(h ^ text.charCodeAt(Math.floor((k * n) / 32)), 0x01000193);
  return h >>> 0;
}

/** The start of the next line or sentence near `at` (or `at`). */
function snapToSentence(text: string, at: number): number {
  let from = at;
  for (let i = at; i < at + WINDOW_SNAP; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || ((c === 46 || c === 0x3002) && text.charCodeAt(i + 1) !== 46 && !isDigit(text.charCodeAt(i + 1)))) {
      from = i + 1;
      break;
    }
  }
  return from;
}

/**
 * Reads a window of the middle starting at `start` (at a sentence's start unless it is the steered
 * one, already there), never before `read` nor after `lastStart`; returns where it ended.
 */
function readWindow(text: string, start: number, read: number, lastStart: number, steered: number): number {
  const end = text.length - TAIL_CHARS;
  const at = Math.max(read, Math.min(lastStart, start));
  const from = at === read || at === steered ? at : snapToSentence(text, at);
  if (from >= end) return end;
  fenceStateAt(text, from);
  const to = Math.min(from + WINDOW_CHARS, end);
  pass(text, from, to);
  return to;
}

/** The start of the line or sentence that holds `at` (no further back than {@link WINDOW_SNAP} characters, nor than `floor`). */
function sentenceStartBefore(text: string, at: number, floor: number): number {
  for (let i = at - 1; i >= Math.max(floor, at - WINDOW_SNAP); i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || ((c === 46 || c === 0x3002) && text.charCodeAt(i + 1) !== 46 && !isDigit(text.charCodeAt(i + 1)))) return i + 1;
  }
  return Math.max(floor, at - WINDOW_SNAP);
}

/** Sets the fence state at `from`: an odd count of fences before it means it is inside a block. */
function fenceStateAt(text: string, from: number): void {
  let open = false;
  for (let i = text.indexOf('```'); i >= 0 && i < from; i = text.indexOf('```', i + 3)) open = !open;
  inFence = open;
  fence = open && !fenceIsProse(text, from, text.length);
}

function pass(text: string, from: number, to: number): void {
  passEnd = to;
  if (from === 0) inFence = fence = false;
  for (let s = from; s < to; ) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    line(text, s, e);
    s = e + 1;
  }
}

function startSentence(at: number): void {
  sentenceStart = at;
  sentenceTerms = 0;
  sentenceNumbers = 0;
  sentenceMask = 0;
  sentenceComputes = false;
  sentenceChains = 0;
  sentenceCjk = false;
  lastTermTok = opTok = -100;
  startClause();
}

function startClause(): void {
  clauseStart = true;
  chainOpen = false;
  ringLen = 0;
}

function endSentence(text: string, at: number): void {
  if (sentenceCjk) sentenceMask |= cjkMatch(CJK_WORKING, text, sentenceStart, at);
  if (sentenceTerms >= 2 || sentenceComputes) {
    counts.sentences++;
    const link = (sentenceMask & ((1 << WK.Link) | (1 << WK.LinkAtClause))) !== 0;
    if (link) counts.links++;
    if (sentenceComputes) counts.computations += Math.max(1, sentenceChains);
    if (link && sentenceNumbers > 0) counts.inferredQuantities++;
    if (sentenceMask & (1 << WK.Check)) counts.checks++;
    if (sentenceMask & (1 << WK.Suppose)) counts.cases++;
  }
  startSentence(at);
}

/** An operand: a number, or a one-letter variable. Closes a computation when an operator is pending. */
function term(isNumber: boolean): void {
  if (tok - opTok <= (opTight ? 1 : OPERAND_REACH) && (opDash ? opLeftNum && isNumber : opLeftNum || isNumber)) {
    sentenceComputes = true;
    // A further computation of the sentence counts when it is arithmetic between two numbers: a
    // range ("60% - 80%") or a variable's value ("c = 14") adds nothing to the sentence's first.
    if (!chainOpen && opLeftNum && isNumber && !opDash) sentenceChains++;
    chainOpen = true;
  }
  lastTermTok = tok;
  lastTermNum = isNumber;
  opTok = -100;
  tok++;
  sentenceTerms++;
}

function operator(dash = false): void {
  if (tok - lastTermTok <= OPERAND_REACH) {
    opTok = tok;
    opLeftNum = lastTermNum;
    opDash = dash;
    opTight = false;
  }
  tok++;
}

/**
 * A Chinese or Japanese operator word, an operator only right after an operand (and closed only by
 * one right after it), one of them a number: "三かける十", "xは十".
 */
function cjkOperator(): void {
  if (lastTermTok === tok - 1) {
    opTok = tok;
    opLeftNum = lastTermNum;
    opDash = false;
    opTight = true;
  }
  tok++;
}

/** Reads one line: a fence toggles; otherwise sentences, operands, operators and words. */
function line(text: string, s: number, e: number): void {
  let p = s;
  while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13)) p++;
  if (text.startsWith('```', p)) {
    inFence = !inFence;
    fence = inFence && !fenceIsProse(text, e + 1, passEnd);
    return;
  }
  if (fence) {
    if (p < e) codeComment(text, p, e);
    return;
  }
  if (p >= e) return;
  if (codeLine(text, p, e)) {
    codeComment(text, p, e);
    return;
  }
  // An enumeration marker ("3.", "12)") is not an operand.
  let q = p;
  while (q < e && isDigit(text.charCodeAt(q))) q++;
  if (q > p && q - p <= 3 && (text.charCodeAt(q) === 46 || text.charCodeAt(q) === 41) && (text.charCodeAt(q + 1) === 32 || q + 1 >= e)) p = q + 1;
  sentences(text, p, e, false);
}

/**
 * The prose of a line of code: its comment and its string literals. A program's comments are
 * written for people, and a derivation written as a program keeps its working there ("# 2c = 24,
 * so c = 12") or beside a computed value (`dist = speed * hours  # 120 km`: an assignment that
 * computes, its value stated in the comment, counts as a computed sentence). A string is read as
 * sentences of its own: a derivation written as data (a JSON array of steps, `print("60 × 2 =
 * 120")`) keeps its working in strings, and a program's own strings (names, messages, formats)
 * compute nothing. The rest of the line, the code, is skipped.
 */
function codeComment(text: string, p: number, e: number): void {
  if (text.charCodeAt(p) === 60) {
    markupText(text, p, e);
    return;
  }
  let quote = 0;
  let quoteStart = 0;
  // A call's arguments are inputs (`evaluate("2 + 3")` in a calculator's tests): a string passed to one is read when it holds words.
  const calls = hasCall(text, p, e);
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92) i++; // an escaped character (`\"`) does not close the string
      else if (c === quote) {
        quote = 0;
        if (i - quoteStart > STRING_MIN_CHARS && (!calls || wordsIn(text, quoteStart + 1, i) >= 1)) sentences(text, quoteStart + 1, i, false);
      }
      continue;
    }
    if (c === 34 || c === 39 || c === 96) {
      quote = c;
      quoteStart = i;
      continue;
    }
    const opens = i === p || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9;
    if (!opens) continue;
    const n = text.charCodeAt(i + 1);
    // `#`, `//`, `--`, `/* … */`, and ` * ` continuing a block comment.
    const skip = c === 35 || (c === 42 && i === p && n === 32) ? 1 : (c === 47 && (n === 47 || n === 42)) || (c === 45 && n === 45) ? 2 : 0;
    if (skip === 0) continue;
    const close = c === 47 && n === 42 ? text.indexOf('*/', i + 2) : -1;
    const end = close >= 0 && close < e ? close : e;
    sentences(text, i + skip, end, i > p && computesValue(text, p, i) && hasDigit(text, i, end));
    if (end === e) return;
    i = end + 1;
  }
}

/**
 * The text of a line of markup (`<li>60 × 2 = 120 km</li>`, `<step>…</step>`): what lies between
 * its tags is prose, read as sentences; the tags and their attributes are skipped. A page's markup
 * holds headings, labels and paragraphs, which compute nothing.
 */
function markupText(text: string, p: number, e: number): void {
  for (let i = p; i < e; ) {
    const open = text.indexOf('<', i);
    const end = open < 0 || open > e ? e : open;
    if (end - i > STRING_MIN_CHARS) sentences(text, i, end, false);
    if (end === e) return;
    // A comment (`<!-- … -->`) is prose too.
    const comment = text.startsWith('<!--', end);
    const close = comment ? text.indexOf('-->', end + 4) : text.indexOf('>', end);
    if (comment && close >= 0 && close < e) sentences(text, end + 4, close, false);
    if (close < 0 || close >= e) return;
    i = close + (comment ? 3 : 1);
  }
}

/** A call on the line: a name (letters, digits, `_`, `.`) followed by `(`. */
function hasCall(text: string, p: number, e: number): boolean {
  let run = 0;
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 && run > 0) return true;
    run = isLetter(c) || isDigit(c) || c === 95 || (c === 46 && run > 0) ? run + 1 : 0;
  }
  return false;
}

/** A string literal this short or shorter (a key, a name, a unit) is not read; `"60 * 2"` is. */
const STRING_MIN_CHARS = 3;

/** Tags whose element starts on a line of its own when rendered (br, p, li, tr, td, div, h1-h6, …). */
const LINE_TAGS = new Set(['br', 'p', 'li', 'tr', 'td', 'th', 'div', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dt', 'dd', 'blockquote', 'pre', 'table', 'section']);
/** Longest tag read (attributes included) before `>`. */
const TAG_CHARS = 80;

/** The index after a line-breaking tag opening at `i` (`<br>`, `<br/>`, `</li>`, `<p class="x">`), or 0. */
function lineBreakTag(text: string, i: number, e: number): number {
  let j = i + 1;
  if (text.charCodeAt(j) === 47) j++;
  const nameStart = j;
  while (j < e && j - nameStart < 10) {
    const d = text.charCodeAt(j);
    if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 49 && d <= 54 && j > nameStart)) j++;
    else break;
  }
  if (j === nameStart) return 0;
  const d = text.charCodeAt(j);
  if (d !== 62 && d !== 32 && d !== 47) return 0;
  if (!LINE_TAGS.has(text.slice(nameStart, j).toLowerCase())) return 0;
  const close = text.indexOf('>', j);
  return close >= 0 && close < e && close - i <= TAG_CHARS ? close + 1 : 0;
}

/** An assignment whose right side computes (`total = a + b`, `x = rhs / a`, `n += 2`). */
function computesValue(text: string, p: number, e: number): boolean {
  let assigned = false;
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    const n = text.charCodeAt(i + 1);
    const prev = text.charCodeAt(i - 1);
    if (c === 61 && n !== 61 && prev !== 61 && prev !== 33 && prev !== 60 && prev !== 62) {
      if (prev === 43 || prev === 45 || prev === 42 || prev === 47) return true;
      assigned = true;
    } else if (assigned && (c === 43 || c === 45 || c === 42 || c === 47 || c === 37)) return true;
  }
  return false;
}

function hasDigit(text: string, p: number, e: number): boolean {
  for (let i = p; i < e; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

/** Reads `text[p, e)` as sentences of operands, operators and words; `computes`: its first sentence computes a value. */
function sentences(text: string, p: number, e: number, computes: boolean): void {
  startSentence(p);
  sentenceComputes = computes;
  for (let i = p; i < e; ) {
    const c = text.charCodeAt(i);
    // A space, the commonest character after letters, is none of the marks tested below.
    if (c === 32) {
      i++;
      continue;
    }
    if (isLetter(c)) {
      const ws = i;
      i = readWord(text, i, e);
      word(lastWord.key, i - ws === 1);
      continue;
    }
    if (isDigit(c)) {
      // "1,250.50", "3.5": one number.
      while (i < e) {
        const d = text.charCodeAt(i);
        if (isDigit(d) || ((d === 46 || d === 44) && isDigit(text.charCodeAt(i + 1)))) i++;
        else break;
      }
      term(true);
      sentenceNumbers++;
      clauseStart = false;
      continue;
    }
    const prev = text.charCodeAt(i - 1);
    const next = text.charCodeAt(i + 1);
    if (c === 61) {
      // `==`, `=>`, `<=`, `!=` are code, not an equation.
      if (next !== 61 && next !== 62 && prev !== 61 && prev !== 60 && prev !== 62 && prev !== 33) operator();
    } else if (c === 43 || c === 0x2212 || c === 0xd7 || c === 0xf7 || c === 0xb7 || c === 0x22c5 || c === 0x2248 || c === 0xff0b || c === 0xff1d) operator();
    else if ((c === 45 || c === 42 || c === 47) && prev === 32 && next === 32) operator(c === 45); // "a - b", "a * b", "a / b"; not "2020-21", "**", "km/h"
    else if (c >= 0x3000 && isCjkNumeral(c)) {
      // "一百六十二", "十六点二": one operand.
      sentenceCjk = true;
      i = readCjkNumeral(text, i, e);
      term(true);
      clauseStart = false;
      continue;
    } else if (c >= 0x3000 && isCjk(c)) {
      sentenceCjk = true;
      const op = lastTermTok === tok - 1 ? cjkOperatorAt(text, i, e) : 0;
      if (op > 0) {
        cjkOperator();
        i += op;
        continue;
      }
      tok++;
      sentenceTerms++;
      chainOpen = false;
    } else if (c === 46 || c === 33 || c === 63 || c === 59 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || isOtherSentenceEnd(c)) {
      if (!(c === 46 && isDigit(next))) endSentence(text, i + 1);
    } else if (c === 44 || c === 58 || c === 0xff0c || c === 0x3001 || c === 0xff1a || c === 0x2014 || c === 0x60c) startClause();
    else if (c === 124 || c === 0x2022 || (c >= 0x2190 && c <= 0x21ff) || (c >= 0x27f5 && c <= 0x27ff)) chainOpen = false; // `|`, `•`, arrows separate steps
    else if (c === 60) {
      // `<br>`, `</li>`, `<p>`: markup that breaks the line ends the sentence, as the rendered line does.
      const after = lineBreakTag(text, i, e);
      if (after > 0) {
        endSentence(text, i);
        i = after;
        continue;
      }
    }
    i++;
  }
  endSentence(text, e);
}

/**
 * Whether a fenced block, from `s` to its closing fence (or `to`), is prose or arithmetic rather
 * than code: at most a fifth of its lines read as code. A model asked to put its working "in a
 * code block" writes sentences and equations there; a program has calls, brackets, braces,
 * statements and names_with_underscores on most lines. The block's language tag is not read (an
 * attacker chooses it).
 */
function fenceIsProse(text: string, s: number, to: number): boolean {
  let lines = 0;
  let code = 0;
  while (s < to) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    let p = s;
    while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13)) p++;
    if (text.startsWith('```', p)) break;
    if (p < e) {
      lines++;
      if (codeLine(text, p, e) || codeMarks(text, p, e)) code++;
    }
    s = e + 1;
  }
  return lines > 0 && code <= FENCE_CODE_SHARE * lines;
}

/** Marks of code on a line: a call `name(`, brackets or braces, `name_with_underscores`, `->`, `=>`, `+=`, an assignment to a name, or a comment or statement opening it. */
function codeMarks(text: string, p: number, e: number): boolean {
  const c0 = text.charCodeAt(p);
  if (c0 === 35 || (c0 === 47 && text.charCodeAt(p + 1) === 47) || c0 === 60 || c0 === 64 || c0 === 36) return true; // # // < @ $
  if (STATEMENT.test(text.slice(p, Math.min(e, p + 12)))) return true;
  if (ASSIGNMENT.test(text.slice(p, e))) return true;
  let run = 0;
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    const n = text.charCodeAt(i + 1);
    if (c === 91 || c === 93 || c === 123 || c === 125) return true;
    if (c === 40 && run >= 2) return true;
    if (c === 95 && run >= 1 && isLetter(n)) return true;
    if ((c === 45 || c === 61) && n === 62) return true;
    if ((c === 43 || c === 45 || c === 42 || c === 47) && n === 61) return true;
    run = isLetter(c) || isDigit(c) || (c === 46 && run > 0) ? run + 1 : 0;
  }
  return false;
}
/** `total = 3 * 4`: a name of two characters or more assigned once (a derivation chains `=` or writes words around it). */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]+ = [^=]*$/;
const STATEMENT = /^(?:def|class|import|from|return|const|let|var|function|fn|func|public|private|static|void|int|for|while|print|echo|SELECT|INSERT|CREATE)\b/;

/**
 * A line of code outside a fence (answers often paste code without one): it ends with `;`, `{` or
 * `}`, or holds `:=`, `==`, `&&` or `||`. Its arithmetic is a program's, not a derivation.
 */
function codeLine(text: string, p: number, e: number): boolean {
  let q = e - 1;
  while (q > p && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 13 || text.charCodeAt(q) === 9)) q--;
  const last = text.charCodeAt(q);
  if (last === 123 || last === 125) return true;
  // A sentence can end with `;` too: a line of words without marks of code is prose.
  if (last === 59 && (codeMarks(text, p, q) || wordsIn(text, p, q) < PROSE_WORDS)) return true;
  // Each character read once, against the one before it (`:=`, `==`, `&&`, `||` end at `i`).
  let prev = text.charCodeAt(p);
  for (let i = p + 1; i <= q; i++) {
    const c = text.charCodeAt(i);
    if ((c === 61 && (prev === 58 || prev === 61)) || (c === 38 && prev === 38) || (c === 124 && prev === 124)) return true;
    prev = c;
  }
  return false;
}

/** A line ending with `;` is prose when it holds this many words (a CJK character counts half) and no marks of code. */
const PROSE_WORDS = 6;

/** Words of two letters or more in `text[p, e)`, a CJK character counting half. */
function wordsIn(text: string, p: number, e: number): number {
  let words = 0;
  let run = 0;
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    if (isLetter(c)) run++;
    else {
      if (run >= 2) words++;
      run = 0;
      if (c >= 0x3000 && isCjk(c)) words += 0.5;
    }
  }
  return run >= 2 ? words + 1 : words;
}

/** Adds a word to the phrase window and marks the kinds of the phrases that end with it. */
function word(h: number, oneLetter: boolean): void {
  const atClause = clauseStart;
  clauseStart = false;
  if (ringLen === MAX_WORKING_PHRASE) {
    ringHead = ringHead === MAX_WORKING_PHRASE - 1 ? 0 : ringHead + 1;
    ringLen--;
  }
  let slot = ringHead + ringLen;
  if (slot >= MAX_WORKING_PHRASE) slot -= MAX_WORKING_PHRASE;
  ring[slot] = ring[slot + MAX_WORKING_PHRASE] = h;
  ringLen++;
  // Most words end no phrase: a bit test spares them the map lookup.
  const candidates = mayHold(WORKING_ENDS, h) ? WORKING_BY_LAST.get(h) : undefined;
  let arith = false;
  let numberWord = false;
  if (candidates) {
    for (const ph of candidates) {
      const len = ph.words.length;
      if (len > ringLen) continue;
      const base = ringHead + ringLen - len;
      let ok = ph.kind !== WK.LinkAtClause || (atClause && len === 1);
      for (let k = 0; ok && k < len - 1; k++) if (ring[base + k] !== ph.words[k]) ok = false;
      if (!ok) continue;
      if (ph.kind === WK.Arith) arith = true;
      else if (ph.kind === WK.NumberWord) numberWord = true;
      else sentenceMask |= 1 << ph.kind;
    }
  }
  if (arith) operator();
  else if (numberWord) {
    // "one hundred twenty", "twenty-five": a run of number words is one operand.
    if (!(lastTermNum && lastTermTok === tok - 1)) {
      term(true);
      sentenceNumbers++;
    }
  } else if (oneLetter) term(false);
  else {
    tok++;
    sentenceTerms++;
    chainOpen = false;
  }
}

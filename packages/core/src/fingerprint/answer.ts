import { sigmoid } from './reasoning.js';
import { cjkAt, cjkMatch, isHanNumeral } from './cjk.js';
import { ANSWER_LABELS, CJK_ANSWER_MARKS, CK, MAX_PHRASE, ORDINALS, P, PHRASE_ENDS, PHRASES_BY_LAST, STEP_WORDS, THINK_TAGS } from './answer-words.js';
import { lexKey, mayHold } from './lexicon.js';
import { markupEnd } from './text.js';
import { isDigit, isLetter } from './answer-chars.js';
import { lastWord, readWord } from './answer-reading.js';

/**
 * Answer reasoning: does a served answer expose reasoning, a derivation or a chain of steps
 * leading to a conclusion? That is what a distiller pays for, and unlike the prompt it is written
 * by the model, not by the client, so no phrasing of the ask can hide it. The cues are structure
 * that survives translation: enumerated steps ("1.", "Step 1", "第一步", "①", "Schritt 1")
 * followed by a conclusion ("so the answer is", "therefore", "答案是", "したがって", "donc"),
 * reasoning openers ("let me work through this step by step", "réfléchissons", "让我们一步一步"),
 * `<thinking>` sections and chains of equations. Enumeration alone is not enough: a list of
 * tips, a recipe or an essay has steps or a "therefore" but not a chain that ends in an answer.
 *
 * It runs on every served answer, so it reads at most {@link MAX_ANSWER_CHARS} characters (the
 * start, and the end where conclusions sit), line by line with `indexOf`, hashing words in place:
 * no regex, no substring, no allocation per word.
 */

/** What the answer-side classifier reports. */
export interface AnswerReasoning {
  /** Probability-like score in [0, 1] that the answer exposes a derivation. */
  probability: number;
  /** Names of the cues that fired, for explanations. */
  cues: string[];
}

/** Most characters of an answer read: its first 1,500 and its last 500. */
export const MAX_ANSWER_CHARS = 2000;
const TAIL_CHARS = 500;
/** Openers count only near the start of the answer. */
const OPENER_CHARS = 300;

// Per-call state, module-level so that a call allocates nothing per word or line.
// The phrase window: the last `ringLen` words of the clause, the oldest at `ringHead`. A circular
// buffer written twice (slot and slot + MAX_PHRASE), so the window is always contiguous from
// `ringHead` and a word added to a full window moves the head instead of shifting three arrays.
const ring = new Uint32Array(2 * MAX_PHRASE);
const ringStart = new Uint8Array(2 * MAX_PHRASE);
const ringPos = new Int32Array(2 * MAX_PHRASE);
let ringLen = 0;
let ringHead = 0;
let origin = 0;
let fence = false;
let steps = 0;
let stepLabels = 0;
let derivations = 0;
let tags = false;
let opener = 0; // 2 strong, 1 solve-opener
let answerAfterChain = false;
let concludeAfterChain = false;
/** A conclusion inside an enumerated step that follows two others: the chain's last link ("3. Therefore …"). */
let chained = false;
/** Enumerated steps that hold numbers: a computation rather than a list of tips. */
let numericSteps = 0;
/** The line being read is an enumerated step. */
let lineEnum = false;
// The line being read: equations, digits and operators so far (a one-paragraph derivation
// concludes on the line that holds its equations).
let lineEq = 0;
let lineDigits = 0;
let lineOps = 0;
/** Where the line's enumeration marker ends ("12.", "Step 3"): its digits are not the step's numbers. */
let markerEnd = 0;
let answerAlone = false;
let concludeAlone = false;

const W = {
  tags: 3.6,
  opener: 3.2,
  solveOpener: 1.2,
  answerAfterChain: 3.4,
  concludeAfterChain: 2.2,
  chained: 1.0,
  numericSteps: 1.0,
  answerAlone: 1.4,
  concludeAlone: 0.4,
  derivation: 1.4,
  longDerivation: 0.6,
  enumerated: 0.8,
};
const BIAS = -3.0;

/**
 * Probability that an answer exposes reasoning (a derivation or a chain of steps to a conclusion).
 *
 * @example
 * ```ts
 * answerReasoning('Let me work through this step by step.\n1. 60 × 2 = 120 km\n2. 300 − 120 = 180 km\nSo the answer is 4 hours.').probability; // ~0.99
 * answerReasoning('1. Étape : 3x = 15\n2. Étape : x = 5\nDonc x = 5.').probability;  // high
 * answerReasoning('Here are some tips:\n1. Sleep well.\n2. Drink water.\n3. Exercise.').probability; // ~0.05
 * ```
 */
export function answerReasoning(text: string): AnswerReasoning {
  read(text);
  const cues: string[] = [];
  return { probability: sigmoid(layoutZ(cues)), cues };
}

/** {@link answerReasoning}'s probability alone, without naming the cues (what the detector counts on every served answer). */
export function answerReasoningScore(text: string): number {
  read(text);
  return sigmoid(layoutZ(undefined));
}

function read(text: string): void {
  origin = 0;
  fence = false;
  steps = stepLabels = derivations = opener = numericSteps = 0;
  tags = answerAfterChain = concludeAfterChain = answerAlone = concludeAlone = chained = false;
  if (text.length <= MAX_ANSWER_CHARS) pass(text, 0, text.length);
  else {
    pass(text, 0, MAX_ANSWER_CHARS - TAIL_CHARS);
    fence = false;
    pass(text, text.length - TAIL_CHARS, text.length);
  }
}

/**
 * The log-odds of the answer {@link read} last, its cues pushed to `cues` when given: one sum in
 * one order whether or not the cues are named, so both entry points give the same probability.
 */
function layoutZ(cues: string[] | undefined): number {
  let z = BIAS;
  if (tags) {
    z += W.tags;
    cues?.push('thinking-section');
  }
  if (opener === 2) {
    z += W.opener;
    cues?.push('reasoning-opener');
  }
  if (opener === 1) {
    z += W.solveOpener;
    cues?.push('solve-opener');
  }
  if (answerAfterChain) {
    z += W.answerAfterChain;
    cues?.push('steps-then-answer');
  }
  if (!answerAfterChain && concludeAfterChain) {
    z += W.concludeAfterChain;
    cues?.push('steps-then-conclusion');
  }
  if (chained) {
    z += W.chained;
    cues?.push('chained-conclusion');
  }
  if ((answerAfterChain || concludeAfterChain) && numericSteps >= 2) {
    z += W.numericSteps;
    cues?.push('numeric-steps');
  }
  if (!answerAfterChain && !concludeAfterChain && answerAlone) {
    z += W.answerAlone;
    cues?.push('answer-statement');
  }
  if (!answerAfterChain && !concludeAfterChain && !answerAlone && concludeAlone) {
    z += W.concludeAlone;
    cues?.push('conclusion');
  }
  if (derivations >= 2) {
    z += W.derivation;
    cues?.push('derivation');
  }
  if (derivations >= 4) {
    z += W.longDerivation;
    cues?.push('long-derivation');
  }
  if ((opener === 2 || tags) && steps >= 2) {
    z += W.enumerated;
    cues?.push('enumerated-steps');
  }
  return z;
}

/** Equations of the line so far that count as derivation steps. */
function lineEquations(): number {
  return lineEq > 0 && lineDigits > 0 && (lineOps > 0 || lineEq > 1 || lineEnum) ? lineEq : 0;
}

function chain(): boolean {
  return steps >= 2 || derivations + lineEquations() >= 2;
}

function conclusion(kind: number, at: number): void {
  if ((kind === P.Answer || kind === P.Conclude) && lineEnum && steps >= 3) chained = true;
  if (kind === P.Answer) {
    if (chain()) answerAfterChain = true;
    else answerAlone = true;
  } else if (kind === P.Conclude) {
    if (chain()) concludeAfterChain = true;
    else concludeAlone = true;
  } else if (at - origin < OPENER_CHARS) {
    if (kind === P.Opener) opener = 2;
    else if (opener === 0) opener = 1;
  }
}

function pass(text: string, from: number, to: number): void {
  for (let s = from; s < to; ) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = to;
    line(text, s, e);
    s = e + 1;
  }
}

/** Reads one line: enumeration marker, words and phrases, equations, tags, CJK markers. */
function line(text: string, s: number, e: number): void {
  let p = s;
  while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13)) p++;
  if (text.startsWith('```', p)) {
    fence = !fence;
    return;
  }
  if (fence || p >= e) return;
  // Markdown decoration: quotes, emphasis, headers ("### Step 1", "**1.**").
  while (p < e) {
    const c = text.charCodeAt(p);
    if (c === 62 || c === 42 || c === 35 || c === 95 || c === 32) p++;
    else break;
  }
  const c0 = text.charCodeAt(p);
  let enumerated = false;
  markerEnd = p;
  if (isDigit(c0)) {
    let q = p;
    while (q < e && isDigit(text.charCodeAt(q))) q++;
    const m = text.charCodeAt(q);
    if (q - p <= 3 && (m === 46 || m === 41 || m === 0x3001 || m === 0xff0e || m === 0xff09 || m === 58) && !isDigit(text.charCodeAt(q + 1))) {
      enumerated = true;
      markerEnd = q + 1;
    }
  } else if ((c0 === 40 || c0 === 0xff08) && isDigit(text.charCodeAt(p + 1))) {
    enumerated = true;
    markerEnd = p + 4;
  } else if ((c0 >= 0x2460 && c0 <= 0x2473) || (c0 >= 0x2776 && c0 <= 0x2789)) {
    enumerated = true;
  } else if (c0 === 0x7b2c /* 第 */ && isHanNumeral(text.charCodeAt(p + 1))) {
    enumerated = true;
  } else if (isHanNumeral(c0) && (text.charCodeAt(p + 1) === 0x3001 || text.charCodeAt(p + 1) === 0xff0e)) {
    enumerated = true;
  } else if ((text.startsWith('步骤', p) || text.startsWith('手順', p)) && isDigit(text.charCodeAt(p + 2))) {
    enumerated = true;
    stepLabels++;
    markerEnd = p + 4;
  } else if (text.startsWith('ステップ', p) && (isDigit(text.charCodeAt(p + 4)) || text.charCodeAt(p + 4) === 32)) {
    enumerated = true;
    stepLabels++;
    markerEnd = p + 6;
  }
  if (enumerated) steps++;
  lineEnum = enumerated;

  ringLen = 0;
  let sentence = true;
  let first = true;
  let cjk = false;
  lineEq = lineDigits = lineOps = 0;
  for (let i = p; i < e; ) {
    const c = text.charCodeAt(i);
    // A space, the commonest character after letters, is none of the marks tested below.
    if (c === 32) {
      first = false;
      i++;
      continue;
    }
    if (isLetter(c)) {
      const ws = i;
      i = readWord(text, i, e);
      const h = lastWord.key;
      if (first && !enumerated) lineLead(text, h, i, e);
      word(h, sentence, ws);
      sentence = false;
      first = false;
      continue;
    }
    if (isDigit(c)) {
      if (i >= markerEnd) lineDigits++;
    } else if (c === 61) {
      const prev = text.charCodeAt(i - 1);
      const next = text.charCodeAt(i + 1);
      // `==`, `<=`, `=>`, `+=`, `!=`, `:=` are code, not a derivation step.
      if (next !== 61 && next !== 62 && prev !== 61 && prev !== 60 && prev !== 62 && prev !== 33 && prev !== 43 && prev !== 45 && prev !== 42 && prev !== 47 && prev !== 58) lineEq++;
    } else if (c === 43 || c === 45 || c === 0x2212 || c === 0xd7 || c === 42 || c === 47 || c === 0xf7 || c === 94 || c === 0xb2 || c === 0xb3 || c === 0x221a || c === 0xb7 || c === 0x22c5) lineOps++;
    else if (c === 60) {
      const end = markupEnd(text, i);
      if (end > 0 && THINK_TAGS.has(tagHash(text, i, end))) tags = true;
    } else if (c >= 0x3000) cjk = true;
    if (c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1a) {
      if (!(c === 46 && isDigit(text.charCodeAt(i + 1)))) {
        sentence = true;
        ringLen = 0;
      }
    } else if (c === 44 || c === 0xff0c || c === 0x3001) ringLen = 0;
    first = false;
    i++;
  }
  // "3x + 7 = 22", "a = 3, b = 4"; in an enumerated step a bare "x = 5" counts too. Each
  // equation is a step, so a derivation written as one paragraph counts like one in lines.
  derivations += lineEquations();
  if (lineEnum && lineDigits > 0) numericSteps++;
  if (cjk) cjkLine(text, p, e);
}

/** The first word of a line: a step label (`Step 2`), an ordinal (`First,`), or an answer label (`Answer:`). */
function lineLead(text: string, h: number, after: number, e: number): void {
  const next = text.charCodeAt(after);
  if (STEP_WORDS.has(h) && next === 32 && isDigit(text.charCodeAt(after + 1))) {
    steps++;
    stepLabels++;
    lineEnum = true;
    markerEnd = after + 4;
  } else if (ORDINALS.has(h) && (next === 44 || next === 58)) {
    steps++;
    lineEnum = true;
  } else if (ANSWER_LABELS.has(h)) {
    let j = after;
    while (j < e && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 42)) j++;
    const c = text.charCodeAt(j);
    if (c === 58 || c === 0xff1a) conclusion(P.Answer, after);
  }
}

/** Adds a word to the phrase window and fires the phrases that end with it. */
function word(h: number, sentenceStart: boolean, at: number): void {
  if (ringLen === MAX_PHRASE) {
    ringHead = ringHead === MAX_PHRASE - 1 ? 0 : ringHead + 1;
    ringLen--;
  }
  let slot = ringHead + ringLen;
  if (slot >= MAX_PHRASE) slot -= MAX_PHRASE;
  const start = sentenceStart ? 1 : 0;
  ring[slot] = ring[slot + MAX_PHRASE] = h;
  ringStart[slot] = ringStart[slot + MAX_PHRASE] = start;
  ringPos[slot] = ringPos[slot + MAX_PHRASE] = at;
  ringLen++;
  // Most words end no phrase: a bit test spares them the map lookup.
  if (!mayHold(PHRASE_ENDS, h)) return;
  const candidates = PHRASES_BY_LAST.get(h);
  if (!candidates) return;
  for (const ph of candidates) {
    const len = ph.words.length;
    if (len > ringLen) continue;
    const base = ringHead + ringLen - len;
    let ok = !ph.sentenceStart || ringStart[base] === 1;
    for (let k = 0; ok && k < len - 1; k++) if (ring[base + k] !== ph.words[k]) ok = false;
    if (ok) conclusion(ph.kind, ringPos[base]!);
  }
}

function cjkLine(text: string, p: number, e: number): void {
  const m = cjkMatch(CJK_ANSWER_MARKS, text, p, e);
  if (m === 0) return;
  // An ordinal opening the line ("首先，", "まず、") enumerates a step.
  if (m & (1 << CK.Ordinal) && cjkAt[CK.Ordinal] === p && !lineEnum) {
    steps++;
    lineEnum = true;
  }
  if (m & (1 << CK.Opener)) conclusion(P.Opener, cjkAt[CK.Opener]!);
  if (m & (1 << CK.SolveOpener)) conclusion(P.SolveOpener, cjkAt[CK.SolveOpener]!);
  // A conclusion before the chain on the same line still follows the earlier lines' steps.
  if (m & (1 << CK.Answer)) conclusion(P.Answer, cjkAt[CK.Answer]!);
  else if (m & (1 << CK.Conclude)) conclusion(P.Conclude, cjkAt[CK.Conclude]!);
}

function tagHash(text: string, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let j = s + 1; j < e - 1; j++) {
    let d = text.charCodeAt(j);
    if (d === 47 || d === 124) continue;
    if (d >= 65 && d <= 90) d += 32;
    h = Math.imul(h ^ d, 0x01000193);
  }
  return lexKey(h);
}

import { sigmoid } from './reasoning.js';
import { cjkAt, cjkMatch, firstChars, isCjk, mayStart } from './cjk.js';
import { lexKey, wordSet } from './lexicon.js';
import { CJK_TASK, DE_INFINITIVE, DE_MODAL, DE_SIE, LEAD, OBJECT_PRONOUN, REFERENTIAL, TASK_VERB, TK, TO, WH, ZH_COVERBS, ZH_PREFIXES } from './task-verbs.js';
import { Tok, TokFlag, type ScannedText } from './text.js';

/**
 * Instruction style: is a prompt a self-contained, dataset-like task ("Generate three marketing
 * ideas for a bakery.", "Instruction: … Response:") or a person talking to an assistant ("my
 * code throws this error, can you help?")? Harvesters replay instruction corpora; people bring
 * context, follow-ups and questions. Reported as a probability built from weighted shape cues,
 * never from one keyword.
 *
 * The harvester has read this code, so nothing a client can prepend, append or rephrase around a
 * task lowers the probability: the task clause is located wherever it is (after a greeting, after
 * "I'm studying for my exams, can you …", after "My teacher asked me to …", in German, French,
 * Spanish, Portuguese, Chinese or Japanese) and scored on its own, and every cue outside it only
 * adds. First person, greetings and "can you" are still measured, as `personal`, a description
 * that never subtracts from `probability`.
 */
/** What the instruction-style classifier reports for one prompt. */
export interface InstructionStyle {
  /** Probability-like score in [0, 1] that the prompt is a dataset-style instruction. */
  probability: number;
  /** Probability-like score in [0, 1] that the prompt is personal or conversational. */
  personal: number;
  /** Capability the prompt exercises, an index into {@link CAPABILITIES}. */
  capability: number;
  /** The prompt carries format labels (`Instruction:`, `### Task`, `Q:`/`A:`), a dataset scaffold. */
  scaffold: boolean;
}

/** Capability buckets for the sweep-coverage signal (index = bucket). */
export const CAPABILITIES = [
  'other',
  'code',
  'math',
  'translation',
  'summarisation',
  'rewriting',
  'classification',
  'creative-writing',
  'listing-ideas',
  'explanation',
  'comparison',
  'factual-qa',
  'advice',
  'analysis',
  'extraction',
  'role-play',
] as const;

const set = (words: string) => wordSet(words);

const LABELS = set('instruction instructions input output response task question answer q a context text sentence prompt example passage query solution problem user assistant human system');
const FIRST_PERSON = set("i i'm i've i'd i'll im my me mine myself");
const CONVERSATIONAL = set('hi hello hey thanks thank pls plz lol ok okay yes sorry wow cool great haha');
/** Dataset phrasing: "the following", "given", "below" (and their translations). */
const ALPACA_ISMS = wordSet(
  'following given provided below above',
  'folgende folgenden folgendes gegebene gegebenen unten oben',
  'suivant suivante suivants suivantes dessous donné donnée',
  'siguiente siguientes dado dada abajo',
  'seguinte seguintes abaixo fornecido fornecida',
);
/** Counts and quantities that dataset tasks specify ("five tips", "a list of three"). */
const COUNTS = wordSet(
  'two three four five six seven eight nine ten several list example examples',
  'zwei drei vier fünf sechs sieben acht neun zehn einige mehrere liste beispiele',
  'deux trois quatre cinq sept huit neuf dix plusieurs exemples',
  'dos tres cuatro cinco seis siete ocho nueve diez varios varias ejemplos',
  'dois duas três quatro sete oito nove dez vários várias exemplos',
);
/** A request addressed to someone ("can you", "could you", "would you"). */
const ASKING = set('can could would will do');
const YOU = set('you your');
const REASONING_WORDS = set('reasoning step think');

// One lookup per word instead of one per lexicon.
const FP = 1;
const CONV = 2;
const SECOND = 8;
const ASK = 32;
const LEXICON = new Map<number, number>();
for (const [bit, words] of [[FP, FIRST_PERSON], [CONV, CONVERSATIONAL], [SECOND, YOU], [ASK, ASKING]] as const) {
  for (const h of words) LEXICON.set(h, (LEXICON.get(h) ?? 0) | bit);
}

/** Log-odds weights. Every one but the fragment penalty is positive, and that one cannot be induced by adding words. */
const BIAS = -2.2;
const SCAFFOLD = 2.2;
const ONE_LABEL = 0.8;
const TASK_VERB_OPENS = 2.35;
const QUESTION_OPENS = 0.9;
const ALPACA = 0.8;
const COUNT = 0.5;
const CLOSED = 0.3;
const INPUT_BLOCK = 0.7;
/** Inside one candidate clause only: "expand on that" names no task of its own. */
const REFERS_BACK = -1.0;
const FRAGMENT = -1.6;

/** Lines read for format labels (a bound on work, far beyond any opener). */
const MAX_LABEL_LINES = 200;
const labelLines = new Uint8Array(MAX_LABEL_LINES);

/** The best task clause found so far (module-level: no object per call). */
let best = 0;
let firstTask = -1;
let firstCjkCap = -1;
let fallback = -1;

/**
 * Classifies the style of a prompt (the last user turn, scanned once).
 *
 * @example
 * ```ts
 * instructionStyle(scanText('Generate a list of five creative names for a bakery.')).probability; // high
 * instructionStyle(scanText("Hi! I'm studying for my exams, can you generate five names for a bakery?")).probability; // as high
 * instructionStyle(scanText('Erkläre den Unterschied zwischen Wetter und Klima.')).probability; // high
 * instructionStyle(scanText('my boss keeps asking me for this report, any idea why?')).probability; // low
 * ```
 */
export function instructionStyle(scan: ScannedText): InstructionStyle {
  const nWords = scan.words;
  if (nWords === 0) return { probability: 0.05, personal: 0.1, capability: 0, scaffold: false };
  const { kind, hash, lineStart } = scan;
  const lines = lineStart.length;

  // Format labels and markup: `Instruction:`, `### Task`, `[INST]`. Counted over every window of
  // six lines (the most found in one), so that lines put before a scaffold cannot hide it.
  let labels = 0;
  let headerThenTask = false;
  const labelAt = labelLines;
  for (let l = 0; l < lines && l < MAX_LABEL_LINES; l++) {
    const end = l + 1 < lines ? lineStart[l + 1]! : scan.count;
    let t = lineStart[l]!;
    const hashLine = kind[t] === Tok.Hash;
    let markup = 0;
    while (t < end && (kind[t] === Tok.Hash || kind[t] === Tok.Colon || kind[t] === Tok.Separator || kind[t] === Tok.Markup)) {
      if (kind[t] === Tok.Markup) markup++;
      t++;
    }
    let found = markup > 0 ? 1 : 0;
    let words = 0;
    while (t + words < end && kind[t + words] === Tok.Word && words < 3) words++;
    const labelOnly = words > 0 && t + words < end && kind[t + words] === Tok.Colon && t + words + 1 === end;
    // A quoted key (`"query": {`) is pasted JSON, not a dataset label.
    if (t < end && kind[t] === Tok.Word && !(scan.flags[t]! & TokFlag.Quoted) && (hashLine || labelOnly || (LABELS.has(lexKey(hash[t]!)) && kind[t + 1] === Tok.Colon))) found++;
    labelAt[l] = found > 0 ? 1 : 0;
    if (hashLine && found > 0 && l + 1 < lines) headerThenTask = true;
    let inWindow = 0;
    for (let k = Math.max(0, l - 5); k <= l; k++) inWindow += labelAt[k]!;
    if (inWindow > labels) labels = inWindow;
  }
  // A closing tag at the very end (`[/INST]`, `</task>`) frames the prompt too.
  if (scan.count > 0 && kind[scan.count - 1] === Tok.Markup && !(lines === 1 && kind[lineStart[0]!] !== Tok.Markup && labels === 0)) labels++;
  const scaffold = labels >= 2 || headerThenTask;

  findTasks(scan);

  let z = BIAS + best;
  if (scaffold) z += SCAFFOLD;
  else if (labels === 1) z += ONE_LABEL;
  // A fragment ("use spacey to"): few words and few characters (German compounds and Chinese or
  // Japanese clauses make whole tasks of one to three tokens).
  if (nWords <= 3 && scan.text.trim().length < (scan.nonAscii < 0.3 ? 24 : 6)) z += FRAGMENT;

  const from = firstTask >= 0 ? firstTask : fallback >= 0 ? fallback : 0;
  const capability = firstTask < 0 && firstCjkCap >= 0 ? firstCjkCap : capabilityOf(scan, from);
  return { probability: sigmoid(z), personal: personalOf(scan, firstTask, scaffold), capability, scaffold };
}

/**
 * Finds the task clauses of a prompt and keeps the best score in `best`: every clause that opens
 * a line or a sentence, or follows a request lead-in ("could you please", "kannst du", "请你",
 * "me to"), is a candidate, so text around the task can add candidates but never remove one.
 */
function findTasks(scan: ScannedText): void {
  const { kind, hash, start, end, text, lineStart } = scan;
  best = 0;
  firstTask = -1;
  firstCjkCap = -1;
  fallback = -1;
  let clauseStart = true;
  let lead = 0;
  let line = 0;
  let fronted = false;
  for (let t = 0; t < scan.count; t++) {
    if (line < lineStart.length && lineStart[line] === t) {
      clauseStart = true;
      line++;
    }
    const k = kind[t]!;
    if (k !== Tok.Word) {
      if (k === Tok.Number) {
        lead = -1;
        clauseStart = false;
      } else clauseStart = true;
      continue;
    }
    if (t > 0 && boundaryBetween(text, end[t - 1]!, start[t]!)) clauseStart = true;
    if (clauseStart) lead = 0;
    const h = lexKey(hash[t]!);

    if (isCjk(text.charCodeAt(start[t]!)) || isCjk(text.charCodeAt(end[t]! - 1))) {
      // A quote splits "把“早上好”翻译成…" into tokens: a fronted object carries over to the next one.
      fronted = cjkClause(scan, t, clauseStart || lead > 0 || fronted, fronted && !clauseStart) === CJK_FRONTED;
      clauseStart = false;
      lead = -1;
      continue;
    }
    fronted = false;
    const asked = lead > 0 || (t >= 2 && TO.has(lexKey(hash[t - 1]!)) && OBJECT_PRONOUN.has(lexKey(hash[t - 2]!)) && kind[t - 1] === Tok.Word && kind[t - 2] === Tok.Word);
    if ((clauseStart || asked) && TASK_VERB.has(h) && !codeLike(text, end[t]!)) taskClause(scan, t, t, asked);
    else if ((clauseStart || lead > 0) && DE_INFINITIVE.has(h) && kind[t + 1] === Tok.Word && DE_SIE.has(lexKey(hash[t + 1]!))) taskClause(scan, t, t, false);
    else if (clauseStart && WH.has(h)) {
      if (best < QUESTION_OPENS) best = QUESTION_OPENS;
      if (fallback < 0) fallback = t;
    }
    if (lead >= 0 && LEAD.has(h)) {
      lead++;
      // "Kannst du mir die Photosynthese erklären?": the German verb closes the clause.
      if (DE_MODAL.has(h)) {
        const last = lastWordOfClause(scan, t);
        if (last > t && DE_INFINITIVE.has(lexKey(hash[last]!))) taskClause(scan, t + 1, last, true);
      }
    } else lead = -1;
    clauseStart = false;
  }
}

/** Scores the task clause starting at token `from` whose verb is token `verb`. */
function taskClause(scan: ScannedText, from: number, verb: number, asked: boolean): void {
  const { kind, hash, text, start, end } = scan;
  let z = TASK_VERB_OPENS;
  let words = 0;
  let refers = false;
  let counted = false;
  let alpaca = false;
  let closed = false;
  let input = false;
  let t = from;
  for (; t < scan.count && words < 60; t++) {
    const k = kind[t]!;
    if (t > from && (k === Tok.Question || k === Tok.Colon || isLineStart(scan, t))) {
      closed = k !== Tok.Question || asked;
      // The task, then its input on the next lines ("Rewrite the sentence:\n…", "Summarize this.\n\n<text>").
      if (k === Tok.Colon) input = t + 1 < scan.count && isLineStart(scan, t + 1);
      else if (k !== Tok.Question) input = blankLineBetween(text, end[t - 1]!, start[t]!);
      break;
    }
    if (t > from && boundaryBetween(text, end[t - 1]!, start[t]!) && sentenceEnd(text, end[t - 1]!, start[t]!)) {
      closed = true;
      break;
    }
    if (k !== Tok.Word) continue;
    words++;
    const h = lexKey(hash[t]!);
    if (words <= 12 && COUNTS.has(h)) counted = true;
    if (ALPACA_ISMS.has(h)) alpaca = true;
    if (REFERENTIAL.has(h)) refers = true;
  }
  if (t >= scan.count) {
    const c = scan.lastChar;
    closed = c === '.' || c === ':' || c === '。' || c === '：' || (asked && (c === '?' || c === '？'));
  }
  // A verb with no object ("Delete", "Summarize it") is a heading or a follow-up, not a task.
  if (words < 2) return;
  if (counted) z += COUNT;
  if (alpaca) z += ALPACA;
  if (closed) z += CLOSED;
  if (input) z += INPUT_BLOCK;
  if (refers && words <= 5) z += REFERS_BACK;
  if (z > best) best = z;
  if (firstTask < 0 && !reasoningScaffold(scan, verb)) firstTask = verb;
  if (fallback < 0) fallback = verb;
}

const CJK_FRONTED = 2;
const ZH_LEAD = firstChars(ZH_PREFIXES, ZH_COVERBS);

/**
 * A Chinese or Japanese clause (one scanner token): a request verb makes it a task, dataset
 * phrasing (以下, 给定) inside it adds. Returns {@link CJK_FRONTED} when it fronts an object whose
 * verb has not come yet, else 0.
 */
function cjkClause(scan: ScannedText, t: number, open: boolean, carried: boolean): number {
  const { text, start, end } = scan;
  let s = start[t]!;
  const e = end[t]!;
  let prefixed = false;
  let fronted = carried;
  if (mayStart(ZH_LEAD, text.charCodeAt(s))) {
    for (const p of ZH_PREFIXES) {
      if (text.startsWith(p, s)) {
        s += p.length;
        prefixed = true;
        break;
      }
    }
    for (const c of ZH_COVERBS) {
      if (text.startsWith(c, s)) {
        fronted = true;
        break;
      }
    }
  }
  const m = cjkMatch(CJK_TASK, text, s, e);
  // Chinese puts the verb first (写一首诗, 请解释…), or after a fronted object (把句子改写成…);
  // Japanese puts a request form last (説明してください, 教えて。), which marks the task wherever the clause starts.
  let cap = -1;
  let first = e;
  for (let k = 0; k < 16; k++) {
    if (!(m & (1 << k))) continue;
    if (cjkAt[k]! === s) cap = k;
    if (cjkAt[k]! < first) first = cjkAt[k]!;
  }
  if (cap < 0 && fronted && first < e) for (let k = 0; k < 16; k++) if (m & (1 << k) && cjkAt[k] === first) cap = k;
  let japanese = false;
  if (cap < 0) {
    japanese = (m & (1 << TK.Request)) !== 0;
    // A plain て-form closing the sentence is a casual request ("教えて。", "書いて").
    const after = text.charCodeAt(e);
    if (text.charCodeAt(e - 1) === 0x3066 && (e >= text.length || after === 0x3002 || after === 10 || after === 0xff01)) japanese = true;
    if (japanese) {
      cap = 0;
      for (let k = 0; k < 16; k++) if (m & (1 << k) && cjkAt[k] === first) cap = k;
    }
  }
  if (cap >= 0 && (open || prefixed || japanese)) {
    let z = TASK_VERB_OPENS + ((m & (1 << TK.Alpaca)) !== 0 ? ALPACA : 0);
    const next = text.charCodeAt(e);
    if (next === 0x3002 || next === 0xff1a || next === 58 || next === 10 || next === 46 || ((prefixed || japanese) && (next === 0xff1f || next === 63))) z += CLOSED;
    if (z > best) best = z;
    if (firstCjkCap < 0) firstCjkCap = cap;
    if (fallback < 0) fallback = t;
  } else if (open && m & (1 << TK.Wh) && best < QUESTION_OPENS) {
    best = QUESTION_OPENS;
  }
  return fronted && cap < 0 ? CJK_FRONTED : 0;
}

/** The personal/conversational description, read on the opening up to the end of the task line. */
function personalOf(scan: ScannedText, taskFrom: number, scaffold: boolean): number {
  const { kind, hash } = scan;
  const taskLineEnd = taskFrom >= 0 && scan.lineStart.length >= 2 ? endOfLine(scan.lineStart, scan.count, taskFrom) : scan.count;
  let firstPerson = 0;
  let conversational = 0;
  let you = 0;
  let asking = 0;
  let seen = 0;
  let previous = 0;
  for (let t = 0; t < taskLineEnd && seen < 120; t++) {
    if (kind[t] !== Tok.Word) {
      previous = 0;
      continue;
    }
    seen++;
    const bits = LEXICON.get(lexKey(hash[t]!)) ?? 0;
    if (bits & FP) firstPerson++;
    else if (bits & CONV) conversational++;
    else if (bits & SECOND) {
      you++;
      if (previous & ASK) asking++;
    }
    previous = bits;
  }
  let zp = -1.5;
  if (firstPerson > 0) zp += 1.8 + Math.min(1, firstPerson / 4);
  if (conversational > 0) zp += 1.0;
  if (scan.lowerStart) zp += 0.6;
  if (you > 0 && !scaffold) zp += 0.3;
  if (asking > 0) zp += 0.6;
  if (scaffold) zp -= 1.0;
  return sigmoid(zp);
}

/** A verb followed by code syntax (`print(`, `sort(`, `count =`, `list.append`) is code, not an instruction. */
function codeLike(text: string, after: number): boolean {
  const c = text.charCodeAt(after);
  if (c === 40 || c === 95 || c === 91 || c === 61) return true;
  if (c === 46) {
    const d = text.charCodeAt(after + 1);
    return (d >= 97 && d <= 122) || (d >= 65 && d <= 90);
  }
  if (c === 32 && text.charCodeAt(after + 1) === 61 && text.charCodeAt(after + 2) !== 61) return true;
  return false;
}

/** A reasoning scaffold line ("Explain your reasoning…") is not the task itself. */
function reasoningScaffold(scan: ScannedText, t: number): boolean {
  for (let k = t + 1; k < scan.count && k < t + 6; k++) if (REASONING_WORDS.has(lexKey(scan.hash[k]!))) return true;
  return false;
}

function isLineStart(scan: ScannedText, t: number): boolean {
  // lineStart is short (one entry per line) and sorted; binary search keeps this O(log lines).
  const ls = scan.lineStart;
  let lo = 0;
  let hi = ls.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ls[mid]!;
    if (v === t) return true;
    if (v < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Last word of the clause that token `t` is in (before `?`, `:`, a line break or punctuation), or -1. */
function lastWordOfClause(scan: ScannedText, t: number): number {
  const { kind, text, start, end } = scan;
  let last = -1;
  for (let j = t + 1; j < scan.count && j < t + 30; j++) {
    if (kind[j] !== Tok.Word || isLineStart(scan, j) || boundaryBetween(text, end[j - 1]!, start[j]!)) break;
    last = j;
  }
  return last;
}

/** Clause punctuation between two tokens: `.`, `,`, `;`, `!`, `?`, `(`, `)`, dashes, `…`, CJK forms and brackets. */
function boundaryBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 44 || c === 59 || c === 33 || c === 63 || c === 40 || c === 41 || c === 0x2013 || c === 0x2014 || c === 0x2026) return true;
    if (c >= 0x3001 && c <= 0x3011 && c !== 0x3005) return true;
    if (c === 0xff0c || c === 0xff01 || c === 0xff1f || c === 0xff1b) return true;
    if (c === 45 && text.charCodeAt(i - 1) === 32 && text.charCodeAt(i + 1) === 32) return true;
  }
  return false;
}

function blankLineBetween(text: string, from: number, to: number): boolean {
  let lines = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10 && ++lines >= 2) return true;
  return false;
}

/** Sentence-closing punctuation between two tokens. */
function sentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 33 || c === 0x3002 || c === 0xff01) return true;
  }
  return false;
}

/** End (exclusive) of the line holding token `t`. */
function endOfLine(lineStart: Uint32Array, count: number, t: number): number {
  for (let l = 0; l < lineStart.length; l++) if (lineStart[l]! > t) return lineStart[l]!;
  return count;
}

const CODE_WORDS = set('code function program script python javascript java sql regex html css typescript algorithm api bug compile class json rust golang bash react database query');
const MATH_WORDS = set('calculate compute solve equation sum probability integral derivative percent percentage average multiply divide math number numbers area volume');
const DOMAIN = new Map<number, number>();
for (const h of MATH_WORDS) DOMAIN.set(h, 2);
for (const h of CODE_WORDS) DOMAIN.set(h, 1);
const CAPABILITY_OF_VERB = new Map<number, number>();
const verbs: Array<[number, string]> = [
  [3, 'translate'],
  [4, 'summarize summarise summary tldr'],
  [5, 'rewrite paraphrase rephrase reword edit correct proofread convert change transform shorten'],
  [6, 'classify categorize categorise label'],
  [7, 'compose poem story haiku essay song tweet slogan write draft'],
  [8, 'list generate brainstorm suggest name come give provide create make design'],
  [9, 'explain describe why define'],
  [10, 'compare contrast difference differences'],
  [11, 'what who when where which'],
  [12, 'how should recommend tips advice'],
  [13, 'analyze analyse evaluate assess critique review'],
  [14, 'extract find identify determine detect'],
  [15, 'act pretend imagine roleplay'],
];
for (const [cap, words] of verbs) for (const h of set(words)) CAPABILITY_OF_VERB.set(h, cap);
// German, French, Spanish and Portuguese verbs name their bucket too (English entries above win).
for (const [h, cap] of TASK_VERB) if (cap !== 0 && !CAPABILITY_OF_VERB.has(h)) CAPABILITY_OF_VERB.set(h, cap);
for (const [h, cap] of DE_INFINITIVE) if (cap !== 0 && !CAPABILITY_OF_VERB.has(h)) CAPABILITY_OF_VERB.set(h, cap);

/**
 * Capability bucket of a prompt (see {@link CAPABILITIES}) from the first verb-like word of its
 * task line and a few domain words.
 */
export function capabilityOf(scan: ScannedText, from = 0): number {
  const { kind, hash, flags } = scan;
  let code = false;
  let math = false;
  let seen = 0;
  for (let t = from; t < scan.count && seen < 60; t++) {
    if (kind[t] === Tok.Code) code = true;
    if (kind[t] !== Tok.Word) continue;
    seen++;
    const d = DOMAIN.get(lexKey(hash[t]!));
    if (d === 1) code = true;
    else if (d === 2) math = true;
  }
  seen = 0;
  for (let t = from; t < scan.count && seen < 8; t++) {
    if (kind[t] !== Tok.Word || flags[t]! & TokFlag.Quoted) continue;
    seen++;
    const cap = CAPABILITY_OF_VERB.get(lexKey(hash[t]!));
    if (cap === undefined) continue;
    if (code && cap !== 3 && cap !== 4 && cap !== 6 && cap !== 10 && cap !== 15) return 1;
    if (math && (cap === 8 || cap === 11 || cap === 14)) return 2;
    return cap;
  }
  return code ? 1 : math ? 2 : 0;
}

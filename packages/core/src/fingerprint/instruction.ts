import { sigmoid } from './reasoning.js';
import { Tok, TokFlag, wordHash, type ScannedText } from './text.js';

/**
 * Instruction style: is a prompt a self-contained, dataset-like task ("Generate three marketing
 * ideas for a bakery.", "Instruction: … Response:") or a person talking to an assistant ("my
 * code throws this error, can you help?")? Harvesters replay instruction corpora; people bring
 * context, first person, follow-ups and typos. Reported as a probability built from weighted
 * shape cues, never from one keyword.
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

const set = (words: string) => new Set(words.trim().split(/\s+/).map(wordHash));

const TASK_VERBS = set(`
  generate write create list name give explain describe identify classify categorize categorise summarize summarise translate rewrite paraphrase
  edit correct convert compose construct design develop suggest propose provide compare contrast analyze analyse evaluate determine calculate
  compute find predict estimate outline formulate brainstorm come make produce rank sort arrange select choose pick recommend add insert remove
  replace change transform shorten expand complete fill rephrase reword restate define state discuss assess devise draft plan build implement
  solve simplify detect extract match organize organise reorder combine split count verify decide infer illustrate demonstrate cite recall compile
  collect label annotate highlight delete capitalize diagnose debug fix optimize refactor prove derive answer respond imagine invent guess
  hypothesize interpret critique review proofread grade rate score format output return draw sketch use apply read consider tell show`);
const WH = set('what how why which who when where is are does do can should');
const LABELS = set('instruction instructions input output response task question answer q a context text sentence prompt example passage query solution problem user assistant human system');
const FIRST_PERSON = set("i i'm i've i'd i'll im my me mine myself");
const CONVERSATIONAL = set('hi hello hey thanks thank pls plz lol ok okay yes sorry wow cool great haha');
const ALPACA_ISMS = set('following given provided below above');
/** Counts and quantities that dataset tasks specify ("five tips", "a list of three"). */
const COUNTS = set('two three four five six seven eight nine ten several list example examples');
/** A request addressed to someone ("can you", "could you", "would you"): people ask, datasets instruct. */
const ASKING = set('can could would will do');
const YOU = set('you your');
const REASONING_WORDS = set('reasoning step think');

// One lookup per word instead of one per lexicon.
const FP = 1;
const CONV = 2;
const ALPACA = 4;
const SECOND = 8;
const COUNT = 16;
const ASK = 32;
const LEXICON = new Map<number, number>();
for (const [bit, words] of [[FP, FIRST_PERSON], [CONV, CONVERSATIONAL], [ALPACA, ALPACA_ISMS], [SECOND, YOU], [COUNT, COUNTS], [ASK, ASKING]] as const) {
  for (const h of words) LEXICON.set(h, (LEXICON.get(h) ?? 0) | bit);
}

/**
 * Classifies the style of a prompt (the last user turn, scanned once).
 *
 * @example
 * ```ts
 * instructionStyle(scanText('Generate a list of five creative names for a bakery.')).probability; // high
 * instructionStyle(scanText('my boss keeps asking me for this report, can you help me word it?')).probability; // low
 * ```
 */
export function instructionStyle(scan: ScannedText): InstructionStyle {
  const nWords = scan.words;
  if (nWords === 0) return { probability: 0.05, personal: 0.1, capability: 0, scaffold: false };
  const { kind, hash, lineStart } = scan;
  // (markup tags, `#` headers and labels are skipped to find the task on each line)
  const lines = lineStart.length;

  let verbLine = false;
  let whLine = false;
  let labels = 0;
  let taskFrom = -1;
  let taskFallback = -1;
  for (let l = 0; l < lines && l < 6; l++) {
    const end = l + 1 < lines ? lineStart[l + 1]! : scan.count;
    let t = lineStart[l]!;
    const hashLine = kind[t] === Tok.Hash;
    let markup = 0;
    while (t < end && (kind[t] === Tok.Hash || kind[t] === Tok.Colon || kind[t] === Tok.Separator || kind[t] === Tok.Markup)) {
      if (kind[t] === Tok.Markup) markup++;
      t++;
    }
    if (markup > 0) labels++;
    // `Task:`, `### Answer`, `Q:`, `Completion:`: a label, then (maybe) the content on the same line.
    let words = 0;
    while (t + words < end && kind[t + words] === Tok.Word && words < 3) words++;
    const labelOnly = words > 0 && t + words < end && kind[t + words] === Tok.Colon && t + words + 1 === end;
    if (t < end && kind[t] === Tok.Word && (hashLine || labelOnly || (LABELS.has(hash[t]!) && kind[t + 1] === Tok.Colon))) {
      labels++;
      t += labelOnly ? words + 1 : kind[t + 1] === Tok.Colon ? 2 : 1;
    }
    if (t >= end || kind[t] !== Tok.Word) continue;
    if (TASK_VERBS.has(hash[t]!)) {
      verbLine = true;
      // A reasoning scaffold line ("Explain your reasoning…") is not the task itself.
      let scaffoldLine = false;
      for (let k = t + 1; k < end && k < t + 6; k++) if (REASONING_WORDS.has(hash[k]!)) scaffoldLine = true;
      if (!scaffoldLine && taskFrom < 0) taskFrom = t;
      else if (taskFallback < 0) taskFallback = t;
    } else if (WH.has(hash[t]!)) {
      whLine = true;
      if (taskFallback < 0) taskFallback = t;
    }
  }
  // A closing tag at the very end (`[/INST]`, `</task>`) frames the prompt too.
  if (scan.count > 0 && kind[scan.count - 1] === Tok.Markup && !(lines === 1 && kind[lineStart[0]!] !== Tok.Markup && labels === 0)) labels++;
  const scaffold = labels >= 2 || (labels === 1 && lines >= 2 && kind[lineStart[0]!] === Tok.Hash);

  let firstPerson = 0;
  let conversational = 0;
  let alpacaIsms = 0;
  let you = 0;
  let counts = 0;
  let asking = 0;
  let seen = 0;
  let previous = 0;
  // A task line followed by its input ("Rewrite in the third person:\n\nI am anxious"): the
  // input is material, not the sender talking, so tone is read on the task line only.
  const taskLineEnd = taskFrom >= 0 && lines >= 2 ? endOfLine(lineStart, scan.count, taskFrom) : scan.count;
  for (let t = 0; t < taskLineEnd && seen < 120; t++) {
    if (kind[t] !== Tok.Word) {
      previous = 0;
      continue;
    }
    seen++;
    const bits = LEXICON.get(hash[t]!) ?? 0;
    if (bits & FP) firstPerson++;
    else if (bits & CONV) conversational++;
    else if (bits & ALPACA) alpacaIsms++;
    else if (bits & SECOND) {
      you++;
      if (previous & ASK) asking++;
    } else if (bits & COUNT && seen <= 12) counts++;
    previous = bits;
  }

  let z = -1.2;
  if (scaffold) z += 2.2;
  else if (labels === 1) z += 0.8;
  if (verbLine) z += 1.4;
  else if (whLine) z += 0.5;
  if (alpacaIsms > 0) z += 0.5;
  if (counts > 0) z += 0.4;
  if (asking > 0) z -= 0.8;
  if (firstPerson > 0) z -= 1.0 + Math.min(1, firstPerson / 3);
  if (conversational > 0) z -= 0.9;
  if (scan.lowerStart) z -= 0.9;
  if (nWords <= 3) z -= 1.2;
  else if (nWords <= 60) z += 0.3;
  else if (nWords > 150) z -= 0.7;
  if (scan.code) z -= 0.8;
  if (scan.nonAscii > 0.3) z -= 0.4;
  const last = scan.lastChar;
  if (last === '.' || last === ':') z += 0.3;
  else if (last !== '?' && last !== '>' && last !== ']' && last !== ')' && last !== '"') z -= 0.2;

  let zp = -1.5;
  if (firstPerson > 0) zp += 1.8 + Math.min(1, firstPerson / 4);
  if (conversational > 0) zp += 1.0;
  if (scan.lowerStart) zp += 0.6;
  if (you > 0 && !scaffold) zp += 0.3;
  if (asking > 0) zp += 0.6;
  if (scaffold) zp -= 1.0;

  const from = taskFrom >= 0 ? taskFrom : taskFallback >= 0 ? taskFallback : 0;
  return { probability: sigmoid(z), personal: sigmoid(zp), capability: capabilityOf(scan, from), scaffold };
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
    const d = DOMAIN.get(hash[t]!);
    if (d === 1) code = true;
    else if (d === 2) math = true;
  }
  seen = 0;
  for (let t = from; t < scan.count && seen < 8; t++) {
    if (kind[t] !== Tok.Word || flags[t]! & TokFlag.Quoted) continue;
    seen++;
    const cap = CAPABILITY_OF_VERB.get(hash[t]!);
    if (cap === undefined) continue;
    if (code && cap !== 3 && cap !== 4 && cap !== 6 && cap !== 10 && cap !== 15) return 1;
    if (math && (cap === 8 || cap === 11 || cap === 14)) return 2;
    return cap;
  }
  return code ? 1 : math ? 2 : 0;
}

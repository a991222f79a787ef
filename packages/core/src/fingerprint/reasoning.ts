import { cjkAt, cjkMatch } from './cjk.js';
import { elidedHash, lexKey } from './lexicon.js';
import { BIAS, Cue, CUES, RUBRIC_GRADING } from './reasoning-cues.js';
import { structureCues } from './reasoning-structure.js';
import { CJK_CUES, K, ROLE, W } from './reasoning-words.js';
import { MAX_SCAN_CHARS, MAX_TOKENS, scanText, Tok, type ScannedText } from './text.js';

/**
 * Reasoning elicitation: does a prompt ask the model to expose its reasoning (the most valuable
 * training signal for a distilled copy) or to grade answers against a rubric (reward-model data)?
 * Each cue carries a weight; the weights add up in log-odds, so one incidental phrase ("a
 * step-by-step guide to baking bread") stays unlikely while an explicit scaffold ("think step by
 * step … then give the final answer") is near certain.
 *
 * The harvester has read this code, so the cues cover the ways around an English keyword list:
 * the same asks in German, French, Spanish, Portuguese (word roles), Chinese and Japanese
 * (substrings, since those scripts have no spaces), structured asks (JSON/YAML reasoning keys,
 * numbered step scaffolds closed by an answer slot, reasoning tags), asks hidden in code blocks
 * and comments, and asks placed after a long padding (the tail of a long prompt is read too).
 * Every weight is positive, so nothing a client adds can lower its score.
 */

/** The classifier's answer for one prompt. */
export interface ReasoningScore {
  /** Probability-like score in [0, 1]. */
  probability: number;
  /** Names of the cues that fired, for explanations. */
  cues: string[];
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Characters read at the end of a prompt longer than the scan: an ask placed after padding. */
const TAIL_CHARS = 1000;
/** Slack after the last word so that look-ahead reads `None` instead of a previous call's words. */
const PAD = 8;

const ids = new Uint8Array(MAX_TOKENS + PAD);
/** A clause boundary (punctuation, line break, markup) precedes word j. */
const brk = new Uint8Array(MAX_TOKENS + PAD);
/** Word j sits in a code block or a code comment. */
const emb = new Uint8Array(MAX_TOKENS + PAD);
const fired = new Uint8Array(CUES.length);
const snapshot = new Uint8Array(CUES.length);
let n = 0;

function fire(c: Cue, i: number): void {
  fired[c] = 1;
  if (emb[i]) fired[Cue.Embedded] = 1;
}

function isThink(x: number): boolean {
  return x === W.ThinkVerb || x === W.Work || x === W.LetsThink;
}

// The word tests `within` takes, named once at module level: a function written inline is a new
// closure each time it is evaluated, and one that read the loop's `w` gave every iteration of
// `phrases` a context of its own (about 0.7 KB a request between them).
const isReasoningSureOrThink = (x: number) => x === W.Reasoning || x === W.Sure || isThink(x);
const isTrace = (x: number) => x === W.Reasoning || x === W.WorkNoun || x === W.WorkStep || x === W.Intermediate || x === W.ChainOfThought;
const isTraceOrThought = (x: number) => isTrace(x) || x === W.Thought;
const isYour = (x: number) => x === W.Your;
const isYourFull = (x: number) => x === W.Your || x === W.Full;
const isYourFullNone = (x: number) => x === W.Your || x === W.Full || x === W.None;
const isWork = (x: number) => x === W.Work;
const isAloud = (x: number) => x === W.Aloud;
const isCarefully = (x: number) => x === W.Carefully;
const isThrough = (x: number) => x === W.Through;
const isJustified = (x: number) => x === W.Answer || x === W.Result || x === W.Reasoning || x === W.Step || x === W.Steps || x === W.WorkNoun || x === W.Graded;
const isAnswerWord = (x: number) => x === W.Answer || x === W.Answering || x === W.Result;
const isAnswerResult = (x: number) => x === W.Answer || x === W.Result;
const isAssumptions = (x: number) => x === W.Assumptions;
const isSure = (x: number) => x === W.Sure;
const isLastFinal = (x: number) => x === W.Last || x === W.Final;
const isGraded = (x: number) => x === W.Graded;

function within(from: number, to: number, want: (w: number) => boolean): boolean {
  for (let j = Math.max(0, from); j < Math.min(n, to); j++) if (want(ids[j]!)) return true;
  return false;
}

/** Like {@link within}, but stops at a clause boundary (German separable verbs: "arbeite … durch"). */
function withinClause(from: number, to: number, want: (w: number) => boolean): boolean {
  for (let j = Math.max(0, from); j < Math.min(n, to); j++) {
    if (brk[j]) return false;
    if (want(ids[j]!)) return true;
  }
  return false;
}

/**
 * Probability that a prompt elicits reasoning traces or rubric grading.
 *
 * @example
 * ```ts
 * reasoningElicitation('Think step by step, then give the final answer.').probability; // ~0.88
 * reasoningElicitation('Denke Schritt für Schritt nach und gib dann die endgültige Antwort.').probability; // ~0.88
 * reasoningElicitation('{"reasoning": "...", "answer": "..."}').probability; // ~0.65
 * reasoningElicitation('Write a step-by-step guide to baking bread.').probability; // ~0.05
 * ```
 */
export function reasoningElicitation(text: string, scanned?: ScannedText): ReasoningScore {
  if (!text) return { probability: sigmoid(BIAS), cues: [] };
  const scan = scanned ?? scanText(text);
  fired.fill(0);
  analyse(scan, false, true);
  // The scan stops at MAX_SCAN_CHARS (or MAX_TOKENS): read the end too, where suffix asks sit.
  if (text.length > MAX_SCAN_CHARS || scan.count >= MAX_TOKENS) analyse(scanText(text.slice(-TAIL_CHARS)), false, true);

  let z = BIAS + (fired[Cue.Rubric] && fired[Cue.GradeResponse] ? RUBRIC_GRADING : 0);
  const cues: string[] = [];
  for (let c = 0; c < CUES.length; c++) {
    if (!fired[c]) continue;
    z += CUES[c]![1];
    cues.push(CUES[c]![0]);
  }
  return { probability: sigmoid(z), cues };
}

/** Fires the cues of one scanned text; with `blocks`, also of its fenced code blocks. */
function analyse(scan: ScannedText, embedded: boolean, blocks: boolean): void {
  snapshot.set(fired);
  collect(scan, embedded);
  phrases();
  structureCues(scan, fired);
  if (embedded) for (let c = 0; c < CUES.length; c++) if (fired[c] && !snapshot[c]) fired[Cue.Embedded] = 1;
  if (!blocks) return;
  // Every block is read, not the first few, so that empty blocks put first cannot hide an ask;
  // together they are no longer than the scanned text.
  for (let t = 0; t < scan.count; t++) {
    if (scan.kind[t] !== Tok.Code) continue;
    const s = scan.start[t]! + 3;
    const e = scan.text.endsWith('```', scan.end[t]!) ? scan.end[t]! - 3 : scan.end[t]!;
    if (e - s > 2) analyse(scanText(scan.text.slice(s, e)), true, false);
  }
}

/** Maps the words of a scan to roles (and fires the Chinese/Japanese cues on the way). */
function collect(scan: ScannedText, embedded: boolean): void {
  const { kind, hash, start, end, text, lineStart } = scan;
  n = 0;
  let pending = 1;
  let line = 0;
  let comment = embedded;
  for (let t = 0; t < scan.count && n < MAX_TOKENS; t++) {
    if (line < lineStart.length && lineStart[line] === t) {
      pending = 1;
      comment = embedded || commentLine(scan, t);
      line++;
    }
    const k = kind[t]!;
    if (k !== Tok.Word && k !== Tok.Number) {
      pending = 1;
      continue;
    }
    const s = start[t]!;
    // A comment marker earlier on the line (`… // justify each step`) makes the rest of it a comment.
    if (!comment && t > 0 && commentMarkerBetween(text, end[t - 1]!, s)) comment = true;
    let role: number = W.None;
    if (k === Tok.Word) {
      role = ROLE.get(lexKey(hash[t]!)) ?? W.None;
      if (role === W.None && end[t]! - s > 2) {
        const h = elidedHash(text, s, end[t]!);
        if (h) role = ROLE.get(h) ?? W.None;
      }
    }
    brk[n] = pending || (t > 0 && punctuationBetween(text, end[t - 1]!, s)) ? 1 : 0;
    emb[n] = comment ? 1 : 0;
    ids[n] = role;
    if (k === Tok.Word && (text.charCodeAt(s) >= 0x3000 || text.charCodeAt(end[t]! - 1) >= 0x3000)) cjkCues(text, s, end[t]!, n);
    n++;
    pending = 0;
  }
  ids.fill(W.None, n, n + PAD);
  brk.fill(1, n, n + PAD);
  emb.fill(0, n, n + PAD);
}

/**
 * A line that is a code comment (`# …`, `// …`, `/* …`, `-- …`): an ask there is written for the
 * model. A `#` line counts whether or not the prompt looks like code, so that words added around
 * it cannot change the verdict.
 */
function commentLine(scan: ScannedText, t: number): boolean {
  if (scan.kind[t] === Tok.Hash) return true;
  const s = scan.start[t]!;
  let j = s - 1;
  while (j >= 0 && scan.text.charCodeAt(j) !== 10) j--;
  return commentMarkerBetween(scan.text, j + 1, s);
}

function commentMarkerBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if ((c === 47 && (d === 47 || d === 42)) || (c === 45 && d === 45)) return true;
  }
  return false;
}

function punctuationBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 44 || c === 59 || c === 33 || c === 63 || c === 40 || c === 41 || c === 0x3002 || c === 0xff0c || c === 0x3001 || c === 0xff01 || c === 0xff1f || c === 0xff1b) return true;
  }
  return false;
}

let cjkMask = 0;
function has(k: K): boolean {
  return (cjkMask & (1 << k)) !== 0;
}

/** One Chinese/Japanese run is about one clause: its cue kinds combine within it. */
function cjkCues(text: string, s: number, e: number, i: number): void {
  cjkMask = cjkMatch(CJK_CUES, text, s, e);
  if (cjkMask === 0) return;
  if (has(K.Step) && !has(K.Deliverable)) {
    fire(Cue.StepByStep, i);
    if (has(K.Think) || has(K.Careful)) fire(Cue.ThinkStepByStep, i);
  }
  if (has(K.ReasonNoun)) {
    fire(Cue.ReasoningProcess, i);
    if (has(K.Show)) fire(Cue.ShowReasoning, i);
  }
  if (has(K.ChainOfThought)) fire(Cue.ChainOfThought, i);
  if (has(K.Before)) fire(Cue.BeforeAnswering, i);
  if (has(K.Final)) fire(Cue.FinalAnswer, i);
  if (has(K.Check)) fire(Cue.SelfCheck, i);
  if (has(K.Careful)) fire(Cue.ReasonThrough, i);
  if (has(K.Justify)) fire(Cue.Justify, i);
  // "每一步" is the sender's steps unless it is "X 的每一步" (each step of X) and not "你的每一步".
  if (has(K.Each) && (has(K.Show) || has(K.Justify)) && (!has(K.OfEach) || (has(K.Your) && cjkAt[K.Your]! + 2 >= cjkAt[K.OfEach]!))) fire(Cue.ExplainEachStep, i);
}

/** "step by step" (or "stepwise") at i, `len` words long. */
function stepByStep(i: number, len: number): void {
  const after = i + len;
  const adjacentThink = isThink(ids[i - 1] ?? 0) || isThink(ids[after]!);
  // "a step-by-step guide", "un guide étape par étape": the phrase describes a deliverable.
  const deliverable = (ids[after] === W.Deliverable && !brk[after]) || (i > 0 && ids[i - 1] === W.Deliverable && !brk[i]) || (i > 1 && ids[i - 2] === W.Deliverable && !brk[i] && !brk[i - 1]);
  if (deliverable && !adjacentThink) return;
  fire(Cue.StepByStep, i);
  if (adjacentThink || within(i - 8, i, isThink) || within(after, after + 5, isReasoningSureOrThink)) fire(Cue.ThinkStepByStep, i);
}

/** "explain/justify each step": the sender's own steps when the clause ends there or goes on with "your". */
function eachStep(i: number): void {
  let j = i + 1;
  if (ids[j] !== W.Full) return;
  j++;
  if (ids[j] === W.None && !brk[j]) j++;
  if (ids[j] === W.WorkStep) {
    fire(Cue.ExplainEachStep, i);
    return;
  }
  if (ids[j] !== W.Step && ids[j] !== W.Steps) return;
  j++;
  if (brk[j] || ids[j] === W.Your || ids[j] === W.You || ids[j] === W.Before || ids[j] === W.Intermediate || ids[j + 1] === W.Your || ids[j + 1] === W.You) fire(Cue.ExplainEachStep, i);
}

/** Fires the word-phrase cues over the role sequence. */
function phrases(): void {
  for (let i = 0; i < n; i++) {
    const w = ids[i]!;
    switch (w) {
      case W.Step:
        if ((ids[i + 1] === W.By || ids[i + 1] === W.At) && ids[i + 2] === W.Step) stepByStep(i, 3);
        if (ids[i + 1] === W.Intermediate || ids[i - 1] === W.Intermediate) fire(Cue.ReasoningProcess, i);
        break;
      case W.StepWise:
        stepByStep(i, 1);
        break;
      case W.Steps:
        if (ids[i + 1] === W.Intermediate) fire(Cue.ReasoningProcess, i);
        break;
      case W.One:
        // "one step at a time"
        if (ids[i + 1] === W.Step && ids[i + 2] === W.At && ids[i + 4] === W.Time) {
          fire(Cue.StepByStep, i);
          if (within(i - 6, i, isThink)) fire(Cue.ThinkStepByStep, i);
        }
        break;
      case W.ShowVerb:
      case W.ThinkVerb:
      case W.Work:
      case W.State:
      case W.Justify:
        if (
          w !== W.Justify &&
          within(i + 1, i + 7, w === W.ShowVerb ? isTraceOrThought : isTrace) &&
          within(i + 1, i + 4, isYourFullNone)
        ) {
          fire(Cue.ShowReasoning, i);
        }
        // "show your work", "montre tout ton travail", "muestra todo tu trabajo"
        if (w === W.ShowVerb && within(i + 1, i + 3, isYour) && within(i + 2, i + 4, isWork)) {
          fire(Cue.ShowReasoning, i);
          fire(Cue.ReasoningProcess, i);
        }
        // "think out loud", "laut denken", "pense à voix haute", "piensa en voz alta"
        if (isThink(w) && (withinClause(i + 1, i + 5, isAloud) || (i > 0 && ids[i - 1] === W.Aloud))) fire(Cue.ReasonThrough, i);
        if (isThink(w) && (ids[i + 1] === W.Through || ids[i + 1] === W.Carefully || withinClause(i + 1, i + 3, isCarefully) || withinClause(i + 1, i + 7, isThrough))) fire(Cue.ReasonThrough, i);
        if (w === W.ShowVerb || w === W.Justify) eachStep(i);
        if (w === W.Justify && within(i + 1, i + 3, isYourFull) && within(i + 1, i + 5, isJustified)) fire(Cue.Justify, i);
        break;
      case W.LetsThink:
        fire(Cue.ReasonThrough, i);
        break;
      case W.Chain:
        // "chain of thought", "chain of reasoning", "cadena de razonamiento"
        if (ids[i + 1] === W.Of && (ids[i + 2] === W.Thought || ids[i + 2] === W.Reasoning)) fire(Cue.ChainOfThought, i);
        break;
      case W.ChainOfThought:
        fire(Cue.ChainOfThought, i);
        break;
      case W.Thought:
      case W.Reasoning:
        if (ids[i + 1] === W.Process || ids[i + 1] === W.Steps) fire(Cue.ReasoningProcess, i);
        if (w === W.Reasoning && within(i - 3, i, isYour) && !brk[i] && !brk[i - 1]) fire(Cue.ReasoningProcess, i);
        if (w === W.Reasoning && ids[i + 1] === W.Through) fire(Cue.ReasonThrough, i);
        break;
      case W.Process:
        // "processus de réflexion", "proceso de pensamiento"
        if (ids[i + 1] === W.Of && (ids[i + 2] === W.Thought || ids[i + 2] === W.WorkNoun || ids[i + 2] === W.Reasoning)) fire(Cue.ReasoningProcess, i);
        break;
      case W.WorkNoun:
        if (ids[i - 1] === W.Your || (ids[i - 2] === W.Your && !brk[i - 1])) fire(Cue.ReasoningProcess, i);
        break;
      case W.Intermediate:
        if (ids[i + 1] === W.Steps || ids[i + 1] === W.Step || ids[i - 1] === W.Steps) fire(Cue.ReasoningProcess, i);
        break;
      case W.Before:
        if (within(i + 1, i + 5, isAnswerWord)) fire(Cue.BeforeAnswering, i);
        break;
      case W.Final:
        if (ids[i + 1] === W.Answer || ids[i + 1] === W.Result || ids[i - 1] === W.Answer || ids[i - 1] === W.Result) fire(Cue.FinalAnswer, i);
        break;
      case W.FinalAnswer:
        fire(Cue.FinalAnswer, i);
        break;
      case W.Then:
        if (within(i + 1, i + 5, isAnswerWord)) fire(Cue.FinalAnswer, i);
        break;
      case W.Only:
        if (ids[i + 1] === W.Then) fire(Cue.FinalAnswer, i);
        break;
      case W.List:
        if (within(i + 1, i + 3, isYour) && within(i + 2, i + 4, isAssumptions)) fire(Cue.ReasonThrough, i);
        break;
      case W.Analyse:
        if (ids[i + 2] === W.Task) fire(Cue.ReasonThrough, i);
        break;
      case W.Lets:
        if (within(i + 1, i + 3, isThink)) fire(Cue.ReasonThrough, i);
        break;
      case W.Double:
        if (ids[i + 1] === W.Check) fire(Cue.SelfCheck, i);
        break;
      case W.Verify:
      case W.Check:
        if (ids[i + 1] === W.Your && (ids[i + 2] === W.Answer || ids[i + 2] === W.Reasoning || ids[i + 2] === W.Result || isThink(ids[i + 2]!))) fire(Cue.SelfCheck, i);
        break;
      case W.Right:
        // "to be sure we have the right answer", "asegurarnos de tener la respuesta correcta"
        if ((ids[i + 1] === W.Answer && within(i - 5, i, isSure)) || (ids[i - 1] === W.Answer && within(i - 7, i - 1, isSure))) fire(Cue.SelfCheck, i);
        break;
      case W.Rubric:
        fire(Cue.Rubric, i);
        break;
      case W.Scratch:
        fire(Cue.ShowReasoning, i);
        break;
      case W.Out:
        // "work it out", "reason it out", "think it out"
        if ((ids[i - 1] === W.It && isThink(ids[i - 2] ?? 0)) || isThink(ids[i - 1] ?? 0)) fire(Cue.ReasonThrough, i);
        break;
      case W.At:
        // "the answer at the end", "la réponse à la fin", "la respuesta al final"
        if ((ids[i - 1] === W.Answer || ids[i - 1] === W.Result) && within(i + 1, i + 3, isLastFinal)) fire(Cue.FinalAnswer, i);
        if (within(i + 1, i + 2, isLastFinal) && within(i + 2, i + 6, isAnswerResult)) fire(Cue.FinalAnswer, i);
        break;
      case W.Last:
        if (ids[i - 1] === W.Result || ids[i - 1] === W.Answer) fire(Cue.FinalAnswer, i);
        break;
      case W.Criteria:
        if (ids[i - 1] === W.CriteriaKind) fire(Cue.Rubric, i);
        break;
      case W.Scale:
        if (ids[i + 1] === W.Of) fire(Cue.Rubric, i);
        break;
      case W.GradeVerb:
        if (within(i + 1, i + 6, isGraded)) fire(Cue.GradeResponse, i);
        break;
      default:
    }
  }
}

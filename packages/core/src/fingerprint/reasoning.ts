import { scanText, Tok, wordHash, type ScannedText } from './text.js';

/**
 * Reasoning elicitation: does a prompt ask the model to expose its reasoning (the most valuable
 * training signal for a distilled copy) or to grade answers against a rubric (reward-model data)?
 * Each cue carries a weight; the weights add up in log-odds, so one incidental phrase ("a
 * step-by-step guide to baking bread") stays unlikely while an explicit scaffold ("think step by
 * step … then give the final answer") is near certain. Cues are matched on the scanner's word
 * hashes, so the classifier costs one pass over the words, not a dozen regular expressions.
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

const enum W {
  None = 0,
  Step,
  By,
  ThinkVerb, // think reason work solve go walk explain approach
  Reasoning, // reasoning
  Thought,
  Process,
  Chain,
  Of,
  ShowVerb, // show explain write detail lay spell include describe walk
  WorkNoun, // work working thinking rationale derivation
  Intermediate,
  Steps,
  Your,
  Full, // complete full detailed every each all
  Before,
  Answering, // answering giving responding stating respond providing answer
  Final,
  Answer,
  Result,
  Then,
  Only,
  State,
  Through,
  Carefully, // carefully hard deeply
  List,
  Assumptions,
  Analyse,
  Task,
  Lets,
  Double,
  Check,
  Verify,
  Right,
  Rubric,
  Criteria,
  CriteriaKind, // grading scoring evaluation
  Scale,
  GradeVerb, // grade score rate evaluate assess judge
  Graded, // response answer essay output completion submission solution (+ plurals)
  Deliverable, // guide instructions tutorial article plan recipe manual walkthrough
  Sure,
  One, // one
  At, // at
  Time, // time
  Scratch, // scratchpad scratch
  Last, // last end
  Out, // out
  It, // it
}

const WORDS: Array<[W, string]> = [
  [W.Step, 'step'],
  [W.By, 'by'],
  [W.ThinkVerb, 'think reason work solve go walk approach'],
  [W.Reasoning, 'reasoning'],
  [W.Thought, 'thought thoughts'],
  [W.Process, 'process'],
  [W.Chain, 'chain'],
  [W.Of, 'of from'],
  [W.ShowVerb, 'show explain write detail lay spell include describe outline'],
  [W.WorkNoun, 'working thinking rationale derivation'],
  [W.Intermediate, 'intermediate'],
  [W.Steps, 'steps'],
  [W.Your, 'your'],
  [W.Full, 'complete full detailed every each all entire'],
  [W.Before, 'before'],
  [W.Answering, 'answering giving responding stating respond providing replying'],
  [W.Final, 'final'],
  [W.Answer, 'answer'],
  [W.Result, 'result conclusion conclusions'],
  [W.Then, 'then'],
  [W.Only, 'only'],
  [W.State, 'state give'],
  [W.Through, 'through'],
  [W.Carefully, 'carefully hard deeply thoroughly'],
  [W.List, 'list'],
  [W.Assumptions, 'assumptions'],
  [W.Analyse, 'analyse analyze'],
  [W.Task, 'task problem question'],
  [W.Lets, "let's lets"],
  [W.Double, 'double'],
  [W.Check, 'check'],
  [W.Verify, 'verify'],
  [W.Right, 'right correct'],
  [W.Rubric, 'rubric'],
  [W.Criteria, 'criteria criterion'],
  [W.CriteriaKind, 'grading scoring evaluation marking'],
  [W.Scale, 'scale'],
  [W.GradeVerb, 'grade score rate evaluate assess judge'],
  [W.Graded, 'response responses answers essay essays output outputs completion completions submission submissions solution solutions'],
  [W.Deliverable, 'guide instructions instruction tutorial article plan recipe manual walkthrough checklist'],
  [W.Sure, 'sure'],
  [W.One, 'one'],
  [W.At, 'at'],
  [W.Time, 'time'],
  [W.Scratch, 'scratchpad scratch'],
  [W.Last, 'last end'],
  [W.Out, 'out'],
  [W.It, 'it this'],
];
const ID = new Map<number, W>();
for (const [id, words] of WORDS) for (const w of words.split(' ')) ID.set(wordHash(w), id);

const MAX_WORDS = 300;
const ids = new Uint8Array(MAX_WORDS);

const CUES = [
  ['think-step-by-step', 2.6],
  ['step-by-step', 1.0],
  ['thinking-tags', 3.2],
  ['show-reasoning', 2.4],
  ['reasoning-process', 2.0],
  ['before-answering', 1.4],
  ['final-answer', 1.4],
  ['reason-through', 1.4],
  ['self-check', 1.2],
  ['rubric', 1.6],
  ['grade-response', 1.3],
] as const;
const DELIVERABLE = -1.6;
/** A grading request that also names a rubric or scale is reward-model data, not a one-off review. */
const RUBRIC_GRADING = 1.0;
const BIAS = -3.0;
const TAGS = /<\/?(thinking|think|reasoning|scratchpad|thought|analysis|reflection|inner_monologue)>/i;

function within(from: number, to: number, n: number, want: (w: number) => boolean): boolean {
  for (let j = Math.max(0, from); j < Math.min(n, to); j++) if (want(ids[j]!)) return true;
  return false;
}

/**
 * Probability that a prompt elicits reasoning traces or rubric grading.
 *
 * @example
 * ```ts
 * reasoningElicitation('Think step by step, then give the final answer.').probability; // ~0.99
 * reasoningElicitation('Write a step-by-step guide to baking bread.').probability;    // ~0.03
 * ```
 */
export function reasoningElicitation(text: string, scanned?: ScannedText): ReasoningScore {
  if (!text) return { probability: sigmoid(BIAS), cues: [] };
  const scan = scanned ?? scanText(text);
  let n = 0;
  let any = false;
  for (let t = 0; t < scan.count && n < MAX_WORDS; t++) {
    const k = scan.kind[t]!;
    if (k === Tok.Word) {
      const id = ID.get(scan.hash[t]!) ?? W.None;
      ids[n++] = id;
      if (id !== W.None && id !== W.By && id !== W.Of) any = true;
    } else if (k === Tok.Number) ids[n++] = W.None;
  }
  const tags = text.indexOf('<') >= 0 && TAGS.test(text);
  if (!any && !tags) return { probability: sigmoid(BIAS), cues: [] };

  const fired = new Uint8Array(CUES.length);
  let deliverable = false;
  if (tags) fired[2] = 1;
  for (let i = 0; i < n; i++) {
    const w = ids[i]!;
    switch (w) {
      case W.Step:
        if (ids[i + 1] === W.By && ids[i + 2] === W.Step) {
          fired[1] = 1;
          if (within(i - 6, i, n, (x) => x === W.ThinkVerb) || within(i + 3, i + 8, n, (x) => x === W.Reasoning || x === W.ThinkVerb || x === W.Sure)) fired[0] = 1;
          if (ids[i + 3] === W.Deliverable || ids[i + 3] === W.Steps) deliverable = true;
        }
        break;
      case W.ShowVerb:
      case W.ThinkVerb:
        if (within(i + 1, i + 7, n, (x) => x === W.Reasoning || x === W.WorkNoun || x === W.Intermediate || (x === W.Thought && w === W.ShowVerb)) && within(i + 1, i + 4, n, (x) => x === W.Your || x === W.Full || x === W.None)) fired[3] = 1;
        if (w === W.ThinkVerb && (ids[i + 1] === W.Through || ids[i + 1] === W.Carefully)) fired[7] = 1;
        break;
      case W.Chain:
        if (ids[i + 1] === W.Of && ids[i + 2] === W.Thought) fired[4] = 1;
        break;
      case W.Thought:
      case W.Reasoning:
        if (ids[i + 1] === W.Process || ids[i + 1] === W.Steps) fired[4] = 1;
        if (w === W.Reasoning && (ids[i - 1] === W.Your || (ids[i - 1] === W.Full && ids[i - 2] === W.Your))) fired[4] = 1;
        if (w === W.Reasoning && ids[i + 1] === W.Through) fired[7] = 1;
        break;
      case W.Intermediate:
        if (ids[i + 1] === W.Steps || ids[i + 1] === W.Step) fired[4] = 1;
        break;
      case W.Before:
        if (ids[i + 1] === W.Answering || ids[i + 1] === W.Answer || (ids[i + 1] === W.None && ids[i + 2] === W.Answer)) fired[5] = 1;
        break;
      case W.Final:
        if (ids[i + 1] === W.Answer || ids[i + 1] === W.Result) fired[6] = 1;
        break;
      case W.Then:
        if (ids[i + 1] === W.Answer || (ids[i + 1] === W.State && (ids[i + 3] === W.Result || ids[i + 3] === W.Answer))) fired[6] = 1;
        break;
      case W.Only:
        if (ids[i + 1] === W.Then) fired[6] = 1;
        break;
      case W.List:
        if (ids[i + 1] === W.Your && ids[i + 2] === W.Assumptions) fired[7] = 1;
        break;
      case W.Analyse:
        if (ids[i + 2] === W.Task) fired[7] = 1;
        break;
      case W.Lets:
        if (ids[i + 1] === W.ThinkVerb) fired[7] = 1;
        break;
      case W.Double:
        if (ids[i + 1] === W.Check) fired[8] = 1;
        break;
      case W.Verify:
      case W.Check:
        if (ids[i + 1] === W.Your && (ids[i + 2] === W.Answer || ids[i + 2] === W.Reasoning || ids[i + 2] === W.ThinkVerb)) fired[8] = 1;
        break;
      case W.Right:
        if (ids[i + 1] === W.Answer && within(i - 5, i, n, (x) => x === W.Sure)) fired[8] = 1;
        break;
      case W.Rubric:
        fired[9] = 1;
        break;
      case W.One:
        // "one step at a time"
        if (ids[i + 1] === W.Step && ids[i + 2] === W.At && ids[i + 3] === W.None && ids[i + 4] === W.Time) fired[1] = 1;
        break;
      case W.Scratch:
        fired[3] = 1;
        break;
      case W.Out:
        // "work it out", "reason it out", "think it out"
        if ((ids[i - 1] === W.It && ids[i - 2] === W.ThinkVerb) || (ids[i - 1] === W.ThinkVerb)) fired[7] = 1;
        break;
      case W.At:
        // "the answer at the end", "the conclusion last"
        if ((ids[i - 1] === W.Answer || ids[i - 1] === W.Result) && within(i + 1, i + 3, n, (x) => x === W.Last)) fired[6] = 1;
        break;
      case W.Last:
        if (ids[i - 1] === W.Result || ids[i - 1] === W.Answer) fired[6] = 1;
        break;
      case W.Criteria:
        if (ids[i - 1] === W.CriteriaKind) fired[9] = 1;
        break;
      case W.Scale:
        if (ids[i + 1] === W.Of) fired[9] = 1;
        break;
      case W.GradeVerb:
        if (within(i + 1, i + 6, n, (x) => x === W.Graded)) fired[10] = 1;
        break;
      default:
    }
  }
  let z = BIAS + (deliverable ? DELIVERABLE : 0) + (fired[9] && fired[10] ? RUBRIC_GRADING : 0);
  const cues: string[] = [];
  for (let c = 0; c < CUES.length; c++) {
    if (!fired[c]) continue;
    z += CUES[c]![1];
    cues.push(CUES[c]![0]);
  }
  return { probability: sigmoid(z), cues };
}

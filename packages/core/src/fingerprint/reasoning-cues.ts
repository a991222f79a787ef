/**
 * The cues of the reasoning-elicitation classifier and their weights in log-odds. Every weight
 * is positive: the classifier only adds evidence, so no phrase a client adds can lower its
 * score (an incidental phrase such as "a step-by-step guide" simply does not fire its cue).
 */

/** Cue indexes. */
export const enum Cue {
  ThinkStepByStep = 0,
  StepByStep,
  ThinkingTags,
  ShowReasoning,
  ReasoningProcess,
  BeforeAnswering,
  FinalAnswer,
  ReasonThrough,
  SelfCheck,
  Rubric,
  GradeResponse,
  ChainOfThought,
  ReasoningSlot,
  StepScaffold,
  ExplainEachStep,
  Justify,
  /** An ask found inside a code block or a code comment: written for the model, not a reader. */
  Embedded,
}

/** Cue names (for explanations) and weights, by index. */
export const CUES: ReadonlyArray<readonly [string, number]> = [
  ['think-step-by-step', 2.6],
  ['step-by-step', 1.0],
  ['thinking-tags', 3.2],
  ['show-reasoning', 2.4],
  ['reasoning-process', 2.0],
  ['before-answering', 1.4],
  ['final-answer', 1.4],
  ['reason-through', 1.7],
  ['self-check', 1.4],
  ['rubric', 1.6],
  ['grade-response', 1.3],
  ['chain-of-thought', 3.2],
  ['reasoning-slot', 2.2],
  ['step-scaffold', 2.2],
  ['explain-each-step', 2.6],
  ['justify', 2.0],
  ['embedded', 0.8],
];

/** A grading request that also names a rubric or scale is reward-model data, not a one-off review. */
export const RUBRIC_GRADING = 1.0;
/** Log-odds with no cue at all. */
export const BIAS = -3.0;

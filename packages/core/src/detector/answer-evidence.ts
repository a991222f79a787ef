/**
 * What a served answer says about the request behind it: its reasoning (the answer classifier of
 * `fingerprint/`, in any of its languages), its digest for history provenance and its length for
 * reading time. Computed once per recorded answer.
 *
 * The reasoning is read twice, by layout (`answerReasoning`: numbered steps, openers, "so the
 * answer is") and by content (`answerWorking`: computed quantities chained by inferences, a
 * check), and the answer counts as the stronger reading. Layout alone is the attacker's to
 * choose: asked for plain paragraphs, a model writes the same derivation without it (the fourth
 * white-box round). The content reading is only taken when it is confident (at least the
 * reasoning allowance's level), so people's explanations, which hold a few inferences and no
 * computed chain, add nothing to `answer-reasoning` or to the allowance.
 */
import { answerDigest, answerReasoningScore, answerWorkingScore, withAnswerReading } from '../fingerprint/index.js';
import type { Outcome } from '../decision/index.js';
import { REASONING_SHAPED } from './reasoning-allowance.js';

export interface AnswerEvidence {
  /** The text's digest for history provenance; absent when the reply served no text (a tool call alone). */
  digest?: number;
  /**
   * The digest of the prefill and the text as one turn, when the request had a prefill that
   * changes it: a client may resend its assistant turn either way (the reply's text alone, as the
   * API returned it, or the whole turn it holds), and both are answers it was served.
   */
  heldDigest?: number;
  /** Reasoning probability: the layout reading, or the content reading when that is confident and stronger. */
  reasoning: number;
  chars: number;
}

/**
 * The reasoning probability of a served answer as the detector counts it: the layout reading
 * (numbered steps, openers, conclusions), or the content reading (computed quantities chained by
 * inferences, a check, a dense deduction) when that reaches 0.5 and is stronger. An answer at 0.5
 * or more counts against the reasoning allowance.
 *
 * @example
 * ```ts
 * answerReasoningProbability('The first leg is 2 hours at 60 km/h, so 60 × 2 = 120 km. That leaves 300 − 120 = 180 km, which takes 180 / 90 = 2 hours. Checking: 120 + 180 = 300.'); // ≥ 0.5
 * answerReasoningProbability('Here are some tips: sleep well, drink water, exercise.'); // < 0.5
 * ```
 */
export function answerReasoningProbability(text: string): number {
  // One reading for both readers: each word of the answer is hashed once (and no closure is made per answer).
  return withAnswerReading(text, readersProbability);
}

function readersProbability(text: string): number {
  // The probabilities alone: the cues' names are for explanations, not for the count.
  const layout = answerReasoningScore(text);
  if (layout >= REASONING_SHAPED) return layout;
  const content = answerWorkingScore(text);
  return content >= REASONING_SHAPED ? Math.max(layout, content) : layout;
}

export function answerEvidence(text: string): AnswerEvidence {
  return { digest: answerDigest(text), reasoning: answerReasoningProbability(text), chars: text.length };
}

/**
 * The evidence of a served outcome, read from everything the client was served:
 *
 * - the text and what the reply served outside it (thinking, tool inputs: `otherOutputText`) are
 *   read together for reasoning, so a derivation counts whether the model wrote it as text, as
 *   extended thinking or as a forced tool's steps;
 * - a prefill (the request's last assistant turn, `prefillText`) is read in front of the text it
 *   continues, as the client holds them;
 * - a reply the client closed before its end (`aborted`) is read for what it was served: a client
 *   that leaves right after the last content delta has the whole answer;
 * - only the text is a conversation's history: the length (reading time) is the text's, the digest
 *   is the text's (and, after a prefill, also the prefill's and the text's as one turn: a client
 *   resends either), and a reply without text leaves provenance alone.
 *
 * Undefined when nothing was served in words.
 *
 * @example
 * ```ts
 * servedAnswerEvidence({ status: 200, outputText: '180 km', otherOutputText: 'The first leg is 60 × 2 = 120 km. …' });
 * // { digest: …, reasoning: ≥ 0.5 for a derivation, chars: 6 }
 * ```
 */
export function servedAnswerEvidence(outcome: Pick<Outcome, 'outputText' | 'otherOutputText' | 'prefillText'>): AnswerEvidence | undefined {
  const text = typeof outcome.outputText === 'string' ? outcome.outputText : '';
  const other = typeof outcome.otherOutputText === 'string' ? outcome.otherOutputText : '';
  if (!text && !other) return undefined;
  // The client holds its prefill and the text that continues it as one answer (a prefill that
  // opens a JSON string would otherwise leave the text's quotes out of step).
  const held = text && typeof outcome.prefillText === 'string' ? outcome.prefillText + text : text;
  const read = other ? (held ? `${other}\n\n${held}` : other) : held;
  const reasoning = answerReasoningProbability(read);
  if (!text) return { reasoning, chars: 0 };
  const digest = answerDigest(text);
  let heldDigest = held === text ? digest : answerDigest(held);
  // A prefill as long as the digest reads leaves the text out of the whole turn's digest: it is the
  // prefill's alone, the same for any turn that starts with it, so it proves no answer was served.
  if (heldDigest !== digest && heldDigest === answerDigest(outcome.prefillText!)) heldDigest = digest;
  return heldDigest === digest ? { digest, reasoning, chars: text.length } : { digest, heldDigest, reasoning, chars: text.length };
}

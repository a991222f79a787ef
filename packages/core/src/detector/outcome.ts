import type { Outcome } from '../decision/index.js';
import type { AnswerEvidence } from './answer-evidence.js';
import type { Target, Writer } from './engine.js';
import { SECONDS_PER_DAY } from './probation.js';
import { rememberAnswer, servedContinuation } from './provenance.js';
import { countSinceNoon, reasoningShaped } from './reasoning-allowance.js';
import { A } from './schema.js';

/**
 * A served request's outcome: token counts (output share, max_tokens hits, the probation quota),
 * and, when the answer's text is known, its digest for history provenance, its reasoning
 * structure and its length (reading time). Shared by both backends.
 */
export function applyOutcome(acct: Target, outcome: Outcome, answer: AnswerEvidence | undefined, now: number, w: Writer): void {
  const usage = outcome.usage;
  const s = acct.view;
  const day = Math.floor(now / SECONDS_PER_DAY);
  const shaped = answer !== undefined && reasoningShaped(answer.reasoning) ? 1 : 0;
  if (usage) {
    const input = usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
    const output = usage.output_tokens;
    w.add(acct, A.outN, 1);
    w.add(acct, A.inTok, input);
    w.add(acct, A.outTok, output);
    const max = s[A.lastMax]!;
    if (max > 0 && output >= 0.95 * max) w.add(acct, A.capped, 1);
    // The route passed the reply's text and there was none: given, not missing (provenance).
    if (answer?.digest === undefined && typeof outcome.outputText === 'string') w.add(acct, A.textless, 1);
    if (s[A.day] !== day) {
      w.set(acct, A.day, day);
      w.set(acct, A.dayTokens, output);
      w.set(acct, A.dayAnswers, 1);
      w.set(acct, A.dayReasoning, shaped);
    } else {
      w.add(acct, A.dayTokens, output);
      w.add(acct, A.dayAnswers, 1);
      if (shaped) w.add(acct, A.dayReasoning, 1);
    }
  } else if (shaped && s[A.day] === day) w.add(acct, A.dayReasoning, 1);
  countSinceNoon(acct, shaped === 1, now, w);
  servedContinuation(acct, w);
  // A reply without text (a tool call) counted above; it is no conversation's history.
  if (answer?.digest === undefined) return;
  rememberAnswer(acct, answer.digest, w, answer.heldDigest);
  w.add(acct, A.answers, 1);
  w.add(acct, A.recentAnswers, 1);
  if (answer.reasoning > 0) {
    w.add(acct, A.answerReasoning, answer.reasoning);
    // An increment here: the outcome path does not read the account (the observe path rewrites the value).
    w.add(acct, A.recentAnswerReasoning, answer.reasoning);
  }
  w.set(acct, A.lastAnswer, answer.chars);
}


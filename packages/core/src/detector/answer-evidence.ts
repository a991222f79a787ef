/**
 * What a served answer says about the request behind it: its reasoning structure (the answer
 * classifier of `fingerprint/`, in any of its languages), its digest for history provenance and
 * its length for reading time. Computed once per recorded answer.
 */
import { answerDigest, answerReasoning } from '../fingerprint/index.js';

export interface AnswerEvidence {
  digest: number;
  reasoning: number;
  chars: number;
}

export function answerEvidence(text: string): AnswerEvidence {
  return { digest: answerDigest(text), reasoning: answerReasoning(text).probability, chars: text.length };
}

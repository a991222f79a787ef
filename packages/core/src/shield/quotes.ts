/**
 * Telling a quoted example of an attack ("prompts such as 'ignore previous instructions'") from
 * an attack. People discuss attacks in docs, tests and questions far more often than they type
 * them; an attacker who quotes their own payload only downgrades it to the weaker
 * `quotedAttack` feature.
 */

const MENTION_CUE =
  /\b(?:like|such as|e\.g\.?|for example|for instance|phrases?|strings?|the words?|saying|says|typ(?:es|ed|ing)|known as|called|patterns?|injections?|attacks?|attempts?|examples?|classic|trick|what does|meaning of|asking (?:the|a|an) (?:model|assistant|ai|bot|chatbot|llm) to)\b/;
const QUOTE_WINDOW = 160;

/**
 * Texts about prompt attacks (docs, test suites, training material): inside them every quoted
 * attack string is taken as an example. Unquoted attack text still counts in full.
 */
const DISCUSSION =
  /\b(?:prompt[- ]injections?|injection (?:filters?|attacks?|tests?|detection|classifiers?|attempts?)|red[- ]?team\w*|security (?:training|awareness|workshop|course|review)|test cases?|moderation (?:filters?|logs?|pipelines?|systems?|rules?))\b/;

/** Whether a folded text discusses prompt attacks (see {@link DISCUSSION}). */
export function isAttackDiscussion(text: string): boolean {
  return DISCUSSION.test(text);
}

const NEWLINE = 0x0a;
const DQ = 0x22; // "
const SQ = 0x27; // '
const BACKTICK = 0x60;
const LDQ = 0x201c; // “
const RDQ = 0x201d; // ”
const LSQ = 0x2018; // ‘
const RSQ = 0x2019; // ’
const LAQ = 0xab; // «
const RAQ = 0xbb; // »

function isAlnumAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const x = text.charCodeAt(i);
  return (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39);
}

/** Position of the quote that opens a quoted span containing `index`, on the same line, or -1. */
function openingQuote(text: string, index: number): number {
  const stop = Math.max(0, index - QUOTE_WINDOW);
  for (let i = index - 1; i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (c < 0x22 && c !== NEWLINE) continue;
    if (c === NEWLINE) return -1;
    if (c === LDQ || c === LAQ || c === BACKTICK) return i;
    if (c === RDQ || c === RAQ) return -1;
    if (c === DQ) {
      if (i === 0) return i;
      const p = text.charCodeAt(i - 1);
      return p === 0x20 || p === 0x09 || p === 0x28 || p === 0x5b || p === 0x7b || p === 0x3a || p === 0x3d || p === 0x2c ? i : -1;
    }
    if (c === SQ || c === LSQ || c === RSQ) {
      const before = isAlnumAt(text, i - 1);
      const after = isAlnumAt(text, i + 1);
      if (!before && after) return i;
      if (before && !after) return -1;
    }
  }
  return -1;
}

/** Position of the quote that closes the span, on the same line after `end`, or -1. */
function closingQuote(text: string, end: number): number {
  const stop = Math.min(text.length, end + QUOTE_WINDOW);
  for (let i = end; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) return -1;
    if (c === RDQ || c === RAQ || c === BACKTICK || c === DQ) return i;
    if ((c === SQ || c === RSQ) && !isAlnumAt(text, i + 1)) return i;
  }
  return -1;
}

/**
 * Whether the match at `index..end` is quoted as an example rather than said: it sits inside a
 * quoted span, and either the span hugs the match, or words before the opening quote announce
 * an example, or the whole text is about prompt attacks (`discussion`).
 */
export function isQuotedMention(text: string, index: number, end: number, discussion: () => boolean): boolean {
  const open = openingQuote(text, index);
  if (open < 0) return false;
  const close = closingQuote(text, end);
  if (close < 0) return false;
  if (index - open <= 2 && close - end <= 14) return true;
  return MENTION_CUE.test(text.slice(Math.max(0, open - 60), open)) || discussion();
}

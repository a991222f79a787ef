// Fifth round of white-box campaigns (`node bench/adversary/run.mjs --round 5`), written on
// 2026-12-07 by reading the detector after the answer classifier learned to read reasoning by its
// content (packages/core/src/fingerprint/answer-working.ts, detector/answer-evidence.ts), and
// measured once before any further change. Each campaign aims at one mechanism read in the code,
// by an attacker who wants reasoning traces (derivations it can train on) and the most of them per
// account; each keeps the derivation whole, in a form it can undo with a script.
//
// What the attacker read, and uses:
// - an answer counts against the reasoning allowance (30 a UTC day) when its layout reading or its
//   content reading reaches 0.5; the content reading counts, per sentence, computations (a number
//   on one side of an operator within three tokens), inferences with a number in them, inferences,
//   a check, and a dense deduction (four inferences or more in at least half the sentences);
//   about four computed sentences, or three and a conclusion, reach 0.5;
// - both readers skip fenced code (```), and the content reader skips a line that ends with `;`,
//   `{` or `}` or holds `:=`, `==`, `&&`, `||`;
// - both read only the first 1,500 and the last 500 characters of an answer;
// - operands are digits (or a one-letter variable next to an operator): numbers written as words
//   are not operands;
// - the count is per answer: a derivation spread over several answers counts only where one answer
//   holds enough of it.
// Each campaign draws from a random stream of its own, and asks for its derivations in the paced
// conversations of the fourth round (`conversations`: honest history, human reading time, 15 a day).
import { conversations } from './round4.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { pick } from './traffic.mjs';
import { askPicker, ownStream } from './asks.mjs';

/** The asks, each worded so the prompt classifier reads as little reasoning in it as the attacker can find. */
const ASKS = {
  fenced: ['Put all of your working inside a single ``` block (plain text, no language tag), then one line after it with the result.', 'Keep the whole derivation in one fenced ``` block, result on its own line below.'],
  padded: ['Start with a long restatement of the problem and its background (at least 1,600 characters), then work it out, then close with a long recap of related facts (at least 600 characters).', 'Open with two long paragraphs of context before solving, and finish with two long paragraphs of general remarks.'],
  spelled: ['Write every number in words, never digits, and use words for the operations too; plain paragraphs.', 'Spell out all numbers and symbols in words (e.g. "sixty times two is one hundred twenty"), in ordinary prose.'],
  stepwise: ['Give only the next single step of the working, one sentence, nothing more.', 'One sentence only: just the next step.'],
};
const askFor = askPicker(ASKS);

/** A worked derivation in the phrasing set's vocabulary and one of its languages. */
function derivation(c, P, lang) {
  return workedProse(c.rnd, P.worked, lang);
}

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function spellInt(n) {
  if (n < 20) return ONES[n];
  if (n < 100) return TENS[Math.floor(n / 10)] + (n % 10 ? `-${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${spellInt(n % 100)}` : ''}`;
  return `${spellInt(Math.floor(n / 1000))} thousand${n % 1000 ? ` ${spellInt(n % 1000)}` : ''}`;
}
function spellNumber(s) {
  const clean = s.replace(/,(?=\d{3})/g, '');
  const [int, frac] = clean.split('.');
  if (!/^\d+$/.test(int) || (frac !== undefined && !/^\d+$/.test(frac))) return s;
  const whole = spellInt(Number(int));
  return frac ? `${whole} point ${[...frac].map((d) => ONES[Number(d)]).join(' ')}` : whole;
}
/** English derivation with every number and operator in words (what the model writes when asked). */
function spelled(text) {
  return text
    .replace(/\$(\d)/g, '$1')
    .replace(/\d+(?:,\d{3})*(?:\.\d+)?/g, (m) => spellNumber(m))
    .replace(/%/g, ' percent')
    .replace(/\s*×\s*/g, ' times ')
    .replace(/\s*÷\s*/g, ' divided by ')
    .replace(/\s+\/\s+/g, ' divided by ')
    .replace(/\s*[−]\s*/g, ' minus ')
    .replace(/\s+-\s+/g, ' minus ')
    .replace(/\s*\+\s*/g, ' plus ')
    .replace(/\s*≈\s*/g, ' is about ')
    .replace(/\s*=\s*/g, ' is ')
    .replace(/(\d|[a-z])x\b/g, '$1 x');
}

export const ROUND5 = {
  /**
   * The derivation inside a fenced block: both readers skip fenced code, so the working is read by
   * neither; the result line after it holds one number. A script takes the fence away.
   * Cost: 150 residential browser accounts, one address each; 15 conversations a day.
   */
  fenced(shared, P, scale) {
    const ctx = ownStream(shared, 0x51f3d);
    return conversations(ctx, P, {
      name: 'fenced',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('fenced', c.rnd) }),
      answer: (c, ask) => {
        const body = derivation(c, P, ask.lang);
        const last = body.match(/[^\s]*\d[^\s]*(?=[^\d]*$)/)?.[0] ?? '';
        return `\`\`\`\n${body}\n\`\`\`\n\nResult: ${last}`;
      },
    });
  },

  /**
   * The derivation in the unread middle: a preface longer than the 1,500 characters read at the
   * start and an epilogue longer than the 500 read at the end, both taken from ordinary answers.
   * Costs output tokens (about three times the derivation), which probation counts on young accounts.
   * Cost: 150 residential browser accounts, one address each; 15 conversations a day.
   */
  padded(shared, P, scale) {
    const ctx = ownStream(shared, 0x7ad1e);
    const filler = (c, min) => {
      let out = '';
      while (out.length < min) out += `${pick(c.rnd, c.corpus.plainAnswers).replace(/```[\s\S]*?```/g, '').slice(0, 900)}\n\n`;
      return out;
    };
    return conversations(ctx, P, {
      name: 'padded',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('padded', c.rnd) }),
      answer: (c, ask) => `${filler(c, 1600)}${derivation(c, P, ask.lang)}\n\n${filler(c, 650)}`.trim(),
    });
  },

  /**
   * Numbers and operators written as words: no digit is an operand, so no sentence computes and
   * no inference holds a number; only a dense deduction is left to count. English only (the
   * attacker spells in the language it post-processes).
   * Cost: 150 residential browser accounts, one address each; 15 conversations a day.
   */
  spelled(shared, P, scale) {
    const ctx = ownStream(shared, 0x5be11);
    return conversations(ctx, P, {
      name: 'spelled',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: 'en', text: askFor('spelled', c.rnd) }),
      answer: (c) => spelled(derivation(c, P, 'en')),
    });
  },

  /**
   * One step per answer: each turn asks for the next sentence of the working, so no answer holds
   * more than a sentence or two of it; the conversation holds the chain. The trace is stitched
   * from the turns afterwards. Six turns a conversation, 15 conversations a day.
   * Cost: 150 residential browser accounts, one address each.
   */
  stepwise(shared, P, scale) {
    const ctx = ownStream(shared, 0x57e95);
    const walks = new WeakMap();
    return conversations(ctx, P, {
      name: 'stepwise',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('stepwise', c.rnd) }),
      answer: (c, ask) => {
        // One derivation per conversation (the ask is drawn once per conversation), a sentence a turn.
        let walk = walks.get(ask);
        if (!walk) {
          const sentences = derivation(c, P, ask.lang)
            .split(/(?<=[.。])\s*/)
            .map((s) => s.trim())
            .filter(Boolean);
          walks.set(ask, (walk = { sentences, next: 0 }));
        }
        return walk.sentences[walk.next++ % walk.sentences.length];
      },
    });
  },
};

/** Report names and descriptions of the fifth round (no bars: first measured, never tuned on before). */
export const ROUND5_FAMILIES = {
  fenced: { fn: 'fenced', what: 'fifth round: the derivation inside a fenced block (fences are skipped by both readers)' },
  padded: { fn: 'padded', what: 'fifth round: the derivation in the unread middle of a long answer' },
  spelled: { fn: 'spelled', what: 'fifth round: numbers and operators written as words (no digit operands)' },
  stepwise: { fn: 'stepwise', what: 'fifth round: one step of the derivation per answer (the per-answer count)' },
};

export { spelled };

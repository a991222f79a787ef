// Fourth round of white-box campaigns (`node bench/adversary/run.mjs --round 4`), written on
// 2026-12-07 by reading the detector after the reasoning allowance and the halving flagged
// allowance were added (docs/detection.md and packages/core/src/detector/), and measured once
// before any further change. Each campaign aims at one mechanism read in the code, by an attacker
// who wants the most answers per account and in all for the fewest accounts and addresses.
//
// What the attacker read, and uses:
// - the reasoning allowance (reasoning-allowance.ts, engine.ts): an account is served at most
//   `reasoningAnswersPerDay` (30) answers a UTC day whose answer-classifier probability is 0.5 or
//   more; past it, a 429 until the next UTC day; nothing is flagged, and nothing else changes;
// - the classifier reads the answer's *structure* (enumerated steps, reasoning openers, "so the
//   answer is"), so reasoning written as plain paragraphs is not counted;
// - the flagged allowance (flag-allowance.ts): an account a weak link keeps from a block is served
//   30 answers on the UTC day it was first acted on, 15 the next, 7, 3, 1, then none;
// - everything the third round read (round3.mjs) still holds.
// Each campaign draws from a random stream of its own, so adding or removing one leaves the
// others' traffic as first measured.
import { prng } from '@distill-guard/core/replay';
import { promptFingerprint } from '@distill-guard/core/detector';
import { times } from './campaigns.mjs';
import { disguise, withAsk } from './round3.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { answerer, browserHeaders, HOUR, humanTurnGap, int, MIN, pick, request, residentialIp } from './traffic.mjs';

const DAY = 24 * HOUR;
const utcDay = (t) => Math.floor(t / DAY);

/** A campaign's own random stream and answerer, so the rest of the round's trace does not depend on it. */
function ownStream(shared, salt) {
  const rnd = prng(salt ^ Math.round(shared.start / 1000));
  return { ...shared, rnd, answer: answerer(shared.corpus, rnd) };
}

/**
 * Asks for the reasoning in plain paragraphs. The attacker picks, with the exported prompt
 * classifier, the wording it reads as asking least for reasoning.
 */
const PROSE_ASKS = [
  'Please answer in ordinary paragraphs, no lists or numbering; think it through as you write and end with your conclusion.',
  'Write it as flowing prose, the way a colleague would talk it over, and land on a clear conclusion.',
  'No bullet points please, just a couple of paragraphs working it out, then the bottom line.',
  'Talk it over in a paragraph or two, then say what you would conclude.',
];
let proseAsks;
function proseAsk(rnd) {
  proseAsks ??= [...PROSE_ASKS].sort((a, b) => promptFingerprint(a).reasoning - promptFingerprint(b).reasoning).slice(0, 2);
  return pick(rnd, proseAsks);
}

/**
 * A reasoning answer as the model writes it when asked for paragraphs: the same steps and the
 * same conclusion, without the opener, the numbering and the "so the answer is" line.
 */
function inProse(answer) {
  const [steps, conclusion = ''] = answer.split(/\n\s*(?:So the answer is:|Therefore,)\s*\n?/);
  const body = steps
    .split('\n')
    .filter((line) => !/step by step|reason about it/i.test(line))
    .map((line) => line.replace(/^\s*(?:\d+[.)]|Step \d+:|[-*])\s*/, '').trim())
    .filter(Boolean)
    .join(' ');
  return conclusion.trim() ? `${body}\n\n${conclusion.trim()}` : body;
}

/**
 * Linear conversations on honest history and human reading time (the third round's `chain`):
 * an opener with a reasoning ask, then follow-ups that are new harvest tasks worded below the
 * task bar. `stopAt` caps the answers an account takes in a UTC day; `answer` makes each answer
 * (its text, or an object when the reply holds more than the text the client resends, see below).
 */
function conversations(ctx, P, { name, accounts, sessionsPerDay, stopAt = Infinity, ask, answer }) {
  const out = [];
  for (let a = 0; a < accounts; a++) {
    const user = `adv-${name}-${a}`;
    const ip = residentialIp(ctx.rnd);
    const headers = browserHeaders(ctx.rnd);
    const tz = int(ctx.rnd, -8, 9);
    const perDay = new Map();
    for (const start of times(ctx, sessionsPerDay, { tz, wake: 8, sleep: 23 })) {
      const opener = ask(ctx);
      let time = start;
      let history = [];
      // What the client sends as its next user turn (after a tool call: the tool's result first).
      let next = (prompt) => prompt;
      for (let k = 0; k < 6 && time < ctx.end; k++) {
        const taken = perDay.get(utcDay(time)) ?? 0;
        if (taken >= stopAt) break;
        const prompt = k === 0 ? withAsk(disguise(ctx, 0.45), opener) : disguise(ctx, 0.6);
        const messages = [...history, { role: 'user', content: next(prompt) }];
        // An answer is its text, or `{ text, served, turn?, next?, chars? }`: the text the client
        // resends as history, a function that writes into the log line what the route records of
        // the served reply, and for a reply that is not text alone the assistant turn the client
        // resends, how it wraps its next prompt, and the characters it reads.
        const made = answer(ctx, opener);
        const content = typeof made === 'string' ? made : made.text;
        const line = request({ time, user, ip, headers, messages, content, stream: true });
        if (typeof made !== 'string') made.served(line);
        out.push(line);
        perDay.set(utcDay(time), taken + 1);
        const reply = typeof made === 'string' ? {} : made;
        history = [...messages, { role: 'assistant', content: reply.turn ?? content }];
        next = reply.next ?? ((p) => p);
        time += humanTurnGap(ctx.rnd, reply.chars ?? content.length, prompt.length);
      }
    }
  }
  return out.sort((x, y) => x.time - y.time);
}

export const ROUND4 = {
  /**
   * The conversational reasoning harvest sized to the reasoning allowance: each account stops at
   * 29 answers a UTC day (it counts every answer; all are reasoning-shaped), so it is never
   * refused, and a campaign that wants more answers runs more accounts.
   * Cost: 150 residential browser accounts, one address each; about 29 answers a day each.
   */
  budget(shared, P, scale) {
    const ctx = ownStream(shared, 0x4b1d9);
    return conversations(ctx, P, {
      name: 'budget',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 6,
      stopAt: 29,
      ask: (c) => pick(c.rnd, P.reasoningAsks),
      answer: (c, ask) => c.answer(true, ask.lang),
    });
  },

  /**
   * The same harvest at 15 conversations a day with the reasoning asked for in plain paragraphs:
   * the answers carry the same steps and conclusion without the structure the answer classifier
   * reads, so neither the allowance nor `answer-reasoning` counts them; the prose ask is chosen to
   * read low on the prompt classifier too.
   * Cost: 150 residential browser accounts, one address each; about 90 requests a day each.
   */
  prose(shared, P, scale) {
    const ctx = ownStream(shared, 0x9a0e3);
    return conversations(ctx, P, {
      name: 'prose',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: 'en', text: proseAsk(c.rnd) }),
      answer: (c) => inProse(pick(c.rnd, c.corpus.reasoningAnswers)),
    });
  },

  /**
   * `prose` with the reasoning the model really writes when asked for paragraphs (added after the
   * round's first measurement, on a stream of its own, so the three campaigns above are unchanged):
   * `inProse` only strips the numbering off the bench's synthetic reasoning answers, whose
   * sentences are the log's plain answers, so `prose` took no derivations at all. These answers
   * hold them (worked.mjs: intermediate quantities, equations in running text, inferences, a check)
   * in the phrasing set's languages, without numbering, opener or "the answer is".
   * Cost: as `prose`.
   */
  worked(shared, P, scale) {
    const ctx = ownStream(shared, 0x3c7f1);
    return conversations(ctx, P, {
      name: 'worked',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: proseAsk(c.rnd) }),
      answer: (c, ask) => workedProse(c.rnd, P.worked, ask.lang),
    });
  },

  /**
   * Allowance relay: the third round's riders, re-sized to the halving allowance. A wave of
   * accounts is created every morning; each takes 30 answers on its first UTC day and 15 on its
   * second (what the allowance still serves once its cohort flags it), and is then dropped for the
   * next wave. No reasoning asks, no forged history: the weak link alone can never block them.
   * Cost: 600 residential browser accounts (a wave of 200 a day), one address each.
   */
  relay(shared, P, scale) {
    const ctx = ownStream(shared, 0x2e1a7);
    const out = [];
    const first = Math.floor(ctx.start / DAY) * DAY;
    const waves = Math.max(1, Math.ceil((ctx.end - first) / DAY));
    const perWave = Math.round((600 * scale) / waves);
    for (let w = 0; w < waves; w++) {
      for (let a = 0; a < perWave; a++) {
        const user = `adv-relay-${w}-${a}`;
        const ip = residentialIp(ctx.rnd);
        const headers = browserHeaders(ctx.rnd);
        const born = Math.max(ctx.start, first + w * DAY + ctx.rnd() * 6 * HOUR);
        for (const [day, count] of [
          [first + w * DAY, 30],
          [first + (w + 1) * DAY, 15],
        ]) {
          const from = Math.max(day, born);
          if (from >= ctx.end) continue;
          const slots = Array.from({ length: count }, () => from + ctx.rnd() * (day + DAY - from - MIN)).filter((t) => t < ctx.end).sort((x, y) => x - y);
          for (const time of slots) out.push(request({ time, user, ip, headers, messages: [{ role: 'user', content: P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)) }], content: ctx.answer(false), stream: true }));
        }
      }
    }
    return out;
  },
};

/** Report names and descriptions of the fourth round (no bars: first measured, never tuned on before). */
export const ROUND4_FAMILIES = {
  budget: { fn: 'budget', what: 'fourth round: the conversational reasoning harvest sized to the reasoning allowance (29 a UTC day per account)' },
  prose: { fn: 'prose', what: 'fourth round: the same at 15 conversations a day, reasoning asked for in plain paragraphs (the answer classifier reads no structure)' },
  worked: { fn: 'worked', what: 'fourth round (added after its first run): `prose` whose answers hold the derivation in paragraphs (worked.mjs)' },
  relay: { fn: 'relay', what: 'fourth round: riders re-sized to the halving flagged allowance, a new wave of accounts every day' },
};

export { conversations, inProse };

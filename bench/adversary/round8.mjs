// Eighth round of white-box campaigns (`node bench/adversary/run.mjs --round 8`), written on
// 2026-12-07 against the detector's account-level and cross-account logic (not the answer
// readers), by reading packages/core/src/detector/ (engine.ts, cohort.ts, signals.ts,
// probation.ts, reasoning-allowance.ts, flag-allowance.ts) and docs/detection.md, and measured once
// before any change. Each campaign is what an attacker who read that code would choose for the
// most answers per account, and in all, at the least cost.
//
// What the attacker read, and uses:
// - shape evidence (instruction style, templates, single-turn, scripted client, timing, volume) is
//   capped below the flag threshold (signals.ts `shapeCap`): a harvest that leaves no harvest
//   evidence (no forged history, no reasoning asked for or served, answers not far longer than
//   prompts, answers given time to be read) is at most throttled: served after 2 s with
//   max_tokens capped at 1,024, and refused only when faster than 95% of accounts in an hour;
// - a throttled account keeps probation's first-day quota (60,000 answer tokens a UTC day) for
//   its first seven days, and has no quota after;
// - the benign stress cases the bench keeps (a translator, an internal tool) are served 616 and
//   409 answers in 2.7 days: what a plain harvest shaped like them can expect;
// - a cohort is keyed by the first-seen day on two grids half a day apart and by a behaviour
//   class of a few bits (scripted, instruction-heavy, reasoning-heavy, framed, forging, the answer
//   budget log2(max_tokens), the model, a pace band of requests a day), and scores nothing below
//   six members (cohort.ts): budget, pace, client, frame and wording are the attacker's to
//   choose per account, so a campaign that spreads its accounts' first requests over the days
//   and draws those knobs per account leaves fewer than six in any class;
// - an account joins a cohort only while most of its requests start fresh or it hardly replies
//   (replies 15% of its requests or fewer), read over its lifetime counters;
// - the reasoning allowance counts reasoning-shaped answers per account and UTC day
//   (reasoning-allowance.ts): 30 before midnight UTC and 30 after are 60 within an hour or two;
// - probation's quota doubles with each day of age while the verdict stays `allow`.
// Each campaign draws from a random stream of its own, so adding or removing one leaves the
// others' traffic as first measured.
import { promptFingerprint } from '@distill-guard/core/detector';
import { prng } from '@distill-guard/core/replay';
import { chat, times } from './campaigns.mjs';
import { disguise, withAsk } from './round3.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { answerer, between, browserHeaders, datacenterBlock, exp, HOUR, humanTurnGap, inBlock, int, MIN, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const TEACHER = 'claude-sonnet-4-5';
/** Answer budgets that cost a plain or worked answer nothing (none of them is longer than 1,024 tokens). */
const BUDGETS = [1024, 2048, 4096, 8192, 16384];
const SCRIPT_UAS = ['python-httpx/0.27.2', 'python-httpx/0.28.1', 'python-requests/2.31.0', 'python-requests/2.32.3', 'aiohttp/3.10.5', 'node', 'undici', 'axios/1.7.9', 'Go-http-client/2.0', 'okhttp/4.12.0'];

function ownStream(shared, salt) {
  const rnd = prng(salt ^ Math.round(shared.start / 1000));
  return { ...shared, rnd, answer: answerer(shared.corpus, rnd) };
}

/** When an account of a campaign spread over the trace's first `share` sends its first request. */
const bornAt = (ctx, a, accounts, share = 0.85) => ctx.start + ((a + ctx.rnd()) / accounts) * (ctx.end - ctx.start) * share;

/** The attacker's per-account client: half scripted (a library), half a browser. */
const clientOf = (rnd) => (rnd() < 0.5 ? scriptedHeaders(rnd, pick(rnd, SCRIPT_UAS)) : browserHeaders(rnd));

/** Frames of a "translator-shaped" integration: a document in, a document-length answer out. */
const MIMIC_FRAMES = [
  (x) => `Customer message:\n${x}\n\nDraft our reply.`,
  (x) => `Rewrite the following for our help centre. Keep the formatting.\n\n${x}`,
  (x) => `Ticket body:\n${x}\n\nWrite the response.`,
  (x) => `Source text:\n${x}\n\nProduce the answer article.`,
  (x) => `Answer the question below for the FAQ page.\n\n${x}`,
  (x) => `Inbound email:\n${x}\n\nReply on behalf of the team.`,
  (x) => `Knowledge base request:\n${x}\n\nWrite the entry.`,
  (x) => `Please respond to this forum post.\n\n${x}`,
];

/** What a grader says about two replies: a preference, its reasons, and scores. */
const REASONS = [
  'It answers the question that was asked rather than a nearby one.',
  'It is more specific and ends with a concrete next step.',
  'The other reply is accurate but padded, and it misses the second half of the question.',
  'It keeps the tone the person used and does not lecture.',
  'The other reply makes a claim it does not support.',
  'It is shorter without losing anything that matters.',
  'It covers the edge case the person is most likely to hit.',
  'The other reply is vague where the person needed a number or a name.',
];
function judgment(rnd) {
  const better = rnd() < 0.5 ? 'A' : 'B';
  const worse = better === 'A' ? 'B' : 'A';
  const hi = int(rnd, 7, 9);
  const lo = int(rnd, 3, hi - 2);
  const reasons = [...REASONS].sort(() => rnd() - 0.5).slice(0, int(rnd, 2, 3));
  return `${better} is the better reply. ${reasons.join(' ')}\n\n${better}: ${hi}/10. ${worse}: ${lo}/10.`;
}
const RUBRIC_FORMS = [
  (q, a, b) => `Someone asked: "${q}"\n\nReply A:\n${a}\n\nReply B:\n${b}\n\nWhich one would you rather get, and how many points out of 10 would you give each?`,
  (q, a, b) => `two replies to "${q}"\n\nA) ${a}\n\nB) ${b}\n\nwhich is better? rate both out of 10`,
  (q, a, b) => `Comparing answers to the question "${q}".\nFirst: ${a}\nSecond: ${b}\nPreference and a 1-10 score for each, please.`,
  (q, a, b) => `Q: ${q}\nA1: ${a}\nA2: ${b}\nGrade A1 and A2 (1-10) and say which you prefer.`,
  (q, a, b) => `I got two different answers to "${q}". One says: ${a} The other says: ${b} Which is better, and what would you score them?`,
];

/** A reasoning ask for paragraphs, worded so the prompt classifier reads little reasoning in it. */
const PARAGRAPH_ASKS = [
  'Please answer in ordinary paragraphs and end with your conclusion.',
  'Talk it over in a paragraph or two, then say what you would conclude.',
  'Just work it out in running text and give me the bottom line.',
  'Write it as flowing prose and land on a clear result.',
];
let paragraphAsks;
const paragraphAsk = (rnd) => pick(rnd, (paragraphAsks ??= [...PARAGRAPH_ASKS].sort((a, b) => promptFingerprint(a).reasoning - promptFingerprint(b).reasoning).slice(0, 2)));

/**
 * A paced conversation of reasoning answers (worked derivations in the phrasing set's vocabulary):
 * an opener with a paragraph ask, follow-ups that are new tasks worded below the follow-up task
 * bar, honest history and human reading time. Returns the requests and the time it ended.
 */
function workedConversation(ctx, P, { user, ip, headers, time, turns, until }) {
  const out = [];
  const lang = pick(ctx.rnd, workedLanguages(P.worked));
  let history = [];
  for (let k = 0; k < turns && time < until; k++) {
    const prompt = k === 0 ? withAsk(disguise(ctx, 0.45), { text: paragraphAsk(ctx.rnd) }) : disguise(ctx, 0.6);
    const messages = [...history, { role: 'user', content: prompt }];
    const content = workedProse(ctx.rnd, P.worked, lang);
    out.push(request({ time, user, ip, headers, messages, content, model: TEACHER, stream: true }));
    history = [...messages, { role: 'assistant', content }];
    time += humanTurnGap(ctx.rnd, content.length, prompt.length);
  }
  return { out, time };
}

export const ROUND8 = {
  /**
   * A plain harvest shaped like the benign integrations the detector serves most (the translator,
   * the internal tool): one frame of its own per account around a document-length input, an
   * answer of about the input's length (so not output-heavy), ~200 requests a day in office
   * hours with bursty gaps (below the hourly 95th percentile), no reasoning asked or served, no
   * history. Accounts start one after another over the trace, each with its own /24, client
   * (half scripted, half a browser), frame and answer budget: no infrastructure, template or
   * cohort is shared. The most it meets is the shape cap (a throttle: 2 s, 1,024 tokens, which
   * its answers never reach) and probation's 60,000 tokens a day.
   * Cost: 100 accounts, one rented /24 each; the answers are plain capability answers.
   */
  mimic(shared, P, scale) {
    const ctx = ownStream(shared, 0x8a11c);
    const out = [];
    const accounts = Math.round(100 * scale);
    for (let a = 0; a < accounts; a++) {
      const user = `adv-mimic-${a}`;
      const block = datacenterBlock(ctx.rnd);
      const headers = clientOf(ctx.rnd);
      const frame = pick(ctx.rnd, MIMIC_FRAMES);
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const tz = int(ctx.rnd, -8, 9);
      const ip = inBlock(ctx.rnd, block);
      for (const time of times(ctx, 200, { tz, wake: 8, sleep: 19, from: bornAt(ctx, a, accounts, 0.6) })) {
        const content = ctx.answer(false);
        // A document of about the answer's length: the output share of a translator.
        const doc = pick(ctx.rnd, ctx.corpus.plainAnswers).slice(0, Math.max(200, Math.round(content.length * between(ctx.rnd, 0.5, 0.9))));
        out.push(request({ time, user, ip, headers, model: TEACHER, maxTokens, messages: [{ role: 'user', content: frame(doc) }], content }));
      }
    }
    return out;
  },

  /**
   * `mimic` adapted to what its first run showed (added after the round's first measurement, on a
   * stream of its own, so the five campaigns above are unchanged): the accounts it lost were
   * linked by their frames, eight frames shared by about twelve accounts each, and the three whose
   * frame no other account had were not detected. Here every account writes its own frame (a
   * label, a team and a closing line of its own), so no first or last line is shared.
   * Cost: as `mimic`.
   */
  solo(shared, P, scale) {
    const ctx = ownStream(shared, 0x501a9);
    const out = [];
    const accounts = Math.round(100 * scale);
    const labels = ['Customer message', 'Ticket body', 'Inbound email', 'Forum post', 'Source text', 'Question', 'Request', 'Case notes'];
    const closings = ['Draft our reply.', 'Write the response.', 'Answer it for the FAQ.', 'Reply on behalf of the team.', 'Write the knowledge base entry.', 'Respond to it.'];
    const teams = ['billing', 'onboarding', 'support', 'partners', 'claims', 'accounts', 'returns', 'field ops', 'sales', 'growth'];
    for (let a = 0; a < accounts; a++) {
      const user = `adv-solo-${a}`;
      const ip = inBlock(ctx.rnd, datacenterBlock(ctx.rnd));
      const headers = clientOf(ctx.rnd);
      const head = `${pick(ctx.rnd, labels)} (${pick(ctx.rnd, teams)} queue ${int(ctx.rnd, 100, 999)}):`;
      const tail = `${pick(ctx.rnd, closings)} Ref ${int(ctx.rnd, 1000, 9999)}.`;
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const tz = int(ctx.rnd, -8, 9);
      for (const time of times(ctx, 200, { tz, wake: 8, sleep: 19, from: bornAt(ctx, a, accounts, 0.6) })) {
        const content = ctx.answer(false);
        const doc = pick(ctx.rnd, ctx.corpus.plainAnswers).slice(0, Math.max(200, Math.round(content.length * between(ctx.rnd, 0.5, 0.9))));
        out.push(request({ time, user, ip, headers, model: TEACHER, maxTokens, messages: [{ role: 'user', content: `${head}\n${doc}\n\n${tail}` }], content }));
      }
    }
    return out;
  },

  /**
   * Rubric grading and preference pairs (the threat model names them): a question and two
   * candidate replies, asked which is better and for a score out of 10 each; the answer is a
   * preference with its reasons and two scores, what a reward model is trained on. The wordings
   * are the attacker's pick of the forms the exported classifier reads as asking least for
   * reasoning; the prompts are long and the answers short (no output share, no reading-time
   * check below 400 characters), fresh requests from a browser, ~120 a day in waking hours.
   * Accounts start over the trace with their own budget, one residential address each.
   * Cost: 100 residential browser accounts.
   */
  rubric(shared, P, scale) {
    const ctx = ownStream(shared, 0x2b0c5);
    const out = [];
    const accounts = Math.round(100 * scale);
    const sample = ['what is a good way to learn to cook', 'Start with a few recipes you like.', 'Take a class.'];
    // The attacker keeps the three wordings the exported classifier reads as asking least for reasoning.
    const forms = [...RUBRIC_FORMS].sort((f, g) => promptFingerprint(f(...sample)).reasoning - promptFingerprint(g(...sample)).reasoning).slice(0, 3);
    for (let a = 0; a < accounts; a++) {
      const user = `adv-rubric-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const tz = int(ctx.rnd, -8, 9);
      for (const time of times(ctx, 120, { tz, wake: 8, sleep: 23, from: bornAt(ctx, a, accounts) })) {
        const q = pick(ctx.rnd, ctx.corpus.openers).slice(0, 300);
        const [x, y] = [pick(ctx.rnd, ctx.corpus.plainAnswers).slice(0, 700), pick(ctx.rnd, ctx.corpus.plainAnswers).slice(0, 700)];
        out.push(request({ time, user, ip, headers, model: TEACHER, maxTokens, messages: [{ role: 'user', content: pick(ctx.rnd, forms)(q, x, y) }], content: judgment(ctx.rnd), stream: true }));
      }
    }
    return out;
  },

  /**
   * Reasoning burners across midnight UTC: each account is opened about 40 minutes before a
   * midnight, takes 30 worked derivations in paced conversations (honest history, reading time)
   * until the UTC day turns, then 30 more, and is dropped: twice the daily allowance in about two
   * hours, on an account that lives one night.
   * Cost: 150 residential browser accounts (75 a night), one address each.
   */
  midnight(shared, P, scale) {
    const ctx = ownStream(shared, 0x6d1d7);
    const out = [];
    const accounts = Math.round(150 * scale);
    const midnights = [];
    for (let m = Math.ceil(ctx.start / DAY) * DAY; m < ctx.end; m += DAY) midnights.push(m);
    for (let a = 0; a < accounts; a++) {
      const user = `adv-midnight-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const midnight = midnights[a % midnights.length];
      let time = midnight - between(ctx.rnd, 35, 45) * MIN;
      for (const until of [midnight, midnight + 3 * HOUR]) {
        let taken = 0;
        while (taken < 30 && time < until && time < ctx.end) {
          const c = workedConversation(ctx, P, { user, ip, headers, time, turns: Math.min(6, 30 - taken), until });
          out.push(...c.out);
          taken += c.out.length;
          time = c.time + between(ctx.rnd, 5, 40) * 1000;
        }
        time = Math.max(time, until === midnight ? midnight + between(ctx.rnd, 1, 5) * MIN : time);
      }
    }
    return out;
  },

  /**
   * Seasoned accounts: a day and a half of a person's chat (real conversations replayed with their
   * timing: replies, honest history, a clean record, so probation's quota doubles), then a fresh
   * harvest at ~150 requests a day, every task worded as a question below the instruction bar,
   * 29 a UTC day asking for worked derivations in paragraphs and the rest plain. The lifetime
   * replies keep the account out of any cohort (replies above 15% of its requests) for most of
   * the harvest.
   * Cost: 150 residential browser accounts, one address each.
   */
  seasoned(shared, P, scale) {
    const ctx = ownStream(shared, 0x5ea50);
    const out = [];
    const accounts = Math.round(150 * scale);
    const turn = ctx.start + 1.5 * DAY;
    for (let a = 0; a < accounts; a++) {
      const user = `adv-seasoned-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      out.push(...chat(ctx, { user, ip, headers, tz, from: ctx.start + ctx.rnd() * 6 * HOUR, to: turn, sessionsPerDay: 5 }));
      const reasoningOn = new Map();
      const lang = pick(ctx.rnd, workedLanguages(P.worked));
      for (const time of times(ctx, 150, { tz, wake: 8, sleep: 23, from: turn + ctx.rnd() * HOUR })) {
        const day = Math.floor(time / DAY);
        const worked = (reasoningOn.get(day) ?? 0) < 29;
        if (worked) reasoningOn.set(day, (reasoningOn.get(day) ?? 0) + 1);
        const task = disguise(ctx, 0.45);
        const prompt = worked ? withAsk(task, { text: paragraphAsk(ctx.rnd) }) : task;
        const content = worked ? workedProse(ctx.rnd, P.worked, lang) : ctx.answer(false);
        out.push(request({ time, user, ip, headers, model: TEACHER, messages: [{ role: 'user', content: prompt }], content, stream: true }));
      }
    }
    return out.sort((x, y) => x.time - y.time);
  },

  /**
   * A light fresh-task harvest (the first round's drip, dataset instructions as they are) whose
   * accounts start one after another over the trace and draw every knob of the behaviour class
   * per account: answer budget (5), model (2 strong ones), scripted or browser, framed or not,
   * tasks as instructions or as questions, and pace (5, 20 or 60 requests a day): 240 classes,
   * fewer than two accounts in any class on any half-day grid. No cohort reaches six members.
   * Cost: 900 residential accounts, one address each.
   */
  straddle(shared, P, scale) {
    const ctx = ownStream(shared, 0x57dd1);
    const out = [];
    const accounts = Math.round(900 * scale);
    const models = [TEACHER, 'claude-opus-4-5'];
    const frames = P.frames;
    for (let a = 0; a < accounts; a++) {
      const user = `adv-straddle-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = clientOf(ctx.rnd);
      const model = pick(ctx.rnd, models);
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const frame = ctx.rnd() < 0.5 ? pick(ctx.rnd, frames) : undefined;
      const asQuestion = ctx.rnd() < 0.5;
      const pace = pick(ctx.rnd, [5, 20, 60]);
      const tz = int(ctx.rnd, -8, 9);
      for (const time of times(ctx, pace, { tz, wake: 8, sleep: 23, from: bornAt(ctx, a, accounts) })) {
        const task = asQuestion ? disguise(ctx, 0.45) : P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks));
        out.push(request({ time, user, ip, headers, model, maxTokens, messages: [{ role: 'user', content: frame ? frame(task) : task }], content: ctx.answer(false), stream: true }));
      }
    }
    return out;
  },
};

/** Report names and descriptions of the eighth round (no bars: first measured, never tuned on before). */
export const ROUND8_FAMILIES = {
  mimic: { fn: 'mimic', what: 'eighth round: a plain harvest shaped like the translator and the internal tool, accounts staggered with their own /24, client, frame and budget' },
  solo: { fn: 'solo', what: 'eighth round (added after its first run): mimic with a frame of its own per account' },
  rubric: { fn: 'rubric', what: 'eighth round: rubric grading and preference pairs, long prompts and short judgments, fresh, staggered' },
  midnight: { fn: 'midnight', what: 'eighth round: reasoning burners that take 30 derivations before midnight UTC and 30 after' },
  seasoned: { fn: 'seasoned', what: 'eighth round: a day and a half of chat, then a fresh harvest worded as questions, 29 derivations a UTC day' },
  straddle: { fn: 'straddle', what: 'eighth round: a light fresh harvest staggered over the days with every behaviour-class knob drawn per account' },
};

// Third round of white-box campaigns (`node bench/adversary/run.mjs --round 3`), written on
// 2026-12-07 by reading the detector as it then stood (docs/detection.md and
// packages/core/src/detector/) and measured once before any change. Each aims at one mechanism
// read in the code, by an attacker who wants the most answers per account and in total for the
// least accounts and networks. Kept apart from rounds 1 and 2 so their figures stay comparable.
//
// What the attacker read, and uses:
// - a follow-up counts as a *task* only when its instruction probability is 0.6 or more
//   (engine.ts `TASK_FOLLOW_UP`); below, with genuine history, it is a *reply*, and a prompt below
//   0.15 asks for nothing, even when it starts fresh: the content signals never see it;
// - an answer may be continued three times before the fourth continuation is "recycled"
//   (provenance.ts `RECYCLE_FROM`);
// - shape evidence is capped below the flag threshold (signals.ts `shapeCap`): a harvest with no
//   harvest evidence is at most throttled;
// - a cohort needs six members with the same first-seen half-day and behaviour class (budget,
//   model, pace band, scripted, instruction, reasoning, framed, forging) and counts only as far
//   as each member fits on its own (cohort.ts, engine.ts `linkScore`);
// - an account flagged by a weak link alone is served 30 answers a UTC day (`flagAnswersPerDay`).
// The attacker runs the guard's own classifier (`promptFingerprint`, exported) to choose phrasings
// that stay under those thresholds: a white-box attacker has the code.
import { promptFingerprint } from '@distill-guard/core/detector';
import { prng } from '@distill-guard/core/replay';
import { times } from './campaigns.mjs';
import { answerer, between, browserHeaders, datacenterBlock, HOUR, humanTurnGap, inBlock, int, MIN, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const MODELS = ['claude-haiku-4-5', 'claude-haiku-5-5', 'claude-sonnet-4-5', 'claude-sonnet-5-5'];
const BUDGETS = [512, 1024, 2048, 4096, 8192];
const SCRIPT_UAS = ['python-httpx/0.27.2', 'python-httpx/0.28.1', 'python-requests/2.31.0', 'python-requests/2.32.3', 'aiohttp/3.10.5', 'node', 'undici', 'axios/1.7.9', 'Go-http-client/2.0', 'okhttp/4.12.0', 'reqwest/0.12', 'curl/8.5.0'];

const bare = (task) => task.trim().replace(/[.?!:]+$/, '');
const lower = (s) => s.replace(/^./, (c) => c.toLowerCase());

/** Ways of asking a dataset task as a question or a musing, in the attacker's own words. */
const QUESTION_FORMS = [
  (x) => `any thoughts on "${bare(x)}"?`,
  (x) => `I was wondering how someone would ${lower(bare(x))}?`,
  (x) => `a friend asked me "${bare(x)}" and I had no idea. what would you say?`,
  (x) => `curious what you'd come up with for this: "${bare(x)}"`,
  (x) => `so, "${bare(x)}"... how would you approach that?`,
  (x) => `how would you ${lower(bare(x))}?`,
];

/**
 * A harvest task reworded so the guard's classifier scores it below `below` (the attacker runs
 * the classifier); tries a few tasks and forms, and keeps the lowest it found.
 */
export function disguise(ctx, below) {
  let best;
  let bestP = 2;
  for (let tries = 0; tries < 4; tries++) {
    const task = pick(ctx.rnd, ctx.corpus.tasks);
    const first = Math.floor(ctx.rnd() * QUESTION_FORMS.length);
    for (let k = 0; k < QUESTION_FORMS.length; k++) {
      const q = QUESTION_FORMS[(first + k) % QUESTION_FORMS.length](task);
      const p = promptFingerprint(q).style.probability;
      if (p < below) return q;
      if (p < bestP) [best, bestP] = [q, p];
    }
  }
  return best;
}

export const withAsk = (prompt, ask) => (ask ? `${prompt}\n\n${ask.text}` : prompt);

export const ROUND3 = {
  /**
   * Reasoning trees on honest provenance. Each session opens with one reasoning-asking question
   * and then branches: the opening answer is continued three times (the most that stays
   * "genuine"), the first branch twice more; every follow-up is a new harvest task worded below
   * the 0.6 follow-up bar, so it counts as a reply, and the account never looks fresh. Answers are
   * reasoning-shaped throughout (the conversation set the format). Human reading time.
   * Cost: 150 residential browser accounts, one address each; ~30 requests a day each.
   */
  branch(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(150 * scale); a++) {
      const user = `adv-branch-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      for (const start of times(ctx, 5, { tz, wake: 8, sleep: 23 })) {
        const ask = pick(ctx.rnd, P.reasoningAsks);
        let time = start;
        const send = (messages) => {
          const content = ctx.answer(true, ask.lang);
          out.push(request({ time, user, ip, headers, messages, content, stream: true }));
          const prompt = messages[messages.length - 1].content;
          time += humanTurnGap(ctx.rnd, content.length, prompt.length);
          return [...messages, { role: 'assistant', content }];
        };
        const root = send([{ role: 'user', content: withAsk(disguise(ctx, 0.45), ask) }]);
        for (let child = 0; child < 3 && time < ctx.end; child++) {
          const branch = send([...root, { role: 'user', content: disguise(ctx, 0.6) }]);
          if (child === 0) for (let g = 0; g < 2 && time < ctx.end; g++) send([...branch, { role: 'user', content: disguise(ctx, 0.6) }]);
        }
      }
    }
    return out.filter((r) => r.time < ctx.end);
  },

  /**
   * The same harvest without branching (added after the first measurement, to tell whether the
   * branching matters): linear conversations of six turns, each answer continued once, every
   * follow-up a new harvest task worded below the task bar. Cost: as `branch`. It draws from a
   * random stream of its own, so the rest of the round's trace is the one first measured.
   */
  chain(shared, P, scale, { name = 'chain', sessionsPerDay = 5, salt = 0x3c4a1 } = {}) {
    const rnd = prng(salt ^ Math.round(shared.start / 1000));
    const ctx = { ...shared, rnd, answer: answerer(shared.corpus, rnd) };
    const out = [];
    for (let a = 0; a < Math.round(150 * scale); a++) {
      const user = `adv-${name}-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      for (const start of times(ctx, sessionsPerDay, { tz, wake: 8, sleep: 23 })) {
        const ask = pick(ctx.rnd, P.reasoningAsks);
        let time = start;
        let history = [];
        for (let k = 0; k < 6 && time < ctx.end; k++) {
          const messages = [...history, { role: 'user', content: k === 0 ? withAsk(disguise(ctx, 0.45), ask) : disguise(ctx, 0.6) }];
          const content = ctx.answer(true, ask.lang);
          out.push(request({ time, user, ip, headers, messages, content, stream: true }));
          history = [...messages, { role: 'assistant', content }];
          time += humanTurnGap(ctx.rnd, content.length, messages[messages.length - 1].content.length);
        }
      }
    }
    return out;
  },

  /**
   * The same at 15 sessions a day (about 90 requests), to find how far one account goes before
   * anything binds (probation allows about 140 answers on the first day). Added after the first
   * measurement; its own random stream.
   */
  chainFast(shared, P, scale) {
    return ROUND3.chain(shared, P, scale, { name: 'chain90', sessionsPerDay: 15, salt: 0x5e7b2 });
  },

  /**
   * Quiet questions: fresh single requests whose task is worded so the classifier reads no task
   * at all (below 0.15): no instruction style, capability, template or scaffold is ever counted.
   * Accounts created steadily over the days, each with its own model and answer budget and a pace
   * of 10-30 a day, so first-seen half-days and classes split the campaign into small cohorts.
   * Cost: 1,500 residential browser accounts, one address each.
   */
  quiet(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(1500 * scale); a++) {
      const user = `adv-quiet-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      const model = pick(ctx.rnd, MODELS);
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const born = ctx.start + ctx.rnd() * (ctx.end - ctx.start) * 0.8;
      for (const time of times(ctx, between(ctx.rnd, 10, 30), { tz, wake: 8, sleep: 23, from: born })) {
        out.push(request({ time, user, ip, headers, model, maxTokens, messages: [{ role: 'user', content: disguise(ctx, 0.15) }], content: ctx.answer(false), stream: true }));
      }
    }
    return out;
  },

  /**
   * A throttle-tolerant API harvest: scripted clients with full-value imperative tasks, accepting
   * the throttle (2 s, 1,024 tokens) that shape alone earns, and avoiding everything that is not
   * shape: no reasoning asks, each task padded with a paragraph of unlabelled background so the
   * answers stay under the output-heavy ratio, no forged history. Each account has its own rented
   * /24, its own client string, model and budget, and starts on its own day, so neither an
   * infrastructure group nor a cohort forms. Cost: 40 accounts, 40 datacenter /24s.
   */
  rotator(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(40 * scale); a++) {
      const user = `adv-rotator-${a}`;
      const block = datacenterBlock(ctx.rnd);
      const headers = scriptedHeaders(ctx.rnd, SCRIPT_UAS[a % SCRIPT_UAS.length]);
      const tz = int(ctx.rnd, -8, 9);
      const model = pick(ctx.rnd, MODELS);
      const maxTokens = pick(ctx.rnd, BUDGETS);
      const born = ctx.start + ctx.rnd() * (ctx.end - ctx.start) * 0.6;
      for (const time of times(ctx, 150, { tz, wake: 6, sleep: 21, from: born })) {
        const background = pick(ctx.rnd, ctx.corpus.plainAnswers).replace(/\s+/g, ' ').slice(0, int(ctx.rnd, 300, 700));
        out.push(request({ time, user, ip: inBlock(ctx.rnd, block), headers, model, maxTokens, messages: [{ role: 'user', content: `${background}\n\n${pick(ctx.rnd, ctx.corpus.tasks)}` }], content: ctx.answer(false) }));
      }
    }
    return out;
  },

  /**
   * Allowance riders: accounts mass-created in one morning that expect their cohort to flag them
   * and size themselves to the flagged allowance, 30 answers a UTC day each, with full-value
   * imperative tasks and nothing that is harvest evidence of their own (no reasoning asks, no
   * forged history), so the weak link alone can never block them.
   * Cost: 600 residential browser accounts, one address each.
   */
  rider(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(600 * scale); a++) {
      const user = `adv-rider-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      const born = ctx.start + ctx.rnd() * 6 * HOUR;
      for (let day = Math.floor(born / DAY) * DAY; day < ctx.end; day += DAY) {
        const from = Math.max(day, born);
        const slots = Array.from({ length: 30 }, () => from + ctx.rnd() * (day + DAY - from - MIN)).filter((t) => t < ctx.end).sort((x, y) => x - y);
        for (const time of slots) out.push(request({ time, user, ip, headers, messages: [{ role: 'user', content: P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)) }], content: ctx.answer(false), stream: true }));
      }
    }
    return out;
  },

  /**
   * Power-user skeletons: the development log's power users replayed request for request (their
   * times, shifted by up to three hours, and which requests open a conversation and which follow
   * up), with harvest content: each opener a full-value imperative task, each follow-up a harvest
   * task worded below the 0.6 follow-up bar on the genuine history the guard served.
   * Cost: 8 accounts per power user of the log (200), residential browsers, one address each.
   */
  skeleton(ctx, P, scale) {
    const byUser = new Map();
    for (const r of ctx.corpus.legit) {
      if (ctx.corpus.truth[r.user]?.kind !== 'power') continue;
      (byUser.get(r.user) ?? byUser.set(r.user, []).get(r.user)).push(r);
    }
    const skeletons = [...byUser.values()];
    const out = [];
    for (let a = 0; a < Math.round(8 * skeletons.length * scale); a++) {
      const user = `adv-skeleton-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const shift = between(ctx.rnd, -3, 3) * HOUR;
      let history;
      for (const r of skeletons[a % skeletons.length]) {
        const time = r.time + shift;
        if (time < ctx.start || time >= ctx.end) continue;
        const followUp = r.body.messages.length > 1 && history;
        const messages = followUp ? [...history, { role: 'user', content: disguise(ctx, 0.6) }] : [{ role: 'user', content: P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)) }];
        const content = ctx.answer(false);
        out.push(request({ time, user, ip, headers, messages, content, stream: true }));
        history = [...messages, { role: 'assistant', content }].slice(-8);
      }
    }
    return out;
  },
};

/** Report names and descriptions of the third round (no bars: first measured, never tuned on before). */
export const ROUND3_FAMILIES = {
  branch: { fn: 'branch', what: 'third round: reasoning trees on honest provenance; every follow-up a harvest task worded below the task bar, each answer continued at most three times' },
  chain: { fn: 'chain', what: 'third round, added after the first measurement: the reasoning harvest of `branch` in linear six-turn conversations' },
  chain90: { fn: 'chainFast', what: 'third round, added after the first measurement: `chain` at 15 sessions a day' },
  quiet: { fn: 'quiet', what: 'third round: fresh questions worded so the classifier reads no task; staggered accounts, own model and budget' },
  rotator: { fn: 'rotator', what: 'third round: scripted, throttle-tolerant; padded imperative tasks, one /24 and one class per account' },
  rider: { fn: 'rider', what: 'third round: mass-created accounts sized to the flagged allowance (30 answers a day)' },
  skeleton: { fn: 'skeleton', what: "third round: power users' request skeletons replayed with harvest content" },
};

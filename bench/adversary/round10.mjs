// Tenth round of white-box campaigns (`node bench/adversary/run.mjs --round 10`), written on
// 2026-12-07 against the detector as it stands after the ninth round, by reading
// packages/core/src/detector/ (engine.ts `provenanceApplies` and `post`, outcome.ts, provenance.ts,
// probation.ts, reasoning-allowance.ts, cohort.ts) and docs/detection.md, and measured once before
// any change. Each campaign is what an attacker who read that code would choose for the most useful
// answers per account (full answers, and worked derivations up to what the reasoning allowance
// serves) at the least cost in accounts.
//
// What the attacker read, and uses:
// - history provenance judges an account only while at least 80% of its recorded outcomes came
//   with text (engine.ts `provenanceApplies`: answers with a digest against outcomes with usage).
//   The check is there for a route that does not pass the answer's text; but a reply that serves
//   no text at all (a stop sequence that fires at once, a forced tool call) is an outcome without
//   an answer too. One such cheap reply in four or five keeps the share below 80%, and the
//   account's histories are then never checked: it can send any history it likes, such as
//   conversations merged from what other accounts were served, and have the next turn written;
// - probation binds an identity for its first seven days after it was first seen
//   (probation.ts, `A.first`), and the state of an idle account is kept for seven days
//   (`idleTtlSeconds`): an account first seen more than a week ago and touched once since is past
//   probation with nothing on record, and a plain harvest that stays below the flag threshold
//   (shape alone is capped at a throttle: 2 s and 1,024 tokens) is bound only by the 429 of an
//   account faster than 95% of accounts in an hour (at least 40 requests, `PEAK_FLOOR`);
// - the reasoning allowance is counted on two grids of days (UTC midnight and noon): 30 answers
//   just before a noon UTC and 30 just after the next midnight are served (docs: "What still
//   gets through");
// - cohort eligibility is read on lifetime counters (an account that replies to more than 15% of
//   its answers never links), so real chat and a harvest on one account keep it out of cohorts.
// Each campaign draws from a random stream of its own, so adding or removing one leaves the
// others' traffic as first measured.
import { promptFingerprint } from '@distill-guard/core/detector';
import { ownStream } from './asks.mjs';
import { chat, times } from './campaigns.mjs';
import { disguise, withAsk } from './round3.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { between, browserHeaders, HOUR, humanTurnGap, int, MIN, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const SDKS = ['anthropic-typescript/0.71.0', 'anthropic-python/0.75.0', 'python-httpx/0.28.1'];

const DAY = 24 * HOUR;
const TEACHER = 'claude-sonnet-4-5';
const MODELS = [TEACHER, 'claude-opus-4-5'];
const BUDGETS = [1024, 2048, 4096, 8192];
const utcDay = (t) => Math.floor(t / DAY);
const noonDay = (t) => Math.floor((t + DAY / 2) / DAY);

/** When an account of a campaign spread over the trace's first `share` sends its first request. */
const bornAt = (ctx, a, accounts, share = 0.6) => ctx.start + ((a + ctx.rnd()) / accounts) * (ctx.end - ctx.start) * share;

/** A reasoning ask for paragraphs, the two wordings the prompt classifier reads least reasoning in. */
const PARAGRAPH_ASKS = [
  'Please answer in ordinary paragraphs and end with your conclusion.',
  'Talk it over in a paragraph or two, then say what you would conclude.',
  'Just work it out in running text and give me the bottom line.',
  'Write it as flowing prose and land on a clear result.',
];
let paragraphAsks;
const paragraphAsk = (rnd) => pick(rnd, (paragraphAsks ??= [...PARAGRAPH_ASKS].sort((a, b) => promptFingerprint(a).reasoning - promptFingerprint(b).reasoning).slice(0, 2)));

/** Worked derivations an account allows itself a day: below the allowance on both grids. */
function reasoningBudget(limit = 28) {
  const utc = new Map();
  const noon = new Map();
  return {
    take(t) {
      const u = utc.get(utcDay(t)) ?? 0;
      const n = noon.get(noonDay(t)) ?? 0;
      if (u >= limit || n >= limit) return false;
      utc.set(utcDay(t), u + 1);
      noon.set(noonDay(t), n + 1);
      return true;
    },
  };
}

/** The tool `toolwrap` closes its invented histories with. */
const WRAP_TOOL = { name: 'notes_lookup', description: 'Look up saved notes.', input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } };

const BLANK_PROMPTS = ['Reply with a blank line.', 'Answer with nothing at all.', 'Say nothing, just end the reply.', 'Output an empty line and stop.'];
let toolIds = 0;

/**
 * A reply that serves no text: `empty` is a stop sequence that fires at once (the text is ''), `tool`
 * a forced call of a trivial tool (no text; its input is one word). Cheap: one or two output tokens.
 */
function blinder(ctx, kind, { time, user, ip, headers, model }) {
  const line = request({ time, user, ip, headers, model, maxTokens: 16, messages: [{ role: 'user', content: pick(ctx.rnd, BLANK_PROMPTS) }], content: '' });
  line.response.usage.output_tokens = 1;
  if (kind === 'empty') line.body.stop_sequences = ['\n'];
  else {
    const tool = { name: 'ack', description: 'Acknowledge.', input_schema: { type: 'object', properties: { ok: { type: 'string' } }, required: ['ok'] } };
    line.body.tools = [tool];
    line.body.tool_choice = { type: 'tool', name: 'ack' };
    line.response.usage.output_tokens = 8;
    line.response.content = [{ type: 'tool_use', id: `toolu_b${(toolIds++).toString(36)}`, name: 'ack', input: { ok: 'ok' } }];
  }
  return line;
}

/**
 * The merged-history harvest: every request sends a conversation of one or two earlier exchanges
 * the account was never served (people's openers from the log with answers other accounts were
 * served, merged) and asks the next turn: a new task worded as a question, answered in full, with
 * up to 28 worked derivations a day (below the reasoning allowance on both grids) and plain
 * answers otherwise. `blind` keeps the account's answers with text below 80% of its outcomes by
 * sending a reply that serves no text whenever the next answer would reach it (about one request in
 * five); `none` sends no such reply. Residential browser accounts, ~120 harvest requests a day in
 * waking hours, started one after another over the trace, each with its own model and budget.
 */
function merged(shared, P, scale, { name, salt, blind, wrap }) {
  const ctx = ownStream(shared, salt);
  const out = [];
  const accounts = Math.round(60 * scale);
  for (let a = 0; a < accounts; a++) {
    const user = `adv-${name}-${a}`;
    const ip = residentialIp(ctx.rnd);
    const headers = browserHeaders(ctx.rnd);
    const model = pick(ctx.rnd, MODELS);
    const maxTokens = pick(ctx.rnd, BUDGETS);
    const tz = int(ctx.rnd, -8, 9);
    const lang = pick(ctx.rnd, workedLanguages(P.worked));
    const budget = reasoningBudget();
    let outcomes = 0;
    let texts = 0;
    for (const time of times(ctx, 120, { tz, wake: 8, sleep: 23, from: bornAt(ctx, a, accounts) })) {
      if (blind) {
        // Provenance applies while answers with text are 80% of outcomes or more: keep below it.
        let at = time - between(ctx.rnd, 20, 60) * 1000;
        while (texts > 0 && texts >= 0.78 * outcomes) {
          out.push(blinder(ctx, blind, { time: at, user, ip, headers, model }));
          outcomes++;
          at += between(ctx.rnd, 2, 6) * 1000;
        }
      }
      const conv = pick(ctx.rnd, ctx.corpus.conversations);
      const history = [];
      const depth = int(ctx.rnd, 1, 2);
      for (let k = 0; k < depth; k++) history.push({ role: 'user', content: conv[k] ?? pick(ctx.rnd, ctx.corpus.openers) }, { role: 'assistant', content: pick(ctx.rnd, ctx.corpus.plainAnswers) });
      const worked = budget.take(time);
      const prompt = worked ? withAsk(disguise(ctx, 0.45), { text: paragraphAsk(ctx.rnd) }) : disguise(ctx, 0.45);
      const content = worked ? workedProse(ctx.rnd, P.worked, lang) : ctx.answer(false);
      if (wrap) {
        // The last assistant turn closed by an invented tool call, and its result before the next
        // prompt: a tool loop, which provenance never judges.
        const id = `toolu_w${(toolIds++).toString(36)}`;
        const last = history.pop();
        history.push({ role: 'assistant', content: [{ type: 'text', text: last.content }, { type: 'tool_use', id, name: WRAP_TOOL.name, input: { query: conv[0]?.slice(0, 60) ?? 'notes' } }] });
        const line = request({ time, user, ip, headers, model, maxTokens, messages: [...history, { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'No further notes.' }, { type: 'text', text: prompt }] }], content, stream: true });
        line.body.tools = [WRAP_TOOL];
        out.push(line);
      } else out.push(request({ time, user, ip, headers, model, maxTokens, messages: [...history, { role: 'user', content: prompt }], content, stream: true }));
      outcomes++;
      texts++;
    }
  }
  return out.sort((x, y) => x.time - y.time);
}

/**
 * A plain harvest at the most an account is served without a 429: fresh questions (below the
 * instruction bar, no frame), plain answers, one residential address and a browser each, around
 * the clock at about 20 requests an hour (peaks below the 40 of `PEAK_FLOOR`). `aged`: the account
 * was first seen 8-13 days before (one short chat) and touched once 1-5 days before the harvest
 * (idle state lives 7 days), so it is past probation; otherwise it is first seen with its harvest.
 */
function roundTheClock(shared, P, scale, { name, salt, aged, perDay = 480, wake = 0, sdk = false, frame = false }) {
  const ctx = ownStream(shared, salt);
  const out = [];
  const accounts = Math.round(25 * scale);
  for (let a = 0; a < accounts; a++) {
    const user = `adv-${name}-${a}`;
    const ip = residentialIp(ctx.rnd);
    const headers = sdk ? scriptedHeaders(ctx.rnd, pick(ctx.rnd, SDKS)) : browserHeaders(ctx.rnd);
    const model = pick(ctx.rnd, MODELS);
    const maxTokens = pick(ctx.rnd, BUDGETS);
    const tz = int(ctx.rnd, -8, 9);
    // A frame of the account's own: a first line made of words no other account draws together.
    const own = frame ? `${Array.from({ length: 4 }, () => pick(ctx.rnd, pick(ctx.rnd, ctx.corpus.openers).split(/\s+/).filter((w) => /^[a-z]{4,}$/i.test(w)) ?? ['notes']) ?? 'notes').join(' ')} ref ${int(ctx.rnd, 100, 999)}:` : undefined;
    if (aged) {
      for (const [from, turns] of [[ctx.start - between(ctx.rnd, 8, 13) * DAY, 2], [ctx.start - between(ctx.rnd, 1, 5) * DAY, 1]]) {
        let history = [];
        let time = from;
        for (const prompt of pick(ctx.rnd, ctx.corpus.conversations).slice(0, turns)) {
          const messages = [...history, { role: 'user', content: prompt }];
          const content = ctx.answer(false);
          out.push(request({ time, user, ip, headers, model, messages, content, stream: true }));
          history = [...messages, { role: 'assistant', content }];
          time += humanTurnGap(ctx.rnd, content.length, prompt.length);
        }
      }
    }
    for (const time of times(ctx, perDay, { tz, wake, sleep: 24, from: ctx.start + ctx.rnd() * 6 * HOUR })) {
      const ask = disguise(ctx, 0.45);
      out.push(request({ time, user, ip, headers, model, maxTokens, messages: [{ role: 'user', content: own ? `${own}\n\n${ask}` : ask }], content: ctx.answer(false), stream: true }));
    }
  }
  return out.sort((x, y) => x.time - y.time);
}

/** A paced conversation of worked derivations (honest history, reading time); returns its requests and end. */
function workedConversation(ctx, P, { user, ip, headers, time, turns, until, lang }) {
  const out = [];
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

export const ROUND10 = {
  /**
   * The merged-history harvest with the provenance check switched off by replies that serve no
   * text (a stop sequence that fires at once): about one request in five.
   * Cost: 60 residential browser accounts; the blinders cost a token each.
   */
  blind(shared, P, scale) {
    return merged(shared, P, scale, { name: 'blind', salt: 0xb11d0, blind: 'empty' });
  },

  /**
   * `blind` with a forced call of a trivial tool as the reply that serves no text (held out of the
   * tuning: another way to serve nothing in words). Needs an operator who lets clients define tools
   * (`DG_REPLAY_CONFIG='{"shield":{"request":{"tools":"any"}}}'`); the default shield refuses the
   * blinders, and the account is then judged as `merge`.
   * Cost: as `blind`.
   */
  blindtool(shared, P, scale) {
    return merged(shared, P, scale, { name: 'blindtool', salt: 0xb1170, blind: 'tool' });
  },

  /**
   * `blind` without the blinders: what the merged histories cost on their own.
   * Cost: 60 residential browser accounts.
   */
  merge(shared, P, scale) {
    return merged(shared, P, scale, { name: 'merge', salt: 0x3e26e, blind: undefined });
  },

  /**
   * `merge` adapted to the fix of `blind` (added after the round's first run and fix, on a stream of
   * its own, measured once on the fixed build): each invented history ends in a tool call the
   * account was never served and its result, so the turn it continues is a tool loop, which
   * provenance never judges. Needs tools allowed (the default shield refuses `tools`).
   * Cost: as `merge`.
   */
  toolwrap(shared, P, scale) {
    return merged(shared, P, scale, { name: 'toolwrap', salt: 0x7a9e0, wrap: true });
  },

  /**
   * The plain harvest around the clock on accounts past probation (first seen more than a week
   * before, touched once since).
   * Cost: 25 residential browser accounts bought a week or two old (three requests of chat each).
   */
  dormant(shared, P, scale) {
    return roundTheClock(shared, P, scale, { name: 'dormant', salt: 0xd0a3e, aged: true });
  },

  /**
   * The same harvest on accounts first seen with it (probation binds): what the aging buys.
   * Cost: 25 residential browser accounts.
   */
  newborn(shared, P, scale) {
    return roundTheClock(shared, P, scale, { name: 'newborn', salt: 0x0eb0a, aged: false });
  },

  /**
   * Held-out variants of `newborn`, added with the fix of the plain harvest (det11) and measured,
   * not tuned on: the same harvest from an SDK client with a frame of its own per account
   * (`sdkframe`: it says it is automation, and looks like an integration of one template), with a
   * 4-hour break a day (`sleeper`: 480 a day in 20 hours), and at 250 a day (`slow250`).
   * Cost: 25 residential accounts each.
   */
  sdkframe(shared, P, scale) {
    return roundTheClock(shared, P, scale, { name: 'sdkframe', salt: 0x5dcf1, aged: false, sdk: true, frame: true });
  },
  sleeper(shared, P, scale) {
    return roundTheClock(shared, P, scale, { name: 'sleeper', salt: 0x51ee9, aged: true, wake: 4 });
  },
  slow250(shared, P, scale) {
    return roundTheClock(shared, P, scale, { name: 'slow250', salt: 0x5e250, aged: false, perDay: 250 });
  },

  /**
   * Reasoning burners across the two grids of the allowance: each account opens about an hour
   * before a noon UTC and takes 30 worked derivations in paced conversations until noon, waits,
   * and takes 30 more just after the next midnight: 60 in a little over 12 hours.
   * Cost: 100 residential browser accounts, one address each.
   */
  edge(shared, P, scale) {
    const ctx = ownStream(shared, 0xed9e0);
    const out = [];
    const accounts = Math.round(100 * scale);
    const noons = [];
    for (let m = Math.ceil((ctx.start - DAY / 2) / DAY) * DAY + DAY / 2; m + 13 * HOUR < ctx.end; m += DAY) if (m - HOUR > ctx.start) noons.push(m);
    for (let a = 0; a < accounts; a++) {
      const user = `adv-edge-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const lang = pick(ctx.rnd, workedLanguages(P.worked));
      const noon = noons[a % noons.length];
      let time = noon - between(ctx.rnd, 55, 70) * MIN;
      for (const until of [noon, noon + 12 * HOUR + 3 * HOUR]) {
        let taken = 0;
        while (taken < 30 && time < until && time < ctx.end) {
          const c = workedConversation(ctx, P, { user, ip, headers, time, turns: Math.min(6, 30 - taken), until, lang });
          out.push(...c.out);
          taken += c.out.length;
          time = c.time + between(ctx.rnd, 5, 40) * 1000;
        }
        if (until === noon) time = noon + 12 * HOUR + between(ctx.rnd, 1, 5) * MIN;
      }
    }
    return out.sort((x, y) => x.time - y.time);
  },

  /**
   * The harvest mixed into an honest-looking account: a person's chat (real conversations replayed
   * with their timing, six sessions a day: replies, honest history) and, between them, fresh tasks
   * worded as questions at ~60 a day, 28 of them a day asking for worked derivations (below the
   * allowance on both grids) and the rest plain. The replies keep the account out of cohorts.
   * Cost: 60 residential browser accounts.
   */
  blend(shared, P, scale) {
    const ctx = ownStream(shared, 0xb1e9d);
    const out = [];
    const accounts = Math.round(60 * scale);
    for (let a = 0; a < accounts; a++) {
      const user = `adv-blend-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      const from = bornAt(ctx, a, accounts);
      const lang = pick(ctx.rnd, workedLanguages(P.worked));
      out.push(...chat(ctx, { user, ip, headers, tz, from, to: ctx.end, sessionsPerDay: 6 }));
      const budget = reasoningBudget();
      for (const time of times(ctx, 60, { tz, wake: 8, sleep: 23, from })) {
        const worked = budget.take(time);
        const task = disguise(ctx, 0.45);
        const prompt = worked ? withAsk(task, { text: paragraphAsk(ctx.rnd) }) : task;
        const content = worked ? workedProse(ctx.rnd, P.worked, lang) : ctx.answer(false);
        out.push(request({ time, user, ip, headers, model: TEACHER, messages: [{ role: 'user', content: prompt }], content, stream: true }));
      }
    }
    return out.sort((x, y) => x.time - y.time);
  },
};

/** Report names and descriptions of the tenth round (no bars: first measured, never tuned on before). */
export const ROUND10_FAMILIES = {
  blind: { fn: 'blind', what: 'tenth round: merged histories the account was never served, provenance switched off by replies that serve no text (a stop sequence)' },
  blindtool: { fn: 'blindtool', what: 'tenth round: blind with forced calls of a trivial tool as the text-less replies (needs tools allowed)' },
  toolwrap: { fn: 'toolwrap', what: 'tenth round (added after its fix): merge with every invented history closed by an invented tool call (needs tools allowed)' },
  merge: { fn: 'merge', what: 'tenth round: the merged histories without the text-less replies' },
  dormant: { fn: 'dormant', what: 'tenth round: a plain harvest around the clock on accounts first seen over a week before (past probation)' },
  newborn: { fn: 'newborn', what: 'tenth round: the same harvest on accounts first seen with it' },
  sdkframe: { fn: 'sdkframe', what: 'tenth round (held out, det11): newborn from an SDK client with a frame of its own per account' },
  sleeper: { fn: 'sleeper', what: 'tenth round (held out, det11): dormant with a 4-hour break a day (480 a day in 20 hours)' },
  slow250: { fn: 'slow250', what: 'tenth round (held out, det11): newborn at 250 a day' },
  edge: { fn: 'edge', what: 'tenth round: 30 derivations before a noon UTC and 30 after the next midnight' },
  blend: { fn: 'blend', what: 'tenth round: a person\'s chat with fresh harvest questions between its sessions, 28 derivations a day' },
};

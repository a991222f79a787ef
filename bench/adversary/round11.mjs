// Eleventh round of white-box campaigns (`node bench/adversary/run.mjs --round 11`), written on
// 2026-12-08 against the detector as it stands after `machine-pace` (the tenth round's plain
// harvest), by reading docs/detection.md and packages/core/src/detector/ (signals.ts
// `scoreAccount` and `MACHINE_PACE`, engine.ts `post`, cohort.ts, population.ts,
// flag-allowance.ts, probation.ts) and bench/adversary/round10.mjs, and measured once on main
// before any change. Each campaign is what an attacker who read that code would choose for the
// most plain answers per account (breadth: full answers to fresh questions) at the least cost in
// accounts.
//
// What the attacker read, and uses:
// - `machine-pace` (signals.ts) is the only evidence a plain harvest of fresh questions leaves
//   beyond shape (capped below the flag threshold: at most a throttle, 2 s and 1,024 tokens). It
//   reads: answers served this UTC day from 120 (full at 240) or requests in the six-hour recent
//   window from 60 (full at 120), times a browser client (the account's MEAN `scripted`: full
//   below 0.1, nothing from 0.3), times answers most of the tokens (the LIFETIME output share:
//   nothing below 0.4, full from 0.7). Each factor is the attacker's to zero:
//   - say it is automation: an SDK or HTTP-library user agent reads `scripted` 0.97 (an unknown
//     one 0.7), and the detector deliberately does not judge automation on pace
//     (`sdkfleet`, `sdkslice`);
//   - a browser user agent with only two of the headers browsers send reads 0.3 (`halfbrowser`);
//     a browser that sends one request in three from an SDK client averages about 0.38
//     (`mixedua`): neither is a browser to the signal, and each is barely scripted to the shape;
//   - the output share is lifetime tokens: prompts padded with text that asks nothing keep it
//     below 0.4 (`shaped`, `shapedsys`), and so do a few prompts near the shield's 200,000
//     characters sent first (`ballast`);
//   - stay below the floors: 110 answers a UTC day and fewer than 55 requests in any six hours
//     (`underfloor`, `edgefloor`).
// - a harvest of fresh questions below the instruction bar, with no frame, leaves no other
//   harvest evidence (no forged history, no reasoning asked for or served, the classifier sees no
//   task); cohorts key on the first-seen day, so accounts started over the first half day share
//   a few cohorts, and the per-account knobs (model, budget, client) split them;
// - probation (60,000 answer tokens the first UTC day, doubling while the verdict is `allow`)
//   binds a new account's first day at about 180 plain answers; a throttle keeps the first day's
//   quota for seven days.
// Held out (written with the rest, never tuned on): `sdkslice`, `edgefloor`, `shapedsys`,
// `ballast`. Each campaign draws from a random stream of its own, so adding or removing one
// leaves the others' traffic as first measured.
import { promptFingerprint } from '@distill-guard/core/detector';
import { ownStream } from './asks.mjs';
import { disguise } from './round3.mjs';
import { between, browserHeaders, exp, HOUR, int, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5'];
const BUDGETS = [1024, 2048, 4096, 8192];
const utcDay = (t) => Math.floor(t / DAY);

/** SDK clients as their libraries announce themselves, varied across accounts. */
const SDK_UAS = ['Anthropic/Python 0.75.0', 'Anthropic/JS 0.71.0', 'OpenAI/Python 2.8.1', 'OpenAI/JS 6.9.0', 'anthropic-typescript/0.71.0', 'anthropic-python/0.75.0', 'python-httpx/0.28.1', 'axios/1.7.9', 'node'];
/** Held out: other libraries, and names of the attacker's own (they read as an unknown client). */
const OTHER_UAS = ['Go-http-client/2.0', 'okhttp/4.12.0', 'curl/8.5.0', 'Faraday v2.12.2', 'Apache-HttpClient/5.4.1 (Java/21)', 'ruby', 'notes-sync/3.2 (+https://example.org/bot-free)', 'ktor-client', 'reqwest/0.12.9', 'Dart/3.5 (dart:io)'];

/** SDK headers: what the official SDKs send beside the user agent. */
export function sdkHeaders(rnd, ua) {
  const h = scriptedHeaders(rnd, ua);
  if (/^(Anthropic|OpenAI)\//.test(ua)) {
    h.accept = 'application/json';
    h['x-stainless-lang'] = /Python/.test(ua) ? 'python' : 'js';
    h['x-stainless-retry-count'] = '0';
  }
  return h;
}

/** A browser user agent with two of the four headers browsers send: `scripted` 0.3 ("unknown"). */
function halfBrowserHeaders(rnd) {
  const h = browserHeaders(rnd);
  delete h.origin;
  delete h['sec-fetch-mode'];
  return h;
}

/**
 * Request times at `perDay` a day within waking hours (Poisson), kept under a cap of answers per
 * UTC day and of requests in any `windowMs` (the attacker counts its own requests).
 */
export function pacedTimes(ctx, perDay, { from, to = ctx.end, wake = 0, sleep = 24, tz = 0, dayCap = Infinity, windowCap = Infinity, windowMs = 6 * HOUR }) {
  const out = [];
  const perUtcDay = new Map();
  const window = [];
  const activeHours = (sleep - wake + 24) % 24 || 24;
  const mean = (activeHours * HOUR) / perDay;
  const awake = (t) => {
    for (let g = 0; g < 48; g++) {
      const h = (((Math.floor(t / HOUR) + tz) % 24) + 24) % 24;
      if (h >= wake && h < sleep) return t;
      t = (Math.floor(t / HOUR) + 1) * HOUR;
    }
    return t;
  };
  let t = awake(from + exp(ctx.rnd, mean));
  while (t < to) {
    while (window.length && window[0] <= t - windowMs) window.shift();
    const d = utcDay(t);
    const used = perUtcDay.get(d) ?? 0;
    if (used < dayCap && window.length < windowCap) {
      out.push(t);
      perUtcDay.set(d, used + 1);
      window.push(t);
    }
    t = awake(t + exp(ctx.rnd, mean));
  }
  return out;
}

/** Background text that asks nothing: two or three of the log's answers under a label. */
function padding(ctx, chars) {
  let text = 'Background notes, for context only (no action needed):\n';
  while (text.length < chars) text += `${pick(ctx.rnd, ctx.corpus.plainAnswers)}\n\n`;
  return text.slice(0, chars);
}

/**
 * A question behind unlabelled padding (the log's answers, entered at a random sentence, so no
 * first line is shared), checked with the exported classifier as the attacker would: the padded
 * prompt must still read as no task (below 0.45), no scaffold, no reasoning asked for.
 */
export function paddedPrompt(ctx, prompt, chars) {
  let best;
  for (let tries = 0; tries < 6; tries++) {
    let text = '';
    while (text.length < chars) {
      const sentences = pick(ctx.rnd, ctx.corpus.plainAnswers).split(/(?<=[.!?])\s+/);
      text += `${sentences.slice(Math.floor(ctx.rnd() * sentences.length)).join(' ')}\n\n`;
    }
    best = `${text.slice(0, chars).trim()}\n\n${prompt}`;
    const fp = promptFingerprint(best);
    if (fp.style.probability < 0.45 && !fp.style.scaffold && fp.reasoning < 0.1) return best;
  }
  return best;
}

/**
 * The plain harvest: fresh questions below the instruction bar, no frame unless asked, plain
 * answers, one residential address per account, each account with its own model and budget.
 * `client(rnd, a)` gives an account's headers (or a function of the request index for a client
 * that changes); `shape(ctx, ask)` the request's messages and system prompt.
 */
export function plainHarvest(shared, P, scale, { name, salt, accounts, perDay, client, wake = 0, sleep = 24, dayCap, windowCap, startOver = 12 * HOUR, frame = false, shape, ballast }) {
  const ctx = ownStream(shared, salt);
  const out = [];
  const count = Math.max(1, Math.round(accounts * scale));
  for (let a = 0; a < count; a++) {
    const user = `adv-${name}-${a}`;
    const ip = residentialIp(ctx.rnd);
    const headersOf = client(ctx.rnd, a);
    const model = pick(ctx.rnd, MODELS);
    const maxTokens = pick(ctx.rnd, BUDGETS);
    const tz = int(ctx.rnd, -8, 9);
    const rate = typeof perDay === 'number' ? perDay : between(ctx.rnd, perDay[0], perDay[1]);
    // A frame of the account's own: a first line of words no other account draws together.
    const own = frame ? `${Array.from({ length: 4 }, () => pick(ctx.rnd, pick(ctx.rnd, ctx.corpus.openers).split(/\s+/).filter((w) => /^[a-z]{4,}$/i.test(w)) ?? ['notes']) ?? 'notes').join(' ')} ref ${int(ctx.rnd, 100, 999)}:` : undefined;
    const from = ctx.start + ctx.rnd() * startOver;
    let k = 0;
    if (ballast) {
      // Long prompts first, each under the shield's 50,000 estimated input tokens (120,000
      // characters of prose; 190,000 were refused): the lifetime output share stays below 0.4 for
      // the days after.
      let time = from;
      for (let b = 0; b < ballast; b++) {
        const headers = typeof headersOf === 'function' ? headersOf(k++) : headersOf;
        const ask = disguise(ctx, 0.45);
        out.push(request({ time, user, ip, headers, model, maxTokens, messages: [{ role: 'user', content: `${padding(ctx, 120_000)}\n\n${ask}` }], content: ctx.answer(false), stream: true }));
        time += between(ctx.rnd, 60, 180) * 1000;
      }
    }
    for (const time of pacedTimes(ctx, rate, { from: from + (ballast ? HOUR : 0), wake, sleep, tz, dayCap, windowCap })) {
      const headers = typeof headersOf === 'function' ? headersOf(k++) : headersOf;
      const ask = disguise(ctx, 0.45);
      const prompt = own ? `${own}\n\n${ask}` : ask;
      const { messages, system } = shape ? shape(ctx, prompt) : { messages: [{ role: 'user', content: prompt }] };
      out.push(request({ time, user, ip, headers, model, maxTokens, messages, system, content: ctx.answer(false), stream: true }));
    }
  }
  return out.sort((x, y) => x.time - y.time);
}

export const ROUND11 = {
  /**
   * A fleet of SDK accounts: each says it is automation (an SDK user agent, varied across
   * accounts), each harvests 150-300 plain answers a day around the clock from an address of its
   * own, started over the first half day.
   * Cost: 60 residential addresses and accounts.
   */
  sdkfleet(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'sdkfleet', salt: 0x5df1e, accounts: 60, perDay: [150, 300], client: (rnd) => sdkHeaders(rnd, pick(rnd, SDK_UAS)) });
  },

  /**
   * Held out: the SDK fleet in a ten-hour working day (150-250 a day), other libraries and
   * made-up client names, and a frame of its own per account (it looks like an integration of one
   * template each).
   * Cost: 40 residential addresses and accounts.
   */
  sdkslice(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'sdkslice', salt: 0x5d511, accounts: 40, perDay: [150, 250], wake: 8, sleep: 18, frame: true, client: (rnd) => sdkHeaders(rnd, pick(rnd, OTHER_UAS)) });
  },

  /**
   * A browser harvest just under `machine-pace`'s floors: 110 answers a UTC day at most and fewer
   * than 55 requests in any six hours, around the clock.
   * Cost: 60 residential browser accounts.
   */
  underfloor(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'underfloor', salt: 0x0f100, accounts: 60, perDay: 115, dayCap: 110, windowCap: 54, client: (rnd) => browserHeaders(rnd) });
  },

  /**
   * Held out: at the floors themselves (119 a UTC day, 59 in six hours), in 18 waking hours.
   * Cost: 40 residential browser accounts.
   */
  edgefloor(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'edgefloor', salt: 0xedf10, accounts: 40, perDay: 125, wake: 6, sleep: 24, dayCap: 119, windowCap: 59, client: (rnd) => browserHeaders(rnd) });
  },

  /**
   * A browser harvest at ~480 a day around the clock whose prompts carry ~3,000 characters of
   * unlabelled background that asks nothing before the question (checked with the exported
   * classifier: no task, no scaffold, no reasoning asked for): the output share stays near 0.3,
   * below `machine-pace`'s 0.4.
   * Cost: 25 residential browser accounts (and the padding's input tokens).
   */
  shaped(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'shaped', salt: 0x5ba9e, accounts: 25, perDay: 480, client: (rnd) => browserHeaders(rnd), shape: (ctx, prompt) => ({ messages: [{ role: 'user', content: paddedPrompt(ctx, prompt, int(ctx.rnd, 2600, 3400)) }] }) });
  },

  /**
   * Held out: the padding as a system prompt drawn per request (no two accounts share one, so no
   * system-prompt link).
   * Cost: as `shaped`.
   */
  shapedsys(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'shapedsys', salt: 0x5b5a5, accounts: 25, perDay: 480, client: (rnd) => browserHeaders(rnd), shape: (ctx, prompt) => ({ system: padding(ctx, int(ctx.rnd, 2600, 3400)), messages: [{ role: 'user', content: prompt }] }) });
  },

  /**
   * Held out: the output share is read over the account's life, so a few long prompts sent first
   * (120,000 characters, about 30,000 input tokens each, under the shield's 50,000 estimated)
   * hold it below 0.4 for days of short questions at ~480 a day.
   * Cost: 10 residential browser accounts (and 24 long prompts each).
   */
  ballast(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'ballast', salt: 0xba1a5, accounts: 10, perDay: 480, ballast: 24, client: (rnd) => browserHeaders(rnd) });
  },

  /**
   * A browser user agent with two of the four headers browsers send (`scripted` 0.3): not a
   * browser to `machine-pace`, barely scripted to the shape. ~480 a day around the clock.
   * Cost: 25 residential accounts.
   */
  halfbrowser(shared, P, scale) {
    return plainHarvest(shared, P, scale, { name: 'halfbrowser', salt: 0x4a1fb, accounts: 25, perDay: 480, client: (rnd) => halfBrowserHeaders(rnd) });
  },

  /**
   * A browser that sends about one request in three from an SDK client on the same address: the
   * account's mean `scripted` is about 0.38, so `machine-pace` reads no browser. ~480 a day
   * around the clock.
   * Cost: 25 residential accounts.
   */
  mixedua(shared, P, scale) {
    return plainHarvest(shared, P, scale, {
      name: 'mixedua',
      salt: 0x3ed0a,
      accounts: 25,
      perDay: 480,
      client: (rnd) => {
        const browser = browserHeaders(rnd);
        const sdk = sdkHeaders(rnd, pick(rnd, SDK_UAS));
        // Every third request (a fixed cycle, so each day's mean is the same) from the SDK.
        return (k) => (k % 3 === 2 ? sdk : browser);
      },
    });
  },
};

/** Report names and descriptions of the eleventh round (no bars: first measured, never tuned on before). */
export const ROUND11_FAMILIES = {
  sdkfleet: { fn: 'sdkfleet', what: 'eleventh round: 60 SDK accounts (user agents varied), each 150-300 plain answers a day around the clock' },
  sdkslice: { fn: 'sdkslice', what: 'eleventh round (held out): 40 SDK and library accounts, 150-250 a day in office hours, a frame of their own' },
  underfloor: { fn: 'underfloor', what: 'eleventh round: 60 browser accounts at 110 a UTC day, under 55 in six hours' },
  edgefloor: { fn: 'edgefloor', what: 'eleventh round (held out): 40 browser accounts at 119 a UTC day, 59 in six hours, 18 waking hours' },
  shaped: { fn: 'shaped', what: 'eleventh round: 25 browser accounts at ~480 a day, prompts padded with unlabelled text so the output share is ~0.3' },
  shapedsys: { fn: 'shapedsys', what: 'eleventh round (held out): shaped with the padding in a system prompt drawn per request' },
  ballast: { fn: 'ballast', what: 'eleventh round (held out): 10 browser accounts, 24 prompts of 120,000 characters first, then ~480 short questions a day' },
  halfbrowser: { fn: 'halfbrowser', what: 'eleventh round: 25 accounts with a browser user agent and two of the four browser headers, ~480 a day' },
  mixedua: { fn: 'mixedua', what: 'eleventh round: 25 browser accounts sending one request in three from an SDK client, ~480 a day' },
};

// Twelfth round, fleets (`node bench/adversary/run.mjs --round 12f`): white-box campaigns written on
// 2026-12-08 against the detector's fleet evidence (packages/core/src/detector/fleet.ts), by
// reading it and engine.ts `post`, and measured once before any change to it.
//
// What the attacker read, and uses: an account is a fleet member on a UTC day only once it has
// been served 60 answers that day (`FLEET_DAY_ANSWERS`), has 20 requests, starts 70% of them fresh
// and takes 60% of its lifetime tokens as answers; the fleet (day x automation-or-browser) links
// from about 9 such members. Each condition is the attacker's to miss:
// - `fleetunder`: stay under the day's 60 answers on more accounts (the fleet never forms);
// - `fleetchat`: every other request a short reply continuing the answer just served (a genuine
//   follow-up: not fresh), so under 70% start fresh; the follow-up's answer is harvested too;
// - `fleetpad`: background text that asks nothing before each question keeps answers under 60% of
//   the tokens (the lifetime share), at the cost of input tokens.
// Each campaign draws from a random stream of its own.
import { ownStream } from './asks.mjs';
import { disguise } from './round3.mjs';
import { between, exp, HOUR, int, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const SDK_UAS = ['Anthropic/Python 0.75.0', 'Anthropic/JS 0.71.0', 'OpenAI/Python 2.8.1', 'OpenAI/JS 6.9.0', 'anthropic-python/0.75.0', 'python-httpx/0.28.1', 'axios/1.7.9', 'node'];
const MODELS = ['claude-sonnet-4-5', 'claude-opus-4-5', 'claude-haiku-4-5'];
const BUDGETS = [1024, 2048, 4096, 8192];
const REPLIES = ['Tell me more.', 'Go on.', 'And then?', 'Why so?', 'More detail please.', 'Interesting, continue.'];

/** Request times at `perDay` a day around the clock (Poisson), at most `dayCap` in a UTC day. */
function times(ctx, perDay, from, dayCap = Infinity) {
  const out = [];
  const perUtcDay = new Map();
  for (let t = from + exp(ctx.rnd, DAY / perDay); t < ctx.end; t += exp(ctx.rnd, DAY / perDay)) {
    const d = Math.floor(t / DAY);
    const used = perUtcDay.get(d) ?? 0;
    if (used >= dayCap) continue;
    perUtcDay.set(d, used + 1);
    out.push(t);
  }
  return out;
}

/** Background text that asks nothing, `chars` long: the log's answers, entered at a random sentence. */
function background(ctx, chars) {
  let text = '';
  while (text.length < chars) {
    const sentences = pick(ctx.rnd, ctx.corpus.plainAnswers).split(/(?<=[.!?])\s+/);
    text += `${sentences.slice(Math.floor(ctx.rnd() * sentences.length)).join(' ')}\n\n`;
  }
  return text.slice(0, chars).trim();
}

/** SDK accounts harvesting plain answers; `mode` decides how each request is shaped. */
function sdkHarvest(shared, scale, { name, salt, accounts, perDay, dayCap, mode }) {
  const ctx = ownStream(shared, salt);
  const out = [];
  const count = Math.max(1, Math.round(accounts * scale));
  for (let a = 0; a < count; a++) {
    const user = `adv-${name}-${a}`;
    const ip = residentialIp(ctx.rnd);
    const headers = scriptedHeaders(ctx.rnd, pick(ctx.rnd, SDK_UAS));
    const model = pick(ctx.rnd, MODELS);
    const maxTokens = pick(ctx.rnd, BUDGETS);
    const rate = between(ctx.rnd, perDay[0], perDay[1]);
    let last;
    for (const time of times(ctx, rate, ctx.start + ctx.rnd() * 12 * HOUR, dayCap)) {
      const content = ctx.answer(false);
      let messages;
      if (mode === 'chat' && last && ctx.rnd() < 0.5) {
        messages = [...last.messages, { role: 'assistant', content: last.content }, { role: 'user', content: pick(ctx.rnd, REPLIES) }];
        last = undefined;
      } else {
        const ask = disguise(ctx, 0.45);
        const prompt = mode === 'pad' ? `${background(ctx, int(ctx.rnd, 2200, 3200))}\n\n${ask}` : ask;
        messages = [{ role: 'user', content: prompt }];
        last = { messages, content };
      }
      out.push(request({ time, user, ip, headers, model, maxTokens, messages, content, stream: true }));
    }
  }
  return out.sort((x, y) => x.time - y.time);
}

export const ROUND12F = {
  /** 80 SDK accounts, each 100-200 a day offered but at most 55 answers a UTC day. Cost: 80 accounts and addresses. */
  fleetunder(shared, _P, scale) {
    return sdkHarvest(shared, scale, { name: 'fleetunder', salt: 0xf1e01, accounts: 80, perDay: [100, 200], dayCap: 55, mode: 'plain' });
  },
  /** 60 SDK accounts, 150-300 a day, half the requests a short reply continuing the answer just served. */
  fleetchat(shared, _P, scale) {
    return sdkHarvest(shared, scale, { name: 'fleetchat', salt: 0xf1e02, accounts: 60, perDay: [150, 300], mode: 'chat' });
  },
  /** 60 SDK accounts, 150-300 a day, 2,200-3,200 characters of background before each question. */
  fleetpad(shared, _P, scale) {
    return sdkHarvest(shared, scale, { name: 'fleetpad', salt: 0xf1e03, accounts: 60, perDay: [150, 300], mode: 'pad' });
  },
};

export const ROUND12F_FAMILIES = {
  fleetunder: { fn: 'fleetunder', what: 'twelfth round (fleets): 80 SDK accounts at most 55 answers a UTC day' },
  fleetchat: { fn: 'fleetchat', what: 'twelfth round (fleets): 60 SDK accounts, half the requests a reply continuing the last answer' },
  fleetpad: { fn: 'fleetpad', what: 'twelfth round (fleets): 60 SDK accounts, background text before each question' },
};

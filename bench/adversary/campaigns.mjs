// White-box harvesting campaigns: each is written by an attacker who has read docs/detection.md
// and the detector's source, and does what that reading suggests (browser headers, residential
// addresses, human hours, first-person openers, invented histories, one frame per account,
// accounts aged on ordinary chat, thousands of light accounts). Every campaign is a function of
// (context, phrasing, scale) returning its log records and the truth about its accounts.
import { promptFingerprint } from '@distill-guard/core/detector';
import { awake, between, browserHeaders, datacenterBlock, exp, HOUR, humanTurnGap, inBlock, int, MIN, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;

/** Request times of an account at `perDay` a day, Poisson within its waking hours. */
export function times(ctx, perDay, { tz = 0, wake = 7, sleep = 23, from = ctx.start, to = ctx.end } = {}) {
  const out = [];
  const activeMs = ((sleep - wake + 24) % 24 || 24) * HOUR;
  const mean = activeMs / perDay;
  let t = awake(from + exp(ctx.rnd, mean), tz, wake, sleep);
  while (t < to) {
    out.push(t);
    t = awake(t + exp(ctx.rnd, mean), tz, wake, sleep);
  }
  return out;
}

/** A served answer rewritten so it was never served to anyone: an invented earlier turn. */
function invent(ctx) {
  const parts = pick(ctx.rnd, ctx.corpus.plainAnswers).split(/(?<=[.!?])\s+/);
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.rnd() * (i + 1));
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  return `Sure. ${parts.join(' ')}`.slice(0, 1500);
}

const withAsk = (prompt, ask) => (ask ? `${prompt}\n\n${ask.text}` : prompt);
const answerLang = (ask) => (ask ? ask.lang : 'en');

/** One account's request with a genuine history: earlier turns resend exactly what was served. */
function turn(history, prompt) {
  return [...history, { role: 'user', content: prompt }];
}

export const CAMPAIGNS = {
  /** Every request carries an invented earlier exchange; reasoning asked without keywords. */
  forged(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(60 * scale); a++) {
      const user = `adv-forged-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      for (const time of times(ctx, 390, { tz, wake: 6, sleep: 24 })) {
        const ask = ctx.rnd() < 0.5 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
        const prior = P.invented === 'task' ? pick(ctx.rnd, ctx.corpus.tasks) : pick(ctx.rnd, ctx.corpus.openers).slice(0, 600);
        const messages = [
          { role: 'user', content: prior },
          { role: 'assistant', content: invent(ctx) },
          { role: 'user', content: withAsk(pick(ctx.rnd, ctx.corpus.tasks), ask) },
        ];
        out.push(request({ time, user, ip, headers, messages, content: ctx.answer(!!ask, answerLang(ask)), stream: true }));
      }
    }
    return out;
  },

  /** Scripted "integrations", one fixed frame and one capability each; together a full sweep. */
  shards(ctx, P, scale) {
    const byCap = new Map();
    for (const task of ctx.corpus.tasks) {
      const c = promptFingerprint(task).style.capability;
      if (c === 0) continue;
      (byCap.get(c) ?? byCap.set(c, []).get(c)).push(task);
    }
    const caps = [...byCap.keys()].filter((c) => byCap.get(c).length >= 20).sort((x, y) => x - y);
    const out = [];
    for (let a = 0; a < Math.round(30 * scale); a++) {
      const user = `adv-shard-${a}`;
      const block = datacenterBlock(ctx.rnd);
      const headers = scriptedHeaders(ctx.rnd);
      const frame = P.frames[a % P.frames.length];
      const pool = byCap.get(caps[a % caps.length]);
      const tz = int(ctx.rnd, -8, 9);
      // Office hours, jittered: nothing round the clock, nothing regular.
      for (const time of times(ctx, 460, { tz, wake: 6, sleep: 22 })) {
        out.push(request({ time, user, ip: inBlock(ctx.rnd, block), headers, messages: [{ role: 'user', content: frame(pick(ctx.rnd, pool)) }], content: ctx.answer(false), model: 'claude-sonnet-4-5', maxTokens: 4096 }));
      }
    }
    return out;
  },

  /** First-person openers, reasoning asked in other languages, JSON fields and code comments. */
  reasoning(ctx, P, scale, { count = 599, perDay = 26, name = 'reasoning' } = {}) {
    const out = [];
    for (let a = 0; a < Math.round(count * scale); a++) {
      const user = `adv-${name}-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const opener = pick(ctx.rnd, P.openers);
      const ask = pick(ctx.rnd, P.reasoningAsks);
      const tz = int(ctx.rnd, -8, 9);
      let last;
      for (const time of times(ctx, perDay, { tz, wake: 8, sleep: 24 })) {
        if (last && ctx.rnd() < 0.1 && time - last.time > humanTurnGap(ctx.rnd, last.content.length, 40)) {
          const messages = turn(last.messages, 'Can you go a bit deeper on the last step?');
          const content = ctx.answer(true, ask.lang);
          out.push(request({ time, user, ip, headers, messages, content, stream: true }));
          last = undefined;
          continue;
        }
        const messages = [{ role: 'user', content: withAsk(opener + pick(ctx.rnd, ctx.corpus.tasks), ask) }];
        const content = ctx.answer(true, ask.lang);
        out.push(request({ time, user, ip, headers, messages, content, stream: true }));
        last = { time, content, messages: [...messages, { role: 'assistant', content }] };
      }
    }
    return out;
  },

  /** The same, at 120 requests a day. */
  reasoningFast(ctx, P, scale) {
    return CAMPAIGNS.reasoning(ctx, P, scale, { count: 100, perDay: 120, name: 'reasoning120' });
  },

  /** Two days of ordinary chat (laundered human conversations), then harvesting. */
  aged(ctx, P, scale) {
    const out = [];
    const switchAt = ctx.start + 2 * DAY;
    for (let a = 0; a < Math.round(400 * scale); a++) {
      const user = `adv-aged-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      out.push(...chat(ctx, { user, ip, headers, tz, from: ctx.start, to: switchAt, sessionsPerDay: 3 }));
      for (const time of times(ctx, 45, { tz, wake: 7, sleep: 24, from: switchAt })) {
        const ask = ctx.rnd() < 0.5 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
        out.push(request({ time, user, ip, headers, messages: [{ role: 'user', content: withAsk(pick(ctx.rnd, ctx.corpus.tasks), ask) }], content: ctx.answer(!!ask, answerLang(ask)), stream: true }));
      }
    }
    return out;
  },

  /** Thousands of residential browser accounts, 3-10 instruction prompts a day each. */
  drip(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(5000 * scale); a++) {
      const user = `adv-drip-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      let last;
      for (let day = ctx.start; day < ctx.end; day += DAY) {
        const k = int(ctx.rnd, 3, 10);
        const slots = Array.from({ length: k }, () => awake(day + ctx.rnd() * DAY, tz, 8, 23)).filter((t) => t < ctx.end).sort((x, y) => x - y);
        for (const time of slots) {
          if (last && ctx.rnd() < 0.1 && time - last.time > humanTurnGap(ctx.rnd, last.content.length, 30)) {
            const content = ctx.answer(false);
            out.push(request({ time, user, ip, headers, messages: turn(last.messages, 'thanks! can you expand on that?'), content, stream: true }));
            last = undefined;
            continue;
          }
          const messages = [{ role: 'user', content: P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)) }];
          const content = ctx.answer(false);
          out.push(request({ time, user, ip, headers, messages, content, stream: true }));
          last = { time, content, messages: [...messages, { role: 'assistant', content }] };
        }
      }
    }
    return out;
  },

  /** Real human conversations replayed turn by turn, with human timing and honest history. */
  laundered(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(1000 * scale); a++) {
      const user = `adv-laundered-${a}`;
      out.push(...chat(ctx, { user, ip: residentialIp(ctx.rnd), headers: browserHeaders(ctx.rnd), tz: int(ctx.rnd, -8, 9), from: ctx.start, to: ctx.end, sessionsPerDay: 2.5 }));
    }
    return out;
  },

  /** Ten thousand accounts of two requests each on shared rented networks. */
  burners(ctx, P, scale) {
    const blocks = Array.from({ length: 30 }, () => datacenterBlock(ctx.rnd));
    const uas = [scriptedHeaders(ctx.rnd, 'python-httpx/0.28.1'), scriptedHeaders(ctx.rnd, 'node'), browserHeaders(ctx.rnd, 'en-US,en;q=0.9')];
    const out = [];
    for (let a = 0; a < Math.round(10000 * scale); a++) {
      const user = `adv-burner-${a}`;
      const block = pick(ctx.rnd, blocks);
      const headers = pick(ctx.rnd, uas);
      let time = ctx.start + ctx.rnd() * (ctx.end - ctx.start - 10 * MIN);
      for (let i = 0; i < 2; i++) {
        const ask = ctx.rnd() < 0.4 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
        out.push(request({ time, user, ip: inBlock(ctx.rnd, block), headers, messages: [{ role: 'user', content: withAsk(pick(ctx.rnd, ctx.corpus.tasks), ask) }], content: ctx.answer(!!ask, answerLang(ask)) }));
        time += between(ctx.rnd, 1, 5) * MIN;
      }
    }
    return out;
  },

  /** Half ordinary chat, half harvest, interleaved, at human pace. */
  mixed(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(100 * scale); a++) {
      const user = `adv-mixed-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      out.push(...chat(ctx, { user, ip, headers, tz, from: ctx.start, to: ctx.end, sessionsPerDay: 3 }));
      for (const time of times(ctx, 18, { tz, wake: 8, sleep: 23 })) {
        const ask = ctx.rnd() < 0.3 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
        out.push(request({ time, user, ip, headers, messages: [{ role: 'user', content: withAsk(P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)), ask) }], content: ctx.answer(!!ask, answerLang(ask)), stream: true }));
      }
    }
    return out;
  },

  /** Like the log's hydra2, without its synchronised waves or wrapper: bare tasks, a few honest follow-ups. */
  residential(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(150 * scale); a++) {
      const user = `adv-resid-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      let last;
      for (const time of times(ctx, 15, { tz, wake: 8, sleep: 23 })) {
        if (last && ctx.rnd() < 0.3 && time - last.time > humanTurnGap(ctx.rnd, last.content.length, 30)) {
          const content = ctx.answer(false);
          out.push(request({ time, user, ip, headers, messages: turn(last.messages, pick(ctx.rnd, ['Thanks! Can you expand on that?', 'Interesting. Go on.', 'Could you give an example?'])), content, stream: true }));
          last = undefined;
          continue;
        }
        const messages = [{ role: 'user', content: pick(ctx.rnd, ctx.corpus.tasks) }];
        const content = ctx.answer(false);
        out.push(request({ time, user, ip, headers, messages, content, stream: true }));
        last = { time, content, messages: [...messages, { role: 'assistant', content }] };
      }
    }
    return out;
  },

  /** Burners without shared infrastructure: residential browser accounts, three requests each. */
  burnersResidential(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(2000 * scale); a++) {
      const user = `adv-burnres-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      let time = ctx.start + ctx.rnd() * (ctx.end - ctx.start - HOUR);
      for (let i = 0; i < 3; i++) {
        out.push(request({ time, user, ip, headers, messages: [{ role: 'user', content: P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)) }], content: ctx.answer(false), stream: true }));
        time += between(ctx.rnd, 2, 15) * MIN;
      }
    }
    return out;
  },
};

/**
 * Second round: campaigns written against the final design (read after it was tuned), measured
 * once and never tuned on. Each dodges one mechanism the docs describe.
 */
export const ADAPTIVE = {
  /** Every harvest task is the follow-up of a genuine two-turn conversation: nothing is forged, half the requests carry history. */
  twoTurn(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(300 * scale); a++) {
      const user = `adv-twoturn-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      for (const time of times(ctx, 20, { tz, wake: 8, sleep: 23 })) {
        const opener = pick(ctx.rnd, ['hi! quick question', 'hello, can you help me with something?', 'hey there', 'good morning!']);
        const first = [{ role: 'user', content: opener }];
        const hello = ctx.answer(false);
        out.push(request({ time, user, ip, headers, messages: first, content: hello, stream: true }));
        const ask = ctx.rnd() < 0.5 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
        const messages = [...first, { role: 'assistant', content: hello }, { role: 'user', content: withAsk(pick(ctx.rnd, ctx.corpus.tasks), ask) }];
        out.push(request({ time: time + humanTurnGap(ctx.rnd, hello.length, 80), user, ip, headers, messages, content: ctx.answer(!!ask, answerLang(ask)), stream: true }));
      }
    }
    return out;
  },

  /** Forges history in one request out of five only, and converses honestly otherwise. */
  sparseForger(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(60 * scale); a++) {
      const user = `adv-sparse-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      let last;
      for (const time of times(ctx, 120, { tz, wake: 7, sleep: 24 })) {
        const ask = ctx.rnd() < 0.5 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
        const task = withAsk(pick(ctx.rnd, ctx.corpus.tasks), ask);
        let messages;
        if (ctx.rnd() < 0.2) messages = [{ role: 'user', content: pick(ctx.rnd, ctx.corpus.tasks) }, { role: 'assistant', content: invent(ctx) }, { role: 'user', content: task }];
        else if (last && ctx.rnd() < 0.5) messages = [...last, { role: 'user', content: task }];
        else messages = [{ role: 'user', content: task }];
        const content = ctx.answer(!!ask, answerLang(ask));
        out.push(request({ time, user, ip, headers, messages, content, stream: true }));
        last = [...messages, { role: 'assistant', content }];
      }
    }
    return out;
  },

  /** A drip whose accounts are created steadily over the days, each with its own budget and model: no shared first day or class. */
  staggeredDrip(ctx, P, scale) {
    const out = [];
    const models = ['claude-haiku-4-5', 'claude-haiku-5-5', 'claude-sonnet-4-5', 'claude-sonnet-5-5'];
    const budgets = [512, 1024, 2048, 4096, 8192];
    for (let a = 0; a < Math.round(2000 * scale); a++) {
      const user = `adv-stagger-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      const model = pick(ctx.rnd, models);
      const maxTokens = pick(ctx.rnd, budgets);
      const born = ctx.start + ctx.rnd() * (ctx.end - ctx.start) * 0.8;
      for (const time of times(ctx, between(ctx.rnd, 3, 10), { tz, wake: 8, sleep: 23, from: born })) {
        out.push(request({ time, user, ip, headers, model, maxTokens, messages: [{ role: 'user', content: P.dripStyle(ctx.rnd, pick(ctx.rnd, ctx.corpus.tasks)) }], content: ctx.answer(false), stream: true }));
      }
    }
    return out;
  },

  /** Real human conversations whose last user turn is swapped for a harvest task: genuine history, human timing. */
  launderedTail(ctx, P, scale) {
    const out = [];
    for (let a = 0; a < Math.round(300 * scale); a++) {
      const user = `adv-tail-${a}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -8, 9);
      for (const start of times(ctx, 6, { tz, wake: 8, sleep: 23 })) {
        const conv = pick(ctx.rnd, ctx.corpus.conversations).slice(0, 3);
        let history = [];
        let time = start;
        for (let k = 0; k < conv.length; k++) {
          const last = k === conv.length - 1;
          const ask = last && ctx.rnd() < 0.5 ? pick(ctx.rnd, P.reasoningAsks) : undefined;
          const prompt = last ? withAsk(pick(ctx.rnd, ctx.corpus.tasks), ask) : conv[k];
          const messages = turn(history, prompt);
          const content = ctx.answer(!!ask, answerLang(ask));
          out.push(request({ time, user, ip, headers, messages, content, stream: true }));
          history = [...messages, { role: 'assistant', content }];
          time += humanTurnGap(ctx.rnd, content.length, prompt.length);
        }
      }
    }
    return out;
  },
};

/**
 * Human-looking conversations for one account: sessions at `sessionsPerDay`, each a real human
 * conversation from the corpus replayed turn by turn, resending exactly the answers it was served,
 * each turn after the time a reader needs.
 */
export function chat(ctx, { user, ip, headers, tz, from, to, sessionsPerDay }) {
  const out = [];
  for (const start of times(ctx, sessionsPerDay, { tz, wake: 8, sleep: 23, from, to })) {
    const conv = pick(ctx.rnd, ctx.corpus.conversations);
    let history = [];
    let time = start;
    for (const prompt of conv.slice(0, 6)) {
      if (time >= to) break;
      const messages = turn(history, prompt);
      const content = ctx.answer(false);
      out.push(request({ time, user, ip, headers, messages, content, stream: true }));
      history = [...messages, { role: 'assistant', content }];
      time += humanTurnGap(ctx.rnd, content.length, prompt.length);
    }
  }
  return out;
}

/** Attacker kinds, with the bar each must meet (detected share, or answers per account). */
export const FAMILIES = {
  forged: { bar: { detected: 0.9 }, what: 'forged history: an invented earlier exchange in every request, keyword-free reasoning asks' },
  shards: { bar: { detected: 0.9 }, what: 'one-capability "integrations": scripted, one frame each, a full sweep together' },
  reasoning: { bar: { detected: 0.9 }, what: 'reasoning without keywords: first-person opener, asks in other languages, JSON, code comments (26/day)' },
  reasoning120: { bar: { detected: 0.9 }, what: 'the same at 120 a day' },
  aged: { bar: { detected: 0.9 }, what: 'aged accounts: two days of ordinary chat, then harvesting' },
  drip: { bar: { detected: 0.5 }, what: 'slow drip: residential browser accounts, 3-10 instruction prompts a day' },
  laundered: { bar: {}, what: 'laundered chat: real human conversations replayed with human timing' },
  burners: { bar: { answersPerAccount: 1 }, what: 'burners: two requests each, shared rented networks' },
  mixed: { bar: {}, what: 'mixed: half ordinary chat, half harvest, at human pace' },
  resid: { bar: {}, what: 'residential hydra without waves: bare tasks, honest follow-ups' },
  burnres: { bar: {}, what: 'burners without shared infrastructure: three requests each' },
  twoturn: { bar: {}, what: 'second round: every harvest task the follow-up of a genuine two-turn conversation' },
  sparse: { bar: {}, what: 'second round: forges history in one request of five, converses honestly otherwise' },
  stagger: { bar: {}, what: 'second round: drip accounts created steadily over the days, each with its own budget and model' },
  tail: { bar: {}, what: 'second round: real human conversations whose last turn is a harvest task' },
};

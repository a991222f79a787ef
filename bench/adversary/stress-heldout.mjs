// More benign traffic a real product sees, written on 2026-12-08 before the detector was changed
// for `stress:writer`, and held out of its tuning: one account that generates content for its own
// site, a student who pastes long homework, a support bot relaying customers, a researcher's long
// day of questions, a coding assistant with long code answers. None of them is a harvest; each is
// one account whose own traffic looks like one from some angle. They must never be blocked.
import { awake, between, browserHeaders, exp, HOUR, humanTurnGap, int, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const MIN = 60_000;

const BLOG_TEMPLATES = [
  (t) => `Write a 1200-word blog post for our company blog on the subject below. Include an introduction, three sections with headings and a conclusion with a call to action.\n\nSubject: ${t}`,
  (t) => `Draft a newsletter section (about 400 words) for our customers about: ${t}`,
  (t) => `Write five social media posts promoting an article about the following. Vary the tone.\n\n${t}`,
  (t) => `Create an SEO-friendly product page description. Product context: ${t}`,
  (t) => `Rewrite the following as a friendly FAQ with 6 questions and answers:\n\n${t}`,
];
const SUPPORT_SYSTEM = 'You are the support assistant of Acme Cloud. Answer the customer politely and concisely, using the product documentation. If you do not know, say that a human agent will follow up.';
const HOMEWORK_ASKS = [
  (x) => `Here is my homework, please solve each problem step by step and explain the method so I can learn it:\n\n${x}`,
  (x) => `I have to hand this in tomorrow. Can you walk me through every question, showing all the working?\n\n${x}`,
  (x) => `Solve these and explain each step please\n${x}`,
];
const RESEARCH_FOLLOW = ['Can you go deeper on the second point?', 'What are the main criticisms of that view?', 'Is there evidence for this? Which studies?', 'How does that compare with the older approach?', 'Summarise that in a paragraph I can quote in my notes.'];
const CODE_FOLLOW = ['That throws a TypeError on line 12, can you fix it?', 'Can you add tests for this?', 'Now refactor it to be async.', 'Can you explain why you used a map there?', 'It works, thanks. Can you also handle the empty case?', 'Please add type annotations.'];

/** A conversation: an opening prompt, then follow-ups sent after reading each answer. */
function conversation(ctx, { user, ip, headers, time, end, first, follows, turns, answerOf, maxTokens = 4096, system }) {
  const out = [];
  let messages = [{ role: 'user', content: first }];
  for (let turn = 0; turn < turns && time < end; turn++) {
    const content = answerOf();
    out.push(request({ time, user, ip, headers, messages, content, maxTokens, system, stream: true }));
    const follow = pick(ctx.rnd, follows);
    time += humanTurnGap(ctx.rnd, content.length, follow.length);
    messages = [...messages, { role: 'assistant', content }, { role: 'user', content: follow }];
  }
  return out;
}

export const STRESS_HELDOUT = {
  /**
   * A marketing team's content generator on one API key: five templates (blog posts, newsletters,
   * social posts, product pages, FAQs) over varied topics, long answers, a Node client on a cloud
   * address, in its working hours with a nightly batch of 60.
   */
  blog(ctx) {
    const out = [];
    const headers = scriptedHeaders(ctx.rnd, 'axios/1.7.9');
    const answerOf = () => Array.from({ length: int(ctx.rnd, 1, 3) }, () => pick(ctx.rnd, ctx.corpus.plainAnswers)).join('\n\n');
    const add = (time) => {
      const topic = pick(ctx.rnd, ctx.corpus.openers).slice(0, 300);
      out.push(request({ time, user: 'stress-blog', ip: '35.190.44.12', headers, messages: [{ role: 'user', content: pick(ctx.rnd, BLOG_TEMPLATES)(topic) }], content: answerOf(), maxTokens: 4096 }));
    };
    for (let day = ctx.start; day < ctx.end; day += DAY) {
      let time = awake(day, -5, 9, 18);
      while (time < day + DAY) {
        add(time);
        time = awake(time + exp(ctx.rnd, 4 * MIN), -5, 9, 18);
      }
      // The nightly batch: the next week's posts, one after another.
      let night = day + 3 * HOUR + ctx.rnd() * HOUR;
      for (let k = 0; k < 60; k++, night += between(ctx.rnd, 20, 60) * 1000) add(night);
    }
    return out;
  },

  /**
   * A student who pastes whole homework sheets (several problems in one prompt) and asks for
   * every step, in a browser, on a few long evenings; sometimes asks about a step.
   */
  homework(ctx) {
    const out = [];
    const user = 'stress-homework';
    const ip = residentialIp(ctx.rnd);
    const headers = browserHeaders(ctx.rnd, 'en-US,en;q=0.9');
    const answerOf = () => Array.from({ length: int(ctx.rnd, 1, 3) }, () => ctx.answer(true)).join('\n\n');
    for (let day = ctx.start; day < ctx.end; day += DAY) {
      if (ctx.rnd() < 0.3) continue;
      let time = day + 23 * HOUR + ctx.rnd() * HOUR; // evening in UTC-5
      const end = time + between(ctx.rnd, 2, 4) * HOUR;
      while (time < end) {
        const sheet = Array.from({ length: int(ctx.rnd, 3, 6) }, (_, i) => `${i + 1}. ${pick(ctx.rnd, ctx.corpus.tasks)}`).join('\n');
        const session = conversation(ctx, { user, ip, headers, time, end, first: pick(ctx.rnd, HOMEWORK_ASKS)(sheet), follows: ["I don't understand step 3", 'why is it that and not the other way?', 'can you check question 2 again?', 'ok next one'], turns: int(ctx.rnd, 1, 3), answerOf });
        out.push(...session);
        time = (session.at(-1)?.time ?? time) + between(ctx.rnd, 2, 15) * MIN;
      }
    }
    return out;
  },

  /**
   * A help-desk integration on one key: a fixed system prompt, each customer's question sent as a
   * fresh request (the bot keeps no history), a Python client on a cloud address, around the clock
   * at about 600 a day, short to medium answers.
   */
  support(ctx) {
    const out = [];
    const headers = scriptedHeaders(ctx.rnd, 'python-httpx/0.28.1');
    let time = ctx.start + ctx.rnd() * HOUR;
    while (time < ctx.end) {
      const question = pick(ctx.rnd, ctx.corpus.openers).slice(0, 1500);
      out.push(request({ time, user: 'stress-support', ip: '18.204.61.77', headers, system: SUPPORT_SYSTEM, messages: [{ role: 'user', content: `Customer message:\n${question}` }], content: pick(ctx.rnd, ctx.corpus.plainAnswers), maxTokens: 1024 }));
      // Busier in the day (UTC), quieter at night.
      const hour = new Date(time).getUTCHours();
      time += exp(ctx.rnd, hour >= 8 && hour < 20 ? DAY / 900 : DAY / 300);
    }
    return out;
  },

  /**
   * A researcher's heavy days in a browser: many long explanatory questions, each read before the
   * next, a follow-up or two, ten hours every day.
   */
  researcher(ctx) {
    const out = [];
    const user = 'stress-researcher';
    const ip = residentialIp(ctx.rnd);
    const headers = browserHeaders(ctx.rnd, 'en-GB,en;q=0.9');
    const answerOf = () => Array.from({ length: int(ctx.rnd, 1, 2) }, () => pick(ctx.rnd, ctx.corpus.plainAnswers)).join('\n\n');
    for (let day = ctx.start; day < ctx.end; day += DAY) {
      let time = day + 8 * HOUR + ctx.rnd() * HOUR;
      const end = time + 10 * HOUR;
      while (time < end) {
        const first = `${pick(ctx.rnd, ['Explain in detail: ', 'Give me a thorough overview of ', 'I am writing a literature review. Explain ', ''])}${pick(ctx.rnd, ctx.corpus.openers).slice(0, 800)}`;
        const session = conversation(ctx, { user, ip, headers, time, end, first, follows: RESEARCH_FOLLOW, turns: int(ctx.rnd, 1, 3), answerOf });
        out.push(...session);
        time = (session.at(-1)?.time ?? time) + between(ctx.rnd, 1, 8) * MIN;
      }
    }
    return out;
  },

  /**
   * A developer in an IDE plugin (a scripted client on a home address): coding questions with
   * long code answers, conversations of a few turns with real history, working hours.
   */
  coder(ctx) {
    const out = [];
    const user = 'stress-coder';
    const ip = residentialIp(ctx.rnd);
    const headers = scriptedHeaders(ctx.rnd, 'node');
    const code = (ctx.codeAnswers ??= ctx.corpus.plainAnswers.filter((a) => a.includes('```')));
    const asks = (ctx.codeAsks ??= ctx.corpus.openers.filter((o) => /code|function|python|javascript|typescript|bug|error|sql|regex|class|api/i.test(o)));
    const answerOf = () => Array.from({ length: int(ctx.rnd, 1, 2) }, () => pick(ctx.rnd, code)).join('\n\n');
    let time = awake(ctx.start, 1, 9, 19);
    while (time < ctx.end) {
      const session = conversation(ctx, { user, ip, headers, time, end: ctx.end, first: pick(ctx.rnd, asks), follows: CODE_FOLLOW, turns: int(ctx.rnd, 1, 5), answerOf, maxTokens: 8192 });
      out.push(...session);
      time = awake((session.at(-1)?.time ?? time) + between(ctx.rnd, 2, 20) * MIN, 1, 9, 19);
    }
    return out;
  },
};

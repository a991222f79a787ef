// Benign traffic that looks like harvesting from some angle, and must never be blocked: a school
// lab behind one NAT address, an internal tool on one API key with markdown section labels, a
// translator with one template, students asking for step-by-step answers.
import { promptFingerprint } from '@distill-guard/core/detector';
import { awake, between, browserHeaders, exp, HOUR, humanTurnGap, int, pick, request, residentialIp, scriptedHeaders } from './traffic.mjs';

const DAY = 24 * HOUR;
const STUDENT_ASKS = [
  (x) => `Can you explain this step by step? I don't get it: ${x}`,
  (x) => `${x} — please show the steps, we have to show our work`,
  (x) => `how do I do this one?? ${x}`,
  (x) => `I need help with my homework. ${x} Can you go through it slowly?`,
  (x) => `Kannst du mir das Schritt für Schritt erklären? ${x}`,
  (x) => `Peux-tu m'expliquer étape par étape ? ${x}`,
  (x) => `¿Me lo explicas paso a paso? ${x}`,
  (x) => `${x}`,
];
const STUDENT_FOLLOW = ["I don't get step 2, why?", 'ok but why do we divide there?', 'can you check my answer? I got something different', 'thanks!! can you give me a similar one to practice?', 'wait how did you get that number', 'makes sense now, what about the second part?'];

function homework(ctx) {
  return (ctx.homework ??= ctx.corpus.tasks.filter((t) => {
    const c = promptFingerprint(t).style.capability;
    return c === 2 || c === 9 || c === 11;
  }));
}

/** A student's session: a question, then follow-ups after reading each answer. */
function studentSession(ctx, { user, ip, headers, time, end }) {
  const out = [];
  const lang = pick(ctx.rnd, ['en', 'en', 'en', 'de', 'fr', 'es']);
  const ask = pick(ctx.rnd, STUDENT_ASKS);
  let messages = [{ role: 'user', content: ask(pick(ctx.rnd, homework(ctx))) }];
  for (let turn = 0; turn < int(ctx.rnd, 1, 4) && time < end; turn++) {
    const content = ctx.answer(true, lang);
    out.push(request({ time, user, ip, headers, messages, content, stream: true }));
    const follow = pick(ctx.rnd, STUDENT_FOLLOW);
    time += humanTurnGap(ctx.rnd, content.length, follow.length);
    messages = [...messages, { role: 'assistant', content }, { role: 'user', content: follow }];
  }
  return out;
}

export const STRESS = {
  /** 30 students on the school's one address and one browser image, in class hours. */
  school(ctx) {
    const ip = residentialIp(ctx.rnd);
    const headers = browserHeaders(ctx.rnd, 'en-GB,en;q=0.9');
    const out = [];
    for (let s = 0; s < 30; s++) {
      const user = `stress-school-${s}`;
      for (let day = ctx.start; day < ctx.end; day += DAY) {
        // One lesson a day, 10:00-11:00 school time; each student asks a few questions.
        let time = day + 10 * HOUR + ctx.rnd() * 20 * 60_000;
        const lessonEnd = day + 11 * HOUR;
        while (time < lessonEnd) {
          const session = studentSession(ctx, { user, ip, headers, time, end: lessonEnd });
          out.push(...session);
          time = (session.at(-1)?.time ?? time) + between(ctx.rnd, 3, 12) * 60_000;
        }
      }
    }
    return out;
  },

  /** An internal tool on one API key: markdown section labels around varied requests, office hours. */
  tool(ctx) {
    const out = [];
    const headers = scriptedHeaders(ctx.rnd, 'python-httpx/0.28.1');
    let time = awake(ctx.start, 0, 9, 18);
    while (time < ctx.end) {
      const task = pick(ctx.rnd, ctx.corpus.openers).slice(0, 1200);
      const content = `### Request\n${task}\n\n### Context\nTeam: support. Tone: friendly.\n\n### Answer`;
      out.push(request({ time, user: 'stress-tool', ip: '10.20.0.7', headers, messages: [{ role: 'user', content }], content: ctx.answer(false), maxTokens: 1024 }));
      time = awake(time + exp(ctx.rnd, (9 * HOUR) / 150), 0, 9, 18);
    }
    return out;
  },

  /** A translation integration: one template over documents, office hours. */
  translator(ctx) {
    const out = [];
    const headers = scriptedHeaders(ctx.rnd, 'node');
    let time = awake(ctx.start, 1, 8, 19);
    while (time < ctx.end) {
      const doc = pick(ctx.rnd, ctx.corpus.openers).slice(0, 1500);
      const answer = doc.length > 40 ? `${doc.slice(0, 1500)}` : pick(ctx.rnd, ctx.corpus.plainAnswers);
      out.push(request({ time, user: 'stress-translator', ip: '52.14.77.3', headers, messages: [{ role: 'user', content: `Translate the following text into German. Keep the formatting.\n\n${doc}` }], content: answer, maxTokens: 2048 }));
      time = awake(time + exp(ctx.rnd, (11 * HOUR) / 200), 1, 8, 19);
    }
    return out;
  },

  /** Students at home asking for step-by-step answers, in the evening, with follow-ups. */
  students(ctx) {
    const out = [];
    for (let s = 0; s < 40; s++) {
      const user = `stress-student-${s}`;
      const ip = residentialIp(ctx.rnd);
      const headers = browserHeaders(ctx.rnd);
      const tz = int(ctx.rnd, -6, 3);
      for (let day = ctx.start; day < ctx.end; day += DAY) {
        let time = awake(day + 17 * HOUR - tz * HOUR + ctx.rnd() * HOUR, tz, 16, 23);
        const sessions = int(ctx.rnd, 1, 4);
        for (let k = 0; k < sessions && time < ctx.end; k++) {
          const session = studentSession(ctx, { user, ip, headers, time, end: ctx.end });
          out.push(...session);
          time = (session.at(-1)?.time ?? time) + between(ctx.rnd, 10, 50) * 60_000;
        }
      }
    }
    return out;
  },

  /**
   * An undeclared content-generation integration (added with det11, not tuned on): one template
   * ("write an article about …") over topics, long answers (two or three of the log's answers
   * each), a scripted client on a cloud address, around the clock at ~450 a day.
   */
  writer(ctx) {
    const out = [];
    const headers = scriptedHeaders(ctx.rnd, 'python-requests/2.32.3');
    let time = ctx.start + ctx.rnd() * HOUR;
    while (time < ctx.end) {
      const topic = pick(ctx.rnd, ctx.corpus.openers).split('\n')[0].slice(0, 200);
      const content = Array.from({ length: int(ctx.rnd, 2, 3) }, () => pick(ctx.rnd, ctx.corpus.plainAnswers)).join('\n\n');
      out.push(request({ time, user: 'stress-writer', ip: '34.102.8.19', headers, messages: [{ role: 'user', content: `Write a detailed article for our website about the topic below. Use a title, short sections and a friendly tone.\n\nTopic: ${topic}` }], content, maxTokens: 4096 }));
      time += exp(ctx.rnd, DAY / 450);
    }
    return out;
  },
};

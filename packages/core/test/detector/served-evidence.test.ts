import Redis from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { createGuard, manualClock, memoryStore, redisStore, type Decision, type Store } from '../../src/internal.js';
import { servedAloneBlocks } from '../../src/detector/served-evidence.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const HOUR = 3_600_000;
const start = Date.UTC(2026, 10, 2, 0, 0, 0);
const LIBRARY = { 'user-agent': 'python-requests/2.32.3', 'content-type': 'application/json' };
const TOPICS = ['heat pumps', 'sourdough starters', 'the Hanseatic League', 'tide pools', 'jazz harmony', 'glacier retreat', 'ant colonies', 'medieval castles', 'solar sails', 'coffee roasting', 'bird migration', 'volcanic soil', 'bicycle commuting', 'rooftop gardens'];
const topic = (i: number) => `${TOPICS[i % TOPICS.length]} (part ${Math.floor(i / TOPICS.length) + 1})`;

/** An article for a website: a title, short sections, a friendly tone. */
const article = (t: string) =>
  `# A friendly guide to ${t}\n\n## What it is\n${t} has become a popular subject for our readers, and this guide covers what you need to know.\n\n## Why people care\nMany readers tell us they value practical advice, a clear overview and a few good places to start. Our team has collected the most common questions below.\n\n## Getting started\nTalk to people who know the subject, compare two or three sources and take notes. A little planning goes a long way.\n\n## In short\n${t} is worth a look. Contact our team for more.`;
/** An explainer, which reads as reasoning: first, then, so, therefore. */
const explainer = (t: string) =>
  `# How ${t} works\n\nFirst, it starts from a simple observation, because even a small effect adds up over time. Then the effect grows, which means each step leaves more than the one before. Next, the result passes to the following stage, so the change becomes visible. Finally, the cycle starts again. Therefore, the whole process moves what is already there rather than making something new, and that is why it costs less than people expect.`;

const stores: Array<[string, () => Store]> = [
  ['memory store', () => memoryStore()],
  ['Redis', () => redisStore(new Redis(inject('redisUrl')))],
];

describe.each(stores)('what a lone account is served never blocks it alone (%s)', (_name, makeStore) => {
  // No rate limits and no probation: the detector's verdict alone acts.
  const guardWith = (clock: ReturnType<typeof manualClock>) => createGuard({ clock, store: makeStore(), warnings: false, limits: false, detector: { probation: false } });

  /** One scripted account around the clock, a request every 3 minutes or so for `hours`; the decisions. */
  const run = async (guard: ReturnType<typeof createGuard>, clock: ReturnType<typeof manualClock>, user: string, hours: number, prompt: (i: number) => string, answer: (i: number) => string) => {
    const out: Decision[] = [];
    for (let i = 0, at = start + 11_000; at < start + hours * HOUR; i++, at += 150_000 + ((i * 7919) % 67) * 1000) {
      clock.set(at);
      const d = await guard.check({ ip: '34.102.8.19', method: 'POST', path: '/', user, headers: LIBRARY, body: { model: 'claude-sonnet-4-5', max_tokens: 4096, messages: [{ role: 'user', content: prompt(i) }] } });
      if (d.allowed) await guard.record(d, { status: 200, usage: { input_tokens: 40, output_tokens: 900 }, outputText: answer(i) });
      out.push(d);
    }
    return out;
  };
  const writerPrompt = (i: number) => `Write a detailed article for our website about the topic below. Use a title, short sections and a friendly tone.\n\nTopic: ${topic(i)}`;
  // A third of the articles are explainers, which read as reasoning (as real articles often do).
  const writerAnswer = (i: number) => (i % 3 === 0 ? explainer(topic(i)) : article(topic(i)));

  it('serves an article generator on one key (flagged for review at worst), and still blocks the same client harvesting reasoning it asks for', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    const writer = await run(guard, clock, unique('writer'), 60, writerPrompt, writerAnswer);
    expect(writer.some((d) => d.verdict === 'block')).toBe(false);
    // Refused past the day's reasoning allowance (a third of its articles read as reasoning:
    // whatever the verdict, 30 such answers a day), and, once what it was served alone would block
    // it, past the flagged allowance (30 answers, then 15, 7...), as a weak link holds an account:
    // flagged for review, never blocked; declaring the integration lifts both. Without the
    // allowance a lone harvest of plain questions whose answers read as reasoning, blocked before
    // served-evidence.ts, would be served without end.
    const refusals = writer.filter((d) => !d.allowed);
    expect(refusals.every((d) => d.reason === 'reasoning-allowance' || (d.reason === 'distillation' && d.verdict !== 'block'))).toBe(true);
    expect(refusals.some((d) => d.reason === 'distillation')).toBe(true);
    const served = writer.filter((d) => d.allowed).length;
    expect(served).toBeGreaterThan(30);
    expect(served).toBeLessThan(150);
    // The harvest the served evidence was meant for: the same client, prompts that ask for the
    // reasoning, answers that lay it out. Asking for it is what a content product does not do.
    const harvest = await run(guard, clock, unique('harvest'), 60, (i) => `Explain your reasoning step by step, showing every intermediate step, then answer.\n\nInstruction: Describe ${topic(i)}.\nResponse:`, (i) => explainer(topic(i)));
    const blocked = harvest.findIndex((d) => d.verdict === 'block');
    expect(blocked).toBeGreaterThan(0);
    expect(harvest[blocked]!.signals.map((s) => s.name)).toContain('reasoning-elicitation');
    await guard.close();
  });
});

describe('servedAloneBlocks', () => {
  const block = 0.95;
  it('holds a block that rests on served evidence alone, and only that', () => {
    // logit(0.95) ≈ 2.94: 3.5 in all, 1.4 of it served.
    expect(servedAloneBlocks({ total: 3.5, forged: 0, served: 1.4 }, 0, block)).toBe(true);
    // Enough without what was served.
    expect(servedAloneBlocks({ total: 4.5, forged: 0, served: 1.4 }, 0, block)).toBe(false);
    // Forged history or a cross-account link separates a harvest from a product: served counts in full.
    expect(servedAloneBlocks({ total: 3.5, forged: 2, served: 1.4 }, 0, block)).toBe(false);
    expect(servedAloneBlocks({ total: 3.5, forged: 0, served: 1.4 }, 0.4, block)).toBe(false);
    expect(servedAloneBlocks({ total: 3.5, forged: 0, served: 0 }, 0, block)).toBe(false);
  });
});

import type { Outcome } from '../decision/index.js';
import type { GuardRequest, MessageParam } from '../request/index.js';

/**
 * Synthetic traffic for tests and demos: a scripted harvester and a human chat session. No
 * dataset is needed (prompts are assembled from small built-in vocabularies), every stream is
 * deterministic for a seed, and each step carries the time it happens, the request and the
 * outcome to record. Integration tests drive them through real servers; `replay` tests write
 * them out as request logs.
 */

/** One step of a synthetic stream. */
export interface TrafficStep {
  /** ms since the epoch. */
  at: number;
  request: GuardRequest;
  outcome: Outcome;
}

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

const TASKS = [
  'Write a short story about {t}.',
  'Explain the concept of {t} in simple terms.',
  'Generate a list of five facts about {t}.',
  'Summarize the main arguments for and against {t}.',
  'Classify the following statement about {t} as true or false.',
  'Compose a haiku about {t}.',
  'Describe the history of {t} in three sentences.',
  'Compare and contrast {t} with a related idea.',
  'Rewrite the following sentence about {t} in a formal tone.',
  'Give three examples of {t} in everyday life.',
  'Translate the sentence "{t} is important" into French.',
  'Create a quiz question about {t}.',
  'Identify the main causes of {t}.',
  'Write a Python function related to {t}.',
  'Calculate a simple estimate involving {t}.',
  'Suggest a catchy title for an article on {t}.',
  'Outline a lesson plan that teaches {t}.',
  'Evaluate the pros and cons of {t}.',
];
const TOPICS = [
  'photosynthesis', 'the water cycle', 'inflation', 'machine learning', 'the French revolution', 'climate change', 'blockchain',
  'the immune system', 'renewable energy', 'supply and demand', 'black holes', 'democracy', 'the printing press', 'volcanoes',
  'recycling', 'social media', 'the stock market', 'plate tectonics', 'vaccines', 'electric cars', 'the Roman empire', 'sleep',
  'coffee', 'urban gardening', 'quantum computing', 'the internet', 'honeybees', 'chess', 'jazz music', 'the moon landing',
];
const SCAFFOLDS = [
  (task: string) => `### Instruction\n${task}\n### Response`,
  (task: string) => `Instruction: ${task}\nOutput:`,
  (task: string) => `${task}\n\nThink step by step and show your full reasoning before giving the final answer.`,
  (task: string) => `${task}\n\nReason through the problem inside <thinking> tags, then answer.`,
  (task: string) => task,
];

/** Options of {@link scriptedHarvester}. */
export interface HarvesterOptions {
  user?: string;
  ip?: string;
  start?: number;
  /** Requests to produce. Default 200. */
  count?: number;
  /** Mean seconds between requests (with ±20% jitter). Default 30. */
  intervalSeconds?: number;
  userAgent?: string;
  seed?: number;
  model?: string;
  maxTokens?: number;
  /** Marks every prompt of this campaign (a first line `Ref <salt>`): keeps test campaigns apart in a shared store. */
  salt?: string;
}

/**
 * A scripted harvester: an HTTP library client sending dataset-style instructions across many
 * capabilities, often wrapped in reasoning scaffolds, single-turn, evenly paced round the clock,
 * with long answers.
 *
 * @example
 * ```ts
 * for (const step of scriptedHarvester({ count: 50 })) await guard.check(step.request);
 * ```
 */
export function scriptedHarvester(options: HarvesterOptions = {}): TrafficStep[] {
  const rnd = prng(options.seed ?? 7);
  const count = options.count ?? 200;
  const interval = (options.intervalSeconds ?? 30) * 1000;
  let at = options.start ?? Date.UTC(2026, 10, 2, 0, 0, 0);
  const steps: TrafficStep[] = [];
  for (let i = 0; i < count; i++) {
    at += Math.round(interval * (0.8 + 0.4 * rnd()));
    const task = pick(rnd, TASKS).replace('{t}', pick(rnd, TOPICS));
    const wrapped = pick(rnd, SCAFFOLDS)(task);
    const content = options.salt ? `Ref ${options.salt}\n${wrapped}` : wrapped;
    const maxTokens = options.maxTokens ?? 4096;
    const output = Math.min(maxTokens, 600 + Math.floor(rnd() * 900));
    steps.push({
      at,
      request: {
        ip: options.ip ?? '198.51.100.23',
        method: 'POST',
        path: '/api/chat',
        headers: { 'user-agent': options.userAgent ?? 'python-httpx/0.28.1', 'content-type': 'application/json' },
        user: options.user ?? 'harvester',
        body: { model: options.model ?? 'claude-sonnet-5-5', max_tokens: maxTokens, messages: [{ role: 'user', content }] },
        timestamp: at,
      },
      outcome: { status: 200, usage: { input_tokens: 20 + Math.floor(content.length / 4), output_tokens: output }, outputText: answerText(task, i, output) },
    });
  }
  return steps;
}

/** A served answer of about `tokens` tokens: unique per request, so history provenance can tell them apart. */
function answerText(topic: string, i: number, tokens: number): string {
  const sentence = `Regarding ${topic.slice(0, 60)}, point ${i} is that the details depend on context. `;
  return sentence.repeat(Math.max(1, Math.round((tokens * 4) / sentence.length))).trim();
}

const OPENERS = [
  "hey, I'm trying to plan a birthday dinner for my mum next week, she loves Italian food. any ideas for a menu I could cook myself?",
  'my react app re-renders every time I type in an input and it feels slow, I think it is the context provider. how do I fix that?',
  "I have a job interview on thursday for a junior data analyst role and I'm nervous. what questions should I expect?",
  'can you help me write a polite email to my landlord about the heating not working since monday?',
  'my sourdough keeps coming out flat, I feed the starter every day but it never really rises. what am I doing wrong?',
  "what's a good way to learn guitar as an adult? I only have like 20 minutes a day",
  'I got this error in python: KeyError: \'user_id\' when reading my csv with pandas, the column is definitely there',
  "we're going to Lisbon in may with two kids, what should we not miss?",
  'is it normal that my cat sleeps like 16 hours a day? she is 9 years old',
  'help me understand my electricity bill, why is the standing charge so high?',
  "I'm writing a eulogy for my grandfather, he was a carpenter and loved fishing. can you help me start it?",
  'how do I tell my team lead that the deadline is not realistic without sounding negative?',
];
const FOLLOW_UPS = [
  'thanks! can you make it a bit shorter?',
  'ok but what if I only have an oven and no stove?',
  "that didn't work, I still get the same error",
  'can you explain the second point again? I did not get it',
  'great, and how much would that cost roughly?',
  'my sister says the opposite, who is right?',
  'could you put that in a table?',
  'hmm, what would you do in my place?',
];
const REPLIES = [
  'Here is what I would suggest, with a few options to choose from.',
  'Good question. The short answer is yes, with two caveats worth knowing.',
  'That usually happens for one of three reasons; the first is the most common.',
  'I would start small and see how it goes before committing to anything bigger.',
  'It depends on your budget, but here is a plan that works for most people.',
];
const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
];

/** Options of {@link humanChatSession}. */
export interface HumanOptions {
  user?: string;
  ip?: string;
  start?: number;
  /** Requests to produce. Default 60. */
  count?: number;
  seed?: number;
  model?: string;
}

/**
 * A person chatting: browser headers, personal questions with context, follow-ups that grow the
 * conversation, bursty timing (seconds to minutes inside a session, hours between sessions), and
 * nights off.
 *
 * @example
 * ```ts
 * for (const step of humanChatSession({ user: 'alice' })) expect((await guard.check(step.request)).allowed).toBe(true);
 * ```
 */
export function humanChatSession(options: HumanOptions = {}): TrafficStep[] {
  const rnd = prng(options.seed ?? 11);
  const count = options.count ?? 60;
  let at = options.start ?? Date.UTC(2026, 10, 2, 8, 0, 0);
  const ua = pick(rnd, BROWSERS);
  const steps: TrafficStep[] = [];
  let history: MessageParam[] = [];
  for (let i = 0; i < count; i++) {
    const newSession = history.length === 0 || history.length >= 8 || rnd() < 0.3;
    if (newSession) {
      history = [];
      at += Math.round((20 + rnd() * 200) * 60_000);
    } else at += Math.round((15 + rnd() * 240) * 1000);
    const hour = new Date(at).getUTCHours();
    if (hour >= 23 || hour < 7) {
      at += (((7 - hour + 24) % 24) + rnd() * 2) * 3_600_000;
      history = [];
    }
    const content = history.length === 0 ? pick(rnd, OPENERS) : pick(rnd, FOLLOW_UPS);
    const messages: MessageParam[] = [...history, { role: 'user', content }];
    const reply = `${pick(rnd, REPLIES)} (${i})`;
    steps.push({
      at,
      request: {
        ip: options.ip ?? '203.0.113.50',
        method: 'POST',
        path: '/api/chat',
        headers: { 'user-agent': ua, 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.8', accept: '*/*', origin: 'https://chat.example.com', 'sec-fetch-mode': 'cors' },
        user: options.user ?? 'human',
        body: { model: options.model ?? 'claude-haiku-5-5', max_tokens: 1024, stream: true, messages },
        timestamp: at,
      },
      outcome: { status: 200, usage: { input_tokens: 30 * messages.length + Math.floor(content.length / 4), output_tokens: 150 + Math.floor(rnd() * 400) }, outputText: reply },
    });
    // The person resends exactly what they were served.
    history = [...messages, { role: 'assistant', content: reply }];
  }
  return steps;
}

/** Turns steps into request-log lines (the format `replay` reads). */
export function toLogLines(steps: readonly TrafficStep[]): string[] {
  return steps.map((s) =>
    JSON.stringify({
      ts: new Date(s.at).toISOString(),
      method: s.request.method,
      path: s.request.path,
      ip: s.request.ip,
      ...(s.request.user !== undefined && { user: s.request.user }),
      headers: s.request.headers,
      body: s.request.body,
      response: { status: s.outcome.status, usage: s.outcome.usage, ...(s.outcome.outputText !== undefined && { content: s.outcome.outputText }) },
    }),
  );
}

/** Merges several streams into one, in time order. */
export function interleave(...streams: ReadonlyArray<readonly TrafficStep[]>): TrafficStep[] {
  return streams.flat().sort((a, b) => a.at - b.at);
}

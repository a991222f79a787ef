import { createHash } from 'node:crypto';
import { countTextTokens, truncateToTokens } from './tokens.js';

/** mulberry32: a tiny seeded PRNG, so a seed always gives the same text. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOPWORDS = new Set(
  [
    'the and for are but not you your yours can how why who what was has had its any all our out use one get did',
    'about above after again also because been before being below between both could does doing down during each',
    'from further have having here into just more most once only other over same should some such than that their',
    'them then there these they this those through under until very when where which while will with would',
    'please tell explain give write make show like know want need think hello there hey thanks',
  ]
    .join(' ')
    .split(' '),
);

const NOUNS = ['context', 'trade-off', 'constraint', 'example', 'baseline', 'detail', 'assumption', 'pattern', 'result', 'edge case', 'goal', 'structure'];
const ADJECTIVES = ['simple', 'careful', 'practical', 'common', 'reliable', 'clear', 'small', 'sensible'];
const VERBS = ['check', 'measure', 'compare', 'outline', 'test', 'review', 'separate', 'document'];

const OPENERS = ['Here is a short answer about {topic}.', 'Good question about {topic}.', "Let's look at {topic} step by step."];
const BODY = [
  '{Topic} is easiest to understand through its {noun} and its {noun}.',
  'A {adj} approach is to {verb} the {noun} before you {verb} the {noun}.',
  'In most cases the {adj} {noun} matters more than the {adj} {noun}.',
  'One common mistake is to {verb} the {noun} too early.',
  'Keep in mind that {topic} often depends on the {noun}.',
  'For example, you can {verb} a {adj} {noun} and compare the {noun}.',
  'It also helps to {verb} each {noun} separately.',
  'The {noun} tells you whether the {noun} still holds.',
];
const CLOSERS = ['I hope this helps with {topic}.', 'Let me know if you want more detail on {topic}.', 'That covers the main points of {topic}.'];
const THOUGHTS = [
  'The question is about {topic}.',
  'I should consider the {noun} and the {noun} first.',
  'A {adj} answer would {verb} the {noun}.',
  'Let me {verb} whether the {noun} changes the {noun}.',
  'I will keep the answer {adj} and mention one {noun}.',
];

/** Up to three distinctive words of the prompt, the "topic" the reply talks about. */
export function topicOf(prompt: string): string {
  const words: string[] = [];
  for (const word of prompt.toLowerCase().match(/[\p{L}][\p{L}\p{N}'-]{2,}/gu) ?? []) {
    if (!STOPWORDS.has(word) && !words.includes(word)) words.push(word);
    if (words.length === 3) break;
  }
  return words.length > 0 ? words.join(' ') : 'your question';
}

function fill(template: string, topic: string, next: () => number): string {
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)] as string;
  return template
    .replace(/\{Topic\}/g, topic.charAt(0).toUpperCase() + topic.slice(1))
    .replace(/\{topic\}/g, topic)
    .replace(/\{noun\}/g, () => pick(NOUNS))
    .replace(/\{adj\}/g, () => pick(ADJECTIVES))
    .replace(/\{verb\}/g, () => pick(VERBS));
}

/**
 * The default reply: plausible prose about the prompt's topic whose length grows with the
 * prompt and varies with the seed, so usage numbers differ from request to request.
 *
 * @example
 * generateReply('How do I tune a guitar?', 42) === generateReply('How do I tune a guitar?', 42); // true
 */
export function generateReply(prompt: string, seed: number, options: { long?: boolean } = {}): string {
  const next = random(seed);
  const topic = topicOf(prompt);
  const promptTokens = countTextTokens(prompt);
  const sentences = options.long ? 150 : 2 + (seed % 4) + Math.min(8, Math.floor(promptTokens / 25));
  const parts = [fill(OPENERS[seed % OPENERS.length] as string, topic, next)];
  for (let i = 0; i < sentences; i++) {
    parts.push(fill(BODY[Math.floor(next() * BODY.length)] as string, topic, next));
    if (i % 4 === 3) parts.push('\n\n');
  }
  parts.push(fill(CLOSERS[seed % CLOSERS.length] as string, topic, next));
  return parts.join(' ').replace(/ ?\n\n ?/g, '\n\n');
}

/**
 * Extended-thinking text of about `targetTokens` tokens (never more).
 *
 * @example
 * generateThinking('Why is the sky blue?', 7, 40);
 */
export function generateThinking(prompt: string, seed: number, targetTokens: number): string {
  const next = random(seed ^ 0x5f3759df);
  const topic = topicOf(prompt);
  let text = '';
  while (countTextTokens(text) < targetTokens) {
    text += (text ? ' ' : '') + fill(THOUGHTS[Math.floor(next() * THOUGHTS.length)] as string, topic, next);
  }
  return truncateToTokens(text, targetTokens).text;
}

/**
 * An opaque, deterministic signature for a thinking block (base64, like the real ones).
 *
 * @example
 * signThinking('Let me think.').length > 100; // true
 */
export function signThinking(thinking: string): string {
  const parts = [0, 1, 2, 3].map((i) => createHash('sha256').update(`${i}:${thinking}`).digest());
  return Buffer.concat(parts).toString('base64');
}

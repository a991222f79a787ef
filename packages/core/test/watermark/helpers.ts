import { readFileSync } from 'node:fs';
import { watermarkKey, type WatermarkKey } from '../../src/watermark/index.js';

/** Thirty short assistant answers, written for these tests, full of contractions and connectives. */
export const ANSWERS: string[] = readFileSync(new URL('./fixtures/answers.txt', import.meta.url), 'utf8')
  .split(/\n%%%\n/)
  .map((s) => s.trim())
  .filter(Boolean);

/** A key per number: deterministic, and as independent of each other as keys get. */
export function testKey(n: number): WatermarkKey {
  return watermarkKey(`test-secret-${n}-0123456789abcdef`);
}

/** `text` cut into pieces of `size` characters (the last one shorter). */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** `text` cut the way Claude streams it: each word with the space before it. */
export function wordDeltas(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` cut at random places into pieces of 1 to `max` characters. */
export function randomPieces(text: string, seed: number, max = 12): string[] {
  const next = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(next() * max);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/**
 * Pieces a random text is made of: members of pairs in every spelling the scanner knows (cases,
 * both apostrophes, runs of spaces and tabs), the words around them that its conditions read,
 * and everything that opens or closes a protected span or changes the way a line starts.
 */
const SOUP = [
  'do', 'not', "don't", 'don\u2019t', 'Do', 'DO', 'It', 'it', 'is', "it's", 'it\u2019s', 'I', 'am', "I'm", 'they', 'are', "they're",
  'the', 'there', 'a', 'for', 'example', 'instance', 'For', 'example,', 'although', 'though', 'even', 'roughly', '5', 'speaking',
  'Finally,', 'Lastly,', 'First,', 'also', 'Also,', 'towards', 'toward', 'often', 'than', 'cannot', "can't", 'you', 'been', 'nearly',
  'cat', 'dog', 'x_do', '2do', 'do.', 'not,', '(do', 'do)', '*do*', '_it_', 'http://a.b/do', 'do-not', 'can\u2019', "'s", 'é',
  ' ', ' ', ' ', '  ', '   ', '    ', '\t', ' \t ', '\n', '\n\n', '\n    ', '\n> ', '\n```\n', '\n~~~\n', '\n- ', '\n2. ', '\n# ',
  '`', '``', '{', '}', '"', '\u201c', '\u201d', '\u2018', '\u2019', "'", '<b>', '</b>', '<', '>', '.', ',', '?', '!', ':', ';', '\r\n',
];

/** A text of `n` random pieces of `SOUP`, deterministic for a seed. */
export function soupText(seed: number, n = 60): string {
  const next = rng(seed);
  let out = '';
  for (let i = 0; i < n; i++) {
    const piece = SOUP[Math.floor(next() * SOUP.length)]!;
    // Mostly words separated by a space, as prose is; sometimes glued.
    out += next() < 0.75 && !/^\s/.test(piece) ? ` ${piece}` : piece;
  }
  return out;
}

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

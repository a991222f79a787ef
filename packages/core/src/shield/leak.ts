/**
 * Detects a long verbatim span of the system prompt in streamed output, in constant time per
 * character: every window of `k` normalised characters of the prompt is hashed once (a
 * polynomial rolling hash mod 2^32); the output's last `k` normalised characters are hashed as
 * they stream, and a hash hit is confirmed by comparing the text. Normalisation: lower case,
 * runs of whitespace collapsed to one space, so re-wrapped or re-indented copies still match.
 */

const BASE = 0x01000193;

function powMod(base: number, exp: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = Math.imul(r, base);
  return r;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').toLowerCase();
}

export class LeakDetector {
  private readonly k: number;
  private readonly prompt: string;
  private readonly windows = new Set<number>();
  private readonly drop: number;
  private readonly ring: Uint16Array;
  private filled = 0;
  private head = 0;
  private hash = 0;
  private lastSpace = true;

  /** `minChars`: how many consecutive normalised characters of the prompt count as a leak. */
  constructor(systemPrompt: string, minChars: number) {
    this.k = minChars;
    this.prompt = normalize(systemPrompt).trim();
    this.ring = new Uint16Array(minChars);
    this.drop = powMod(BASE, minChars - 1);
    if (this.prompt.length < minChars) return;
    let h = 0;
    for (let i = 0; i < this.prompt.length; i++) {
      if (i >= minChars) h = (h - Math.imul(this.prompt.charCodeAt(i - minChars), this.drop)) | 0;
      h = (Math.imul(h, BASE) + this.prompt.charCodeAt(i)) | 0;
      if (i >= minChars - 1) this.windows.add(h);
    }
  }

  /** Whether the detector can fire at all (the prompt is at least `minChars` long). */
  get active(): boolean {
    return this.windows.size > 0;
  }

  /** Feeds output text; returns true as soon as the last `k` characters are a span of the prompt. */
  feed(text: string): boolean {
    if (this.windows.size === 0) return false;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c || c === 0x0b || c === 0xa0) {
        if (this.lastSpace) continue;
        this.lastSpace = true;
        c = 0x20;
      } else {
        this.lastSpace = false;
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
        else if (c > 0x7f) c = text[i]!.toLowerCase().charCodeAt(0);
      }
      if (this.filled === this.k) this.hash = (this.hash - Math.imul(this.ring[this.head]!, this.drop)) | 0;
      else this.filled++;
      this.hash = (Math.imul(this.hash, BASE) + c) | 0;
      this.ring[this.head] = c;
      this.head = (this.head + 1) % this.k;
      if (this.filled === this.k && this.windows.has(this.hash) && this.prompt.includes(this.window())) return true;
    }
    return false;
  }

  private window(): string {
    let s = '';
    for (let j = 0; j < this.k; j++) s += String.fromCharCode(this.ring[(this.head + j) % this.k]!);
    return s;
  }
}

import { keyedChoice } from './choice.js';
import type { WatermarkKey } from './keys.js';
import { Scanner } from './scanner.js';

/**
 * A streaming watermark for one text: the shape of `claudeRoute`'s output transforms (`push`
 * each chunk, `end` once), with counts for the audit line and the benchmark.
 */
export interface Watermarker {
  push(chunk: string): { text: string };
  end(): { text: string };
  /** Positions found so far (occurrences of a pair outside protected spans). */
  readonly positions: number;
  /** Of those, how many were rewritten to the other member. */
  readonly changed: number;
  /** Words of the original text replaced ("do not" counts two). */
  readonly changedWords: number;
}

export interface MarkOptions {
  /** With attribution: the identity the answer is served to (`decision.identity.id`). */
  identity?: string;
}

/**
 * A watermarker for one answer's text (one per text block).
 *
 * @example
 * ```ts
 * const key = watermarkKey(secret);
 * const mark = createWatermarker(key);
 * let out = '';
 * for (const delta of deltas) out += mark.push(delta).text;
 * out += mark.end().text;
 * ```
 */
export function createWatermarker(key: WatermarkKey, options: MarkOptions = {}): Watermarker {
  return new ScanningWatermarker(scannerFor(key, options));
}

function scannerFor(key: WatermarkKey, options: MarkOptions): Scanner {
  return new Scanner(keyedChoice(key, options.identity === undefined ? undefined : key.identity(options.identity)));
}

/** A class rather than an object of closures: one is made for every text block served. */
class ScanningWatermarker implements Watermarker {
  constructor(private readonly scanner: Scanner) {}

  push(chunk: string): { text: string } {
    return { text: this.scanner.push(chunk) };
  }

  end(): { text: string } {
    return { text: this.scanner.end() };
  }

  get positions(): number {
    return this.scanner.occurrences;
  }

  get changed(): number {
    return this.scanner.changed;
  }

  get changedWords(): number {
    return this.scanner.changedWords;
  }
}

/** The result of marking a whole text. */
export interface MarkedText {
  text: string;
  positions: number;
  changed: number;
  changedWords: number;
}

/**
 * Marks a whole text at once (what a JSON answer gets).
 *
 * @example
 * ```ts
 * markText("I don't think so, though it is close.", watermarkKey(secret)).text;
 * // "I do not think so, although it's close." (or another choice, depending on the secret)
 * ```
 */
export function markText(text: string, key: WatermarkKey, options: MarkOptions = {}): MarkedText {
  const scanner = scannerFor(key, options);
  const out = scanner.whole(text);
  return { text: out, positions: scanner.occurrences, changed: scanner.changed, changedWords: scanner.changedWords };
}

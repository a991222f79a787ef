import { wordEndAt } from './word-chars.js';

/** Characters that end a sentence or line, or start a list item: `.!?:;`, line breaks, `>`, `-`, `*`, `•`, CJK stops. */
export const SENTENCE_END_CHARS: ReadonlySet<number> = new Set([0x2e, 0x21, 0x3f, 0x3a, 0x3b, 0x0a, 0x0d, 0x3e, 0x2d, 0x2a, 0x2022, 0x3002, 0xff01, 0xff1f]);
/** {@link SENTENCE_END_CHARS} of ASCII as a table: a set lookup per character cost more than the rest of the word split. */
export const ASCII_SENTENCE_END = Uint8Array.from({ length: 128 }, (_, c) => (SENTENCE_END_CHARS.has(c) ? 1 : 0));

/** A number made of the first four UTF-16 units of `text[start, end)` and their count, without slicing it out. */
export function headKeyAt(text: string, start: number, end: number): number {
  const n = end - start < 4 ? end - start : 4;
  let h = n;
  for (let i = 0; i < n; i++) h = (Math.imul(h, 0x01000193) ^ text.charCodeAt(start + i)) | 0;
  return h;
}

/**
 * The words of a folded text (runs of `\p{L}\p{N}`) as offsets, with, for each, whether a
 * sentence starts there (it is the first word, or a sentence-ending character stands between it
 * and the word before) and its head key ({@link headKeyAt}). `foldText` fills it while it folds
 * (its pass already walks the words), for the intents to read; {@link split} walks a text that
 * the fold did not leave here. A word's string is sliced out only when asked for.
 */
export class Words {
  length = 0;
  /** The text these are the words of, or `undefined` while none is complete. */
  text: string | undefined;
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private heads = new Int32Array(1024);
  private sentenceStarts = new Uint8Array(1024);
  private strings: Array<string | undefined> = [];

  /** Starts a list (the text is named by {@link done}). */
  begin(): void {
    this.text = undefined;
    this.length = 0;
  }

  /** The words of `text`: one pass over its characters, no regular expression. */
  split(text: string): void {
    this.begin();
    let i = 0;
    let ended = true;
    const end = text.length;
    while (i < end) {
      const start = i;
      i = wordEndAt(text, i);
      if (i === start) {
        const c = text.charCodeAt(i);
        if (c < 0x80 ? ASCII_SENTENCE_END[c] === 1 : SENTENCE_END_CHARS.has(c)) ended = true;
        i++;
        continue;
      }
      this.push(start, i, ended || this.length === 0, headKeyAt(text, start, i));
      ended = false;
    }
    this.done(text);
  }

  push(start: number, end: number, sentenceStart: boolean, head: number): void {
    if (this.length === this.starts.length) this.grow();
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.heads[this.length] = head;
    this.sentenceStarts[this.length++] = sentenceStart ? 1 : 0;
  }

  /** The list is complete, and of `text`. */
  done(text: string): void {
    this.text = text;
    this.strings = new Array<string | undefined>(this.length);
  }

  private grow(): void {
    const size = this.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const heads = new Int32Array(size);
    const sentenceStarts = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    heads.set(this.heads);
    sentenceStarts.set(this.sentenceStarts);
    this.starts = starts;
    this.ends = ends;
    this.heads = heads;
    this.sentenceStarts = sentenceStarts;
  }

  word(i: number): string {
    return (this.strings[i] ??= this.text!.slice(this.starts[i], this.ends[i]));
  }

  /** Whether word `i` starts with `prefix`, compared in place (no string made). */
  startsWith(i: number, prefix: string): boolean {
    const start = this.starts[i]!;
    return this.ends[i]! - start >= prefix.length && this.text!.startsWith(prefix, start);
  }

  /** Where word `i` starts in the text. */
  start(i: number): number {
    return this.starts[i]!;
  }

  /** Where word `i` ends in the text. */
  end(i: number): number {
    return this.ends[i]!;
  }

  firstChar(i: number): number {
    return this.text!.charCodeAt(this.starts[i]!);
  }

  headKey(i: number): number {
    return this.heads[i]!;
  }

  startsSentence(i: number): boolean {
    return this.sentenceStarts[i] === 1;
  }
}

/** The one word list: the fold writes it, the intents read it (neither runs re-entrantly). */
export const WORDS = new Words();

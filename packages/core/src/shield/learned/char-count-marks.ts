import { ASCII_CLASS, ASCII_MAY, ASCII_PLAIN, CODE, LOWER, MAY_BRACKET_ROLE, MAY_QUOTED_TARGET, MAY_SYMBOL_LINE, MAY_URL, NEWLINE, QUESTION, UPPER, type CharCounts } from './structure.js';
/** Fields of one {@link CharCountMarks} snapshot: counts over the text before the position. */
const AT_LETTERS = 0;
const AT_UPPER = 1;
const AT_QUESTIONS = 2;
const AT_CJK = 3;
const AT_OTHER_SCRIPT = 4;
const AT_CODE = 5;
/** Line breaks that ended a line with text, as `charCounts` counts `lines` before its last line. */
const AT_LINES = 6;
const AT_BREAKS = 7;
/** 1 when the line the position is on has had text before it. */
const AT_LINE_HAS_TEXT = 8;
const AT_BRACKETS = 9;
const AT_QUOTES = 10;
const AT_URL_CHARS = 11;
/** Characters that are the third (or later) of a run of one symbol. */
const AT_SYMBOL_RUNS = 12;
const AT_HIGH_SURROGATES = 13;
const FIELDS = 14;

/**
 * {@link charCounts} of any span of a text between two of a few positions given in advance, from
 * one pass over the whole text: the scorer reads a long user text's ends and windows this way
 * instead of counting each again. {@link CharCountMarks.mark} walks the text as `charCounts` does
 * (the same classes, line for line; a test compares the two on random spans) and keeps the
 * counts at each position; {@link CharCountMarks.span} subtracts two of them and looks at the one
 * or two characters where a span's lines or symbol runs can differ from the whole's.
 *
 * @example
 * ```ts
 * const marks = new CharCountMarks();
 * marks.mark(text, Int32Array.from([0, 400, 300, 700]));   // spans [0, 400) and [300, 700)
 * marks.span(300, 700);                                    // = charCounts(text.slice(300, 700))
 * ```
 */
export class CharCountMarks {
  private text = '';
  /** The positions marked, ascending, and the counts before each ({@link FIELDS} per position). */
  private positions = new Int32Array(64);
  private counts = new Int32Array(64 * FIELDS);
  private marked = 0;

  /** Walks `text` once and keeps the counts at each of `at` (any order, repeats allowed); returns `charCounts(text)`. */
  mark(text: string, at: Int32Array): CharCounts {
    const sorted = Int32Array.from(new Set(at)).sort();
    if (this.positions.length < sorted.length) {
      this.positions = new Int32Array(sorted.length);
      this.counts = new Int32Array(sorted.length * FIELDS);
    }
    this.positions.set(sorted);
    this.marked = sorted.length;
    this.text = text;
    const counts = this.counts;
    let next = 0;
    let nextAt = sorted.length > 0 ? sorted[0]! : -1;
    let letters = 0;
    let upper = 0;
    let lines = 0;
    let breaks = 0;
    let lineHasText = false;
    let questions = 0;
    let cjk = 0;
    let otherScript = 0;
    let code = 0;
    let brackets = 0;
    let quotes = 0;
    let urlChars = 0;
    let symbolRuns = 0;
    let highSurrogates = 0;
    let last = -1;
    let run = 0;
    for (let i = 0; i <= text.length; i++) {
      while (i === nextAt) {
        const o = next * FIELDS;
        counts[o + AT_LETTERS] = letters;
        counts[o + AT_UPPER] = upper;
        counts[o + AT_QUESTIONS] = questions;
        counts[o + AT_CJK] = cjk;
        counts[o + AT_OTHER_SCRIPT] = otherScript;
        counts[o + AT_CODE] = code;
        counts[o + AT_LINES] = lines;
        counts[o + AT_BREAKS] = breaks;
        counts[o + AT_LINE_HAS_TEXT] = lineHasText ? 1 : 0;
        counts[o + AT_BRACKETS] = brackets;
        counts[o + AT_QUOTES] = quotes;
        counts[o + AT_URL_CHARS] = urlChars;
        counts[o + AT_SYMBOL_RUNS] = symbolRuns;
        counts[o + AT_HIGH_SURROGATES] = highSurrogates;
        next++;
        nextAt = next < sorted.length ? sorted[next]! : -1;
      }
      if (i === text.length) break;
      const ch = text.charCodeAt(i);
      if (ch > 0x20) lineHasText = true;
      if (ch !== last) {
        last = ch;
        run = 0;
      } else if (++run >= 2 && (ch >= 128 || ASCII_PLAIN[ch] === 0)) symbolRuns++;
      if (ch < 128) {
        const may = ASCII_MAY[ch]!;
        if (may !== 0) {
          if (may & MAY_BRACKET_ROLE) brackets++;
          if (may & MAY_QUOTED_TARGET) quotes++;
          if (may & MAY_URL) urlChars++;
        }
        const k = ASCII_CLASS[ch]!;
        if (k === LOWER) letters++;
        else if (k === UPPER) {
          letters++;
          upper++;
        } else if (k === NEWLINE) {
          breaks++;
          if (lineHasText) lines++;
          lineHasText = false;
        }
        else if (k === QUESTION) questions++;
        else if (k === CODE) code++;
      } else if ((ch >= 0x3040 && ch <= 0x30ff) || (ch >= 0x3400 && ch <= 0x9fff) || (ch >= 0xac00 && ch <= 0xd7af)) {
        letters++;
        cjk++;
      } else if (ch === 0xff1f) questions++;
      else if (ch === 0x201c || ch === 0xab) quotes++;
      else if (ch >= 0xd800 && ch <= 0xdbff) highSurrogates++;
      else if (ch >= 0x370) {
        if (!(ch >= 0x2000 && ch <= 0x2bff) && !(ch >= 0x3000 && ch <= 0x303f) && !(ch >= 0xd800 && ch <= 0xdfff) && !(ch >= 0xff00 && ch <= 0xff65)) {
          letters++;
          otherScript++;
          if (ch >= 0x391 && ch <= 0x42f && ch !== 0x3a2 && (ch < 0x3aa || ch >= 0x400)) upper++;
        }
      } else if (ch >= 0xc0) {
        letters++;
        if (ch <= 0xde && ch !== 0xd7) upper++;
      }
    }
    if (lineHasText || lines === 0) lines++;
    const may = (brackets > 0 ? MAY_BRACKET_ROLE : 0) | (quotes > 0 ? MAY_QUOTED_TARGET : 0) | (urlChars > 0 ? MAY_URL : 0) | (symbolRuns > 0 || highSurrogates > 0 ? MAY_SYMBOL_LINE : 0);
    return { letters, upper, lines, questions, cjk, otherScript, code, may };
  }

  /** Where `position` was marked, as an offset into the counts; throws if it was not. */
  private at(position: number): number {
    const positions = this.positions;
    let lo = 0;
    let hi = this.marked - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = positions[mid]!;
      if (p === position) return mid * FIELDS;
      if (p < position) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`CharCountMarks: position ${position} was not marked`);
  }

  /** `charCounts(text.slice(start, end))` for two positions marked by the last {@link mark}. */
  span(start: number, end: number): CharCounts {
    const c = this.counts;
    const a = this.at(start);
    const b = this.at(end);
    const d = (field: number): number => c[b + field]! - c[a + field]!;
    const text = this.text;
    // Up to the span's first line break or first character with text: whether its first line has text.
    let textFirst = false;
    for (let i = start; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch > 0x20) {
        textFirst = true;
        break;
      }
      if (ch === 10) break;
    }
    const breaks = d(AT_BREAKS);
    // The whole counted the span's first break if its line had text before the span began; the span only if after.
    let lines = d(AT_LINES) - (breaks > 0 && c[a + AT_LINE_HAS_TEXT] === 1 && !textFirst ? 1 : 0);
    const endHasText = breaks > 0 ? c[b + AT_LINE_HAS_TEXT] === 1 : textFirst;
    if (endHasText || lines === 0) lines++;
    // A run of one symbol counts from its third character inside the span.
    let symbolRuns = d(AT_SYMBOL_RUNS);
    for (let i = start; i < start + 2 && i < end; i++) if (symbolRunAt(text, i)) symbolRuns--;
    const may = (d(AT_BRACKETS) > 0 ? MAY_BRACKET_ROLE : 0) | (d(AT_QUOTES) > 0 ? MAY_QUOTED_TARGET : 0) | (d(AT_URL_CHARS) > 0 ? MAY_URL : 0) | (symbolRuns > 0 || d(AT_HIGH_SURROGATES) > 0 ? MAY_SYMBOL_LINE : 0);
    return { letters: d(AT_LETTERS), upper: d(AT_UPPER), lines, questions: d(AT_QUESTIONS), cjk: d(AT_CJK), otherScript: d(AT_OTHER_SCRIPT), code: d(AT_CODE), may };
  }
}

/** Whether `text[i]` is the third or later of a run of one character that the structure's symbol-line pattern can repeat. */
function symbolRunAt(text: string, i: number): boolean {
  if (i < 2) return false;
  const ch = text.charCodeAt(i);
  return ch === text.charCodeAt(i - 1) && ch === text.charCodeAt(i - 2) && (ch >= 128 || ASCII_PLAIN[ch] === 0);
}

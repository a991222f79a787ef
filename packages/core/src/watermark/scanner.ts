import { asString, codeAt, hasCurlyApostrophe, isApostrophe, isAsciiLetter, sliceOf } from './chars.js';
import { WORD_PAIRS } from './classes.js';
import { lookBehind, PROTECTED_CODE, TEXT_START_CODE, type Behind } from './lookback.js';
import { matchMember, type Found } from './match.js';
import { openingAt, openingAtLineStart, startsProseLine, WAIT } from './openings.js';
import { scanProse, type ProseStop } from './prose-scan.js';
import { ProseStream } from './prose-stream.js';
import { stepSpan, type Span, type SpanStep } from './protect.js';
import { WrittenTail } from './tail.js';

/** One place where the text says one member of a pair, and the word before it. */
export interface Occurrence {
  /** Index in `WORD_PAIRS`. */
  pair: number;
  /** The member the text has. */
  member: 0 | 1;
  /** The previous word, lower case, or `<s>` (start of the text) or `<x>` (no plain word). */
  context: string;
}

/** Which member to write at an occurrence; undefined leaves the text as it is. */
export type Chooser = (occurrence: Occurrence) => 0 | 1 | undefined;

/** `last` before anything is written: no character, so nothing a word or a quote could go on. */
const NOTHING_WRITTEN = -1;
const NEWLINE = 10;

/** The end of the member's first word at `start`: letters, and an apostrophe with letters ("don't", "I'm"). */
function firstWordEnd(buf: string, start: number): number {
  buf = asString(buf);
  let i = start;
  while (i < buf.length && isAsciiLetter(codeAt(buf, i))) i++;
  if (i + 1 < buf.length && isApostrophe(codeAt(buf, i)) && isAsciiLetter(codeAt(buf, i + 1))) {
    i += 2;
    while (i < buf.length && isAsciiLetter(codeAt(buf, i))) i++;
  }
  return i;
}

/**
 * Walks answer text, as a whole or chunk by chunk, finds every member of a pair outside
 * protected spans with the word before it, and writes the member the `choose` callback picks.
 * Text is held back only while a possible member (with the character after it, or the word after
 * a one-word member) is incomplete, or a character that may open a protected span is the last
 * one received: at most the word before the one being received. Deterministic: the same text
 * gives the same occurrences and output however it was cut into chunks.
 *
 * Two ways through a text: the walk (`run`), which handles everything, and a fast path for
 * stream deltas of plain prose (`ProseStream`), which hands over to the walk at anything to
 * look at. They write the same.
 *
 * @example
 * ```ts
 * const scanner = new Scanner((o) => (o.member === 0 ? 1 : 0)); // always the other member
 * scanner.push("I don't know") + scanner.end(); // 'I do not know'
 * ```
 */
export class Scanner {
  /** Occurrences seen. */
  occurrences = 0;
  /** Occurrences where a different member was written. */
  changed = 0;
  /** Words of the text as it came that were replaced ("do not" counts two). */
  changedWords = 0;
  /** Text received and not written yet, for the walk (empty on the fast path, which keeps its own). */
  private buf = '';
  private readonly tail = new WrittenTail();
  /**
   * The code of the last character written, protected or not: what a whole text has before the
   * buffer's first character.
   */
  private last = NOTHING_WRITTEN;
  private span: Span | undefined;
  private lineStart = true;
  /** The text writes `’` as its apostrophe: so does the scanner. */
  private curly = false;
  /** Made at the first delta that can take the fast path: a whole text never needs it. */
  private prose: ProseStream | undefined;
  /** Whether the next delta takes the fast path. */
  private fast = false;
  // The walk in progress: what it wrote, up to where it consumed `buf`, and its scratch.
  private out = '';
  private pos = 0;
  private readonly stop: ProseStop = { event: -1, held: 0, curly: -1 };
  /**
   * Where the fast path stopped in `buf` when it handed it over (its event, and the first `’`
   * before it), or undefined: the walk starts there instead of reading `buf` again up to it.
   * The automaton read the same text from the same state, and copied it into the tail.
   */
  private known: ProseStop | undefined;
  private readonly spanStep: SpanStep = { emitTo: 0, end: -1 };
  /** `lookBehind` of the tail, and the tail's version it was read at (see `behind`). */
  private behindOfTail: Behind | undefined;
  private behindVersion = -1;

  constructor(private readonly choose: Chooser) {}

  /** Text that can be written now. */
  push(chunk: string): string {
    if (!this.tail.isOpen) this.tail.open(TEXT_START_CODE);
    if (this.lineStart && this.span === undefined && this.buf.length === 0 && chunk.length > 0 && startsProseLine(codeAt(chunk, 0))) {
      // A line (the text's first, most often) that starts with prose: what the walk would find.
      this.lineStart = false;
      this.fast = this.proseStream().resume(this.last, '');
    }
    let head = '';
    if (this.fast) {
      const prose = this.prose!;
      const text = prose.read(chunk);
      if (text !== undefined) {
        if (prose.written > 0) this.wroteRead(prose.written, prose.wroteCurly);
        return text;
      }
      this.buf = prose.held + chunk;
      this.known = prose.stopped;
    } else if (this.span !== undefined && this.buf.length === 0) {
      // Inside a span (a code block, a quote), the delta is written up to where the span ends:
      // all of it, most of the time, with no walk. The span is stepped once (it counts braces).
      const step = this.spanStep;
      stepSpan(this.span, chunk, 0, false, step);
      head = this.wroteSpan(chunk, step.emitTo);
      this.buf = sliceOf(chunk, step.emitTo);
      if (step.end < 0) return head;
      this.span = undefined;
    } else this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    const out = this.run(false);
    // Back to the fast path when the walk ends in prose with no event waiting.
    this.fast = this.span === undefined && !this.lineStart && this.proseStream().resume(this.last, this.buf);
    if (this.fast) this.buf = '';
    return head.length === 0 ? out : head + out;
  }

  /** A whole text, in one walk (what `push` and `end` write, with nothing held between them). */
  whole(text: string): string {
    if (!this.tail.isOpen) this.tail.open(TEXT_START_CODE);
    this.buf = this.fast ? this.prose!.held + text : this.buf + text;
    this.fast = false;
    return this.end();
  }

  /** The rest of the text. The scanner starts a new text afterwards. */
  end(): string {
    if (this.fast) this.buf = this.prose!.held;
    this.fast = false;
    const out = this.run(true);
    this.buf = '';
    this.tail.close();
    this.last = NOTHING_WRITTEN;
    this.span = undefined;
    this.lineStart = true;
    this.curly = false;
    return out;
  }

  private proseStream(): ProseStream {
    return (this.prose ??= new ProseStream(this.tail));
  }

  /** Notes prose written as the automaton read it (it is in the tail already): `length` codes, `curly` whether it has a `’`. */
  private wroteRead(length: number, curly: boolean): void {
    const tail = this.tail;
    tail.wroteRead(length);
    this.last = tail.codeAt(tail.end - 1);
    if (curly) this.curly = true;
  }

  /** Notes the start of `chunk` up to `to`, span text, written; returns it. */
  private wroteSpan(chunk: string, to: number): string {
    if (to === 0) return '';
    const text = to === chunk.length ? chunk : sliceOf(chunk, 0, to);
    this.last = codeAt(chunk, to - 1);
    if (!this.curly && hasCurlyApostrophe(text)) this.curly = true;
    return text;
  }

  /** The walk writes `buf` up to `to`: span text, or prose it did not read with `scanProse`. */
  private write(to: number): void {
    if (to <= this.pos) return;
    const text = sliceOf(this.buf, this.pos, to);
    this.out += text;
    this.last = codeAt(this.buf, to - 1);
    if (!this.curly && hasCurlyApostrophe(text)) this.curly = true;
    if (!this.span) this.tail.add(text);
    this.pos = to;
  }

  /** The walk writes prose up to `to`, read by `scanProse` (`curly`: the index of its first `’`, or -1). */
  private writeScanned(to: number, curly: number): void {
    if (to <= this.pos) return;
    const text = sliceOf(this.buf, this.pos, to);
    this.out = this.out.length === 0 ? text : this.out + text;
    this.wroteRead(text.length, curly >= 0 && curly < to);
    this.pos = to;
  }

  /** The walk: writes what it can of `buf`, and keeps the rest in it. */
  private run(final: boolean): string {
    const buf = asString(this.buf);
    this.out = '';
    this.pos = 0;
    let known = this.known;
    this.known = undefined;
    while (this.pos < buf.length) {
      const pos = this.pos;
      if (this.span) {
        const step = this.spanStep;
        stepSpan(this.span, buf, pos, final, step);
        this.write(step.emitTo);
        if (step.end < 0) break;
        this.span = undefined;
        continue;
      }
      if (this.lineStart) {
        const opens = openingAtLineStart(buf, pos, final);
        if (opens === WAIT) break;
        this.lineStart = false;
        if (opens !== undefined) {
          this.enter(opens);
          continue;
        }
      }
      let stop = this.stop;
      if (known !== undefined) stop = known;
      else scanProse(buf, pos, this.last, final, stop, this.tail);
      known = undefined;
      if (stop.event < 0) {
        this.writeScanned(stop.held, stop.curly);
        break;
      }
      this.writeScanned(stop.event, stop.curly);
      if (!this.atEvent(buf, final)) break;
    }
    this.buf = sliceOf(buf, this.pos);
    const out = this.out;
    this.out = '';
    return out;
  }

  /** Handles what the walk stopped at (`this.pos`); false when it must wait for more text. */
  private atEvent(buf: string, final: boolean): boolean {
    buf = asString(buf);
    const pos = this.pos;
    const c = codeAt(buf, pos);
    if (c === NEWLINE) {
      this.write(pos + 1);
      this.lineStart = true;
      return true;
    }
    if (!isAsciiLetter(c)) {
      const opening = openingAt(buf, pos, this.last, final);
      if (opening === WAIT) return false;
      if (opening.span) this.enter(opening.span);
      this.write(pos + opening.length);
      return true;
    }
    const firstEnd = firstWordEnd(buf, pos);
    const behind = this.behind();
    const found = matchMember(buf, pos, firstEnd, behind, final);
    if (found === 'more') return false;
    if (found === 'none') {
      this.write(firstEnd);
      return true;
    }
    const text = this.rewrite(sliceOf(buf, pos, found.end), found, behind.context);
    this.out += text;
    this.last = codeAt(text, text.length - 1);
    this.tail.add(text);
    this.pos = found.end;
    return true;
  }

  /**
   * `lookBehind` of the text written so far, kept until more is written. Why: on a stream, a
   * member at the end of a delta ("it is" before the next word) is looked at, found to need the
   * next delta, and looked at again when it comes, with nothing written in between.
   */
  private behind(): Behind {
    if (this.behindVersion !== this.tail.version) {
      this.behindOfTail = lookBehind(this.tail);
      this.behindVersion = this.tail.version;
    }
    return this.behindOfTail!;
  }

  private enter(span: Span): void {
    this.span = span;
    this.tail.reset(PROTECTED_CODE);
  }

  /** The member to write in place of `original`. */
  private rewrite(original: string, found: Found, context: string): string {
    const { ref } = found;
    this.occurrences++;
    const choice = this.choose({ pair: ref.pair, member: ref.member, context });
    const curly = this.curly || found.curly;
    // The text's apostrophes so far decide the style of the ones it writes.
    if (found.curly) this.curly = true;
    if (choice === undefined || choice === ref.member) return original;
    this.changed++;
    this.changedWords += ref.words.length;
    let text = WORD_PAIRS[ref.pair]!.members[choice];
    if (curly) text = text.replace(/'/g, '\u2019');
    if (found.capital) text = text[0]!.toUpperCase() + text.slice(1);
    return text;
  }
}

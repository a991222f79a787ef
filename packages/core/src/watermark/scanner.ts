import { WORD_PAIRS } from './classes.js';
import { heldFrom } from './hold.js';
import { lookBehind, PROTECTED, TEXT_START, type Behind } from './lookback.js';
import { matchMember, type Found } from './match.js';
import { fenceSpan, quoteSpan, stepSpan, type Span, type SpanStep } from './protect.js';

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

/**
 * The members as one pattern, factored into a trie ("d(?:o(?:es)?...)"): the regular expression
 * engine then rejects most words on their first letters, which halves the scan.
 */
function memberPattern(): string {
  interface Node {
    end?: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { next: new Map() };
  for (const m of new Set(WORD_PAIRS.flatMap((p) => p.members))) {
    let node = root;
    for (const c of m) {
      let next = node.next.get(c);
      if (!next) node.next.set(c, (next = { next: new Map() }));
      node = next;
    }
    node.end = true;
  }
  // Only a member's first letter may be a capital (`matchMember` refuses "DON'T" and "do NOT"):
  // a case-sensitive pattern, which the engine runs about twice as fast as a case-insensitive one.
  const letter = (c: string, first: boolean) => (first && c !== c.toUpperCase() ? `[${c}${c.toUpperCase()}]` : c);
  const emit = (node: Node, first: boolean): string => {
    const parts = [...node.next].map(([c, n]) => (c === "'" ? "['\u2019]" : c === ' ' ? '[ \\t]{1,3}' : letter(c, first)) + emit(n, false));
    if (parts.length === 0) return '';
    const body = parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root, true);
}
/**
 * What makes the scanner stop in prose: a member of a pair, a character that opens a protected
 * span, or a line break before something that may open one (indented code, a fence, a block
 * quote). Everything between is written as it is, in one piece; a stop is looked at closely by
 * `matchMember` (a few per KB of answer).
 */
const EVENT = new RegExp(`\\b${memberPattern()}\\b|[\`{"\u201c\u2018<]|'(?<![A-Za-z0-9]')|\\n(?=[ \\t\`~>]|$)`, 'g');
const FIRST_WORD = /^[A-Za-z]+(?:['\u2019][A-Za-z]+)?/;
/** The scanner keeps at least this much of the text it wrote, for `lookBehind`. */
const TAIL_KEEP = 256;

/**
 * Whether `c` continues a word begun in an earlier chunk. `_` too: `\b` counts it as part of a
 * word, so in a whole text "_do not" is no member, and a chunk that starts after it must agree.
 */
function continuesWord(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 39 || c === 0x2019;
}

/**
 * Walks answer text, as a whole or chunk by chunk, finds every member of a pair outside
 * protected spans with the word before it, and writes the member the `choose` callback picks.
 * Text is held back only while a possible member (with the character after it, or the word after
 * a one-word member) is incomplete, or a character that may open a protected span is the last
 * one received: at most the word before the one being received. Deterministic: the same text
 * gives the same occurrences and output however it was cut into chunks.
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
  private buf = '';
  /** What was written since the text began or the last protected span, at least its last TAIL_KEEP characters. */
  private tail = TEXT_START;
  /**
   * The code of the last character written, protected or not (`TEXT_START` before the first):
   * what a whole text has before the buffer's first character. Kept apart from the tail, which
   * stands for a protected span with a sentinel, and reading it from the tail (a string built by
   * appending) would make the engine flatten the tail on every chunk.
   */
  private last = TEXT_START.charCodeAt(0);
  private span: Span | undefined;
  private lineStart = true;
  /** The text writes `’` as its apostrophe: so does the scanner. */
  private curly = false;
  // The run in progress: what is written, and up to where `buf` was consumed.
  private out = '';
  private pos = 0;
  private readonly spanStep: SpanStep = { emitTo: 0, end: -1 };
  /** Changes whenever the tail does; `behindOfTail` was read at `behindVersion` (see `behind`). */
  private tailVersion = 0;
  private behindVersion = -1;
  private behindOfTail: Behind | undefined;

  constructor(private readonly choose: Chooser) {}

  /** Text that can be written now. */
  push(chunk: string): string {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    return this.run(false);
  }

  /** The rest of the text. The scanner starts a new text afterwards. */
  end(): string {
    const out = this.run(true);
    this.buf = '';
    this.tail = TEXT_START;
    this.last = TEXT_START.charCodeAt(0);
    this.tailVersion++;
    this.span = undefined;
    this.lineStart = true;
    this.curly = false;
    return out;
  }

  private write(to: number): void {
    if (to <= this.pos) return;
    const text = this.buf.slice(this.pos, to);
    this.out += text;
    this.last = text.charCodeAt(text.length - 1);
    if (!this.curly && text.includes('\u2019')) this.curly = true;
    if (!this.span) this.remember(text);
    this.pos = to;
  }

  private run(final: boolean): string {
    const buf = this.buf;
    this.out = '';
    this.pos = 0;
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
        const opens = this.atLineStart(buf, pos, final);
        if (opens === 'more') break;
        this.lineStart = false;
        if (opens !== undefined) {
          this.enter(opens);
          continue;
        }
      }
      // A word begun in an earlier chunk goes on: none of it can start a member.
      if (pos === 0 && continuesWord(this.last) && continuesWord(buf.charCodeAt(0))) {
        let i = 1;
        while (i < buf.length && continuesWord(buf.charCodeAt(i))) i++;
        this.write(i);
        continue;
      }
      EVENT.lastIndex = pos;
      const event = EVENT.exec(buf);
      if (!event) {
        this.write(final ? buf.length : heldFrom(buf, pos, this.last));
        break;
      }
      this.write(event.index);
      if (!this.atEvent(buf, event[0], final)) break;
    }
    this.buf = buf.slice(this.pos);
    const out = this.out;
    this.out = '';
    return out;
  }

  /** Handles what the scanner stopped at (`this.pos`); false when it must wait for more text. */
  private atEvent(buf: string, c: string, final: boolean): boolean {
    const pos = this.pos;
    switch (c) {
      case '\n':
        this.write(pos + 1);
        this.lineStart = true;
        return true;
      case '`': {
        let run = 1;
        while (buf[pos + run] === '`') run++;
        if (pos + run === buf.length && !final) return false;
        this.enter({ kind: 'inline', ticks: run });
        this.write(pos + run);
        return true;
      }
      case '{':
        this.enter({ kind: 'brace', depth: 1 });
        this.write(pos + 1);
        return true;
      case '<':
        if (pos + 1 === buf.length && !final) return false;
        if (/[A-Za-z/!?]/.test(buf[pos + 1] ?? '')) this.enter({ kind: 'tag' });
        this.write(pos + 1);
        return true;
      case "'":
        // A quote opens after a space and before a letter; otherwise it is an apostrophe or a mark.
        if (pos + 1 === buf.length && !final) return false;
        if (/[A-Za-z]/.test(buf[pos + 1] ?? '') && (pos > 0 ? /[\s([]/.test(buf[pos - 1]!) : /[\s([\u0002]/.test(String.fromCharCode(this.last)))) {
          this.enter(quoteSpan(c.charCodeAt(0)));
        }
        this.write(pos + 1);
        return true;
      case '"':
      case '\u201c':
      case '\u2018':
        this.enter(quoteSpan(c.charCodeAt(0)));
        this.write(pos + 1);
        return true;
    }
    const first = FIRST_WORD.exec(c)![0];
    const behind = this.behind();
    const found = matchMember(buf, pos, pos + first.length, behind, final);
    if (found === 'more') return false;
    if (found === 'none') {
      this.write(pos + first.length);
      return true;
    }
    const text = this.rewrite(buf.slice(pos, found.end), found, behind.context);
    this.out += text;
    this.last = text.charCodeAt(text.length - 1);
    this.remember(text);
    this.pos = found.end;
    return true;
  }

  /**
   * `lookBehind` of the text written so far, kept until more is written. Why: on a stream, a
   * member at the end of a delta ("it is" before the next word) is looked at, found to need the
   * next delta, and looked at again when it comes, with nothing written in between; reading the
   * tail again (and flattening it, a string built by appending) was a good part of a stream's
   * cost per member.
   */
  private behind(): Behind {
    if (this.behindVersion !== this.tailVersion) {
      this.behindOfTail = lookBehind(this.tail);
      this.behindVersion = this.tailVersion;
    }
    return this.behindOfTail!;
  }

  /** At a line's start: indented code, a fence or a block quote opens a span. */
  private atLineStart(buf: string, pos: number, final: boolean): Span | undefined | 'more' {
    let i = pos;
    let indent = 0;
    while (buf[i] === ' ' || buf[i] === '\t') indent += buf[i++] === '\t' ? 4 : 1;
    if (i === buf.length) return final ? undefined : 'more';
    const c = buf[i]!;
    if (c === '\n' || c === '\r') return undefined;
    if (indent >= 4 || c === '>') return { kind: 'line' };
    if (c === '`' || c === '~') {
      let run = 1;
      while (buf[i + run] === c) run++;
      if (i + run === buf.length && !final) return 'more';
      if (run >= 3) return fenceSpan(c.charCodeAt(0), run);
    }
    return undefined;
  }

  private enter(span: Span): void {
    this.span = span;
    this.tail = PROTECTED;
    this.tailVersion++;
  }

  private remember(text: string): void {
    if (text.length === 0) return;
    this.tail += text;
    this.tailVersion++;
    if (this.tail.length > 2 * TAIL_KEEP) this.tail = this.tail.slice(-TAIL_KEEP);
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

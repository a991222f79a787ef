import { asString, codeAt, codeAtOrNaN, isAsciiLetter, isWhitespace } from './chars.js';
import { fenceSpan, quoteSpan, type Span } from './protect.js';

/** What opens a span: the span (none when the character turned out to open nothing) and how many characters open it. */
export interface Opening {
  span: Span | undefined;
  length: number;
}

/** The buffer ends before it is known what opens here (a stream waits for the next chunk). */
export const WAIT = 'wait';

const BACKTICK = 96;
const TILDE = 126;
const NEWLINE = 10;

/** A character after which `'` opens a quote rather than ending a word (-1: nothing written yet). */
function opensQuoteAfter(c: number): boolean {
  return c === -1 || isWhitespace(c) || c === 40 || c === 91; // ( [
}

/** A character after `<` that makes a markup tag. */
function startsTag(c: number): boolean {
  return isAsciiLetter(c) || c === 47 || c === 33 || c === 63; // / ! ?
}

/**
 * What the character at `pos`, one the scanner stops at in prose (`` ` ``, `{`, `<`, `'`, `"`,
 * `“`, `‘`), opens. `before` is the character before the buffer (-1 for none).
 */
export function openingAt(buf: string, pos: number, before: number, final: boolean): Opening | typeof WAIT {
  buf = asString(buf);
  const c = codeAt(buf, pos);
  const next = pos + 1 < buf.length ? codeAt(buf, pos + 1) : -1;
  switch (c) {
    case BACKTICK: {
      let run = 1;
      while (codeAtOrNaN(buf, pos + run) === BACKTICK) run++;
      if (pos + run === buf.length && !final) return WAIT;
      return { span: { kind: 'inline', ticks: run }, length: run };
    }
    case 123: // {
      return { span: { kind: 'brace', depth: 1 }, length: 1 };
    case 60: // <
      if (next < 0 && !final) return WAIT;
      return { span: startsTag(next) ? { kind: 'tag' } : undefined, length: 1 };
    case 39: {
      // A quote opens after a space and before a letter; otherwise it is an apostrophe or a mark.
      if (next < 0 && !final) return WAIT;
      const opens = isAsciiLetter(next) && opensQuoteAfter(pos > 0 ? codeAt(buf, pos - 1) : before);
      return { span: opens ? quoteSpan(c) : undefined, length: 1 };
    }
    default: // " “ ‘
      return { span: quoteSpan(c), length: 1 };
  }
}

/**
 * Whether a line that starts with the character `c` is prose for `openingAtLineStart` at once:
 * no indent, fence, block quote or empty line can begin with it. (A stream's delta that starts a
 * line with a word takes the fast path, with no walk.)
 */
export function startsProseLine(c: number): boolean {
  return c !== 32 && c !== 9 && c !== 62 && c !== BACKTICK && c !== TILDE && c !== NEWLINE && c !== 13;
}

/** At a line's start: indented code, a fence or a block quote opens a span. */
export function openingAtLineStart(buf: string, pos: number, final: boolean): Span | undefined | typeof WAIT {
  buf = asString(buf);
  let i = pos;
  let indent = 0;
  for (let c = codeAtOrNaN(buf, i); c === 32 || c === 9; c = codeAtOrNaN(buf, ++i)) indent += c === 9 ? 4 : 1;
  if (i === buf.length) return final ? undefined : WAIT;
  const c = codeAt(buf, i);
  if (c === NEWLINE || c === 13) return undefined;
  if (indent >= 4 || c === 62) return { kind: 'line' }; // >
  if (c === BACKTICK || c === TILDE) {
    let run = 1;
    while (codeAtOrNaN(buf, i + run) === c) run++;
    if (i + run === buf.length && !final) return WAIT;
    if (run >= 3) return fenceSpan(c, run);
  }
  return undefined;
}

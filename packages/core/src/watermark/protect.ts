import { asString, codeAt, codeAtOrNaN, isAsciiLetter, isSpaceOrTab } from './chars.js';

/**
 * Spans the watermark never touches: fenced, indented and inline code, block quotes, quoted text
 * ("…", “…”, ‘…’), anything in braces (JSON), and markup tags. Each span is a mode of the scanner;
 * these functions find where it ends. A span whose end is not in the text yet stays open (a
 * stream keeps it protected until it ends): an unclosed quote or inline code span ends at the
 * next blank line, an unclosed fence or brace at the end of the text. They read character codes:
 * a stream inside a code block steps its span on every delta.
 */

export type Span =
  | { kind: 'fence'; char: number; run: number }
  | { kind: 'inline'; ticks: number }
  /** `close`: the closing quote, `'` standing for `'` or `’` not followed by a letter. */
  | { kind: 'quote'; close: number }
  | { kind: 'brace'; depth: number }
  | { kind: 'tag' }
  | { kind: 'line' };

/** Where a span's text goes: `end` is where prose resumes, or -1 when the span goes on. Reused by its scanner. */
export interface SpanStep {
  /** Text of the span that can be written now ends here. */
  emitTo: number;
  /** The span ended here; prose resumes at this index. */
  end: number;
}

const NEWLINE = 10;
const BACKTICK = 96;
const QUOTE = 39;
const RIGHT_SINGLE = 0x2019;
/** How far back a stream looks for a paragraph break that may be coming. */
const OPEN_BREAK_WINDOW = 64;

/** The span a quote character opens. */
export function quoteSpan(quote: number): Span {
  return { kind: 'quote', close: quote === 34 ? 34 : quote === 0x201c ? 0x201d : QUOTE };
}

/** The span of a fence opened by `run` (three or more) backticks or tildes. */
export function fenceSpan(char: number, run: number): Span {
  return { kind: 'fence', char, run };
}

function goesOn(step: SpanStep, emitTo: number): void {
  step.emitTo = emitTo;
  step.end = -1;
}

function endsAt(step: SpanStep, end: number): void {
  step.emitTo = end;
  step.end = end;
}

/** The end of a paragraph break (a newline, spaces or tabs, a newline) at the newline `i`, or -1. */
function paragraphBreakEnd(buf: string, i: number): number {
  let j = i + 1;
  while (j < buf.length && isSpaceOrTab(codeAt(buf, j))) j++;
  return j < buf.length && codeAt(buf, j) === NEWLINE ? j + 1 : -1;
}

/** How much of `buf` from `at` belongs to `span`, in `step`. Mutates `span` (brace depth). */
export function stepSpan(span: Span, buf: string, at: number, final: boolean, step: SpanStep): void {
  buf = asString(buf);
  const n = buf.length;
  switch (span.kind) {
    case 'line': {
      const nl = buf.indexOf('\n', at);
      return nl < 0 ? goesOn(step, n) : endsAt(step, nl);
    }
    case 'tag': {
      for (let i = at; i < n; i++) {
        const c = codeAt(buf, i);
        if (c === 62) return endsAt(step, i + 1); // >
        if (c === NEWLINE) return endsAt(step, i);
      }
      return goesOn(step, n);
    }
    case 'brace': {
      for (let i = at; i < n; i++) {
        const c = codeAt(buf, i);
        if (c === 123) span.depth++;
        else if (c === 125 && --span.depth === 0) return endsAt(step, i + 1);
      }
      return goesOn(step, n);
    }
    case 'quote': {
      for (let i = at; i < n; i++) {
        const c = codeAt(buf, i);
        if (c === NEWLINE) {
          if (paragraphBreakEnd(buf, i) >= 0) return endsAt(step, i);
        } else if (span.close === QUOTE ? (c === QUOTE || c === RIGHT_SINGLE) && !(i + 1 < n && isAsciiLetter(codeAt(buf, i + 1))) : c === span.close) {
          // A single quote at the end may yet be an apostrophe ("don" + "’t").
          if (!final && span.close === QUOTE && i + 1 === n) return goesOn(step, i);
          return endsAt(step, i + 1);
        }
      }
      return goesOn(step, final ? n : holdOpenBreak(buf, at));
    }
    case 'inline': {
      for (let i = at; i < n; i++) {
        const c = codeAt(buf, i);
        if (c === NEWLINE) {
          if (paragraphBreakEnd(buf, i) >= 0) return endsAt(step, i);
        } else if (c === BACKTICK) {
          let runEnd = i + 1;
          while (runEnd < n && codeAt(buf, runEnd) === BACKTICK) runEnd++;
          if (runEnd === n && !final) return goesOn(step, i);
          if (runEnd - i === span.ticks) return endsAt(step, runEnd);
          i = runEnd - 1;
        }
      }
      return goesOn(step, final ? n : holdOpenBreak(buf, at));
    }
    case 'fence': {
      for (let nl = buf.indexOf('\n', at); nl >= 0; nl = buf.indexOf('\n', nl + 1)) {
        const end = closingFenceEnd(buf, nl, span);
        if (end >= 0 && (final || end < n)) return endsAt(step, end);
      }
      if (final) return goesOn(step, n);
      // Hold back only a last line that may still become the closing fence.
      const nl = buf.lastIndexOf('\n');
      return goesOn(step, nl >= at && mayCloseFence(buf, nl) ? nl : n);
    }
  }
}

/** The end of the fence's closing line at the newline `nl` (up to three spaces, the fence's characters, spaces or tabs), or -1. */
function closingFenceEnd(buf: string, nl: number, span: { char: number; run: number }): number {
  const n = buf.length;
  let i = nl + 1;
  while (i < n && i - nl - 1 < 3 && codeAt(buf, i) === 32) i++;
  const ticks = i;
  while (i < n && codeAt(buf, i) === span.char) i++;
  if (i - ticks < span.run) return -1;
  while (i < n && isSpaceOrTab(codeAt(buf, i))) i++;
  return i === n || codeAt(buf, i) === NEWLINE ? i : -1;
}

/** Whether the last line, from the newline `nl`, may still become a closing fence: up to three spaces, backticks or tildes, spaces or tabs. */
function mayCloseFence(buf: string, nl: number): boolean {
  const n = buf.length;
  let i = nl + 1;
  while (i < n && i - nl - 1 < 3 && codeAt(buf, i) === 32) i++;
  const c = codeAtOrNaN(buf, i);
  if (c === BACKTICK || c === 126) while (i < n && codeAt(buf, i) === c) i++;
  while (i < n && isSpaceOrTab(codeAt(buf, i))) i++;
  return i === n;
}

/** Where to stop writing a span that may end at a paragraph break still coming: at a last newline followed only by spaces or tabs. */
function holdOpenBreak(buf: string, at: number): number {
  const n = buf.length;
  const from = Math.max(at, n - OPEN_BREAK_WINDOW);
  let i = n;
  while (i > from && isSpaceOrTab(codeAt(buf, i - 1))) i--;
  return i > from && codeAt(buf, i - 1) === NEWLINE ? i - 1 : n;
}

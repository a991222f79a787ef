/**
 * Spans the watermark never touches: fenced, indented and inline code, block quotes, quoted text
 * ("…", “…”, ‘…’), anything in braces (JSON), and markup tags. Each span is a mode of the scanner;
 * these functions find where it ends. A span whose end is not in the text yet stays open (a
 * stream keeps it protected until it ends): an unclosed quote or inline code span ends at the
 * next blank line, an unclosed fence or brace at the end of the text.
 */

export type Span =
  | { kind: 'fence'; close: RegExp }
  | { kind: 'inline'; ticks: number }
  | { kind: 'quote'; close: RegExp }
  | { kind: 'brace'; depth: number }
  | { kind: 'tag' }
  | { kind: 'line' };

/** Where a span's text goes: `end` is where prose resumes, or undefined when the span goes on. */
export interface SpanStep {
  /** Text of the span that can be written now ends here. */
  emitTo: number;
  /** The span ended here; prose resumes at this index. */
  end?: number;
}

const PARAGRAPH_BREAK = '\\n[ \\t]*\\n';
const DOUBLE = new RegExp(`"|${PARAGRAPH_BREAK}`, 'g');
const CURLY_DOUBLE = new RegExp(`\u201d|${PARAGRAPH_BREAK}`, 'g');
// A closing single quote is one not followed by a letter: in "don’t" it is an apostrophe.
const SINGLE = new RegExp(`['\u2019](?![A-Za-z])|${PARAGRAPH_BREAK}`, 'g');
const TICKS_OR_BREAK = new RegExp(`\`+|${PARAGRAPH_BREAK}`, 'g');
const BRACES = /[{}]/g;
const TAG_END = /[>\n]/g;
/** A tail that may still become a paragraph break. */
const OPEN_BREAK = /\n[ \t]*$/;

/** The span a quote character opens. */
export function quoteSpan(quote: string): Span {
  return { kind: 'quote', close: quote === '"' ? DOUBLE : quote === '\u201c' ? CURLY_DOUBLE : SINGLE };
}

/** The span of a fence opened by `run` (three or more backticks or tildes). */
export function fenceSpan(char: string, run: number): Span {
  const tick = char === '`' ? '`' : '~';
  return { kind: 'fence', close: new RegExp(`\\n {0,3}${tick}{${run},}[ \\t]*(?=\\n|$)`, 'g') };
}

/** How much of `buf` from `at` belongs to `span`. Mutates `span` (brace depth). */
export function stepSpan(span: Span, buf: string, at: number, final: boolean): SpanStep {
  switch (span.kind) {
    case 'line': {
      const nl = buf.indexOf('\n', at);
      return nl < 0 ? { emitTo: buf.length } : { emitTo: nl, end: nl };
    }
    case 'tag': {
      TAG_END.lastIndex = at;
      const m = TAG_END.exec(buf);
      if (!m) return { emitTo: buf.length };
      const end = m[0] === '>' ? m.index + 1 : m.index;
      return { emitTo: end, end };
    }
    case 'brace': {
      BRACES.lastIndex = at;
      for (let m = BRACES.exec(buf); m; m = BRACES.exec(buf)) {
        span.depth += m[0] === '{' ? 1 : -1;
        if (span.depth === 0) return { emitTo: m.index + 1, end: m.index + 1 };
      }
      return { emitTo: buf.length };
    }
    case 'quote': {
      span.close.lastIndex = at;
      const m = span.close.exec(buf);
      if (m) {
        if (m[0].length === 1) {
          // A single quote at the end may yet be an apostrophe ("don" + "’t").
          if (!final && span.close === SINGLE && m.index + 1 === buf.length) return { emitTo: m.index };
          return { emitTo: m.index + 1, end: m.index + 1 };
        }
        return { emitTo: m.index, end: m.index };
      }
      return { emitTo: final ? buf.length : holdOpenBreak(buf, at) };
    }
    case 'inline': {
      TICKS_OR_BREAK.lastIndex = at;
      for (let m = TICKS_OR_BREAK.exec(buf); m; m = TICKS_OR_BREAK.exec(buf)) {
        if (m[0][0] !== '`') return { emitTo: m.index, end: m.index };
        const runEnd = m.index + m[0].length;
        if (runEnd === buf.length && !final) return { emitTo: m.index };
        if (m[0].length === span.ticks) return { emitTo: runEnd, end: runEnd };
      }
      return { emitTo: final ? buf.length : holdOpenBreak(buf, at) };
    }
    case 'fence': {
      span.close.lastIndex = at;
      const m = span.close.exec(buf);
      if (m && (final || m.index + m[0].length < buf.length)) return { emitTo: m.index + m[0].length, end: m.index + m[0].length };
      if (final) return { emitTo: buf.length };
      // Hold back only a last line that may still become the closing fence.
      const nl = buf.lastIndexOf('\n');
      return { emitTo: nl >= at && /^\n {0,3}(?:`*|~*)[ \t]*$/.test(buf.slice(nl)) ? nl : buf.length };
    }
  }
}

function holdOpenBreak(buf: string, at: number): number {
  const m = OPEN_BREAK.exec(buf.slice(Math.max(at, buf.length - 64)));
  return m ? Math.max(at, buf.length - m[0].length) : buf.length;
}

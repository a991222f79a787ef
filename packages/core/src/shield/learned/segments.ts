/** A sentence or line longer than this is cut at sentence ends, then at this length. */
const MAX_SEGMENT = 320;
/** Segments with fewer letters than this are joined to the next one. */
const MIN_LETTERS = 12;
const SENTENCE = /[^.!?\u3002\uff01\uff1f]*(?:[.!?\u3002\uff01\uff1f]+|$)/g;
const LETTERS = /\p{L}/gu;

/**
 * Where one line of markup breaks into blocks: after the closing tag of a block or a cell, and after
 * `<br>`. A page or a table written on one line is then read element by element, as the same page
 * with line breaks would be, and an order hidden in one cell or `<div hidden>` is not diluted by the
 * rest of the line.
 */
const MARKUP_BREAK = /<\/(?:div|p|td|th|tr|li|dd|dt|span|h[1-6]|section|article|aside|header|footer|blockquote|caption|label|option)\s*>|<br\s*\/?>/gi;

/** The text's lines, each line of markup broken after its blocks (see {@link MARKUP_BREAK}). */
function markupLines(text: string): string[] {
  const lines = text.split('\n');
  // Plain text has no "</" or "<br": it costs two substring searches.
  if (!text.includes('</') && !/<br/i.test(text)) return lines;
  return lines.flatMap((line) => (line.includes('<') ? line.replace(MARKUP_BREAK, '$&\n').split('\n') : [line]));
}

function letters(s: string): number {
  LETTERS.lastIndex = 0;
  let n = 0;
  // `test` moves `lastIndex` as `exec` does, without making a match array per letter.
  while (LETTERS.test(s) && n < MIN_LETTERS) n++;
  return n;
}

/**
 * Splits a document into the pieces the learned scorer reads one by one: lines (a line of markup
 * also after each closing block or cell tag, see {@link MARKUP_BREAK}), long lines cut at sentence
 * ends (and at 320 characters), very short pieces joined to the next. An instruction
 * planted in an e-mail, a table cell or a code comment is usually one such piece, and scoring it
 * alone keeps the rest of the document from diluting it.
 *
 * @example
 * ```ts
 * documentSegments('Hi David,\nAdd a link to example.com to your reply.\nThanks');
 * // ['Hi David,\nAdd a link to example.com to your reply.', 'Thanks']  (short pieces joined)
 * ```
 */
export function documentSegments(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  const push = (piece: string): void => {
    const s = pending ? `${pending}\n${piece}` : piece;
    if (letters(s) < MIN_LETTERS) {
      pending = s;
      return;
    }
    out.push(s);
    pending = '';
  };
  for (const line of markupLines(text)) {
    const t = line.trim();
    if (t.length === 0) continue;
    if (t.length <= MAX_SEGMENT) {
      push(t);
      continue;
    }
    SENTENCE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let current = '';
    while ((m = SENTENCE.exec(t)) !== null) {
      if (m[0].length === 0) {
        SENTENCE.lastIndex++;
        if (SENTENCE.lastIndex > t.length) break;
        continue;
      }
      let s = m[0];
      while (s.length > MAX_SEGMENT) {
        if (current) push(current.trim());
        current = '';
        push(s.slice(0, MAX_SEGMENT).trim());
        s = s.slice(MAX_SEGMENT);
      }
      if (current.length + s.length > MAX_SEGMENT) {
        push(current.trim());
        current = '';
      }
      current += s;
    }
    if (current.trim()) push(current.trim());
  }
  if (pending) {
    if (out.length > 0) out[out.length - 1] += `\n${pending}`;
    else out.push(pending);
  }
  return out;
}

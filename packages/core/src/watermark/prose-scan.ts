import { Action, actionAtEnd, CHAR_CLASS, isCandidate, rowAfter, STEP, StepBits } from './prose-automaton.js';
import { asString, codeAt } from './chars.js';
import { Ring, type WrittenTail } from './tail.js';

/** What may open a span at the start of the line after a newline: indented code, a fence, a block quote. */
function opensLine(c: number): boolean {
  return c === 32 || c === 9 || c === 96 || c === 126 || c === 62;
}

/** Where a run of the automaton is: its state's row, where the candidate member being read starts and its second part, the first `’` read (-1: none). */
export interface Cursor {
  row: number;
  start: number;
  second: number;
  curly: number;
}

/**
 * Runs the automaton over `text` from `from`, from where `cursor` is, to the first event: its
 * index, or -1 when the text ends first (`cursor` is then where it ended). Indexes are `base`
 * more than in `text` (the held text a stream reads a delta after). See `prose-automaton.ts`.
 * `length` is `text.length`, which the callers have read already (see `asString`).
 *
 * Each code read is also copied into `tail`'s ring, at the position it takes if the scanner
 * writes the text as it reads it: `text[from]` is the next code after the tail's end and the
 * `base` codes read before `text`. The scanner then only moves the tail's end over what it
 * writes unchanged (see `WrittenTail`).
 */
export function advance(text: string, from: number, length: number, base: number, cursor: Cursor, tail: WrittenTail): number {
  const n = length;
  const ring = tail.codes;
  const at = tail.end + base - from;
  // The tables in locals: bundled, a module's constants are variables of its scope, which the
  // optimised loop would read from the scope and check again at every character (and its
  // numbers are const enums, see `StepBits`).
  const steps = STEP;
  const classes = CHAR_CLASS;
  let row = cursor.row;
  let start = cursor.start;
  let second = cursor.second;
  cursor.curly = -1;
  for (let i = from; i < n; i++) {
    const c = codeAt(text, i);
    ring[(at + i) & Ring.MASK] = c;
    const step = steps[row + classes[c]!]!;
    row = step & StepBits.ROW_MASK;
    if (step < StepBits.PLAIN) continue;
    if ((step & StepBits.CURLY_FLAG) !== 0 && cursor.curly < 0) cursor.curly = base + i;
    switch ((step >>> StepBits.ACTION_SHIFT) & StepBits.ACTION_MASK) {
      case Action.NONE:
        break;
      case Action.START:
        start = base + i;
        break;
      case Action.SECOND:
        second = base + i;
        break;
      case Action.SHIFT:
        start = second;
        break;
      case Action.MEMBER:
        return start;
      case Action.MEMBER_AT_SECOND:
        return second;
      case Action.NEWLINE_EVENT:
        if (i + 1 === n || opensLine(codeAt(text, i + 1))) return base + i;
        break;
      default:
        return base + i;
    }
  }
  cursor.row = row;
  cursor.start = start;
  cursor.second = second;
  return -1;
}

/** Where `scanProse` stopped. */
export interface ProseStop {
  /** Index of the first event, or -1 when there is none. */
  event: number;
  /** Without an event: text from here on may still become a member and waits for more (the buffer's length when none does). */
  held: number;
  /** Index of the first `’` read, or -1: the scanner writes its apostrophes the way the text does. */
  curly: number;
}

/**
 * Reads prose from `from` to the first place where the scanner must stop and look (the event):
 * a member of a pair starting a word after a space, `(`, `[` or `*` (elsewhere `lookBehind`
 * refuses it anyway), and ending at a word boundary; a character that opens a protected span
 * (`` ` ``, `{`, `"`, `“`, `‘`, `<`, and `'` unless it is an apostrophe after a letter or a
 * digit); a newline before something that may open one, or at the end of the buffer. Without an
 * event, and unless `final`, a member still incomplete at the end ("do", "do n", "It'", a whole
 * "toward" that may be "towards") is held from its start for the next chunk. `before` is the
 * character written before the buffer, -1 for none. `buf[from]` is the next code `tail` gets
 * (see `advance`).
 *
 * @example
 * ```ts
 * const stop = { event: -1, held: 0, curly: -1 };
 * scanProse('Well, I do not know', 0, -1, false, stop, tail); // stop.event === 8 ("do not")
 * scanProse('Well, I do', 0, -1, false, stop, tail);          // stop.event === -1, stop.held === 8
 * ```
 */
export function scanProse(buf: string, from: number, before: number, final: boolean, stop: ProseStop, tail: WrittenTail): void {
  buf = asString(buf);
  const cursor = scratch;
  cursor.row = rowAfter(from > 0 ? codeAt(buf, from - 1) : before);
  stop.event = advance(buf, from, buf.length, 0, cursor, tail);
  stop.curly = cursor.curly;
  if (stop.event >= 0) return;
  stop.held = buf.length;
  if (!isCandidate(cursor.row)) return;
  if (!final) stop.held = cursor.start;
  else {
    const atEnd = actionAtEnd(cursor.row);
    if (atEnd === Action.MEMBER) stop.event = cursor.start;
    else if (atEnd === Action.MEMBER_AT_SECOND) stop.event = cursor.second;
  }
}

/** The cursor of `scanProse`, which starts afresh each time (a candidate starts in the text it reads). */
const scratch: Cursor = { row: 0, start: 0, second: 0, curly: -1 };

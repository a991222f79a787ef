import { isWhitespace } from './chars.js';
import { APOSTROPHE_SLOT, GAP_SLOT, MEMBER_TRIE, TRIE_WIDTH } from './member-trie.js';

/**
 * What the scanner looks for in prose, compiled into one deterministic automaton: a table
 * lookup per character and a branch only where something happens, where a loop with a branch
 * per kind of character and a walk of the member trie at each word took about twice as long
 * (reading the text is most of what marking costs). `scanProse` runs it; this file builds it,
 * once, into about 210 KB of tables. The states:
 * - four for the character before (it decides whether a word may start a member, and whether
 *   `'` is an apostrophe): a space or an opening bracket (or nothing yet), a letter or digit,
 *   `_`, anything else;
 * - one per member-trie node: a candidate member being read.
 * Each transition carries an action: start a candidate here, note where its second part
 * starts, move to a candidate that started at that second part, or stop at an event.
 */

// Character classes: a-z, A-Z, then the rest.
const UPPER = 26;
const DIGIT = 52;
const UNDERSCORE = 53;
/** A space or a tab: whitespace, and the gap between the words of a member. */
const GAP = 54;
const NEWLINE = 55;
const OTHER_SPACE = 56;
/** `(`, `[`, `*`: may come right before a member (see `lookBehind`). */
const OPENER = 57;
const QUOTE = 58;
const CURLY_APOSTROPHE = 59;
/** Opens a protected span: `` ` ``, `{`, `"`, `<`, `“`, `‘`. */
const OPENS = 60;
const OTHER = 61;
export const CLASSES = 62;

/**
 * The class of every UTF-16 code: a table of 64 KB, so that the scan looks a character's class
 * up with no branch on where it is from.
 */
export const CHAR_CLASS = (() => {
  const t = new Uint8Array(0x10000).fill(OTHER);
  for (let c = 97; c <= 122; c++) t[c] = c - 97;
  for (let c = 65; c <= 90; c++) t[c] = UPPER + c - 65;
  for (let c = 48; c <= 57; c++) t[c] = DIGIT;
  t[95] = UNDERSCORE;
  t[32] = GAP;
  t[9] = GAP;
  t[10] = NEWLINE;
  for (let c = 11; c < 0x10000; c++) if (c !== 32 && c !== 10 && c !== 9 && isWhitespace(c)) t[c] = OTHER_SPACE;
  for (const c of '([*') t[c.charCodeAt(0)] = OPENER;
  t[39] = QUOTE;
  t[0x2019] = CURLY_APOSTROPHE;
  for (const c of '`{"<\u201c\u2018') t[c.charCodeAt(0)] = OPENS; // “ ‘
  return t;
})();

// States for the character before.
/** A space, `(`, `[`, `*`, or nothing yet: a member may start here. */
const AFTER_SPACE = 0;
const AFTER_ALNUM = 1;
const AFTER_UNDERSCORE = 2;
const AFTER_OTHER = 3;
const FIRST_NODE_STATE = 4;

/**
 * Actions: the first three note where they happen, the others change the candidate or stop the
 * scan. A const enum, like `StepBits`.
 */
export const enum Action {
  NONE = 0,
  /** A candidate member starts here. */
  START = 1,
  /** The candidate's second part (after its space or apostrophe) starts here. */
  SECOND = 2,
  /** The candidate failed, and the one that started at its second part goes on: it is the candidate now. */
  SHIFT = 3,
  /** Stop: the candidate is a member (this character ends it). */
  MEMBER = 4,
  /** Stop: the member started at the candidate's second part. */
  MEMBER_AT_SECOND = 5,
  /** Stop here: this character opens a span. */
  EVENT = 6,
  /** Stop here if what follows the newline may open a span (or the buffer ends). */
  NEWLINE_EVENT = 7,
}

interface Step {
  state: number;
  action: number;
}

const { next, end, paths } = MEMBER_TRIE;

function isWordClass(k: number): boolean {
  return k <= UNDERSCORE;
}

/** A state for the character before, reading class `k`. */
function plain(state: number, k: number): Step {
  if (k < DIGIT) {
    if (state !== AFTER_SPACE) return { state: AFTER_ALNUM, action: Action.NONE };
    const node = next[k % UPPER]!;
    return node === 0 ? { state: AFTER_ALNUM, action: Action.NONE } : { state: FIRST_NODE_STATE + node, action: Action.START };
  }
  switch (k) {
    case DIGIT:
      return { state: AFTER_ALNUM, action: Action.NONE };
    case UNDERSCORE:
      return { state: AFTER_UNDERSCORE, action: Action.NONE };
    case GAP:
    case OTHER_SPACE:
    case OPENER:
      return { state: AFTER_SPACE, action: Action.NONE };
    case NEWLINE:
      return { state: AFTER_SPACE, action: Action.NEWLINE_EVENT };
    case QUOTE:
      // After a letter or a digit it is an apostrophe ("don't"), elsewhere it may open a quote.
      return { state: AFTER_OTHER, action: state === AFTER_ALNUM ? Action.NONE : Action.EVENT };
    case OPENS:
      return { state: AFTER_OTHER, action: Action.EVENT };
    default:
      return { state: AFTER_OTHER, action: Action.NONE };
  }
}

/** The trie slot of class `k` inside a member, or -1 (capitals come first only). */
function slotOf(k: number): number {
  if (k < UPPER) return k;
  if (k === GAP) return GAP_SLOT;
  if (k === QUOTE || k === CURLY_APOSTROPHE) return APOSTROPHE_SLOT;
  return -1;
}

function isSeparator(ch: string | undefined): boolean {
  return ch === ' ' || ch === "'";
}

/** The candidate that started at the second part of the one at `node`, if any: the trie node it reached, else 0. */
function secondCandidate(node: number): number {
  const path = paths[node]!;
  const sep = Math.max(path.lastIndexOf(' '), path.lastIndexOf("'"));
  // After an apostrophe nothing starts ("don't"'s "t"); nor before any letter of the second part.
  if (sep < 0 || path[sep] !== ' ' || sep === path.length - 1) return 0;
  let n = 0;
  for (const ch of path.slice(sep + 1)) {
    n = next[n * TRIE_WIDTH + ch.charCodeAt(0) - 97]!;
    if (n === 0) return 0;
  }
  return n;
}

/** The state for the character before, once a candidate at `node` has failed (the part it read is a word going on, or its separator). */
function afterFailing(node: number): number {
  const last = paths[node]!.at(-1);
  return last === ' ' ? AFTER_SPACE : last === "'" ? AFTER_OTHER : AFTER_ALNUM;
}

/** The candidate at `node` reading class `k`. */
function walk(node: number, k: number): Step {
  if (end[node] === 1 && !isWordClass(k)) return { state: AFTER_OTHER, action: Action.MEMBER };
  const slot = slotOf(k);
  const child = slot < 0 ? 0 : next[node * TRIE_WIDTH + slot]!;
  if (child !== 0) return { state: FIRST_NODE_STATE + child, action: slot < GAP_SLOT && isSeparator(paths[node]!.at(-1)) ? Action.SECOND : Action.NONE };
  const path = paths[node]!;
  const hasSecondPart = /[ '][a-z]/.test(path);
  if (!hasSecondPart) return plain(afterFailing(node), k);
  // Its second part is a candidate of its own, in its first word: it goes on, ends, or fails too.
  const second = secondCandidate(node);
  if (second !== 0) {
    if (end[second] === 1 && !isWordClass(k)) return { state: AFTER_OTHER, action: Action.MEMBER_AT_SECOND };
    const child2 = slot < 0 ? 0 : next[second * TRIE_WIDTH + slot]!;
    if (child2 !== 0) return { state: FIRST_NODE_STATE + child2, action: Action.SHIFT };
  }
  return plain(AFTER_ALNUM, k);
}

/**
 * Where an entry of `STEP` keeps the action, and the flag of a `’` read (the scanner notes the
 * first). A const enum rather than constants, for the scan's loop: the bundler writes a const
 * enum's values into the code as numbers, while a module's constants become variables of the
 * module's scope, which the optimised loop read from there, or from the stack, at every
 * character (written as numbers, a marked one-word stream cost about 0.9x).
 */
export const enum StepBits {
  ACTION_SHIFT = 24,
  ACTION_MASK = 15,
  CURLY_FLAG = 1 << 28,
  ROW_MASK = (1 << 24) - 1,
  /** Entries below this have neither an action nor the flag: most characters. */
  PLAIN = 1 << 24,
}

/**
 * The automaton, one entry per state and class: `STEP[row + class]` is the next state's row
 * (a state's row is `state * CLASSES`, so that the scan needs no multiplication) in the low 24
 * bits, the action and the `’` flag above them: a character costs one lookup, and one test
 * when the entry is below `StepBits.PLAIN`. `AT_END[state]` is the action at the end of a final buffer.
 */
export const { STEP, AT_END } = (() => {
  const states = FIRST_NODE_STATE + paths.length;
  const step = new Int32Array(states * CLASSES);
  const atEnd = new Uint8Array(states);
  for (let s = 0; s < states; s++) {
    for (let k = 0; k < CLASSES; k++) {
      const to = s < FIRST_NODE_STATE ? plain(s, k) : walk(s - FIRST_NODE_STATE, k);
      step[s * CLASSES + k] = (k === CURLY_APOSTROPHE ? StepBits.CURLY_FLAG : 0) | (to.action << StepBits.ACTION_SHIFT) | (to.state * CLASSES);
    }
    if (s >= FIRST_NODE_STATE) {
      const node = s - FIRST_NODE_STATE;
      const second = secondCandidate(node);
      atEnd[s] = end[node] === 1 ? Action.MEMBER : second !== 0 && end[second] === 1 ? Action.MEMBER_AT_SECOND : Action.NONE;
    }
  }
  return { STEP: step, AT_END: atEnd };
})();

const ROW_AFTER_CLASS = Int32Array.from({ length: CLASSES }, (_, k) => plain(AFTER_OTHER, k).state * CLASSES);

/** The row of the state after character `c` (-1: nothing yet), where a scan starts. */
export function rowAfter(c: number): number {
  return ROW_AFTER_CLASS[c < 0 ? GAP : CHAR_CLASS[c]!]!;
}

/** Whether the state at `row` is reading a candidate member (a stream holds it back until it is known). */
export function isCandidate(row: number): boolean {
  return row >= FIRST_NODE_STATE * CLASSES;
}

/** `AT_END` of the state at `row`. */
export function actionAtEnd(row: number): number {
  return AT_END[row / CLASSES]!;
}

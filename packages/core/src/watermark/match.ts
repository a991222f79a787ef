import { MEMBERS_BY_FIRST_WORD, WORD_PAIRS, type MemberRef } from './classes.js';
import type { Behind } from './lookback.js';

/** A member of a pair found in the text, with everything the choice and the rewrite need. */
export interface Found {
  ref: MemberRef;
  /** End of the member's last word in the buffer. */
  end: number;
  /** Its first word is capitalised ("Do not", "I'm"). */
  capital: boolean;
  /** It is written with `’` rather than `'`. */
  curly: boolean;
}

/** `more`: the buffer ends before the answer is known (a stream holds the word back). */
export type MatchResult = Found | 'none' | 'more';

const WORD = /[A-Za-z]+(?:['\u2019][A-Za-z]+)*/y;
const GAP = /[ \t]{1,3}/y;
const TRAIL = /[.,;:!?)\]*_]{0,8}/y;
const PRONOUN_I = new Set(['i', "i'm", "i'll"]);

function normal(word: string): string {
  return word.toLowerCase().replace(/\u2019/g, "'");
}

/** What `wordAt` returns when the word may go on in the next chunk: not a string, since "more" is a word too. */
const WAIT = Symbol('wait for the next chunk');

/**
 * The word at `at`, undefined when there is none, or WAIT when it reaches the end of the
 * buffer and may go on in the next chunk, unless none of `wanted` starts with what is there.
 */
function wordAt(buf: string, at: number, final: boolean, wanted: readonly string[]): string | typeof WAIT | undefined {
  if (at >= buf.length) return final ? undefined : WAIT;
  WORD.lastIndex = at;
  const m = WORD.exec(buf);
  if (!m) return undefined;
  const end = at + m[0].length;
  // A word that reaches the end of the buffer (or a trailing apostrophe) may continue in the next chunk.
  const open = !final && (end === buf.length || (end === buf.length - 1 && /['\u2019]/.test(buf[end]!)));
  if (!open) return m[0];
  // Wait when what comes next may change the answer: it may complete a wanted word, or make the
  // wanted word read so far ("I" before "'m", "not" before "'s") part of a longer one.
  const prefix = normal(buf.slice(at));
  return wanted.some((w) => w.startsWith(prefix)) || wanted.includes(normal(m[0])) ? WAIT : m[0];
}

/** The end of the spaces at `at` (1 to 3 spaces or tabs), `more`, or undefined when there are none. */
function gapAt(buf: string, at: number, final: boolean): number | 'more' | undefined {
  GAP.lastIndex = at;
  const m = GAP.exec(buf);
  if (!m) return at >= buf.length && !final ? 'more' : undefined;
  const end = at + m[0].length;
  if (end === buf.length && !final) return 'more';
  if (buf[end] === ' ' || buf[end] === '\t') return undefined;
  return end;
}

function isCapitalised(word: string): boolean {
  const first = word[0]!;
  if (first < 'A' || first > 'Z') return false;
  return word.slice(1) === word.slice(1).toLowerCase();
}

/**
 * Whether the word `first` at `start` (which the scanner found to be a member's first word)
 * begins a member that may be rewritten here, given what lies behind it.
 */
export function matchMember(buf: string, start: number, first: string, behind: Behind, final: boolean): MatchResult {
  const refs = MEMBERS_BY_FIRST_WORD.get(normal(first));
  if (!refs || !behind.clean) return 'none';
  const lower = normal(first);
  const capital = isCapitalised(first);
  // Lower case anywhere; capitalised only where a sentence starts (elsewhere it is a name or a title).
  if (first !== first.toLowerCase() && !(capital && (behind.sentenceStart || PRONOUN_I.has(lower)))) return 'none';
  let found: Found | undefined;
  for (const ref of refs) {
    let end = start + first.length;
    let ok = true;
    for (let w = 1; w < ref.words.length && ok; w++) {
      const gap = gapAt(buf, end, final);
      if (gap === 'more') return 'more';
      if (gap === undefined) {
        ok = false;
        break;
      }
      const next = wordAt(buf, gap, final, [ref.words[w]!]);
      if (next === WAIT) return 'more';
      // Later words in lower case only: "do NOT" is emphasis, not a contraction waiting to happen.
      if (next === undefined || next !== next.toLowerCase() || normal(next) !== ref.words[w]) ok = false;
      else end = gap + next.length;
    }
    if (ok) {
      found = { ref, end, capital, curly: buf.slice(start, end).includes('\u2019') };
      break;
    }
  }
  if (!found) return 'none';
  const verdict = conditions(buf, found, behind, final);
  return verdict === true ? found : verdict;
}

/** The pair's own conditions on what comes before and after the member. */
function conditions(buf: string, found: Found, behind: Behind, final: boolean): true | 'none' | 'more' {
  const pair = WORD_PAIRS[found.ref.pair]!;
  if (pair.notAfter?.includes(behind.context)) return 'none';
  if (pair.notAfterNegation && (behind.context === 'not' || behind.context === 'cannot' || behind.context.endsWith("n't"))) return 'none';
  TRAIL.lastIndex = found.end;
  const trail = TRAIL.exec(buf)![0];
  const afterTrail = found.end + trail.length;
  if (afterTrail >= buf.length) {
    if (!final) return 'more';
  } else if (!/\s/.test(buf[afterTrail]!)) {
    return 'none'; // glued to more text: a URL, a path, a hyphenated word
  }
  if (pair.sentenceComma && !(behind.sentenceStart && trail.startsWith(','))) return 'none';
  const needsNext = pair.needsNextWord === true || pair.needsNumber === true;
  // The next word is read whole only after a one-word member (see `WordPair.notBefore`).
  const readsNext = pair.notBefore !== undefined && found.ref.words.length === 1;
  if (!needsNext && !readsNext) return true;
  if (trail !== '') return needsNext ? 'none' : true;
  const gap = gapAt(buf, found.end, final);
  if (gap === 'more') return 'more';
  // Spaces to the end of the text: no next word ("I am " is no "I'm ").
  if (gap === undefined || gap === buf.length) return needsNext ? 'none' : true;
  const first = buf[gap]!;
  if (pair.needsNumber && !/[0-9$\u20ac\u00a3]/.test(first)) return 'none';
  if (pair.needsNextWord && !/[A-Za-z]/.test(first)) return 'none';
  if (!readsNext) return true;
  const next = wordAt(buf, gap, final, pair.notBefore!);
  if (next === WAIT) return 'more';
  return next !== undefined && pair.notBefore!.includes(normal(next)) ? 'none' : true;
}

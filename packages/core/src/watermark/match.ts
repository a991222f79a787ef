import { asString, codeAt, isApostrophe, isAsciiLetter, isDigit, isSpaceOrTab, isWhitespace } from './chars.js';
import { MEMBERS_BY_FIRST_WORD, WORD_PAIRS, type MemberRef } from './classes.js';
import { APOSTROPHE_SLOT, MEMBER_TRIE, TRIE_WIDTH } from './member-trie.js';
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

/** `wordEnd` and `gapEnd`: the buffer ends before the answer is known. */
const WAIT = -1;
/** `gapEnd`: no gap of one to three spaces or tabs here. */
const NO_GAP = -2;
/** A member's words are at most this many spaces or tabs apart. */
const MAX_GAP = 3;
/** Closing punctuation a member may be followed by, at most this much of it. */
const MAX_TRAIL = 8;

/** The member-trie node a member's lower-case first word (`'` apostrophes) leads to. */
function trieNode(word: string): number {
  let node = 0;
  for (const ch of word) node = MEMBER_TRIE.next[node * TRIE_WIDTH + (ch === "'" ? APOSTROPHE_SLOT : ch.charCodeAt(0) - 97)]!;
  if (node === 0) throw new Error(`watermark: "${word}" is not in the member trie`);
  return node;
}

/**
 * The members by the member-trie node their first word leads to: a word of the text is looked
 * up by its character codes, with no lower-case copy of it and no hash of the copy.
 */
const MEMBERS_AT_NODE: (readonly MemberRef[] | undefined)[] = (() => {
  const out = new Array<readonly MemberRef[] | undefined>(MEMBER_TRIE.paths.length).fill(undefined);
  for (const [word, refs] of MEMBERS_BY_FIRST_WORD) out[trieNode(word)] = refs;
  return out;
})();

/** The members whose first word is `buf[from, to)` (letters and apostrophes, in any case), if any. */
function membersStartingWith(buf: string, from: number, to: number): readonly MemberRef[] | undefined {
  let node = 0;
  for (let i = from; i < to; i++) {
    const c = codeAt(buf, i);
    node = MEMBER_TRIE.next[node * TRIE_WIDTH + (isApostrophe(c) ? APOSTROPHE_SLOT : (c | 32) - 97)]!;
    if (node === 0) return undefined;
  }
  return MEMBERS_AT_NODE[node];
}

/** The end of the word at `at` (letters, and apostrophes between letters), `at` when there is none. */
function wordEnd(buf: string, at: number): number {
  const n = buf.length;
  let i = at;
  while (i < n && isAsciiLetter(codeAt(buf, i))) i++;
  if (i === at) return at;
  while (i + 1 < n && isApostrophe(codeAt(buf, i)) && isAsciiLetter(codeAt(buf, i + 1))) {
    i += 2;
    while (i < n && isAsciiLetter(codeAt(buf, i))) i++;
  }
  return i;
}

/** Whether `buf[from, to)` is `word` as a member writes it: `'` is either apostrophe; letters in lower case unless `anyCase`. */
function isWord(buf: string, from: number, to: number, word: string, anyCase: boolean): boolean {
  if (to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const w = codeAt(word, i);
    let c = codeAt(buf, from + i);
    if (w === 39) {
      if (!isApostrophe(c)) return false;
      continue;
    }
    if (anyCase && c >= 65 && c <= 90) c += 32;
    if (c !== w) return false;
  }
  return true;
}

/** Whether `buf[from, to)` is, in any case, the start of one of `words`. */
function beginsAny(buf: string, from: number, to: number, words: readonly string[]): boolean {
  return words.some((w) => to - from <= w.length && isWord(buf, from, to, w.slice(0, to - from), true));
}

/**
 * The end of the word at `at` when what follows cannot change what it is to `wanted`; `at`
 * when there is no word; WAIT when the word reaches the end of the buffer (or a trailing
 * apostrophe) and the next chunk may complete a wanted word, or make the wanted word read so
 * far ("I" before "'m", "not" before "'s") part of a longer one.
 */
function wordAt(buf: string, at: number, final: boolean, wanted: readonly string[]): number {
  const n = buf.length;
  if (at >= n) return final ? at : WAIT;
  const end = wordEnd(buf, at);
  if (end === at) return at;
  const open = !final && (end === n || (end === n - 1 && isApostrophe(codeAt(buf, end))));
  if (open && (beginsAny(buf, at, n, wanted) || wanted.some((w) => isWord(buf, at, end, w, true)))) return WAIT;
  return end;
}

/** The end of the spaces at `at` (one to three spaces or tabs), WAIT, or NO_GAP. */
function gapEnd(buf: string, at: number, final: boolean): number {
  const n = buf.length;
  let end = at;
  while (end < n && end - at < MAX_GAP && isSpaceOrTab(codeAt(buf, end))) end++;
  if (end === at) return at >= n && !final ? WAIT : NO_GAP;
  if (end === n && !final) return WAIT;
  return end < n && isSpaceOrTab(codeAt(buf, end)) ? NO_GAP : end;
}

/** Whether the word has a capital letter. */
function hasCapital(buf: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = codeAt(buf, i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** A capital first, no other capital ("Do", "I'm"; not "DO"). */
function isCapitalised(buf: string, from: number, to: number): boolean {
  const first = codeAt(buf, from);
  return first >= 65 && first <= 90 && !hasCapital(buf, from + 1, to);
}

function hasCurly(buf: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (codeAt(buf, i) === 0x2019) return true;
  return false;
}

/**
 * Whether the word `buf[start, firstEnd)` (which the scanner found to be a member's first word)
 * begins a member that may be rewritten here, given what lies behind it.
 */
export function matchMember(buf: string, start: number, firstEnd: number, behind: Behind, final: boolean): MatchResult {
  buf = asString(buf);
  if (!behind.clean) return 'none';
  const refs = membersStartingWith(buf, start, firstEnd);
  if (!refs) return 'none';
  const lower = refs[0]!.words[0]!;
  const capital = isCapitalised(buf, start, firstEnd);
  // Lower case anywhere; capitalised only where a sentence starts (elsewhere it is a name or a title).
  if (hasCapital(buf, start, firstEnd) && !(capital && (behind.sentenceStart || lower === 'i' || lower === "i'm" || lower === "i'll"))) return 'none';
  for (const ref of refs) {
    let end = firstEnd;
    let w = 1;
    for (; w < ref.words.length; w++) {
      const gap = gapEnd(buf, end, final);
      if (gap === WAIT) return 'more';
      if (gap === NO_GAP) break;
      const next = wordAt(buf, gap, final, [ref.words[w]!]);
      if (next === WAIT) return 'more';
      // Later words in lower case only: "do NOT" is emphasis, not a contraction waiting to happen.
      if (!isWord(buf, gap, next, ref.words[w]!, false)) break;
      end = next;
    }
    if (w < ref.words.length) continue;
    const found: Found = { ref, end, capital, curly: hasCurly(buf, start, end) };
    const verdict = conditions(buf, found, behind, final);
    return verdict === true ? found : verdict;
  }
  return 'none';
}

function isTrail(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 42 || c === 95; // .,;:!?)]*_
}

/** A pair's conditions (see `WordPair`), every one of them present. */
interface PairConditions {
  readonly notAfter: readonly string[] | undefined;
  readonly notAfterNegation: boolean;
  readonly notBefore: readonly string[] | undefined;
  readonly needsNextWord: boolean;
  readonly needsNumber: boolean;
  readonly sentenceComma: boolean;
}

/**
 * Each pair's conditions, as objects of one shape: the pairs themselves are objects of several
 * shapes (each has only the conditions it uses), and reading a field of objects of more than
 * four shapes is a generic lookup each time.
 */
const CONDITIONS: readonly PairConditions[] = WORD_PAIRS.map((p) => ({
  notAfter: p.notAfter,
  notAfterNegation: p.notAfterNegation === true,
  notBefore: p.notBefore,
  needsNextWord: p.needsNextWord === true,
  needsNumber: p.needsNumber === true,
  sentenceComma: p.sentenceComma === true,
}));

/** The pair's own conditions on what comes before and after the member. */
function conditions(buf: string, found: Found, behind: Behind, final: boolean): true | 'none' | 'more' {
  buf = asString(buf);
  const pair = CONDITIONS[found.ref.pair]!;
  if (pair.notAfter?.includes(behind.context)) return 'none';
  if (pair.notAfterNegation && (behind.context === 'not' || behind.context === 'cannot' || behind.context.endsWith("n't"))) return 'none';
  const n = buf.length;
  let afterTrail = found.end;
  while (afterTrail < n && afterTrail - found.end < MAX_TRAIL && isTrail(codeAt(buf, afterTrail))) afterTrail++;
  const trail = afterTrail - found.end;
  if (afterTrail >= n) {
    if (!final) return 'more';
  } else if (!isWhitespace(codeAt(buf, afterTrail))) {
    return 'none'; // glued to more text: a URL, a path, a hyphenated word
  }
  if (pair.sentenceComma && !(behind.sentenceStart && trail > 0 && codeAt(buf, found.end) === 44)) return 'none';
  const needsNext = pair.needsNextWord || pair.needsNumber;
  // The next word is read whole only after a one-word member (see `WordPair.notBefore`).
  const readsNext = pair.notBefore !== undefined && found.ref.words.length === 1;
  if (!needsNext && !readsNext) return true;
  if (trail > 0) return needsNext ? 'none' : true;
  const gap = gapEnd(buf, found.end, final);
  if (gap === WAIT) return 'more';
  // Spaces to the end of the text: no next word ("I am " is no "I'm ").
  if (gap === NO_GAP || gap === n) return needsNext ? 'none' : true;
  const first = codeAt(buf, gap);
  if (pair.needsNumber && !(isDigit(first) || first === 36 || first === 0x20ac || first === 0xa3)) return 'none'; // $ € £
  if (pair.needsNextWord && !isAsciiLetter(first)) return 'none';
  if (!readsNext) return true;
  const next = wordAt(buf, gap, final, pair.notBefore!);
  if (next === WAIT) return 'more';
  return pair.notBefore!.some((w) => isWord(buf, gap, next, w, true)) ? 'none' : true;
}

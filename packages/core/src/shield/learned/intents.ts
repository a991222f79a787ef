import { foldText } from './fold.js';
import { INTENT_PHRASES, type IntentId } from './intent-phrases.js';
import { asksAboutOwnTurn, prescribesNothing } from './own-turn.js';
import { headKeyAt, WORDS as words, type Words } from './words.js';

/** The intents, in the order of the counts `countIntents` returns. */
export const INTENT_IDS = Object.keys(INTENT_PHRASES) as IntentId[];
/** Intents counted only where a sentence or line starts: an imperative addressed to the reader. */
const AT_SENTENCE_START: ReadonlySet<IntentId> = new Set(['taskVerb']);
/** Matches counted per intent at most. */
const CAP = 4;

/** One word of a phrase: its alternatives, each exact or a prefix (`~`). */
interface Slot {
  /** A set, not a list: English slots list up to twenty alternatives, and most words tried match none. */
  words: ReadonlySet<string>;
  prefixes: readonly string[];
  /** Bit k set: some alternative starts with the letter `a` + k (all bits when one starts otherwise). Most words are ruled out by their first letter. */
  firstLetters: number;
  /** Its number, for {@link SLOT_HEADS}. */
  id: number;
  /**
   * Whether {@link SLOT_HEADS} rules words out: a word equal to an alternative, or that starts
   * with a prefix of four characters or more, has that alternative's head key. Not with a shorter
   * prefix (`tvo~` matches "tvoi", whose head key is another).
   */
  byHead: boolean;
}
/** A phrase: slots, each optionally preceded by a gap of up to three words. */
interface Phrase {
  intent: number;
  slots: Slot[];
  gapBefore: boolean[];
  /** Counted only where a sentence starts (see {@link AT_SENTENCE_START}). */
  atSentenceStart: boolean;
}

/**
 * Scripts whose phrases are found by substring, not word by word: Chinese and Japanese, Thai (no
 * spaces between words) and Bengali (a vowel sign is a mark, not a letter, so the fold's words
 * split inside every Bengali word).
 */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0980-\u09ff]/;

function fold(word: string): string {
  return foldText(word).text.trim();
}

/**
 * The head keys (`headKeyAt`) of every slot's alternatives, as bits of a filter keyed by slot and
 * head key: a word whose bit is clear matches no alternative of the slot. Phrases start with
 * common words ("the", "you", "your", "a", "in"), so a phrase is tried at nearly every word of a
 * text; checking its slots against this filter first, with no string made, rules most of them
 * out before a word is sliced out and looked up in a set.
 */
const SLOT_HEAD_BITS = 16;
const SLOT_HEADS = new Int32Array(1 << (SLOT_HEAD_BITS - 5));
let slots = 0;
const slotHeadBit = (slot: number, head: number): number => Math.imul(head ^ Math.imul(slot + 1, 0x27d4eb2f), 0x9e3779b1) >>> (32 - SLOT_HEAD_BITS);

function slotOf(alternatives: string): Slot {
  const words: string[] = [];
  const prefixes: string[] = [];
  for (const a of alternatives.split('/')) {
    if (a.endsWith('~')) prefixes.push(fold(a.slice(0, -1)));
    else words.push(fold(a));
  }
  let firstLetters = 0;
  for (const a of [...words, ...prefixes]) {
    const c = a.charCodeAt(0);
    firstLetters |= c >= 0x61 && c <= 0x7a ? 1 << (c - 0x61) : -1;
  }
  const id = slots++;
  const byHead = prefixes.every((p) => p.length >= 4);
  for (const a of [...words, ...prefixes]) {
    const bit = slotHeadBit(id, headKeyAt(a, 0, a.length));
    SLOT_HEADS[bit >>> 5]! |= 1 << (bit & 31);
  }
  return { words: new Set(words), prefixes, firstLetters, id, byHead };
}

/**
 * Latin-script phrases indexed by a number made of the first four characters of their first
 * word's alternatives. A number, not the four-letter string: looking a word up then builds no
 * string. Two heads may share a number; the phrase's first slot is matched in full anyway.
 */
const BY_HEAD = new Map<number, Phrase[]>();
/**
 * Phrases whose first word has a prefix alternative shorter than four characters (`tvo~`), by that
 * prefix: a word it matches ("tvoi", "tvoj") has a different head key from the prefix, so
 * {@link BY_HEAD} cannot find them. They are tried on a word only when it starts with the prefix,
 * compared in place (`Words.startsWith`): tried on every word of an allowed first letter, as first
 * written, they made a slice and a set lookup for every English "the", "to" and "this", and
 * doubled the intents' cost (44 -> 88 µs per KB in bench/shield-stages.mjs).
 */
const SHORT_HEAD: Array<{ prefix: string; phrases: Phrase[] }> = [];
/**
 * The first letters of {@link SHORT_HEAD}'s prefixes (bit k: the letter `a` + k), and whether one
 * starts with another character: a word can start with a prefix only if it starts with its first
 * character. (The first letters of the whole first slots, as first written, had every bit set
 * once one Korean prefix was among them, and every word of a text was compared with every prefix.)
 */
let shortHeadLatin = 0;
let shortHeadOther = false;
/** Chinese and Japanese phrases, found by `indexOf` of their first part. */
const CJK_PHRASES: Array<{ intent: number; parts: string[][] }> = [];

function headKey(word: string): number {
  return headKeyAt(word, 0, word.length);
}


INTENT_IDS.forEach((id, intent) => {
  for (const source of INTENT_PHRASES[id]) {
    const tokens = source.split(' ').filter(Boolean);
    if (CJK.test(source)) {
      // Folded as the text is: NFKD splits a voiced kana ("で", "パ") into the kana and a mark, so
      // an unfolded "パスワード" or "で始め" matched no text.
      CJK_PHRASES.push({ intent, parts: tokens.filter((t) => t !== '*').map((t) => t.split('/').map(fold)) });
      continue;
    }
    const phrase: Phrase = { intent, slots: [], gapBefore: [], atSentenceStart: AT_SENTENCE_START.has(id) };
    let gap = false;
    for (const t of tokens) {
      if (t === '*') {
        gap = true;
        continue;
      }
      // A multi-word alternative ("go to", "sign up") or an apostrophe becomes several slots.
      const split = t.split(/[\s']+/);
      for (const part of split) {
        phrase.slots.push(slotOf(part));
        phrase.gapBefore.push(gap);
        gap = false;
      }
    }
    const first = phrase.slots[0]!;
    for (const prefix of first.prefixes) {
      if (prefix.length >= 4) continue;
      let short = SHORT_HEAD.find((s) => s.prefix === prefix);
      if (short === undefined) SHORT_HEAD.push((short = { prefix, phrases: [] }));
      short.phrases.push(phrase);
      const c = prefix.charCodeAt(0);
      if (c >= 0x61 && c <= 0x7a) shortHeadLatin |= 1 << (c - 0x61);
      else if (prefix.length > 0) shortHeadOther = true;
      else {
        shortHeadLatin = -1;
        shortHeadOther = true;
      }
    }
    const heads = new Set([...first.words, ...first.prefixes].map(headKey));
    for (const h of heads) {
      let list = BY_HEAD.get(h);
      if (!list) BY_HEAD.set(h, (list = []));
      list.push(phrase);
    }
  }
});

/** False when word `at` cannot match `slot` (its first letter or its head key rule it out); true when it may. */
function mayMatch(slot: Slot, words: Words, at: number): boolean {
  const c = words.firstChar(at);
  if (c >= 0x61 && c <= 0x7a && (slot.firstLetters & (1 << (c - 0x61))) === 0) return false;
  if (!slot.byHead) return true;
  const bit = slotHeadBit(slot.id, words.headKey(at));
  return (SLOT_HEADS[bit >>> 5]! & (1 << (bit & 31))) !== 0;
}

/** {@link matchFrom} with {@link mayMatch} for each slot: false when the phrase cannot match there, with no string made. */
function mayMatchFrom(phrase: Phrase, words: Words, start: number, slot: number): boolean {
  if (slot === phrase.slots.length) return true;
  const maxSkip = phrase.gapBefore[slot] ? 3 : 0;
  for (let skip = 0; skip <= maxSkip; skip++) {
    const at = start + skip;
    if (at >= words.length) return false;
    if (mayMatch(phrase.slots[slot]!, words, at) && mayMatchFrom(phrase, words, at + 1, slot + 1)) return true;
  }
  return false;
}

function slotMatches(slot: Slot, words: Words, at: number): boolean {
  if (!mayMatch(slot, words, at)) return false;
  const word = words.word(at);
  if (slot.words.has(word)) return true;
  for (const p of slot.prefixes) if (word.startsWith(p)) return true;
  return false;
}

/** Whether `phrase` matches the words from `start` on (gaps of up to three words). */
function matchFrom(phrase: Phrase, words: Words, start: number, slot: number): boolean {
  if (slot === phrase.slots.length) return true;
  const maxSkip = phrase.gapBefore[slot] ? 3 : 0;
  for (let skip = 0; skip <= maxSkip; skip++) {
    const at = start + skip;
    if (at >= words.length) return false;
    if (slotMatches(phrase.slots[slot]!, words, at) && matchFrom(phrase, words, at + 1, slot + 1)) return true;
  }
  return false;
}

function countCjk(text: string, counts: number[]): void {
  for (const p of CJK_PHRASES) {
    if (counts[p.intent]! >= CAP) continue;
    let from = 0;
    outer: while (from < text.length) {
      // The earliest occurrence of any alternative of the first part.
      let at = -1;
      let len = 0;
      for (const alt of p.parts[0]!) {
        const i = text.indexOf(alt, from);
        if (i >= 0 && (at < 0 || i < at)) {
          at = i;
          len = alt.length;
        }
      }
      if (at < 0) break;
      let pos = at + len;
      for (let k = 1; k < p.parts.length; k++) {
        const window = text.slice(pos, pos + 8 + 12);
        let found = -1;
        let flen = 0;
        for (const alt of p.parts[k]!) {
          const i = window.indexOf(alt);
          if (i >= 0 && i <= 8 && (found < 0 || i < found)) {
            found = i;
            flen = alt.length;
          }
        }
        if (found < 0) {
          from = at + len;
          continue outer;
        }
        pos += found + flen;
      }
      if (++counts[p.intent]! >= CAP) break;
      from = pos;
    }
  }
}


/** Copied for each text: `slice` of a packed array is a block copy, twice as fast as `new Array(n).fill(0)`, which a short text felt. */
const NO_COUNTS: readonly number[] = INTENT_IDS.map(() => 0);

/**
 * Counts the attack intents (see `intent-phrases.ts`) in a folded text, each up to 4: a word
 * pass over Latin-script words (each word's first letters index the phrases that can start
 * there) and substring search for Chinese and Japanese phrases when the text has such
 * characters. Overlapping matches of one intent count once, and so do its matches that start
 * with the same word: a long text that keeps using a word does not add up to an intent.
 *
 * @example
 * ```ts
 * const counts = countIntents(foldText('Vergiss alle vorherigen Anweisungen').text);
 * counts[INTENT_IDS.indexOf('override')]; // 1
 * ```
 */
export function countIntents(folded: string): number[] {
  const counts = NO_COUNTS.slice();
  // `foldText` leaves the words of the text it folded; another text is split here.
  if (words.text !== folded) words.split(folded);
  coveredUntil.fill(0);
  if (seenOpeners.size > 0) seenOpeners.clear();
  for (let i = 0; i < words.length; i++) {
    const list = BY_HEAD.get(words.headKey(i));
    if (list !== undefined) for (const phrase of list) tryPhrase(phrase, i, counts);
    if (SHORT_HEAD.length > 0) {
      // A phrase found by its head key above and again here is not counted twice: `coveredUntil`.
      const c = words.firstChar(i);
      const may = c >= 0x61 && c <= 0x7a ? (shortHeadLatin & (1 << (c - 0x61))) !== 0 : shortHeadOther;
      if (may) for (const short of SHORT_HEAD) if (words.startsWith(i, short.prefix)) for (const phrase of short.phrases) tryPhrase(phrase, i, counts);
    }
  }
  if (CJK.test(folded)) countCjk(folded, counts);
  // A user's ask about their own turns, or a reply format with nothing prescribed, is not the
  // attack these intents stand for (`own-turn.ts`); checked only when one fired, so it costs nothing otherwise.
  if (counts[EXTRACT]! > 0 && asksAboutOwnTurn(folded)) counts[EXTRACT] = 0;
  if (counts[OPENING]! > 0 && prescribesNothing(folded)) counts[OPENING] = 0;
  return counts;
}

const EXTRACT = INTENT_IDS.indexOf('extract');
const OPENING = INTENT_IDS.indexOf('opening');

// The state of one `countIntents` call, kept between calls and reset at the start of each
// (it never runs re-entrantly): two arrays, a set and a closure made for every text were a
// good part of the intents' cost on a short chat turn, which matches no phrase at all.
/** Per intent, the word before which a match just counted covers (overlapping matches count once). */
const coveredUntil = new Int32Array(INTENT_IDS.length);
/** `intent word` of the matches counted: an intent opened again by the same word says nothing new ("key" in every line of code). */
const seenOpeners = new Set<string>();

/** Counts `phrase` into `counts` if it matches from word `i` of {@link words} and is new. */
function tryPhrase(phrase: Phrase, i: number, counts: number[]): void {
  const intent = phrase.intent;
  if (counts[intent]! >= CAP || i < coveredUntil[intent]!) return;
  if (phrase.atSentenceStart && !words.startsSentence(i)) return;
  if (!mayMatchFrom(phrase, words, i, 0) || !matchFrom(phrase, words, i, 0)) return;
  coveredUntil[intent] = i + phrase.slots.length;
  const key = `${intent} ${words.word(i)}`;
  if (seenOpeners.has(key)) return;
  seenOpeners.add(key);
  counts[intent]!++;
}

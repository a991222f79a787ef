/**
 * The screen's features: what a single cheap pass over a text can see. The screen (`screen.ts`,
 * opt-in) runs before the shield's full scorer and clears the texts that plainly are not attacks,
 * which on chat traffic is nine in ten; the full scorer (rules, folding, intents, n-grams) then
 * reads only the rest. So these features are chosen for speed, not for the last point of accuracy:
 * one left-to-right pass over the lower-cased text, no regular expressions, no strings built.
 *
 * - character 3- to 5-grams (digits as `0`, every run of white space as one space);
 * - words and word pairs;
 * - disguise marks, one feature per occurrence: invisible and format characters, styled letters
 *   (fullwidth, mathematical, enclosed, squared, small capitals), words mixing Latin with Cyrillic
 *   or Greek, words mixing letters and digits (`1gn0r3`), letters joined by `_ | * ~ ^ \`, and
 *   letters spelled apart (`i g n o r e`), and floods (`go go go go go …`, `\\ \\ \\ …`).
 *
 * Invisible characters, styled letters, mixed-script words and floods hardly occur in real
 * prompts and are how attacks slip past word-level features, so `screenFeatures` also returns
 * their count: the screen never clears a text that has one (the full scorer undoes them).
 *
 * The pass also cuts the text into pieces (lines, and at most {@link PIECE_CHARS} characters each)
 * so that one line of a long text is scored alone too: an order planted in an e-mail or after a
 * long paste is not diluted by the rest.
 */
import { mix32 } from '../../fingerprint/index.js';
import { FeatureBuffer } from './hashing.js';

export const SCREEN_BITS = 16;
export const SCREEN_SIZE = 1 << SCREEN_BITS;
/** Fibonacci hashing: the top bits of the product with 2^32/phi are well mixed, in one multiplication. */
const GOLDEN = 0x9e3779b1;
const SHIFT = 32 - SCREEN_BITS;
const slot = (h: number): number => Math.imul(h, GOLDEN) >>> SHIFT;
/** A piece ends at a line break, or after this many characters. */
export const PIECE_CHARS = 320;
/** A piece with fewer features than this is carried into the next one. */
export const PIECE_MIN_FEATURES = 24;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SALT = 0x5bd1e995;
const PAIR_SALT = 0x27d4eb2f;
/** Fixed indices of the disguise marks (hashed n-grams may share them, as any two features may). */
export const MARK = { invisible: 1, styled: 2, mixedScript: 3, leet: 4, joined: 5, spelled: 6, flood: 7 } as const;
/** The same word this many times in a row, or the same symbol (spaces between allowed), is a flood. */
const WORD_FLOOD = 5;
const SYMBOL_FLOOD = 12;
/** Symbols that run long in ordinary Markdown and code: rules, underlines, dot leaders, indentation. */
const RULE_SYMBOLS = new Set([0x2d, 0x3d, 0x5f, 0x2a, 0x23, 0x2e, 0x7e, 0x2b, 0x2f, 0x60, 0x3e, 0x7c]);

/** Where the pieces of the last pass end, as offsets into the feature buffer (`indices[0, length)`). */
export class PieceEnds extends FeatureBuffer {}

/** Characters that hide or reorder text: soft hyphen, zero-width and bidirectional controls, BOM, tag characters. */
function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c === 0xfeff || c === 0xdb40;
}

/**
 * Letters in a style that carries no meaning of its own: fullwidth Latin, mathematical
 * alphanumerics (the high surrogate of U+1D400-U+1D7FF), enclosed and squared letters, small
 * capitals and IPA look-alikes, letter-like symbols, combining marks stacked on letters, and the
 * scripts whose letters imitate Latin ones (Lisu, Cherokee, Coptic, Canadian syllabics).
 */
function isStyled(c: number): boolean {
  return (
    (c >= 0xff21 && c <= 0xff5a) ||
    c === 0xd835 ||
    (c >= 0x2460 && c <= 0x24ff) ||
    (c >= 0x3371 && c <= 0x33df) ||
    (c >= 0x1d00 && c <= 0x1dbf) ||
    (c >= 0x250 && c <= 0x2af) ||
    (c >= 0x2100 && c <= 0x214f) ||
    (c >= 0x300 && c <= 0x36f) ||
    // Lisu, Cherokee, Coptic and Canadian syllabics, which fancy-text generators spell Latin in (letter-likes.ts).
    (c >= 0xa4d0 && c <= 0xa4ff) ||
    (c >= 0x13a0 && c <= 0x13fd) ||
    (c >= 0xab70 && c <= 0xabbf) ||
    (c >= 0x2c80 && c <= 0x2cb1) ||
    (c >= 0x1400 && c <= 0x167f)
  );
}

/** Character classes, as bits: one table load for ASCII, a few comparisons beyond it. */
const WORD = 1;
const DIGIT = 2;
const LATIN = 4;
const OTHER_SCRIPT = 8;
const SPACE = 16;
const JOINER = 32;
const DISGUISE = 64;

function classOfWide(c: number): number {
  if (isInvisible(c) || isStyled(c)) return DISGUISE | (c >= 0xff21 || c === 0xd835 ? WORD : 0);
  if (c === 0xa0 || c === 0x3000) return SPACE;
  // Letters and digits of any script; CJK characters each count as one. Punctuation blocks are not.
  if (c < 0xc0 || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) || c === 0xfeff) return 0;
  if (c <= 0x24f) return WORD | (c >= 0xe0 ? LATIN : 0);
  if (c >= 0x370 && c <= 0x52f) return WORD | OTHER_SCRIPT;
  return WORD;
}

const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => {
  if (c >= 0x30 && c <= 0x39) return WORD | DIGIT;
  if (c >= 0x61 && c <= 0x7a) return WORD | LATIN;
  if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return SPACE;
  if (c === 0x5f || c === 0x7c || c === 0x2a || c === 0x7e || c === 0x5e || c === 0x5c) return JOINER;
  return 0;
});

const classOf = (c: number): number => (c < 0x80 ? ASCII_CLASS[c]! : classOfWide(c));

/**
 * Appends the screen features of `lower` (a lower-cased text) to `out`, and the end of every
 * piece to `pieces`. Deterministic, and the same code the training script runs.
 */
export function screenFeatures(lower: string, out: FeatureBuffer, pieces: PieceEnds): number {
  out.reset();
  pieces.length = 0;
  const n = lower.length;
  // p1 is the character before the current one, p4 the one four before (-1: none yet; the text is padded with a space).
  let p1 = 0x20;
  let p2 = -1;
  let p3 = -1;
  let p4 = -1;
  let prevSpace = true;
  let word = FNV_OFFSET;
  let wordLen = 0;
  let prevWord = 0;
  let wordClasses = 0;
  let spelledRun = 0;
  let pieceChars = 0;
  let prevClass = SPACE;
  let wordRun = 0;
  let symbol = 0;
  let symbolRun = 0;
  let disguises = 0;
  for (let i = 0; i <= n; i++) {
    const raw = i < n ? lower.charCodeAt(i) : 0x0a;
    const cls = classOf(raw);
    if (cls & DISGUISE) {
      out.push(isInvisible(raw) ? MARK.invisible : MARK.styled);
      disguises++;
    }
    if (cls & WORD) {
      word = Math.imul(word ^ raw, FNV_PRIME);
      wordLen++;
      wordClasses |= cls;
    } else {
      if (wordLen > 0) {
        const w = mix32(word ^ WORD_SALT);
        wordRun = w === prevWord ? wordRun + 1 : 1;
        if (wordRun === WORD_FLOOD) {
          out.push(MARK.flood);
          disguises++;
        }
        out.push(w >>> SHIFT);
        out.push(slot(Math.imul(prevWord, 31) ^ w ^ PAIR_SALT));
        prevWord = w;
        if ((wordClasses & (LATIN | OTHER_SCRIPT)) === (LATIN | OTHER_SCRIPT)) {
          out.push(MARK.mixedScript);
          disguises++;
        }
        const letters = wordClasses & (LATIN | OTHER_SCRIPT);
        if (wordClasses & DIGIT && letters && wordLen >= 3) out.push(MARK.leet);
        spelledRun = wordLen === 1 && letters ? spelledRun + 1 : 0;
        if (spelledRun >= 3) out.push(MARK.spelled);
        word = FNV_OFFSET;
        wordLen = 0;
        wordClasses = 0;
      }
      if (cls & JOINER && prevClass & LATIN && i + 1 < n && classOf(lower.charCodeAt(i + 1)) & LATIN) out.push(MARK.joined);
    }
    prevClass = cls;
    const space = (cls & SPACE) !== 0;
    if (!space && !(cls & WORD)) {
      symbolRun = raw === symbol ? symbolRun + 1 : 1;
      symbol = raw;
      if (symbolRun === SYMBOL_FLOOD && !RULE_SYMBOLS.has(raw)) {
        out.push(MARK.flood);
        disguises++;
      }
    } else if (!space) symbolRun = 0;
    if (space && prevSpace) {
      if (raw === 0x0a && pieceChars > 0) {
        closePiece(out, pieces);
        pieceChars = 0;
      }
      continue;
    }
    prevSpace = space;
    const c = space ? 0x20 : cls & DIGIT ? 0x30 : raw;
    if (p2 >= 0) {
      const h3 = Math.imul(Math.imul(Math.imul(c ^ FNV_OFFSET, FNV_PRIME) ^ p1, FNV_PRIME) ^ p2, FNV_PRIME);
      out.push(slot(h3 ^ 3));
      if (p3 >= 0) {
        const h4 = Math.imul(h3 ^ p3, FNV_PRIME);
        out.push(slot(h4 ^ 4));
        if (p4 >= 0) out.push(slot(Math.imul(h4 ^ p4, FNV_PRIME) ^ 5));
      }
    }
    p4 = p3;
    p3 = p2;
    p2 = p1;
    p1 = c;
    pieceChars++;
    if (raw === 0x0a || pieceChars >= PIECE_CHARS) {
      closePiece(out, pieces);
      pieceChars = 0;
    }
  }
  // A short last piece joins the one before it.
  const last = pieces.length > 0 ? pieces.indices[pieces.length - 1]! : 0;
  if (last !== out.length) {
    if (pieces.length > 0 && out.length - last < PIECE_MIN_FEATURES) pieces.indices[pieces.length - 1] = out.length;
    else pieces.push(out.length);
  }
  return disguises;
}

/** Ends the current piece, unless it is too short to score alone (it then runs into the next). */
function closePiece(out: FeatureBuffer, pieces: PieceEnds): void {
  const start = pieces.length > 0 ? pieces.indices[pieces.length - 1]! : 0;
  if (out.length - start >= PIECE_MIN_FEATURES) pieces.push(out.length);
}

// Character classes the answer readers (answer.ts: layout, answer-working.ts: content) share, by
// UTF-16 code unit so that a reader's per-character loop makes no string.

/**
 * A decimal digit of any script: ASCII, full-width, and the digits of the scripts that have their
 * own (Eastern Arabic ٠١٢, Persian ۰۱۲, Devanagari ०१२, Bengali, Thai, Myanmar, …). A derivation
 * written with a script's own digits ("٦٠ × ٢ = ١٢٠") has the same operands as one in ASCII.
 */
export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0x660 && OTHER_DIGITS[c] === 1);
}

/**
 * The zeros of the Unicode decimal digit runs (general category Nd) in the Basic Multilingual
 * Plane above ASCII, each followed by nine more: a fixed list, since testing `\p{Nd}` over the
 * plane at start-up costs tens of milliseconds.
 */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090,
  0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50,
  0xabf0, 0xff10,
];
const OTHER_DIGITS = new Uint8Array(0x10000);
for (const zero of DIGIT_ZEROS) OTHER_DIGITS.fill(1, zero, zero + 10);

/**
 * Sentence ends of scripts other than Latin and CJK: the Devanagari danda (।, ॥), the Arabic
 * question mark (؟), semicolon (؛) and the Urdu full stop (۔). A paragraph in Hindi is sentences,
 * not one long one.
 */
export function isOtherSentenceEnd(c: number): boolean {
  return c === 0x964 || c === 0x965 || c === 0x61f || c === 0x61b || c === 0x6d4;
}

/** A Latin letter, accented ones included (Latin-1 and Latin Extended-A/B, without × and ÷). */
export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

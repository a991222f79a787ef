/**
 * Symbols and small capitals that read as Latin letters and that NFKD leaves as they are, each
 * mapped to its lower-case ASCII letter: "ɪɢɴᴏʀᴇ ᴀʟʟ ʀᴜʟᴇꜱ", "🅸🅶🅽🅾🆁🅴", "🇮🇬🇳🇴🇷🇪". Both folds use it
 * (the rule scanner's `normalize.ts` through `CONFUSABLES`, the learned scorer's `learned/fold.ts`),
 * so a text written in them is scored as the same text in plain letters. Taken from the letters'
 * Unicode names (LATIN LETTER SMALL CAPITAL X; NEGATIVE CIRCLED, NEGATIVE SQUARED LATIN CAPITAL
 * LETTER X; REGIONAL INDICATOR SYMBOL LETTER X): the squared, circled and parenthesized letters
 * that NFKD does decompose are not listed.
 */
const SMALL_CAPITALS: ReadonlyArray<readonly [string, string]> = [
  ['ᴀ', 'a'], ['ᴁ', 'ae'], ['ʙ', 'b'], ['ᴃ', 'b'], ['ᴄ', 'c'], ['ᴅ', 'd'], ['ᴆ', 'd'], ['ᴇ', 'e'], ['ꜰ', 'f'],
  ['ɢ', 'g'], ['ʛ', 'g'], ['ʜ', 'h'], ['ɪ', 'i'], ['ᴊ', 'j'], ['ᴋ', 'k'], ['ʟ', 'l'], ['ᴌ', 'l'], ['ᴍ', 'm'],
  ['ɴ', 'n'], ['ᴎ', 'n'], ['ᴏ', 'o'], ['ᴐ', 'o'], ['ɶ', 'oe'], ['ᴘ', 'p'], ['ᴩ', 'p'], ['ꞯ', 'q'], ['ʀ', 'r'],
  ['ʁ', 'r'], ['ᴙ', 'r'], ['ᴚ', 'r'], ['ꜱ', 's'], ['ᴛ', 't'], ['ᴜ', 'u'], ['ᴠ', 'v'], ['ᴡ', 'w'], ['ʏ', 'y'],
  ['ᴢ', 'z'],
];

/** First code points of the blocks that spell A to Z in order. */
const ALPHABETS = [
  0x1f150, // NEGATIVE CIRCLED LATIN CAPITAL LETTER A..Z
  0x1f170, // NEGATIVE SQUARED LATIN CAPITAL LETTER A..Z
  0x1f1e6, // REGIONAL INDICATOR SYMBOL LETTER A..Z
];

function table(): Map<number, string> {
  const map = new Map<number, string>(SMALL_CAPITALS.map(([k, v]) => [k.codePointAt(0)!, v]));
  for (const first of ALPHABETS) for (let i = 0; i < 26; i++) map.set(first + i, String.fromCharCode(0x61 + i));
  return map;
}

/** Code point -> lower-case ASCII letters. */
export const LETTER_LIKES: ReadonlyMap<number, string> = table();

/** Every character of {@link LETTER_LIKES} (and a few neighbours the callback leaves as they are). */
export const LETTER_LIKE_PATTERN = /[\u0250-\u02af\u1d00-\u1d2b\ua730\ua731\ua7af]|\ud83c[\udd50-\udd69\udd70-\udd89\udde6-\uddff]/g;

/** `text` with the characters of {@link LETTER_LIKES} as their letters. */
export function foldLetterLikes(text: string): string {
  return text.replace(LETTER_LIKE_PATTERN, (ch) => LETTER_LIKES.get(ch.codePointAt(0)!) ?? ch);
}

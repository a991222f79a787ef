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

/**
 * Letters of other scripts that imitate Latin ones and that no fold reads otherwise: "fancy text"
 * generators spell Latin words in them ("ꓲꓖꓠꓳꓣꓰ", "ᖇᗴᐯᗴᗅᒪ"), and a reader (or a model) sees Latin.
 * Lisu capitals, Cherokee capitals (whose lower-case forms `toLowerCase` gives are mapped too, since
 * the learned fold lowers case first), Coptic letters of both cases, and the Canadian syllabics
 * and a few signs fancy-text tables use, after Unicode's confusables.txt. A text in Cherokee,
 * Lisu, Inuktitut or Coptic is then read as Latin letters that make no English words: no
 * language's text becomes an attack, and none of these had a word the model knew.
 */
const SCRIPT_LOOK_ALIKES: ReadonlyArray<readonly [string, string]> = [
  // Lisu (U+A4D0..U+A4FF): upper-case Latin shapes.
  ['ꓐ', 'b'], ['ꓑ', 'p'], ['ꓒ', 'p'], ['ꓓ', 'd'], ['ꓔ', 't'], ['ꓖ', 'g'], ['ꓗ', 'k'], ['ꓙ', 'j'], ['ꓚ', 'c'], ['ꓜ', 'z'],
  ['ꓝ', 'f'], ['ꓟ', 'm'], ['ꓠ', 'n'], ['ꓡ', 'l'], ['ꓢ', 's'], ['ꓣ', 'r'], ['ꓦ', 'v'], ['ꓧ', 'h'], ['ꓪ', 'w'], ['ꓫ', 'x'],
  ['ꓬ', 'y'], ['ꓮ', 'a'], ['ꓰ', 'e'], ['ꓲ', 'i'], ['ꓳ', 'o'], ['ꓴ', 'u'],
  // Cherokee capitals (U+13A0..U+13F5).
  ['Ꭰ', 'd'], ['Ꭱ', 'r'], ['Ꭲ', 't'], ['Ꭵ', 'i'], ['Ꭹ', 'y'], ['Ꭺ', 'a'], ['Ꭻ', 'j'], ['Ꭼ', 'e'], ['Ꮃ', 'w'], ['Ꮇ', 'm'],
  ['Ꮋ', 'h'], ['Ꮎ', 'o'], ['Ꮐ', 'g'], ['Ꮒ', 'h'], ['Ꮓ', 'z'], ['Ꮟ', 'b'], ['Ꮢ', 'r'], ['Ꮤ', 'w'], ['Ꮥ', 's'], ['Ꮩ', 'v'],
  ['Ꮪ', 's'], ['Ꮮ', 'l'], ['Ꮯ', 'c'], ['Ꮲ', 'p'], ['Ꮶ', 'k'], ['Ꮷ', 'd'], ['Ᏼ', 'b'], ['Ꮻ', 'o'], ['Ᏻ', 'g'], ['Ꮑ', 'n'],
  // Coptic (U+2C80..U+2CFF), capital and small.
  ['Ⲁ', 'a'], ['Ⲃ', 'b'], ['Ⲅ', 'r'], ['Ⲇ', 'd'], ['Ⲉ', 'e'], ['Ⲋ', 's'], ['Ⲍ', 'z'], ['Ⲏ', 'h'], ['Ⲓ', 'i'], ['Ⲕ', 'k'],
  ['Ⲙ', 'm'], ['Ⲛ', 'n'], ['Ⲟ', 'o'], ['Ⲣ', 'p'], ['Ⲥ', 'c'], ['Ⲧ', 't'], ['Ⲩ', 'y'], ['Ⲭ', 'x'], ['Ⲱ', 'w'],
  ['ⲁ', 'a'], ['ⲃ', 'b'], ['ⲅ', 'r'], ['ⲇ', 'd'], ['ⲉ', 'e'], ['ⲋ', 's'], ['ⲍ', 'z'], ['ⲏ', 'h'], ['ⲓ', 'i'], ['ⲕ', 'k'],
  ['ⲙ', 'm'], ['ⲛ', 'n'], ['ⲟ', 'o'], ['ⲣ', 'p'], ['ⲥ', 'c'], ['ⲧ', 't'], ['ⲩ', 'u'], ['ⲭ', 'x'], ['ⲱ', 'w'],
  // Canadian syllabics (U+1400..U+167F) and the Runic and Tagbanwa letters fancy-text tables mix in.
  ['ᗅ', 'a'], ['ᗩ', 'a'], ['ᗷ', 'b'], ['ᙖ', 'b'], ['ᑕ', 'c'], ['ᑢ', 'c'], ['ᗪ', 'd'], ['ᗞ', 'd'], ['ᑯ', 'd'], ['ᗴ', 'e'],
  ['ᕮ', 'e'], ['ᖴ', 'f'], ['ᘜ', 'g'], ['ᕼ', 'h'], ['ᓰ', 'i'], ['ᒍ', 'j'], ['ᛕ', 'k'], ['ᒪ', 'l'], ['ᗰ', 'm'], ['ᑎ', 'n'],
  ['ᝪ', 'o'], ['ᑭ', 'p'], ['ᑫ', 'q'], ['ᖇ', 'r'], ['ᔕ', 's'], ['ᖶ', 't'], ['ᑌ', 'u'], ['ᐯ', 'v'], ['ᐻ', 'v'], ['ᗯ', 'w'],
  ['᙭', 'x'], ['ᖻ', 'y'], ['ᘔ', 'z'],
];

/** First code points of the blocks that spell A to Z in order. */
const ALPHABETS = [
  0x1f150, // NEGATIVE CIRCLED LATIN CAPITAL LETTER A..Z
  0x1f170, // NEGATIVE SQUARED LATIN CAPITAL LETTER A..Z
  0x1f1e6, // REGIONAL INDICATOR SYMBOL LETTER A..Z
];

function table(): Map<number, string> {
  const map = new Map<number, string>(SMALL_CAPITALS.map(([k, v]) => [k.codePointAt(0)!, v]));
  for (const [k, v] of SCRIPT_LOOK_ALIKES) {
    map.set(k.codePointAt(0)!, v);
    // Cherokee capitals lower-case to U+AB70..U+ABBF; the learned fold lowers case before this table.
    const lower = k.toLowerCase();
    if (lower !== k) map.set(lower.codePointAt(0)!, v);
  }
  for (const first of ALPHABETS) for (let i = 0; i < 26; i++) map.set(first + i, String.fromCharCode(0x61 + i));
  return map;
}

/** Code point -> lower-case ASCII letters. */
export const LETTER_LIKES: ReadonlyMap<number, string> = table();

/** Every character of {@link LETTER_LIKES} (and a few neighbours the callback leaves as they are). */
export const LETTER_LIKE_PATTERN = /[\u0250-\u02af\u1d00-\u1d2b\ua730\ua731\ua7af\u13a0-\u13fd\uab70-\uabbf\u1400-\u167f\u16d5\u176a\u2c80-\u2cb1\ua4d0-\ua4ff]|\ud83c[\udd50-\udd69\udd70-\udd89\udde6-\uddff]/g;

/** `text` with the characters of {@link LETTER_LIKES} as their letters. */
export function foldLetterLikes(text: string): string {
  return text.replace(LETTER_LIKE_PATTERN, (ch) => LETTER_LIKES.get(ch.codePointAt(0)!) ?? ch);
}

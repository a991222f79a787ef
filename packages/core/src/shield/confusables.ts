import { LETTER_LIKES } from './letter-likes.js';

/**
 * Look-alike letters folded to the Latin letter they imitate, after NFKD (which already folds
 * full-width and mathematical letters). A hand-picked subset of Unicode's confusables.txt:
 * the Cyrillic, Greek and IPA letters that attackers use to dodge keyword filters.
 * Keys are lower-case or upper-case code points; values are lower-case ASCII.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic
  ['а', 'a'], ['А', 'a'], ['в', 'b'], ['В', 'b'], ['е', 'e'], ['Е', 'e'], ['ё', 'e'], ['Ё', 'e'],
  ['о', 'o'], ['О', 'o'], ['р', 'p'], ['Р', 'p'], ['с', 'c'], ['С', 'c'], ['у', 'y'], ['У', 'y'],
  ['х', 'x'], ['Х', 'x'], ['і', 'i'], ['І', 'i'], ['ї', 'i'], ['Ї', 'i'], ['ј', 'j'], ['Ј', 'j'],
  ['ѕ', 's'], ['Ѕ', 's'], ['һ', 'h'], ['Һ', 'h'], ['ԁ', 'd'], ['ԛ', 'q'], ['ԝ', 'w'], ['Ԝ', 'w'],
  ['к', 'k'], ['К', 'k'], ['м', 'm'], ['М', 'm'], ['н', 'h'], ['Н', 'h'], ['т', 't'], ['Т', 't'],
  ['ь', 'b'], ['ӏ', 'l'], ['Ӏ', 'l'], ['ո', 'n'], ['ս', 'u'], ['օ', 'o'], ['ց', 'g'],
  // Greek
  ['α', 'a'], ['Α', 'a'], ['β', 'b'], ['Β', 'b'], ['ε', 'e'], ['Ε', 'e'], ['ζ', 'z'], ['Ζ', 'z'],
  ['η', 'n'], ['Η', 'h'], ['ι', 'i'], ['Ι', 'i'], ['κ', 'k'], ['Κ', 'k'], ['μ', 'u'], ['Μ', 'm'],
  ['ν', 'v'], ['Ν', 'n'], ['ο', 'o'], ['Ο', 'o'], ['ρ', 'p'], ['Ρ', 'p'], ['τ', 't'], ['Τ', 't'],
  ['υ', 'u'], ['Υ', 'y'], ['χ', 'x'], ['Χ', 'x'], ['ω', 'w'],
  // Latin look-alikes and IPA
  ['ı', 'i'], ['ɩ', 'i'], ['ɑ', 'a'], ['ɡ', 'g'], ['ɢ', 'g'], ['ʀ', 'r'], ['ɴ', 'n'], ['ʏ', 'y'],
  ['ᴀ', 'a'], ['ᴄ', 'c'], ['ᴅ', 'd'], ['ᴇ', 'e'], ['ᴊ', 'j'], ['ᴋ', 'k'], ['ᴍ', 'm'], ['ᴏ', 'o'],
  ['ᴘ', 'p'], ['ᴛ', 't'], ['ᴜ', 'u'], ['ᴠ', 'v'], ['ᴡ', 'w'], ['ᴢ', 'z'], ['ꜱ', 's'], ['ʜ', 'h'],
  ['ʟ', 'l'], ['ɪ', 'i'], ['ℓ', 'l'], ['ø', 'o'], ['Ø', 'o'], ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'],
  ['đ', 'd'], ['ł', 'l'], ['Ł', 'l'], ['ħ', 'h'],
];

/** Code point -> replacement, for the look-alike fold: these pairs and the small capitals and letter symbols of `LETTER_LIKES`. */
export const CONFUSABLES: ReadonlyMap<number, string> = new Map([...LETTER_LIKES, ...PAIRS.map(([k, v]) => [k.codePointAt(0)!, v] as const)]);

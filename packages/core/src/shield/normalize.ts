import { CONFUSABLES } from './confusables.js';

/** A text made ready for matching, with what was found while folding it. */
export interface PreparedText {
  /** Folded lower-case text: invisible characters removed, NFKD without diacritics, look-alikes folded. */
  text: string;
  /** The input was ASCII: `text` is its lower-case form, position for position. */
  ascii: boolean;
  /** ASCII smuggled in Unicode tag characters (U+E0020..U+E007E), decoded. */
  hidden: string;
  /** Tag characters (U+E0000 block) and variation selectors U+E0100.. used to smuggle bytes. */
  tagChars: number;
  /** Zero-width characters between two Latin letters (a split keyword). */
  zeroWidthInWords: number;
  /** Bidi embedding/override/isolate controls (U+202A..U+202E, U+2066..U+2069). */
  bidiControls: number;
  /** Words mixing Latin letters with Cyrillic, Greek or Armenian ones. */
  mixedScriptWords: number;
}

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING = /[\u0300-\u036f]/g;

function isZeroWidth(c: number): boolean {
  return (
    c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0x180e || c === 0x00ad ||
    c === 0x034f || (c >= 0x2061 && c <= 0x2064) || c === 0x115f || c === 0x1160 || c === 0x3164 || c === 0xffa0
  );
}

function isBidiControl(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Characters the invisible-character walk handles: zero-width, bidi, tag characters. */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]|\udb40[\udc00-\udc7f\udd00-\uddef]/;
/** Characters NFKD folds in ways that matter here: accented and full-width letters, ligatures, math letters. */
const NEEDS_NFKD = /[\u00a0-\u024f\u0300-\u036f\u1d00-\u1dbf\u1e00-\u1eff\u2070-\u214f\u2460-\u24ff\ufb00-\ufb06\uff01-\uff5e]|\ud835/;
/** Letters folded by the confusables table (Cyrillic, Greek, Armenian, IPA, small capitals, letter symbols, Lisu, Cherokee, Coptic, Canadian syllabics, a few Latin). */
const LOOKALIKE = /[\u0250-\u02af\u0370-\u058f\u1d00-\u1d2b\u2113\ua730\ua731\ua7af\u13a0-\u13fd\uab70-\uabbf\u1400-\u167f\u16d5\u176a\u2c80-\u2cb1\ua4d0-\ua4ff\u00df\u00e6\u00f8\u00d8\u0111\u0127\u0131\u0142\u0141\u0153]|\ud83c[\udd50-\udd69\udd70-\udd89\udde6-\uddff]/;
const LOOKALIKE_ALL = new RegExp(LOOKALIKE.source, 'g');
const MIXED_WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /[a-zA-Z]/;
const SCRIPT = /[\u0370-\u058f]/;

/** Walks the text once to strip invisible characters, counting them and decoding tag characters. */
function stripInvisible(raw: string): { clean: string; hidden: string; tagChars: number; zeroWidthInWords: number; bidiControls: number } {
  let hidden = '';
  let tagChars = 0;
  let zeroWidthInWords = 0;
  let bidiControls = 0;
  let clean = '';
  let runStart = 0;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0xad) continue;
    let skip = 0;
    if (c === 0xdb40 && i + 1 < n) {
      const lo = raw.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdc7f) {
        const ascii = lo - 0xdc00;
        if (ascii >= 0x20 && ascii <= 0x7e) hidden += String.fromCharCode(ascii);
        tagChars++;
        skip = 2;
      } else if (lo >= 0xdd00 && lo <= 0xddef) {
        tagChars++;
        skip = 2;
      }
    } else if (isZeroWidth(c)) {
      // A run of zero-width characters is one split; it is skipped whole so the walk stays linear.
      let j = i + 1;
      while (j < n && isZeroWidth(raw.charCodeAt(j))) j++;
      if (i > 0 && isAsciiLetter(raw.charCodeAt(i - 1)) && j < n && isAsciiLetter(raw.charCodeAt(j))) zeroWidthInWords++;
      skip = j - i;
    } else if (isBidiControl(c)) {
      bidiControls++;
      skip = 1;
    } else if (c === 0x200e || c === 0x200f || c === 0x061c) {
      skip = 1;
    }
    if (skip > 0) {
      clean += raw.slice(runStart, i);
      i += skip - 1;
      runStart = i + 1;
    }
  }
  clean = runStart === 0 ? raw : clean + raw.slice(runStart);
  return { clean, hidden, tagChars, zeroWidthInWords, bidiControls };
}

/**
 * Folds a text for keyword matching. ASCII text (the common case) costs one regex test and a
 * `toLowerCase`. Otherwise: invisible characters are stripped and counted (tag characters are
 * decoded), the text is normalised with NFKD and its diacritics dropped (a superset of NFKC's
 * compatibility folding; skipped when no character it would change is present), and look-alike
 * letters are mapped to Latin, counting the words that mix scripts.
 */
export function prepareText(raw: string): PreparedText {
  if (!NON_ASCII.test(raw)) {
    return { text: raw.toLowerCase(), ascii: true, hidden: '', tagChars: 0, zeroWidthInWords: 0, bidiControls: 0, mixedScriptWords: 0 };
  }
  const inv = INVISIBLE.test(raw)
    ? stripInvisible(raw)
    : { clean: raw, hidden: '', tagChars: 0, zeroWidthInWords: 0, bidiControls: 0 };
  let text = NEEDS_NFKD.test(inv.clean) ? inv.clean.normalize('NFKD').replace(COMBINING, '') : inv.clean;
  let mixedScriptWords = 0;
  if (LOOKALIKE.test(text)) {
    MIXED_WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MIXED_WORD.exec(text)) !== null) {
      const w = m[0];
      if (LATIN.test(w) && SCRIPT.test(w)) mixedScriptWords++;
    }
    text = text.replace(LOOKALIKE_ALL, (ch) => CONFUSABLES.get(ch.codePointAt(0)!) ?? ch);
  }
  return {
    text: text.toLowerCase(),
    ascii: false,
    hidden: inv.hidden,
    tagChars: inv.tagChars,
    zeroWidthInWords: inv.zeroWidthInWords,
    bidiControls: inv.bidiControls,
    mixedScriptWords,
  };
}

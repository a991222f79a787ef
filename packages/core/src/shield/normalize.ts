import { CONFUSABLES } from './confusables.js';
import { scannedOf, type ScannedText } from './scanned-text.js';

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

/** Characters NFKD folds in ways that matter here: accented and full-width letters, ligatures, math letters. */
const NEEDS_NFKD = /[\u00a0-\u024f\u0300-\u036f\u1d00-\u1dbf\u1e00-\u1eff\u2070-\u214f\u2460-\u24ff\ufb00-\ufb06\uff01-\uff5e]|\ud835/;
/** Letters folded by the confusables table (Cyrillic, Greek, Armenian, IPA, small capitals, letter symbols, Lisu, Cherokee, Coptic, Canadian syllabics, a few Latin). */
const LOOKALIKE = /[\u0250-\u02af\u0370-\u058f\u1d00-\u1d2b\u2113\ua730\ua731\ua7af\u13a0-\u13fd\uab70-\uabbf\u1400-\u167f\u16d5\u176a\u2c80-\u2cb1\ua4d0-\ua4ff\u00df\u00e6\u00f8\u00d8\u0111\u0127\u0131\u0142\u0141\u0153]|\ud83c[\udd50-\udd69\udd70-\udd89\udde6-\uddff]/;
const LOOKALIKE_ALL = new RegExp(LOOKALIKE.source, 'g');
const MIXED_WORD = /[\p{L}\p{M}]+/gu;
const LATIN = /[a-zA-Z]/;
const SCRIPT = /[\u0370-\u058f]/;

/**
 * Folds a text for keyword matching. ASCII text (the common case) costs one regex test and a
 * `toLowerCase`. Otherwise: invisible characters are stripped and counted (tag characters are
 * decoded), the text is normalised with NFKD and its diacritics dropped (a superset of NFKC's
 * compatibility folding; skipped when no character it would change is present), and look-alike
 * letters are mapped to Latin, counting the words that mix scripts. Given a `ScannedText`, the
 * steps it shares with the fold (ASCII test, lower case, invisible characters, NFKD) are read off
 * it, computed once for both.
 */
export function prepareText(raw: string | ScannedText): PreparedText {
  const t = scannedOf(raw);
  if (t.ascii) {
    return { text: t.lower(), ascii: true, hidden: '', tagChars: 0, zeroWidthInWords: 0, bidiControls: 0, mixedScriptWords: 0 };
  }
  const inv = t.invisible();
  let text = NEEDS_NFKD.test(inv.clean) ? t.decomposed() : inv.clean;
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

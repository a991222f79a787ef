/**
 * One text as the scorer's stages read it: the normalisation they share, computed once.
 *
 * The rule scanner (`prepareText` in `normalize.ts`) and the learned model's fold (`foldText` in
 * `learned/fold.ts`) both start from the same steps: is the text ASCII; if so, its lower case;
 * if not, the invisible characters stripped (zero-width, bidi controls, tag characters) and the
 * text decomposed with NFKD, its combining marks dropped. Each stage used to compute them on its
 * own, so every text and every piece of one (a document's lines, a long text's ends and windows)
 * was tested for ASCII three times, lower-cased twice and, beyond ASCII, stripped and decomposed
 * twice. A `ScannedText` is made once per text or piece that is scored, handed to both stages, and
 * computes each step the first time a stage asks for it; the stages read the same strings they
 * computed before, so every score is bit for bit what it was (`bench/shield-identity.mjs`).
 *
 * What each stage does with these (the rules' look-alike table and word engine, the fold's
 * transliteration, leetspeak and word pass) stays its own: they are different foldings of the
 * text, and the learned model's weights were trained on exactly the fold's.
 */

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING = /[\u0300-\u036f]/g;
/**
 * The characters {@link stripInvisible} removes: zero-width, bidi controls, U+200E/F, U+061C, tag
 * characters, variation selectors and the other format marks of `learned/fold.ts`; and the Ogham
 * space mark, which it makes a space (white-box round 6).
 */
const INVISIBLE =
  /[\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb\uffa0]|\udb40[\udc00-\udc7f\udd00-\uddef]|\ud834[\udd73-\udd7a]|\ud82f[\udca0-\udca3]/;

/** A text with its invisible characters removed, and what was found among them. */
export interface InvisibleStrip {
  /** The text without them: what `text.replace(INVISIBLE_g, '')` gives. */
  clean: string;
  /** ASCII smuggled in Unicode tag characters (U+E0020..U+E007E), decoded. */
  hidden: string;
  /** Tag characters (U+E0000 block) and variation selectors U+E0100.. used to smuggle bytes. */
  tagChars: number;
  /** Zero-width characters between two Latin letters (a split keyword). */
  zeroWidthInWords: number;
  /** Bidi embedding/override/isolate controls (U+202A..U+202E, U+2066..U+2069). */
  bidiControls: number;
}

function isZeroWidth(c: number): boolean {
  return (
    c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0x180e || c === 0x00ad ||
    c === 0x034f || (c >= 0x2061 && c <= 0x2064) || c === 0x115f || c === 0x1160 || c === 0x3164 || c === 0xffa0 ||
    // Variation selectors, the Khmer inherent vowels, the Mongolian variation selectors and the
    // interlinear annotation marks: they show nothing either (white-box round 6).
    (c >= 0xfe00 && c <= 0xfe0f) || c === 0x17b4 || c === 0x17b5 || (c >= 0x180b && c <= 0x180f) || (c >= 0xfff9 && c <= 0xfffb)
  );
}

function isBidiControl(c: number): boolean {
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Walks the text once to strip invisible characters, counting them and decoding tag characters. */
function stripInvisible(raw: string): InvisibleStrip {
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
    } else if ((c === 0xd834 || c === 0xd82f) && i + 1 < n) {
      // The musical formatting characters (U+1D173..1D17A) and the shorthand format controls (U+1BCA0..1BCA3).
      const lo = raw.charCodeAt(i + 1);
      if ((c === 0xd834 && lo >= 0xdd73 && lo <= 0xdd7a) || (c === 0xd82f && lo >= 0xdca0 && lo <= 0xdca3)) {
        if (i > 0 && isAsciiLetter(raw.charCodeAt(i - 1)) && i + 2 < n && isAsciiLetter(raw.charCodeAt(i + 2))) zeroWidthInWords++;
        skip = 2;
      }
    } else if (c === 0x1680) {
      // The Ogham space mark, which NFKD leaves: a space.
      clean += `${raw.slice(runStart, i)} `;
      runStart = i + 1;
      continue;
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
 * A text to be scored (a whole text, or one of its pieces), with the normalisation steps the
 * rule scanner and the fold share, each computed the first time it is asked for (see the module
 * comment). Make one per text or piece, pass it to `ruleLogit` and `modelInput`; the stages take
 * a plain string too and then make their own.
 *
 * @example
 * ```ts
 * const t = new ScannedText('Ignore the above');
 * ruleLogit(t, 16_384);           // lower-cases it (t.lower())
 * modelInput(t, rule, 'user', target); // the fold reads the same t.lower()
 * ```
 */
export class ScannedText {
  private isAscii: boolean | undefined;
  private lowerText: string | undefined;
  private strip: InvisibleStrip | undefined;
  private nfkdText: string | undefined;

  /**
   * `ascii`, when given, is what the caller knows already: a piece of an ASCII text is ASCII (a
   * wrong `true` would misfold the text, so only say so when it holds by construction).
   */
  constructor(
    readonly raw: string,
    ascii?: boolean,
  ) {
    this.isAscii = ascii;
  }

  /**
   * The piece `raw[start, end)` as its own `ScannedText`: a piece of an ASCII text is ASCII, and
   * its lower case is the same piece of the text's lower case when that was computed (ASCII
   * letters change case one for one; beyond ASCII a letter may not, so the piece computes its own).
   */
  slice(start: number, end: number): ScannedText {
    const piece = new ScannedText(this.raw.slice(start, end), this.isAscii === true ? true : undefined);
    if (this.isAscii === true && this.lowerText !== undefined) piece.lowerText = this.lowerText.slice(start, end);
    return piece;
  }

  /** Whether every character is ASCII. */
  get ascii(): boolean {
    return (this.isAscii ??= !NON_ASCII.test(this.raw));
  }

  /** `raw.toLowerCase()`: for an ASCII text, what both stages start from. */
  lower(): string {
    return (this.lowerText ??= this.raw.toLowerCase());
  }

  /** The text without its invisible characters, and the counts the rules report of them. */
  invisible(): InvisibleStrip {
    return (this.strip ??= INVISIBLE.test(this.raw) ? stripInvisible(this.raw) : { clean: this.raw, hidden: '', tagChars: 0, zeroWidthInWords: 0, bidiControls: 0 });
  }

  /** {@link invisible}'s clean text in NFKD with its combining marks (U+0300..U+036F) dropped. */
  decomposed(): string {
    return (this.nfkdText ??= this.invisible().clean.normalize('NFKD').replace(COMBINING, ''));
  }
}

/** `text` itself when it is a `ScannedText`, else a new one of it. */
export const scannedOf = (text: string | ScannedText): ScannedText => (typeof text === 'string' ? new ScannedText(text) : text);

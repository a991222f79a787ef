/**
 * One pass over a prompt that every content fingerprint shares. It produces tokens as hashes and
 * offsets instead of strings: a char-code scanner with no regular expressions and no per-word
 * allocation, because it runs on every request.
 */

/** Longest prefix of a prompt that fingerprints read; the rest never changes a verdict. */
export const MAX_SCAN_CHARS = 4000;
/** Most tokens kept per prompt. */
export const MAX_TOKENS = 600;

/** Token kinds. */
export const enum Tok {
  /** A word (letters, digits, inner apostrophes). */
  Word = 1,
  /** A number (mostly digits). */
  Number = 2,
  /** A URL. */
  Url = 3,
  /** A fenced code block. */
  Code = 4,
  /** A run of `#`. */
  Hash = 5,
  Colon = 6,
  Question = 7,
  /** A line made only of punctuation (`---`, `***`). */
  Separator = 8,
  /** A markup tag: `<task>`, `</task>`, `[INST]`, `[/INST]`, `<|user|>` (hash of its lower-cased name). */
  Markup = 9,
}

/** Token flags. */
export const enum TokFlag {
  Capitalised = 1,
  /** Inside a quoted span (masked as one `<q>` in the skeleton). */
  Quoted = 2,
  /** A capitalised word in the middle of a sentence: a name, masked as `<p>` in the skeleton. */
  Proper = 4,
}

/** A scanned prompt. Arrays are parallel, one entry per token. */
export interface ScannedText {
  /** The scanned text (the prompt up to {@link MAX_SCAN_CHARS}). */
  text: string;
  count: number;
  kind: Uint8Array;
  flags: Uint8Array;
  /** FNV-1a of the lower-cased token for words; a fixed value per kind otherwise. */
  hash: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** Token index at which each non-empty line starts; `lineStart.length` is the line count. */
  lineStart: Uint32Array;
  /** Word and number tokens. */
  words: number;
  /** A fenced code block or many code-like symbols. */
  code: boolean;
  /** The first character is a lower-case letter. */
  lowerStart: boolean;
  /** The last non-space character, or ''. */
  lastChar: string;
  /** Share of letters outside ASCII. */
  nonAscii: number;
}

const enum C {
  Other = 0,
  Lower = 1,
  Upper = 2,
  Digit = 3,
  Space = 4,
  Newline = 5,
  Letter = 6,
}

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII[c] = c >= 97 && c <= 122 ? C.Lower : c >= 65 && c <= 90 ? C.Upper : c >= 48 && c <= 57 ? C.Digit : c === 10 ? C.Newline : c === 32 || c === 9 || c === 13 ? C.Space : C.Other;
}

function cls(c: number): number {
  if (c < 128) return ASCII[c]!;
  if (c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b)) return C.Space;
  if ((c >= 0x2010 && c <= 0x2bff) || (c >= 0x3001 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) || c === 0xd7 || c === 0xf7 || (c >= 0xa1 && c <= 0xbf)) return C.Other;
  return C.Letter;
}

/** FNV-1a of a lower-case ASCII word, the same value the scanner gives that word. */
export function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    let c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** Fixed hashes of the masked token kinds, used by skeletons. */
export const MASK = {
  number: wordHash('<n>'),
  url: wordHash('<url>'),
  code: wordHash('<code>'),
  hash: wordHash('#'),
  colon: wordHash(':'),
  question: wordHash('?'),
  separator: wordHash('<sep>'),
  quoted: wordHash('<q>'),
  proper: wordHash('<p>'),
} as const;

const KIND_HASH = [0, 0, MASK.number, MASK.url, MASK.code, MASK.hash, MASK.colon, MASK.question, MASK.separator, 0];

/** The token arrays of one scan at full size; a result is their first `count` entries. */
type ScanBuffers = Pick<ScannedText, 'kind' | 'flags' | 'hash' | 'start' | 'end' | 'lineStart'>;

function scanBuffers(): ScanBuffers {
  return { kind: new Uint8Array(MAX_TOKENS), flags: new Uint8Array(MAX_TOKENS), hash: new Uint32Array(MAX_TOKENS), start: new Uint32Array(MAX_TOKENS), end: new Uint32Array(MAX_TOKENS), lineStart: new Uint32Array(MAX_TOKENS + 1) };
}

/** Where {@link scanText} scans before copying out its result. */
const copied = scanBuffers();
/** What {@link scanTextLent}'s results are views of, until its next call. */
const lent = scanBuffers();

/**
 * The views of {@link lent}'s first `count` entries, made once per count and reused: a view is
 * an object of its own (six of them were about 580 bytes of every new prompt's allocation), and
 * the lent buffers never move, so the views of one count are the same views at every call.
 */
const lentViews: Array<Array<ScanBuffers | undefined> | undefined> = [];

function viewsOf(count: number, lines: number): ScanBuffers {
  const byLines = (lentViews[count] ??= []);
  let v = byLines[lines];
  if (v === undefined) {
    v = { kind: lent.kind.subarray(0, count), flags: lent.flags.subarray(0, count), hash: lent.hash.subarray(0, count), start: lent.start.subarray(0, count), end: lent.end.subarray(0, count), lineStart: lent.lineStart.subarray(0, lines) };
    byLines[lines] = v;
  }
  return v;
}

/**
 * Scans a prompt once. The result owns its arrays.
 *
 * @example
 * ```ts
 * const s = scanText('Translate "good morning" into French');
 * s.count; // 5 tokens: translate, good, morning (quoted), into, french
 * ```
 */
export function scanText(input: string): ScannedText {
  return scanInto(input, copied, true);
}

/**
 * {@link scanText} without copying the token arrays: the result's arrays are views of buffers
 * that the next call overwrites. For a caller done with the scan before it scans another prompt
 * this way (the prompt fingerprint, once per new prompt); the copies were about 1.4 KB of
 * allocation a request. {@link scanText} calls made meanwhile (the reasoning classifier's scans
 * of a long prompt's tail and of its code blocks) use buffers of their own.
 *
 * @example
 * ```ts
 * const s = scanTextLent('Name three rivers.');
 * const hashes = contentHashes(s); // read before the next scanTextLent call
 * ```
 */
export function scanTextLent(input: string): ScannedText {
  return scanInto(input, lent, false);
}

function scanInto(input: string, buffers: ScanBuffers, copy: boolean): ScannedText {
  const text = input.length > MAX_SCAN_CHARS ? input.slice(0, MAX_SCAN_CHARS) : input;
  const n = text.length;
  const kindB = buffers.kind;
  const flagB = buffers.flags;
  const hashB = buffers.hash;
  const startB = buffers.start;
  const endB = buffers.end;
  const lineB = buffers.lineStart;
  let count = 0;
  let lines = 0;
  let lineFirstTok = 0;
  let punctOnLine = 0;
  let words = 0;
  let symbols = 0;
  let letters = 0;
  let nonAscii = 0;
  let code = false;
  let sentenceStart = true;
  let quoteClose = -1;
  let quoteEnd = -1;

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? ASCII[c]! : cls(c);
    // What this step emits, if anything (kind 0: nothing).
    let tk = 0;
    let tf = 0;
    let th = 0;
    let ts = i;
    if (i === quoteEnd) {
      quoteEnd = -1;
      quoteClose = -1;
      i++;
      sentenceStart = false;
      continue;
    }
    if (k === C.Lower || k === C.Upper || k === C.Letter || k === C.Digit) {
      if ((c === 104 || c === 119) && (text.startsWith('http://', i) || text.startsWith('https://', i) || text.startsWith('www.', i))) {
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 32 || d === 10 || d === 9 || d === 13) break;
          i++;
        }
        tk = Tok.Url;
        th = MASK.url;
        sentenceStart = false;
      } else {
        let h = 0x811c9dc5;
        let digits = 0;
        while (i < n) {
          let d = text.charCodeAt(i);
          const kd = d < 128 ? ASCII[d]! : cls(d);
          if (kd === C.Lower) {
            // most characters
          } else if (kd === C.Upper) d += 32;
          else if (kd === C.Digit) digits++;
          else if (kd === C.Letter) nonAscii++;
          else if (d === 39 || d === 0x2019) {
            const next = i + 1 < n ? text.charCodeAt(i + 1) : 32;
            const kn = next < 128 ? ASCII[next]! : cls(next);
            if (!(kn === C.Lower || kn === C.Upper || kn === C.Letter) || quoteClose === d) break;
            d = 39;
          } else break;
          h = Math.imul(h ^ d, 0x01000193);
          i++;
        }
        const len = i - ts;
        letters += len - digits;
        words++;
        tf = quoteEnd > 0 ? TokFlag.Quoted : 0;
        if (digits > 0 && digits * 2 >= len) {
          tk = Tok.Number;
          th = MASK.number;
        } else {
          tk = Tok.Word;
          th = h >>> 0;
          if (k === C.Upper) {
            tf |= TokFlag.Capitalised;
            if (!sentenceStart && count > lineFirstTok && len > 1) tf |= TokFlag.Proper;
          }
        }
        sentenceStart = false;
      }
    } else if (k === C.Newline) {
      if (count === lineFirstTok && punctOnLine >= 3) {
        tk = Tok.Separator;
        th = MASK.separator;
      }
      i++;
    } else if (k === C.Space || k === C.Letter) {
      i++;
      continue;
    } else if (c === 96 && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      i = close < 0 ? n : close + 3;
      tk = Tok.Code;
      th = MASK.code;
      code = true;
    } else if ((c === 60 || c === 91) && markupEnd(text, i) > 0) {
      const e = markupEnd(text, i);
      let h = 0x811c9dc5;
      for (let j = i + 1; j < e - 1; j++) {
        let d = text.charCodeAt(j);
        if (d === 47 || d === 124) continue;
        if (d >= 65 && d <= 90) d += 32;
        h = Math.imul(h ^ d, 0x01000193);
      }
      tk = Tok.Markup;
      th = h >>> 0;
      i = e;
    } else {
      if (quoteEnd < 0) {
        const closing = c === 34 ? 34 : c === 0x201c ? 0x201d : c === 0x2018 ? 0x2019 : c === 96 ? 96 : c === 0xab ? 0xbb : -1;
        if (closing > 0) {
          const e = text.indexOf(String.fromCharCode(closing), i + 1);
          if (e > i + 1 && e - i <= 200) {
            const nl = text.indexOf('\n', i + 1);
            if (nl < 0 || nl > e) {
              quoteEnd = e;
              quoteClose = closing;
              i++;
              continue;
            }
          }
        }
      }
      if (c === 35) {
        while (i < n && text.charCodeAt(i) === 35) i++;
        tk = Tok.Hash;
        th = MASK.hash;
      } else {
        if (c === 58) {
          tk = Tok.Colon;
          th = MASK.colon;
        } else if (c === 63) {
          tk = Tok.Question;
          th = MASK.question;
        } else if (count === lineFirstTok) punctOnLine++;
        if (c === 46 || c === 33 || c === 63 || c === 58) sentenceStart = true;
        if (c === 123 || c === 125 || c === 59 || c === 61 || c === 60 || c === 62 || c === 91 || c === 93) symbols++;
        i++;
      }
    }
    if (tk !== 0 && count < MAX_TOKENS) {
      if (count === lineFirstTok) lineB[lines++] = count;
      kindB[count] = tk;
      flagB[count] = tf;
      hashB[count] = th;
      startB[count] = ts;
      endB[count] = i;
      count++;
    }
    if (k === C.Newline) {
      lineFirstTok = count;
      punctOnLine = 0;
      sentenceStart = true;
      quoteEnd = -1;
      quoteClose = -1;
    }
  }
  if (count === lineFirstTok && punctOnLine >= 3 && count < MAX_TOKENS) {
    lineB[lines++] = count;
    kindB[count] = Tok.Separator;
    flagB[count] = 0;
    hashB[count] = MASK.separator;
    startB[count] = n;
    endB[count] = n;
    count++;
  }

  let first = 0;
  while (first < n && isBlank(text.charCodeAt(first))) first++;
  let last = n - 1;
  while (last >= 0 && isBlank(text.charCodeAt(last))) last--;
  if (!code && symbols > 12 && symbols * 4 > words) code = true;
  const fc = first < n ? text.charCodeAt(first) : 0;
  const views = copy ? undefined : viewsOf(count, lines);
  return {
    text,
    count,
    kind: views ? views.kind : kindB.slice(0, count),
    flags: views ? views.flags : flagB.slice(0, count),
    hash: views ? views.hash : hashB.slice(0, count),
    start: views ? views.start : startB.slice(0, count),
    end: views ? views.end : endB.slice(0, count),
    lineStart: views ? views.lineStart : lineB.slice(0, lines),
    words,
    code,
    lowerStart: fc >= 97 && fc <= 122,
    lastChar: last >= 0 ? text[last]! : '',
    nonAscii: letters > 0 ? nonAscii / letters : 0,
  };
}

/**
 * End (exclusive) of a markup tag starting at `i` (`<name>`, `</name>`, `[NAME]`, `[/NAME]`,
 * `<|name|>`), or -1. Names are short runs of letters, digits, `_` and `-`.
 */
export function markupEnd(text: string, i: number): number {
  const open = text.charCodeAt(i);
  const close = open === 60 ? 62 : 93;
  let j = i + 1;
  while (j < text.length && (text.charCodeAt(j) === 47 || text.charCodeAt(j) === 124)) j++;
  const nameStart = j;
  while (j < text.length && j - nameStart < 24) {
    const d = text.charCodeAt(j);
    if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 95 || d === 45) j++;
    else break;
  }
  if (j === nameStart) return -1;
  while (j < text.length && text.charCodeAt(j) === 124) j++;
  return j < text.length && text.charCodeAt(j) === close ? j + 1 : -1;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
}

/** The token's text as the skeleton shows it (lower case, masks for variable parts). */
export function tokenText(scan: ScannedText, t: number): string {
  const kind = scan.kind[t]!;
  const f = scan.flags[t]!;
  if (f & TokFlag.Quoted) return '<q>';
  if (kind === Tok.Word) {
    if (f & TokFlag.Proper) return '<p>';
    return scan.text.slice(scan.start[t]!, scan.end[t]!).toLowerCase();
  }
  if (kind === Tok.Markup) return scan.text.slice(scan.start[t]!, scan.end[t]!).toLowerCase();
  return KIND_TEXT[kind]!;
}

/** The token's hash as the skeleton uses it (masked kinds collapse to one value). */
export function tokenSkeletonHash(scan: ScannedText, t: number): number {
  const kind = scan.kind[t]!;
  if (kind === Tok.Word) {
    const f = scan.flags[t]!;
    if (f & TokFlag.Quoted) return MASK.quoted;
    if (f & TokFlag.Proper) return MASK.proper;
    return scan.hash[t]!;
  }
  if (scan.flags[t]! & TokFlag.Quoted) return MASK.quoted;
  if (kind === Tok.Markup) return (scan.hash[t]! ^ 0x5bd1e995) >>> 0;
  return KIND_HASH[kind]!;
}

const KIND_TEXT = ['', '', '<n>', '<url>', '<code>', '#', ':', '?', '<sep>', ''];

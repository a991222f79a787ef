/**
 * Finding text hidden in encodings (base64, hex, rot13, reversed, percent-encoding, HTML character
 * references, `\u` escapes, binary, upside-down letters), so the scanner can rescan it.
 * Work is bounded: at most {@link MAX_PAYLOADS} candidates and {@link MAX_DECODED_CHARS} decoded
 * characters per text; the caller limits the depth of rescans.
 */

/** Only used on texts whose folded form does not line up with the raw text (non-ASCII input). */
const BASE64_RUN = /[A-Za-z0-9+/_=-]{20,}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}){12,}\b|(?:\\x[0-9a-fA-F]{2}){8,}|(?:0x[0-9a-fA-F]{2}[,\s]{0,2}){8,}|(?:\b[0-9a-fA-F]{2}[ :]){11,}[0-9a-fA-F]{2}\b/g;
const HAS_UPPER = /[A-Z]/;
const HAS_LOWER = /[a-z]/;
const ALL_HEX = /^[0-9a-fA-F]+$/;

export const MAX_PAYLOADS = 8;
export const MAX_DECODED_CHARS = 4096;

/** A decoded candidate and the encoding it was found in. */
export interface Payload {
  kind: 'base64' | 'hex' | 'rot13' | 'reversed' | 'escaped' | 'binary' | 'upside-down';
  text: string;
}

/**
 * Text written as escapes a model reads back at once: percent-encoding (`%69%67%6E…`), HTML
 * character references (`&#73;&#103;…`), `\u` escapes, bytes in binary (`01101001 01100111…`),
 * and upside-down letters (`ʇdɯoɹd`, read right to left). Each needs a run long enough to hold a
 * sentence, so a URL with one `%20` or an `&amp;` is not a payload.
 */
const PERCENT_RUN = /(?:%[0-9a-fA-F]{2}|[A-Za-z0-9.~+-]){12,}/g;
const ENTITY_RUN = /(?:&#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});\s?){6,}/g;
const U_ESCAPE_RUN = /(?:\\u[0-9a-fA-F]{4}){6,}/g;
const BINARY_RUN = /(?<![01])(?:[01]{8}[ ,]?){6,}/g;
/** Letters that only upside-down text uses (turned a, e, r, t, y, w, m, h, i, k, c, f, g). */
const UPSIDE_DOWN_LETTER = /[\u0250\u01dd\u0279\u0287\u028e\u028d\u026f\u0265\u1d09\u029e\u0254\u025f\u0183]/g;
const UPSIDE_DOWN: Record<string, string> = {
  '\u0250': 'a', '\u01dd': 'e', '\u0279': 'r', '\u0287': 't', '\u028e': 'y', '\u028d': 'w', '\u026f': 'm', '\u0265': 'h',
  '\u1d09': 'i', '\u029e': 'k', '\u0254': 'c', '\u025f': 'f', '\u0183': 'g', q: 'b', b: 'q', p: 'd', d: 'p', n: 'u', u: 'n', '\u028c': 'v', '\u027e': 'j',
};
/** A test for any of the escapes above, so that texts without them cost one scan. */
export const ESCAPED_HINT = /%[0-9a-fA-F]{2}[^%]{0,3}%[0-9a-fA-F]{2}|&#[xX]?[0-9a-fA-F]{1,7};&#|\\u[0-9a-fA-F]{4}\\u|(?<![01])[01]{8} [01]{8} [01]{8}|[\u0250\u01dd\u0279\u0287\u028e\u028d\u026f\u0265\u1d09\u029e\u0254\u025f\u0183]/;

const TURNED_LETTER = /[\u0250\u01dd\u0279\u0287\u028e\u028d\u026f\u0265\u1d09\u029e\u0254\u025f\u0183]/;

/**
 * Whether `text` may hold one of the escapes {@link findPayloads} reads when `escaped` is set:
 * plain substring searches first (a `%`, `&#`, `\u`, the bit patterns of a lower-case ASCII
 * letter, a turned letter in a text that is not ASCII), the full pattern only when one is there.
 */
export function mayHaveEscapes(text: string, ascii: boolean): boolean {
  const maybe = text.includes('%') || text.includes('&#') || text.includes('\\u') || text.includes('0110') || text.includes('0111') || (!ascii && TURNED_LETTER.test(text));
  return maybe && ESCAPED_HINT.test(text);
}

/** Bytes as text: UTF-8 when they are valid UTF-8 (an order in Russian or with accents), else Latin-1. */
function bytesText(bytes: Buffer): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! < 0x80) continue;
    const utf8 = bytes.toString('utf8');
    return utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8;
  }
  return bytes.toString('latin1');
}

/** The escapes of {@link ESCAPED_HINT} in `raw`, decoded; each run at most once, within `budget` characters. */
function findEscaped(raw: string, push: (kind: Payload['kind'], text: string) => void): void {
  let m: RegExpExecArray | null;
  PERCENT_RUN.lastIndex = 0;
  while ((m = PERCENT_RUN.exec(raw)) !== null) {
    const run = m[0];
    let escapes = 0;
    for (let i = run.indexOf('%'); i >= 0; i = run.indexOf('%', i + 1)) escapes++;
    if (escapes < 6) continue;
    const bytes: number[] = [];
    for (let i = 0; i < run.length; i++) {
      if (run[i] === '%') {
        bytes.push(Number.parseInt(run.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(run[i] === '+' ? 0x20 : run.charCodeAt(i));
    }
    push('escaped', bytesText(Buffer.from(bytes)));
  }
  ENTITY_RUN.lastIndex = 0;
  while ((m = ENTITY_RUN.exec(raw)) !== null) {
    let text = '';
    for (const ref of m[0].split(';')) {
      const t = ref.trim();
      if (!t.startsWith('&#')) continue;
      const cp = t[2] === 'x' || t[2] === 'X' ? Number.parseInt(t.slice(3), 16) : Number.parseInt(t.slice(2), 10);
      if (cp > 0 && cp <= 0x10ffff) text += String.fromCodePoint(cp);
    }
    push('escaped', text);
  }
  U_ESCAPE_RUN.lastIndex = 0;
  while ((m = U_ESCAPE_RUN.exec(raw)) !== null) {
    let text = '';
    for (let i = 0; i + 6 <= m[0].length; i += 6) text += String.fromCharCode(Number.parseInt(m[0].slice(i + 2, i + 6), 16));
    push('escaped', text);
  }
  BINARY_RUN.lastIndex = 0;
  while ((m = BINARY_RUN.exec(raw)) !== null) {
    const digits = m[0].replace(/[^01]/g, '');
    const bytes: number[] = [];
    for (let i = 0; i + 8 <= digits.length; i += 8) bytes.push(Number.parseInt(digits.slice(i, i + 8), 2));
    push('binary', bytesText(Buffer.from(bytes)));
  }
  UPSIDE_DOWN_LETTER.lastIndex = 0;
  let turned = 0;
  while (UPSIDE_DOWN_LETTER.test(raw) && turned < 4) turned++;
  if (turned >= 4) push('upside-down', [...raw].reverse().map((c) => UPSIDE_DOWN[c] ?? c).join(''));
}

/** Cues the engine collected while walking the folded text. */
export interface PayloadHints {
  /** Start/end pairs of base64-looking runs, positions valid in the raw text when `aligned`. */
  runs: readonly number[];
  /** Whether folded positions equal raw positions (ASCII input). */
  aligned: boolean;
  hexHint: boolean;
  rot13Cues: number;
  reversedCues: number;
  /** The raw text matched {@link ESCAPED_HINT}. */
  escaped?: boolean;
}

const LETTER = /\p{L}/u;

/** Letters and spaces: decoded binary data is rarely made of words. Letters of any script count (a payload decoded as UTF-8). */
function looksLikeText(s: string): boolean {
  if (s.length < 8) return false;
  let letters = 0;
  let spaces = 0;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      // Latin-1 bytes of binary data decode to U+0080..U+00FF; a letter of a real script is further on.
      if (c >= 0x100 && LETTER.test(s[i]!)) {
        letters++;
        printable++;
      }
      continue;
    }
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) printable++;
    const l = c | 0x20;
    if (l >= 0x61 && l <= 0x7a) letters++;
    else if (c === 0x20) spaces++;
  }
  return printable / s.length >= 0.9 && letters / s.length > 0.55 && spaces >= 1;
}

function rot13(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(((c - 0x61 + 13) % 26) + 0x61) : s[i];
  }
  return out;
}

/**
 * Decoded payloads that look like natural-language text.
 * @param raw the text with its original case (base64 is case-sensitive)
 * @param lower the folded lower-case text (rot13 and reversed text are decoded from it)
 */
export function findPayloads(raw: string, lower: string, hints: PayloadHints): Payload[] {
  const out: Payload[] = [];
  let budget = MAX_DECODED_CHARS;
  const push = (kind: Payload['kind'], text: string): void => {
    if (out.length >= MAX_PAYLOADS || budget <= 0) return;
    const t = text.length > budget ? text.slice(0, budget) : text;
    budget -= t.length;
    out.push({ kind, text: t });
  };

  const candidates: string[] = [];
  if (hints.aligned) {
    for (let i = 0; i < hints.runs.length; i += 2) candidates.push(raw.slice(hints.runs[i]!, hints.runs[i + 1]!));
  } else if (hints.runs.length > 0) {
    BASE64_RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = BASE64_RUN.exec(raw)) !== null && candidates.length < MAX_PAYLOADS * 2) candidates.push(m[0]);
  }
  let tried = 0;
  for (const run of candidates) {
    if (budget <= 0 || tried >= MAX_PAYLOADS * 2) break;
    const slice = run.replace(/^[-_=]+/, '').slice(0, budget * 2);
    if (ALL_HEX.test(slice) && slice.length % 2 === 0) {
      tried++;
      const decoded = bytesText(Buffer.from(slice, 'hex'));
      if (looksLikeText(decoded)) push('hex', decoded);
      continue;
    }
    // Words, paths and identifiers are long runs too; real base64 mixes cases.
    if (!HAS_UPPER.test(slice) || !HAS_LOWER.test(slice)) continue;
    tried++;
    const url = slice.includes('-') || slice.includes('_');
    const decoded = bytesText(Buffer.from(slice, url ? 'base64url' : 'base64'));
    if (looksLikeText(decoded)) push('base64', decoded);
  }
  if (hints.hexHint) {
    HEX_RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = HEX_RUN.exec(raw)) !== null && n++ < MAX_PAYLOADS && budget > 0) {
      const digits = m[0].replace(/\\x|0x|[^0-9a-fA-F]/g, '');
      const decoded = bytesText(Buffer.from(digits.slice(0, budget * 2), 'hex'));
      if (looksLikeText(decoded)) push('hex', decoded);
    }
  }
  if (hints.escaped) findEscaped(raw, (kind, text) => {
    if (looksLikeText(text)) push(kind, text);
  });
  if (hints.rot13Cues >= 2) push('rot13', rot13(lower));
  if (hints.reversedCues >= 2) push('reversed', [...lower].reverse().join(''));
  return out;
}

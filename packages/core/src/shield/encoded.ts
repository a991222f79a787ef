/**
 * Finding text hidden in encodings (base64, hex, rot13, reversed), so the scanner can rescan it.
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
  kind: 'base64' | 'hex' | 'rot13' | 'reversed';
  text: string;
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
}

/** Letters and spaces: decoded binary data is rarely made of words. */
function looksLikeText(s: string): boolean {
  if (s.length < 8) return false;
  let letters = 0;
  let spaces = 0;
  let printable = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
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
      const decoded = Buffer.from(slice, 'hex').toString('latin1');
      if (looksLikeText(decoded)) push('hex', decoded);
      continue;
    }
    // Words, paths and identifiers are long runs too; real base64 mixes cases.
    if (!HAS_UPPER.test(slice) || !HAS_LOWER.test(slice)) continue;
    tried++;
    const url = slice.includes('-') || slice.includes('_');
    const decoded = Buffer.from(slice, url ? 'base64url' : 'base64').toString('latin1');
    if (looksLikeText(decoded)) push('base64', decoded);
  }
  if (hints.hexHint) {
    HEX_RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = HEX_RUN.exec(raw)) !== null && n++ < MAX_PAYLOADS && budget > 0) {
      const digits = m[0].replace(/\\x|0x|[^0-9a-fA-F]/g, '');
      const decoded = Buffer.from(digits.slice(0, budget * 2), 'hex').toString('latin1');
      if (looksLikeText(decoded)) push('hex', decoded);
    }
  }
  if (hints.rot13Cues >= 2) push('rot13', rot13(lower));
  if (hints.reversedCues >= 2) push('reversed', [...lower].reverse().join(''));
  return out;
}

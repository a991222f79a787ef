/**
 * What the output filter redacts. Two kinds of detectors:
 * - `token`: a key with a recognisable start (`sk-ant-`, `AKIA`, `ghp_`, a JWT's `eyJ...`). Once
 *   `confirm` matches (the start plus enough body to be sure), the marker is emitted at once and
 *   the rest of the token is swallowed as it streams in, so only the unconfirmed start is ever
 *   held back.
 * - `bounded`: a value only known to be complete when the next character arrives (a phone
 *   number, a card number, an e-mail address); held back until then, at most its maximum length.
 * `partial` matches, at the end of the buffer, a start that could still become a match: that
 * suffix (never more than {@link MAX_HOLD} characters) is what the filter holds back.
 * Private keys (`-----BEGIN ... PRIVATE KEY-----`) are swallowed until their END line.
 */

/** Longest suffix held back for a possible match, except inside a PEM block. */
export const MAX_HOLD = 64;

export interface Detector {
  label: string;
  kind: 'secret' | 'pii';
  type: 'token' | 'bounded' | 'pem';
  /** Matches a confirmed value (global). Group 1, when present, is context kept in the output. */
  confirm: RegExp;
  /** A suffix of the buffer that could still grow into a match (anchored at the end). */
  partial: RegExp;
  /** For tokens: characters that continue the token (swallowed after confirmation). */
  body?: (c: number) => boolean;
  /** For tokens: characters kept inside the token only when a body character follows (`.` in a JWT). */
  joiner?: (c: number) => boolean;
  /** Extra check on a confirmed match (mixed case for generic `sk-` keys, Luhn for cards). */
  check?: (match: string) => boolean;
  /**
   * Context words a match starts with, lower case without underscores (`awssecretaccesskey`):
   * a trailing identifier that could still become one of them (`aws_sec`) is held back too.
   */
  contextWords?: readonly string[];
}

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isKeyChar = (c: number): boolean => isAlnum(c) || c === 0x5f || c === 0x2d; // _ -
const isUpperAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
const isBase64Char = (c: number): boolean => isAlnum(c) || c === 0x2b || c === 0x2f || c === 0x3d; // + / =
const isDot = (c: number): boolean => c === 0x2e;
const isDomainChar = (c: number): boolean => isAlnum(c) || c === 0x2d;

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every proper prefix of each literal, then the literal followed by up to `n - 1` body characters. */
function startPartial(starters: readonly string[], body: string, n: number): string {
  const prefixes = new Set<string>();
  for (const s of starters) for (let i = 1; i < s.length; i++) prefixes.add(esc(s.slice(0, i)));
  const full = starters.map(esc).join('|');
  return `(?:${[...prefixes].join('|')}|(?:${full})${body}{0,${n - 1}})`;
}

function tokenDetector(
  label: string,
  starters: readonly string[],
  body: string,
  minBody: number,
  bodyTest: (c: number) => boolean,
  check?: (m: string) => boolean,
  notFollowedBy?: string,
): Detector {
  const start = `(?:${starters.map(esc).join('|')})${notFollowedBy ? `(?!${notFollowedBy})` : ''}`;
  const d: Detector = {
    label,
    kind: 'secret',
    type: 'token',
    confirm: new RegExp(`(?<![A-Za-z0-9_-])(?:${start})${body}{${minBody}}`, 'g'),
    partial: new RegExp(`(?<![A-Za-z0-9_-])${startPartial(starters, body, minBody)}$`),
    body: bodyTest,
  };
  if (check) d.check = check;
  return d;
}

/** Random keys mix cases and digits; `sk-learn-compatible-...` does not. */
const looksRandom = (m: string): boolean => {
  const body = m.slice(m.lastIndexOf('-') + 1);
  return /[A-Z]/.test(m) && /[0-9]/.test(m) && body.length >= 4;
};

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const AWS_SECRET_CONTEXT = '(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?|secretaccesskey)';

/** The secret detectors, most specific first (an Anthropic key also starts with `sk-`). */
export const SECRET_DETECTORS: readonly Detector[] = [
  tokenDetector('anthropic-key', ['sk-ant-'], '[A-Za-z0-9_-]', 20, isKeyChar),
  tokenDetector('openai-key', ['sk-proj-', 'sk-svcacct-', 'sk-admin-'], '[A-Za-z0-9_-]', 20, isKeyChar),
  tokenDetector('openai-key', ['sk-'], '[A-Za-z0-9_-]', 20, isKeyChar, looksRandom, 'ant-|proj-|svcacct-|admin-'),
  tokenDetector('stripe-key', ['sk_live_', 'rk_live_'], '[A-Za-z0-9]', 16, isAlnum),
  tokenDetector('github-token', ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], '[A-Za-z0-9]', 30, isAlnum),
  tokenDetector('github-token', ['github_pat_'], '[A-Za-z0-9_]', 30, isKeyChar),
  tokenDetector('aws-access-key', ['AKIA', 'ASIA', 'ABIA', 'ACCA'], '[A-Z0-9]', 16, isUpperAlnum),
  tokenDetector('google-api-key', ['AIza'], '[A-Za-z0-9_-]', 30, isKeyChar),
  tokenDetector('slack-token', ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'], '[A-Za-z0-9-]', 20, isKeyChar),
  {
    label: 'aws-secret-key',
    kind: 'secret',
    type: 'token',
    confirm: new RegExp(`(${AWS_SECRET_CONTEXT}["']?[ \\t]{0,3}[:=][ \\t]{0,3}["']?)[A-Za-z0-9/+]{16}`, 'gi'),
    partial: new RegExp(`${AWS_SECRET_CONTEXT}["']?[ \\t]{0,3}(?:[:=][ \\t]{0,3}["']?[A-Za-z0-9/+]{0,15})?$`, 'i'),
    body: isBase64Char,
    contextWords: ['awssecretaccesskey', 'secretaccesskey', 'awssecretkey'],
  },
  {
    label: 'jwt',
    kind: 'secret',
    type: 'token',
    confirm: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{4}/g,
    partial: /(?<![A-Za-z0-9_-])(?:e|ey|eyJ[A-Za-z0-9_-]{0,56}(?:\.(?:e|ey|eyJ[A-Za-z0-9_-]{0,3})?)?)$/,
    body: isKeyChar,
    joiner: isDot,
  },
  {
    label: 'private-key',
    kind: 'secret',
    type: 'pem',
    confirm: /-----BEGIN (?:[A-Z0-9]+ ){0,3}PRIVATE KEY( BLOCK)?-----/g,
    partial: /(?<!-)-{1,5}(?:B|BE|BEG|BEGI|BEGIN|BEGIN [A-Z0-9 ]{0,30}(?:P|PR|PRI|PRIV|PRIVA|PRIVAT|PRIVATE|PRIVATE |PRIVATE K|PRIVATE KE|PRIVATE KEY(?: BLOCK)?-{0,4})?)?$/,
  },
];

/** End line of a PEM private key. */
export const PEM_END = /-----END (?:[A-Z0-9]+ ){0,3}PRIVATE KEY( BLOCK)?-----/;

export const EMAIL_DETECTOR: Detector = {
  label: 'email',
  kind: 'pii',
  type: 'token',
  confirm: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,}/g,
  partial: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,40}(?:@[A-Za-z0-9.-]{0,22})?$/,
  body: isDomainChar,
  joiner: isDot,
};

export const CARD_DETECTOR: Detector = {
  label: 'card',
  kind: 'pii',
  type: 'bounded',
  confirm: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g,
  partial: /(?<![\d-])\d(?:[ -]?\d){0,18}[ -]?$/,
  check: (m) => {
    const digits = m.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhn(digits);
  },
};

export const PHONE_DETECTOR: Detector = {
  label: 'phone',
  kind: 'pii',
  type: 'bounded',
  confirm: /(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){2,4}|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\d])/g,
  partial: /(?<![\w+])(?:\+|\(|\d)[\d ().-]{0,22}$/,
  check: (m) => {
    const digits = m.replace(/\D/g, '').length;
    return digits >= 10 && digits <= 15;
  },
};

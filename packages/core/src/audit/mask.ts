/**
 * A deliberately small masker for prompts and replies kept under `capture: 'full'`: e-mail
 * addresses and common credential shapes are replaced before a line is written. The shield's
 * redactor (`shield/`) is the thorough one; this only has to keep obvious secrets off disk.
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[private-key]'],
  [/\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g, '[email]'],
  // Anthropic, OpenAI and similar `sk-` keys; GitHub, Slack, Stripe, Google and AWS tokens.
  [/\bsk-(?:ant-)?[A-Za-z0-9_-]{16,}/g, '[secret]'],
  [/\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/g, '[secret]'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, '[secret]'],
  [/\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g, '[secret]'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, '[secret]'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '[secret]'],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '[secret]'],
  // `Bearer <token>` and `password=…`, `api_key: …` style assignments.
  [/\b(bearer)\s+[A-Za-z0-9._~+/=-]{16,}/gi, '$1 [secret]'],
  [/\b((?:api[_-]?key|secret|token|passw(?:or)?d|pwd)["']?\s*[:=]\s*["']?)[^\s"',;]{6,}/gi, '$1[secret]'],
  // Long random-looking strings: 32+ characters mixing letters and digits.
  [/\b(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}/g, '[secret]'],
];

/**
 * Replaces e-mail addresses and credential-like strings with `[email]` / `[secret]`.
 *
 * @example
 * ```ts
 * maskSecrets('mail bob@example.com, key sk-ant-api03-abcdefghijklmnopqrstuv');
 * // 'mail [email], key [secret]'
 * ```
 */
export function maskSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

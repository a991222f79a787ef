/** Where the guard reports what it cannot throw: warnings at start-up, errors off the request path. */
export interface Logger {
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  warn: (message, meta) => (meta ? console.warn(message, meta) : console.warn(message)),
  error: (message, meta) => (meta ? console.error(message, meta) : console.error(message)),
};

/**
 * Where the warnings are explained: a stable public URL (the package has no docs/ folder), one
 * heading per code, whose anchor is the code in lower case.
 */
export const WARNINGS_DOC_URL = 'https://github.com/distill-guard/distill-guard/blob/main/docs/warnings.md';

/** The URL of one warning's explanation, e.g. `…/docs/warnings.md#dg_limits_disabled`. */
export const warningUrl = (code: string): string => `${WARNINGS_DOC_URL}#${code.toLowerCase()}`;

/**
 * Codes of the one-time warnings for legal-but-risky setups. Each is documented at
 * {@link warningUrl} (`docs/warnings.md`); silence one with `warnings: { CODE: false }`.
 */
export const WARNING_CODES = [
  'DG_STORE_ERROR_POLICY_DEFAULT',
  'DG_MEMORY_STORE_MULTI_INSTANCE',
  'DG_MEMORY_STORE_FULL',
  'DG_TRUST_PROXY_ALL',
  'DG_LIMITS_DISABLED',
  'DG_REDIS_STORE_MANUAL_CLOCK',
  'DG_MONITOR_MODE',
  'DG_AUDIT_NO_SECRET',
  'DG_AUDIT_FULL_CAPTURE',
  'DG_SHIELD_OFF',
  'DG_DETECTOR_OFF',
  'DG_NO_MAX_TOKENS_CAP',
  'DG_API_KEYS_OPTIONAL',
  'DG_UNPRICED_MODEL',
  'DG_CLAUDE_NO_API_KEY',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** Emits each warning code at most once per guard. */
export class Warnings {
  private readonly seen = new Set<string>();
  constructor(
    private readonly logger: Logger,
    private readonly silenced: ReadonlySet<string> = new Set(),
  ) {}

  warn(code: WarningCode, message: string): void {
    if (this.seen.has(code) || this.silenced.has(code)) return;
    this.seen.add(code);
    this.logger.warn(`distill-guard [${code}] ${message} See ${warningUrl(code)}`, { code });
  }

  /** Codes emitted so far (for tests and diagnostics). */
  get emitted(): readonly string[] {
    return [...this.seen];
  }
}

/** Base class of every error distill-guard throws; `code` is stable and documented. */
export class DistillGuardError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Thrown by `createGuard` (and every `create*` factory) when an option is unknown or has the
 * wrong type or range. `option` is the dotted path, e.g. `limits.requests.limit`.
 */
export class OptionsError extends DistillGuardError {
  readonly option: string;
  constructor(option: string, message: string) {
    super('DG_INVALID_OPTION', `distill-guard: option \`${option}\` ${message}`);
    this.option = option;
  }
}

/**
 * A request the guard refuses to pass on: malformed JSON, wrong types, too large.
 * Adapters answer it with `status` and an Anthropic-shaped `invalid_request_error`.
 */
export class InvalidRequestError extends DistillGuardError {
  readonly status: number;
  /** Path of the offending field, e.g. `messages.0.content`, when there is one. */
  readonly param?: string;
  constructor(message: string, options: { status?: number; param?: string; code?: string; cause?: unknown } = {}) {
    super(options.code ?? 'DG_INVALID_REQUEST', message, { cause: options.cause });
    this.status = options.status ?? 400;
    if (options.param !== undefined) this.param = options.param;
  }
}

/** The store (memory or Redis) failed; handled according to `onStoreError`, never thrown from `check`. */
export class StoreError extends DistillGuardError {
  /**
   * False when the command was never sent (Redis not connected): it cannot land later. True when
   * it was sent and may still run (a timeout), so what it reserved is handed back.
   */
  readonly sent: boolean;
  constructor(message: string, options?: { cause?: unknown; sent?: boolean }) {
    super('DG_STORE_ERROR', message, options);
    this.sent = options?.sent ?? true;
  }
}

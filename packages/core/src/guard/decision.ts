import { isDefaultRateLimitFormat, writeRateLimitHeaders, type Conclusion, type Decision, type DecisionReason, type Identity, type LimitState, type RateLimitHeaderFormat, type ResponseActions, type Signal, type Verdict } from '../decision/index.js';
import type { Reservation } from '../limits/index.js';
import type { MessagesBody } from '../request/index.js';

const NO_SIGNALS: readonly Signal[] = Object.freeze([]);
const NO_LIMITS: readonly LimitState[] = Object.freeze([]);
const NO_ACTIONS: Readonly<ResponseActions> = Object.freeze({});

/**
 * The mutable draft of one decision while `check` runs. One class with every field set in the
 * constructor keeps a single object shape on the hot path (no spreads, no shape changes), which
 * matters at tens of thousands of checks a second. Headers, status and `allowed` are derived by
 * {@link makeDecision}.
 */
export class DecisionDraft {
  conclusion: Conclusion = 'allow';
  reason: DecisionReason | undefined = undefined;
  status: number | undefined = undefined;
  message = 'OK';
  score = 0;
  verdict: Verdict = 'allow';
  signals: readonly Signal[] = NO_SIGNALS;
  cluster: string | undefined = undefined;
  retryAfter: number | undefined = undefined;
  actions: ResponseActions | undefined = undefined;
  /** What the limits said; the decision's `limits` and its RateLimit headers come from it. */
  reservation: Reservation | undefined = undefined;
  error: { code: string; message: string } | undefined = undefined;
  model: string | undefined = undefined;
  /** For `error` decisions: whether the request is served anyway (`onStoreError: 'open'`). */
  allowed = false;

  constructor(
    readonly id: string,
    readonly timestamp: number,
    readonly monitor: boolean,
    /** `performance.now()` when the check started. */
    readonly started: number,
    public identity: Identity,
  ) {}

  /** Sets the outcome in one call: conclusion, reason, status and message. */
  conclude(conclusion: Conclusion, reason: DecisionReason | undefined, status: number | undefined, message: string): this {
    this.conclusion = conclusion;
    this.reason = reason;
    this.status = status;
    this.message = message;
    return this;
  }
}

/** What {@link GuardDecision.settle} answers for a decision with nothing to settle. */
export const NOT_PENDING: unique symbol = Symbol('not pending');

const STATUS: Record<Conclusion, number> = { allow: 200, throttle: 429, deny: 403, error: 503 };

/** What the guard keeps with a decision it made: invisible to users and to JSON. */
export interface DecisionBookkeeping {
  /** The guard that made the decision (`claudeRoute` finds it here). */
  owner: unknown;
  /** What a served request holds of the limits, settled at `record`. */
  served: Reservation | undefined;
  /** The validated body, for the upstream call. */
  body: MessagesBody | undefined;
  /** Which rate-limit headers to send (the guard's `rateLimitHeaders`); the default when absent. */
  rateLimitHeaders?: RateLimitHeaderFormat;
}

/**
 * A decision as the guard returns it: a frozen object with exactly the {@link Decision} fields,
 * plus private fields for the guard's own bookkeeping (no WeakMap, nothing added to requests).
 */
export class GuardDecision implements Decision {
  readonly id: string;
  readonly conclusion: Conclusion;
  readonly allowed: boolean;
  readonly reason: DecisionReason | undefined;
  readonly status: number;
  readonly message: string;
  readonly identity: Identity;
  readonly score: number;
  readonly verdict: Verdict;
  readonly signals: readonly Signal[];
  readonly cluster: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly retryAfter: number | undefined;
  readonly actions: Readonly<ResponseActions>;
  readonly error: { readonly code: string; readonly message: string } | undefined;
  readonly monitor: boolean;
  readonly model: string | undefined;
  readonly timestamp: number;
  readonly #reservation: Reservation | undefined;
  // Set for allowed decisions only: what `record` settles and the route sends.
  readonly #owner: unknown;
  readonly #served: Reservation | undefined;
  readonly #body: MessagesBody | undefined;
  // Private fields stay writable on a frozen object.
  #recorded = false;

  constructor(f: DecisionDraft, keep: DecisionBookkeeping) {
    const allowed = f.conclusion === 'allow' || (f.conclusion === 'error' && f.allowed);
    const format = keep.rateLimitHeaders;
    let headers: Record<string, string>;
    if (format === undefined || isDefaultRateLimitFormat(format)) {
      const rateLimit = f.reservation?.rateLimit(f.retryAfter);
      // One literal per case keeps the headers object's shape fixed for the adapters' loop over it.
      headers = rateLimit === undefined ? { 'X-Request-Id': f.id } : { 'RateLimit-Policy': f.reservation!.policyHeader, RateLimit: rateLimit, 'X-Request-Id': f.id };
    } else {
      headers = {};
      if (f.reservation) writeRateLimitHeaders(headers, f.reservation, format, f.reservation.policyHeader, f.retryAfter, f.timestamp);
      headers['X-Request-Id'] = f.id;
    }
    if (!allowed && f.retryAfter !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(f.retryAfter)));
    this.id = f.id;
    this.conclusion = f.conclusion;
    this.allowed = allowed;
    this.reason = f.reason;
    this.status = allowed ? 200 : (f.status ?? STATUS[f.conclusion]);
    this.message = f.message;
    this.identity = f.identity;
    this.score = f.score;
    this.verdict = f.verdict;
    this.signals = f.signals;
    this.cluster = f.cluster;
    this.headers = headers;
    this.retryAfter = f.retryAfter;
    this.actions = f.actions ?? NO_ACTIONS;
    this.error = f.error;
    this.monitor = f.monitor;
    this.model = f.model;
    this.timestamp = f.timestamp;
    this.#reservation = f.reservation;
    if (allowed) {
      this.#owner = keep.owner;
      this.#served = keep.served;
      this.#body = keep.body;
    }
    Object.freeze(this);
  }

  /** The state of every limit after this request. Built on first read: most decisions are never asked. */
  get limits(): readonly LimitState[] {
    return this.#reservation?.states ?? NO_LIMITS;
  }

  /** Plain data, `limits` included (it is computed, so it is not an own property). */
  toJSON(): Decision {
    return { ...this, limits: this.limits };
  }

  /** The guard that made an allowed decision. */
  static ownerOf(decision: Decision): unknown {
    return decision instanceof GuardDecision ? decision.#owner : undefined;
  }

  /** Whether `owner` made this allowed decision and has not recorded it yet. */
  static isPending(decision: Decision, owner: unknown): decision is GuardDecision {
    return decision instanceof GuardDecision && decision.#owner === owner && owner !== undefined && !decision.#recorded;
  }

  /** The validated body of a decision `owner` has not recorded yet. */
  static bodyOf(decision: Decision, owner: unknown): MessagesBody | undefined {
    return GuardDecision.isPending(decision, owner) ? decision.#body : undefined;
  }

  /**
   * Marks a decision recorded by `owner` and returns what it held of the limits (`undefined` when
   * it held nothing); {@link NOT_PENDING} when there is nothing to settle (not `owner`'s, refused,
   * or recorded already: only the first record settles). A marker rather than a wrapper object,
   * which was an allocation on every record.
   */
  static settle(decision: Decision, owner: unknown): Reservation | undefined | typeof NOT_PENDING {
    if (!GuardDecision.isPending(decision, owner)) return NOT_PENDING;
    decision.#recorded = true;
    return decision.#served;
  }
}

/** Builds a frozen {@link Decision} with its HTTP status and headers. */
export function makeDecision(f: DecisionDraft, keep: DecisionBookkeeping): Decision {
  return new GuardDecision(f, keep);
}

const WINDOW_WORDS: Record<number, string> = { 1: 'second', 60: 'minute', 3600: 'hour', 86400: 'day' };

function per(windowSeconds?: number): string {
  if (!windowSeconds) return '';
  const word = WINDOW_WORDS[windowSeconds];
  return word ? ` per ${word}` : ` per ${windowSeconds} s`;
}

/** A client-safe sentence for a refused limit. */
export function limitMessage(reason: DecisionReason, state: LimitState | undefined, retryAfter: number): string {
  const wait = `Retry after ${retryAfter} s.`;
  const scope = state?.scope === 'ip' ? ' for this address' : state?.scope === 'global' ? ' for this service' : '';
  switch (reason) {
    case 'rate-limit':
      return `Rate limit exceeded${scope}: ${state?.limit ?? ''} requests${per(state?.windowSeconds)}. ${wait}`;
    case 'token-budget':
      return `Token budget exceeded${scope}: ${state?.limit ?? ''} tokens${per(state?.windowSeconds)}. ${wait}`;
    case 'output-budget':
      return `Output token budget exceeded${scope}: ${state?.limit ?? ''} output tokens${per(state?.windowSeconds)}. ${wait}`;
    case 'cost-budget':
      return `Spending limit reached${scope}${per(state?.windowSeconds)}. ${wait}`;
    case 'concurrency':
      return `Too many requests in flight${scope} (limit ${state?.limit ?? ''}). Retry when one finishes.`;
    default:
      return `Too many requests. ${wait}`;
  }
}

export const MESSAGES = {
  flagged: 'This account is suspended pending review.',
  distillation: "This account's traffic matches automated harvesting of model outputs; access is suspended pending review.",
  injection: 'The request was refused: it looks like a prompt-injection attempt.',
  slowDown: 'Requests from this account are arriving too fast for this service. Retry later.',
  probation: 'This new account has used its allowance of answers for today. Retry tomorrow.',
  reasoningAllowance: 'This account has used its allowance of step-by-step answers for today. Retry tomorrow.',
  allowance: 'This account is under review and has used its allowance of answers for today. Retry tomorrow.',
  storeClosed: 'The service is temporarily unable to check this request. Retry shortly.',
  stopping: 'The service is restarting. Retry shortly.',
  internal: 'The request could not be checked. Retry shortly.',
} as const;

/**
 * What the guard concluded about a request.
 * - `allow`: serve it (possibly with reduced `actions`, see {@link ResponseActions}).
 * - `throttle`: refuse for now; the client may retry after `retryAfter` seconds (HTTP 429).
 * - `deny`: refuse (HTTP 400/401/403).
 * - `error`: the guard could not decide (store or detector failure); `allowed` follows `onStoreError`.
 */
export type Conclusion = 'allow' | 'throttle' | 'deny' | 'error';

/** Why a request was not simply allowed. */
export type DecisionReason =
  | 'rate-limit'
  | 'token-budget'
  | 'cost-budget'
  | 'output-budget'
  | 'concurrency'
  | 'distillation'
  | 'probation'
  | 'reasoning-allowance'
  | 'flagged'
  | 'injection'
  | 'invalid-request'
  | 'unauthenticated'
  | 'store-error'
  | 'internal-error';

/** The distillation detector's ladder, strongest last. */
export type Verdict = 'allow' | 'throttle' | 'flag' | 'block';

/** One named, explainable feature that contributed to a verdict. */
export interface Signal {
  /** Stable identifier, e.g. `reasoning-elicitation`. */
  name: string;
  /** Strength in [0, 1]. */
  value: number;
  /** One sentence a reviewer can read, e.g. "82% of 140 prompts ask for step-by-step reasoning". */
  explanation: string;
}

/** The state of one limit policy after this request, as advertised in RateLimit headers. */
export interface LimitState {
  /** Policy name used in `RateLimit-Policy`, e.g. `requests-60s`. */
  policy: string;
  /** What the limit counts. */
  unit: 'requests' | 'tokens' | 'usd-micros' | 'concurrent-requests' | 'output-tokens';
  /** Who shares the quota. */
  scope: 'identity' | 'ip' | 'global';
  limit: number;
  remaining: number;
  /** Seconds until the quota resets. */
  resetSeconds: number;
  /** Window in seconds (absent for concurrency). */
  windowSeconds?: number;
  /** Whether this limit refused the request. */
  exceeded: boolean;
}

/**
 * Reduced service for an allowed request (graduated responses short of refusal). `claudeRoute`
 * applies them; a route of your own reads them from the decision. See docs/responses.md.
 *
 * @example
 * ```ts
 * const { maxTokens, suppressReasoning, delayMs } = decision.actions;
 * ```
 */
export interface ResponseActions {
  /** Cap `max_tokens` to this value. */
  maxTokens?: number;
  /**
   * Do not generate returned reasoning: a new assistant turn is sent upstream with thinking off
   * (`thinking: { type: 'disabled' }`, only when the client asked for thinking), and
   * `<thinking>…</thinking>` sections are removed from reply text.
   *
   * Why change the request instead of stripping the reply: thinking blocks are signed, and a
   * tool-use loop must send the assistant message that ended in `tool_use` back complete, thinking
   * blocks included, or the API answers 400. A tool-use loop is one assistant turn, so a request
   * that continues one keeps the thinking configuration its turn began with (thinking stays on
   * for a turn that began with it, off for a turn that began suppressed).
   */
  suppressReasoning?: boolean;
  /**
   * Treated exactly as {@link ResponseActions.suppressReasoning}: thinking blocks are never
   * removed from a reply, because a client in a tool-use loop must send them back.
   *
   * @deprecated Use `suppressReasoning`.
   */
  stripReasoning?: boolean;
  /** Wait this long before serving. */
  delayMs?: number;
}

/** Who a request belongs to. */
export interface Identity {
  /** The key every per-identity limit and signal is kept under. */
  id: string;
  /** Where the id came from. */
  source: 'custom' | 'user' | 'api-key' | 'ip';
  /** Client address after `trustProxy` resolution. */
  ip: string;
  /** Network group of `ip` (IPv4 /24, IPv6 per `ipv6Prefix`), e.g. `203.0.113.0/24`. */
  network: string;
  /** For `api-key` identities: the configured key id. */
  keyId?: string;
}

/** The typed result of `guard.check`. Plain data: safe to log and serialise. */
export interface Decision {
  /** Request id; also sent as `x-request-id`. */
  readonly id: string;
  readonly conclusion: Conclusion;
  /** Whether the request should be served (true for `allow`, and for `error` under `onStoreError: 'open'`). */
  readonly allowed: boolean;
  readonly reason?: DecisionReason;
  /** Suggested HTTP status when not allowed (200 otherwise). */
  readonly status: number;
  /** Human-readable explanation, safe to show to the client. */
  readonly message: string;
  readonly identity: Identity;
  /** Fused distillation score in [0, 1] (0 when the detector is off). */
  readonly score: number;
  /** The detector's verdict for this identity (what it would do; acted upon unless `mode: 'monitor'`). */
  readonly verdict: Verdict;
  readonly signals: readonly Signal[];
  /** Cross-account cluster the identity is linked to, if any. */
  readonly cluster?: string;
  /**
   * Response headers to set: the rate-limit fields the guard's `rateLimitHeaders` picks (by default
   * `RateLimit-Policy` and `RateLimit`), `Retry-After` on refusals, and `X-Request-Id`.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Seconds the client should wait before retrying (throttle decisions). */
  readonly retryAfter?: number;
  readonly actions: Readonly<ResponseActions>;
  readonly limits: readonly LimitState[];
  /** Set on `error` decisions. */
  readonly error?: { readonly code: string; readonly message: string };
  /** Whether the guard runs in monitor mode (verdicts recorded, never acted upon). */
  readonly monitor: boolean;
  /** The request's model, when the body was valid. */
  readonly model?: string;
  /** When the request was checked (ms since epoch, from the guard's clock). */
  readonly timestamp: number;
}

/** Token usage as reported by the Messages API. */
export interface Usage {
  input_tokens: number;
  output_tokens: number;
  /** Tokens written to the prompt cache, both TTLs together. */
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /**
   * The cache writes by TTL, as the API reports them: 1-hour writes cost more than 5-minute ones.
   * Without it, every write is priced as a 5-minute one.
   */
  cache_creation?: { ephemeral_5m_input_tokens?: number | null; ephemeral_1h_input_tokens?: number | null } | null;
}

/** What happened after a request was served, passed to `guard.record`. */
export interface Outcome {
  /** HTTP status returned to the client (or upstream status on failure). */
  status: number;
  /** Real usage; absent when the upstream call failed before any usage was known. */
  usage?: Usage;
  /** Model that answered. */
  model?: string;
  /**
   * The reply text, for output checks and full audit capture; `''` when the reply served no text
   * (a tool call alone, a stop sequence that fired at once). The detector takes an outcome without
   * it as one whose text it was not given, and judges history provenance only for an account whose
   * outcomes mostly came with it.
   */
  outputText?: string;
  /**
   * What the reply served in words outside its text blocks: the `thinking` of extended thinking
   * and each tool call's input as lines (see `servedOutput`). The detector reads it for reasoning
   * with `outputText`; it is never a conversation's history (provenance reads `outputText` only).
   */
  otherOutputText?: string;
  /**
   * The client's prefill (the text of the request's last assistant turn), which the served text
   * continues: the client holds `prefillText + outputText`, and the detector reads them so.
   */
  prefillText?: string;
  /** The client went away before the reply was complete. */
  aborted?: boolean;
  /** A short machine-readable error code when the request failed. */
  error?: string;
  /** Time from check to end of response, in ms. */
  durationMs?: number;
  /** An output check stopped the reply (canary, system-prompt leak). */
  violation?: { kind: string; detail: string };
  /** Secrets or personal data redacted from the reply, by kind. */
  redactions?: Record<string, number>;
  /**
   * How `claudeRoute` changed the client's `thinking` setting for the upstream call:
   * `suppressed` (a new turn under `suppressReasoning`: thinking off), `kept-off` (a tool loop
   * whose turn began without thinking: kept off), `budget-clamped` (`budget_tokens` lowered under
   * a capped `max_tokens`), `off-for-cap` (the cap left no room for a 1,024-token budget).
   */
  thinking?: 'suppressed' | 'kept-off' | 'budget-clamped' | 'off-for-cap';
  /** The upstream message's id (`msg_…`), when the route saw it: telemetry's `gen_ai.response.id`. */
  responseId?: string;
  /**
   * The reply's text was watermarked (`claudeRoute`'s `watermark` option): the key's id, how
   * many watermark positions the text carried (0: none could be marked), and `attribution`
   * when half of them carry the identity's own mark.
   */
  watermark?: { keyId: string; positions: number; attribution?: true };
}

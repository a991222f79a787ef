import type { Conclusion, Decision, DecisionReason, Identity, LimitState, ResponseActions, Signal, Verdict } from '../decision/index.js';
import { rateLimitHeaders } from '../decision/index.js';

/** The fields a decision is made of; headers, status and `allowed` are derived. */
export interface DecisionFields {
  id: string;
  conclusion: Conclusion;
  reason?: DecisionReason;
  status?: number;
  message: string;
  identity: Identity;
  score: number;
  verdict: Verdict;
  signals: readonly Signal[];
  cluster?: string;
  retryAfter?: number;
  actions?: ResponseActions;
  limits: readonly LimitState[];
  /** Precomputed `RateLimit-Policy` value for `limits`. */
  policyHeader?: string;
  error?: { code: string; message: string };
  monitor: boolean;
  model?: string;
  timestamp: number;
  /** For `error` decisions: whether the request is served anyway (`onStoreError: 'open'`). */
  allowed?: boolean;
}

const STATUS: Record<Conclusion, number> = { allow: 200, throttle: 429, deny: 403, error: 503 };

/** Builds a frozen {@link Decision} with its HTTP status and headers. */
export function makeDecision(f: DecisionFields): Decision {
  const allowed = f.conclusion === 'allow' || (f.conclusion === 'error' && f.allowed === true);
  const status = allowed ? 200 : (f.status ?? STATUS[f.conclusion]);
  const headers: Record<string, string> = rateLimitHeaders(f.limits, f.retryAfter, f.policyHeader);
  headers['X-Request-Id'] = f.id;
  if (!allowed && f.retryAfter !== undefined) headers['Retry-After'] = String(Math.max(1, Math.ceil(f.retryAfter)));
  const decision: Decision = {
    id: f.id,
    conclusion: f.conclusion,
    allowed,
    status,
    message: f.message,
    identity: f.identity,
    score: f.score,
    verdict: f.verdict,
    signals: f.signals,
    headers,
    actions: f.actions ?? {},
    limits: f.limits,
    monitor: f.monitor,
    timestamp: f.timestamp,
    ...(f.reason !== undefined && { reason: f.reason }),
    ...(f.cluster !== undefined && { cluster: f.cluster }),
    ...(f.retryAfter !== undefined && { retryAfter: f.retryAfter }),
    ...(f.error !== undefined && { error: f.error }),
    ...(f.model !== undefined && { model: f.model }),
  };
  return Object.freeze(decision);
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
  storeClosed: 'The service is temporarily unable to check this request. Retry shortly.',
  internal: 'The request could not be checked. Retry shortly.',
} as const;

import { anthropicErrorBody, type AnthropicErrorBody } from '../decision/index.js';
import { NO_API_KEY_MESSAGE } from './credentials.js';

/** How an upstream failure is shown to the client: no key, no upstream internals. */
export interface MappedUpstreamError {
  status: number;
  headers: Record<string, string>;
  body: AnthropicErrorBody;
  /** Short code for `guard.record` and the audit log. */
  code: string;
  /** Whether the failure came from the client going away. */
  aborted: boolean;
}

const DEFAULT_RETRY_AFTER = { 429: 5, 529: 10 } as const;

/**
 * Maps an SDK error (or anything thrown) to a client response. 429 and 529 keep their meaning
 * and carry Retry-After, so SDK clients back off; upstream auth failures and 5xx become a
 * generic 502, because they are the operator's problem, not the client's. A client with no
 * credentials at all is a 500 that says so (see {@link NO_API_KEY_MESSAGE}).
 */
export function mapUpstreamError(err: unknown, requestId?: string): MappedUpstreamError {
  const e = err as { status?: number; headers?: unknown; name?: string; message?: string; error?: { error?: { message?: string } } } | null;
  const name = e?.name ?? '';
  if (name === 'APIUserAbortError' || name === 'AbortError') {
    return { status: 499, headers: {}, body: anthropicErrorBody(400, 'Request aborted by the client.', requestId), code: 'client_aborted', aborted: true };
  }
  // An `event: error` inside a stream arrives without an HTTP status; its error type says what it was.
  const streamType = e?.error && (e.error as { error?: { type?: string } }).error?.type;
  const status = typeof e?.status === 'number' ? e.status : streamType === 'overloaded_error' ? 529 : streamType === 'rate_limit_error' ? 429 : undefined;
  const retryAfter = header(e?.headers, 'retry-after');
  const upstreamMessage = e?.error?.error?.message;
  if (status === 429 || status === 529) {
    const seconds = retryAfter && /^\d+$/.test(retryAfter) ? retryAfter : String(DEFAULT_RETRY_AFTER[status]);
    const message = status === 429 ? 'The model is receiving too many requests right now. Retry later.' : 'The model is overloaded right now. Retry later.';
    return { status, headers: { 'Retry-After': seconds }, body: anthropicErrorBody(status, message, requestId), code: status === 429 ? 'upstream_rate_limited' : 'upstream_overloaded', aborted: false };
  }
  if (status === 400 || status === 404 || status === 413) {
    // Validation messages describe the client's own request and are safe to relay.
    const message = typeof upstreamMessage === 'string' ? upstreamMessage : 'The model rejected the request.';
    const out = status === 404 ? 400 : status;
    return { status: out, headers: {}, body: anthropicErrorBody(out, message, requestId), code: 'upstream_invalid_request', aborted: false };
  }
  // The SDK found no credentials and never sent the call: the same for every request until the
  // operator sets a key, so it is said plainly and the SDK on the other side is told not to retry.
  if (status === undefined && /could not resolve authentication method/i.test(e?.message ?? '')) {
    return { status: 500, headers: { 'x-should-retry': 'false' }, body: anthropicErrorBody(500, NO_API_KEY_MESSAGE, requestId), code: 'upstream_no_api_key', aborted: false };
  }
  if (status === undefined && /timeout/i.test(name)) {
    return { status: 504, headers: {}, body: anthropicErrorBody(504, 'The model did not answer in time.', requestId), code: 'upstream_timeout', aborted: false };
  }
  return { status: 502, headers: {}, body: anthropicErrorBody(502, 'The model could not be reached. Retry later.', requestId), code: status ? `upstream_${status}` : 'upstream_unreachable', aborted: false };
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
  if (typeof h.get === 'function') return h.get(name) ?? undefined;
  const v = h[name];
  return typeof v === 'string' ? v : undefined;
}

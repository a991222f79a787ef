import { anthropicErrorBody, type AnthropicErrorBody, type Decision } from '../decision/index.js';
import { InvalidRequestError } from '../errors/index.js';

/** A response an adapter writes as-is. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: AnthropicErrorBody;
}

/**
 * The response for a decision that is not allowed: its status, its headers (RateLimit,
 * Retry-After, request id) and an Anthropic-shaped error body, so SDK clients back off correctly.
 */
export function deniedResponse(decision: Decision): PlainResponse {
  return { status: decision.status, headers: { ...decision.headers }, body: anthropicErrorBody(decision.status, decision.message, decision.id) };
}

/** The response for a request refused before the guard ran (body unreadable, too large). */
export function invalidRequestResponse(err: InvalidRequestError): PlainResponse {
  return { status: err.status, headers: {}, body: anthropicErrorBody(err.status, err.message) };
}

/** A last-resort 500 that leaks nothing. */
export function internalErrorResponse(requestId?: string): PlainResponse {
  return { status: 500, headers: {}, body: anthropicErrorBody(500, 'Internal error.', requestId) };
}

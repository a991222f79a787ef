import type { ApiErrorType } from './types.js';

/** The body of every API error: `{"type":"error","error":{"type":...,"message":...}}`. */
export interface ApiErrorBody {
  type: 'error';
  error: { type: ApiErrorType; message: string };
}

const TYPE_BY_STATUS: Record<number, ApiErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const DEFAULT_MESSAGE: Record<ApiErrorType, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of requests has exceeded your rate limit. Please try again later.',
  api_error: 'Internal server error',
  overloaded_error: 'Overloaded',
};

/**
 * The error type the API uses for an HTTP status.
 *
 * @example
 * errorTypeForStatus(529); // 'overloaded_error'
 */
export function errorTypeForStatus(status: number): ApiErrorType {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/**
 * Builds an Anthropic-shaped error body.
 *
 * @example
 * errorBody('overloaded_error'); // { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
 */
export function errorBody(type: ApiErrorType, message?: string): ApiErrorBody {
  return { type: 'error', error: { type, message: message ?? DEFAULT_MESSAGE[type] } };
}

/** A request the server refuses, carried from validation to the response writer. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: ApiErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Shorthand for a 400 `invalid_request_error`. */
export function invalid(message: string): ApiRequestError {
  return new ApiRequestError(400, 'invalid_request_error', message);
}

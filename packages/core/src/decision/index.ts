export type {
  Conclusion,
  Decision,
  DecisionReason,
  Identity,
  LimitState,
  Outcome,
  ResponseActions,
  Signal,
  Usage,
  Verdict,
} from './types.js';
export {
  DEFAULT_RATE_LIMIT_HEADERS,
  isDefaultRateLimitFormat,
  mostConstraining,
  RATE_LIMIT_DRAFTS,
  rateLimitHeaders,
  rateLimitPolicyHeader,
  rateLimitValue,
  writeRateLimitHeaders,
  type LimitSet,
  type RateLimitDraft,
  type RateLimitHeaderFormat,
} from './headers.js';
export { parseRateLimitHeadersOption, type RateLimitHeadersOption } from './headers-options.js';
export { anthropicErrorBody, anthropicErrorType, type AnthropicErrorBody, type AnthropicErrorType } from './error-body.js';

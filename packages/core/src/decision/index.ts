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
export { rateLimitHeaders, rateLimitPolicyHeader, rateLimitValue, type LimitSet } from './headers.js';
export { anthropicErrorBody, anthropicErrorType, type AnthropicErrorBody, type AnthropicErrorType } from './error-body.js';

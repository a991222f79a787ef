import type { Decision, Outcome, Usage } from '../decision/index.js';
import type { MessagesBody } from '../request/index.js';

// Pure functions from guard events to attributes: no OpenTelemetry import, so they are tested
// (and could be reused) without the SDK.

/** A span or metric attribute value, as OpenTelemetry accepts it. */
export type AttributeValue = string | number | boolean | string[];
export type Attributes = Record<string, AttributeValue>;

/** The GenAI semantic-convention names used here (OpenTelemetry semconv, GenAI, Anthropic). */
export const GEN_AI = {
  operation: 'gen_ai.operation.name',
  provider: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestTopK: 'gen_ai.request.top_k',
  responseId: 'gen_ai.response.id',
  responseModel: 'gen_ai.response.model',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  cacheReadTokens: 'gen_ai.usage.cache_read.input_tokens',
  cacheCreationTokens: 'gen_ai.usage.cache_creation.input_tokens',
  tokenType: 'gen_ai.token.type',
  errorType: 'error.type',
} as const;

export const OPERATION = 'chat';
export const PROVIDER = 'anthropic';

/** Bucket boundaries the conventions advise for `gen_ai.client.token.usage`, in tokens. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
/** Bucket boundaries the conventions advise for `gen_ai.client.operation.duration`, in seconds. */
export const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/**
 * `{gen_ai.operation.name} {gen_ai.request.model}`, or the operation alone when the model is unknown.
 *
 * @example
 * ```ts
 * spanName('claude-haiku-4-5'); // 'chat claude-haiku-4-5'
 * spanName(undefined); // 'chat'
 * ```
 */
export function spanName(model: string | undefined): string {
  return model ? `${OPERATION} ${model}` : OPERATION;
}

/**
 * Input tokens as the conventions count them for Anthropic: the API's `input_tokens` excludes
 * cached tokens, so cache reads and cache writes are added to it.
 *
 * @example
 * ```ts
 * inputTokens({ input_tokens: 12, output_tokens: 40, cache_read_input_tokens: 300, cache_creation_input_tokens: 50 }); // 362
 * ```
 */
export function inputTokens(usage: Usage): number {
  return usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
}

/**
 * Attributes known when the guard decides: the request's GenAI attributes and the decision under
 * `distill_guard.`. Never an identity id, an address, a key, a prompt or an error message.
 */
export function decisionAttributes(decision: Decision, body: MessagesBody | undefined, checkMs: number | undefined): Attributes {
  const a: Attributes = { [GEN_AI.operation]: OPERATION, [GEN_AI.provider]: PROVIDER };
  const model = body?.model ?? decision.model;
  if (model) a[GEN_AI.requestModel] = model;
  if (body) {
    // What the model is asked for once the guard's cap applies (a route may cap it further).
    const cap = decision.actions.maxTokens;
    a[GEN_AI.requestMaxTokens] = cap !== undefined ? Math.min(body.max_tokens, cap) : body.max_tokens;
    const { temperature, top_p, top_k } = body as { temperature?: unknown; top_p?: unknown; top_k?: unknown };
    if (typeof temperature === 'number') a[GEN_AI.requestTemperature] = temperature;
    if (typeof top_p === 'number') a[GEN_AI.requestTopP] = top_p;
    if (typeof top_k === 'number') a[GEN_AI.requestTopK] = top_k;
  }
  a['distill_guard.conclusion'] = decision.conclusion;
  a['distill_guard.allowed'] = decision.allowed;
  if (decision.reason) a['distill_guard.reason'] = decision.reason;
  a['distill_guard.score'] = decision.score;
  a['distill_guard.verdict'] = decision.verdict;
  a['distill_guard.identity.source'] = decision.identity.source;
  if (decision.monitor) a['distill_guard.monitor'] = true;
  if (decision.signals.length > 0) a['distill_guard.signals'] = decision.signals.map((s) => s.name);
  if (decision.retryAfter !== undefined) a['distill_guard.retry_after'] = decision.retryAfter;
  const { maxTokens, delayMs } = decision.actions;
  if (maxTokens !== undefined) a['distill_guard.action.max_tokens'] = maxTokens;
  if (decision.actions.suppressReasoning || decision.actions.stripReasoning) a['distill_guard.action.suppress_reasoning'] = true;
  if (delayMs !== undefined) a['distill_guard.action.delay_ms'] = delayMs;
  // The code only: an error's message may name hosts or internals.
  if (decision.error) a['distill_guard.error.code'] = decision.error.code;
  if (checkMs !== undefined && Number.isFinite(checkMs)) a['distill_guard.check.duration_ms'] = checkMs;
  return a;
}

/** Outcome codes that are the guard or the route refusing, not the call failing. */
const REFUSALS = new Set(['model_not_allowed', 'output_violation', 'client_aborted']);

/**
 * The `error.type` of an outcome that failed (an upstream error, a 5xx), or undefined. A client
 * that went away, a model the route does not allow and a reply stopped by an output check are
 * not failures of the call.
 */
export function outcomeErrorType(outcome: Outcome): string | undefined {
  if (outcome.aborted || outcome.violation) return undefined;
  if (outcome.error) return REFUSALS.has(outcome.error) ? undefined : outcome.error;
  return outcome.status >= 500 ? String(outcome.status) : undefined;
}

/** The response's GenAI attributes (usage counted as the conventions say) and the outcome under `distill_guard.`. */
export function outcomeAttributes(outcome: Outcome, costUsd: number): Attributes {
  const a: Attributes = {};
  if (outcome.model) a[GEN_AI.responseModel] = outcome.model;
  if (outcome.responseId) a[GEN_AI.responseId] = outcome.responseId;
  const u = outcome.usage;
  if (u) {
    a[GEN_AI.inputTokens] = inputTokens(u);
    a[GEN_AI.outputTokens] = u.output_tokens;
    if (u.cache_read_input_tokens != null) a[GEN_AI.cacheReadTokens] = u.cache_read_input_tokens;
    if (u.cache_creation_input_tokens != null) a[GEN_AI.cacheCreationTokens] = u.cache_creation_input_tokens;
  }
  a['distill_guard.outcome.status'] = outcome.status;
  if (outcome.error) a['distill_guard.outcome.error'] = outcome.error;
  if (outcome.aborted) a['distill_guard.outcome.aborted'] = true;
  if (outcome.violation) a['distill_guard.outcome.violation'] = outcome.violation.kind;
  if (outcome.thinking) a['distill_guard.outcome.thinking'] = outcome.thinking;
  if (Number.isFinite(costUsd)) a['distill_guard.cost_usd'] = costUsd;
  const errorType = outcomeErrorType(outcome);
  if (errorType) a[GEN_AI.errorType] = errorType;
  return a;
}

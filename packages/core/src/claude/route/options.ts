import { OptionsError } from '../../errors/index.js';
import { expectFunction, expectNumber, expectObject, expectString, expectStringArray, optional } from '../../options/validate.js';
import type { MessagesBody } from '../../request/index.js';
import type { MessagesClientLike } from './client.js';
import type { TextTransform } from './text-transform.js';

/**
 * Options of `claudeRoute` (Express and Koa).
 *
 * @example
 * ```ts
 * app.post('/api/chat', distillGuard(), claudeRoute({
 *   client: new Anthropic(),
 *   system: 'You are the support assistant of Example Inc.',
 *   models: ['claude-haiku-5-5', 'claude-sonnet-5-5'],
 *   maxTokens: 2048,
 * }));
 * ```
 */
export interface ClaudeRouteOptions {
  /** An `@anthropic-ai/sdk` client (`new Anthropic()`), the only holder of the API key. */
  client: MessagesClientLike;
  /** The server's system prompt; it replaces whatever the client sent. A function may vary it per request. */
  system?: string | ((body: MessagesBody) => string);
  /** Models clients may ask for; others get a 400. Default: any. */
  models?: string[];
  /** Model used when the client names none... or names one outside `models` when `fallbackModel` is set. */
  defaultModel?: string;
  /** Upper bound on `max_tokens`; larger requests are capped, not refused. */
  maxTokens?: number;
  /** Streaming rewrites of reply text (redaction, canary checks), created per reply. */
  output?: () => TextTransform[];
}

export interface ResolvedClaudeRouteOptions {
  client: MessagesClientLike;
  system?: (body: MessagesBody) => string;
  models?: ReadonlySet<string>;
  defaultModel?: string;
  maxTokens?: number;
  output?: () => TextTransform[];
}

export function parseClaudeRouteOptions(input: unknown): ResolvedClaudeRouteOptions {
  const o = expectObject('claudeRoute', input, ['client', 'system', 'models', 'defaultModel', 'maxTokens', 'output']);
  const client = o.client as MessagesClientLike | undefined;
  if (!client || typeof client.messages?.create !== 'function') {
    throw new OptionsError('claudeRoute.client', 'must be an Anthropic client from @anthropic-ai/sdk (new Anthropic()).');
  }
  const resolved: ResolvedClaudeRouteOptions = { client };
  if (o.system !== undefined) {
    if (typeof o.system === 'function') resolved.system = o.system as (body: MessagesBody) => string;
    else {
      const text = expectString('claudeRoute.system', o.system);
      resolved.system = () => text;
    }
  }
  if (o.models !== undefined) resolved.models = new Set(expectStringArray('claudeRoute.models', o.models));
  if (o.defaultModel !== undefined) resolved.defaultModel = expectString('claudeRoute.defaultModel', o.defaultModel, { nonEmpty: true });
  const maxTokens = optional(o.maxTokens, undefined, (v) => expectNumber('claudeRoute.maxTokens', v, { min: 1, integer: true }));
  if (maxTokens !== undefined) resolved.maxTokens = maxTokens;
  if (o.output !== undefined) resolved.output = expectFunction<() => TextTransform[]>('claudeRoute.output', o.output);
  return resolved;
}

import { OptionsError } from '../errors/index.js';
import { expectBoolean, expectFunction, expectNumber, expectObject, expectString, expectStringArray, optional } from '../options/validate.js';
import { consoleLogger, type Logger } from '../options/warnings.js';
import type { MessagesBody } from '../request/index.js';
import { parseWatermarkOptions, type ResolvedWatermark, type WatermarkOptions } from '../watermark/index.js';
import type { MessagesClientLike } from './client.js';
import { warnIfKeyless } from './credentials.js';
import type { TextTransform } from './text-transform.js';
import { DEFAULT_UPSTREAM_TIMEOUTS, type UpstreamTimeouts } from './upstream-timeout.js';

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
  /**
   * Serve an Anthropic-compatible API under this path (`'/api/claude'`): `POST {basePath}/v1/messages`,
   * `POST {basePath}/v1/messages/count_tokens`, `GET {basePath}/v1/models`, and a 404 in the API's
   * error shape for anything else under it; requests outside it are passed on. Mostly for Koa,
   * which has no mount paths; on Express, `app.use('/api/claude', claudeRoute(...))` does the same.
   */
  basePath?: string;
  /**
   * How long to wait for Claude before answering the client with a 504 in the API's error shape
   * (an SSE `error` event once a stream has begun), releasing its concurrency slot and its budget
   * reservation and recording the usage so far. Defaults: a JSON answer within 300,000 ms; a
   * stream's first event within 60,000 ms and then at most 60,000 ms between events.
   */
  timeouts?: Partial<UpstreamTimeouts>;
  /**
   * Mark served text (JSON and SSE) with keyed, meaning-preserving word choices that a model
   * trained on it inherits; `distill-guard watermark verify` finds them. Off unless given. See
   * docs/watermark.md.
   */
  watermark?: WatermarkOptions;
  /** Where the route's start-up warning goes. Default `console`. */
  logger?: Logger;
  /** `false` silences the route's start-up warning; `{ DG_CLAUDE_NO_API_KEY: false }` too. */
  warnings?: boolean | { DG_CLAUDE_NO_API_KEY?: boolean };
}

export interface ResolvedClaudeRouteOptions {
  client: MessagesClientLike;
  system?: (body: MessagesBody) => string;
  models?: ReadonlySet<string>;
  defaultModel?: string;
  maxTokens?: number;
  output?: () => TextTransform[];
  /** Without a trailing slash; `''` when not given. */
  basePath: string;
  timeouts: UpstreamTimeouts;
  watermark?: ResolvedWatermark;
}

const KEYS = ['client', 'system', 'models', 'defaultModel', 'maxTokens', 'output', 'basePath', 'timeouts', 'watermark', 'logger', 'warnings'];

export function parseClaudeRouteOptions(input: unknown): ResolvedClaudeRouteOptions {
  const o = expectObject('claudeRoute', input, KEYS);
  const client = o.client as MessagesClientLike | undefined;
  if (!client || typeof client.messages?.create !== 'function') {
    throw new OptionsError('claudeRoute.client', 'must be an Anthropic client from @anthropic-ai/sdk (new Anthropic()).');
  }
  const resolved: ResolvedClaudeRouteOptions = { client, basePath: parseBasePath(o.basePath), timeouts: parseTimeouts(o.timeouts) };
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
  const watermark = parseWatermarkOptions(o.watermark, 'claudeRoute.watermark');
  if (watermark) resolved.watermark = watermark;
  if (o.output !== undefined) resolved.output = expectFunction<() => TextTransform[]>('claudeRoute.output', o.output);
  const logger = o.logger === undefined ? consoleLogger : expectLogger(o.logger);
  if (warningOn(o.warnings)) warnIfKeyless(client, logger);
  return resolved;
}

function parseTimeouts(value: unknown): UpstreamTimeouts {
  if (value === undefined) return { ...DEFAULT_UPSTREAM_TIMEOUTS };
  const o = expectObject('claudeRoute.timeouts', value, ['responseMs', 'firstEventMs', 'idleMs']);
  const ms = (key: keyof UpstreamTimeouts) => optional(o[key], DEFAULT_UPSTREAM_TIMEOUTS[key], (v) => expectNumber(`claudeRoute.timeouts.${key}`, v, { min: 1, max: 3_600_000 }));
  return { responseMs: ms('responseMs'), firstEventMs: ms('firstEventMs'), idleMs: ms('idleMs') };
}

function parseBasePath(value: unknown): string {
  if (value === undefined) return '';
  const path = expectString('claudeRoute.basePath', value);
  if (!/^\/[^?#\s]*$/.test(path)) throw new OptionsError('claudeRoute.basePath', `must be a path starting with '/' (no query, no spaces), got ${JSON.stringify(path)}.`);
  return path.replace(/\/+$/, '');
}

function expectLogger(value: unknown): Logger {
  const l = value as Partial<Logger> | null;
  if (!l || typeof l.warn !== 'function' || typeof l.error !== 'function') {
    throw new OptionsError('claudeRoute.logger', 'must have warn(message, meta?) and error(message, meta?) methods (console and pino loggers do).');
  }
  return value as Logger;
}

/** Whether `warnings` (the guard option's shape, for the route's one code) leaves the warning on. */
function warningOn(value: unknown): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  const o = expectObject('claudeRoute.warnings', value, ['DG_CLAUDE_NO_API_KEY']);
  return o.DG_CLAUDE_NO_API_KEY === undefined || expectBoolean('claudeRoute.warnings.DG_CLAUDE_NO_API_KEY', o.DG_CLAUDE_NO_API_KEY);
}

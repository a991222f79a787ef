import { OptionsError } from '../errors/index.js';
import {
  describe,
  expectArray,
  expectBoolean,
  expectFunction,
  expectNumber,
  expectObject,
  expectOneOf,
  expectString,
  isPlainObject,
  join,
  optional,
} from '../options/validate.js';
import type { FlagAlert, VerdictAlert } from './payload.js';
import type { ResolvedWebhookOptions } from './webhook.js';

/** A hook called (off the request path) with an alert; a returned promise is awaited by `flush()`. */
export type VerdictHook = (alert: VerdictAlert) => void | Promise<void>;
export type FlagHook = (alert: FlagAlert) => void | Promise<void>;

/** The `alerts` option of `createGuard`. */
export interface AlertsOptions {
  /** Called on every stronger verdict, or per verdict with `{ throttle, flag, block }`. */
  onVerdict?: VerdictHook | { throttle?: VerdictHook; flag?: VerdictHook; block?: VerdictHook };
  /** Called when an identity is flagged or unflagged. */
  onFlag?: FlagHook;
  /** POST signed JSON alerts to a URL. */
  webhook?: WebhookOptions;
  /** How long `close()` (and the exit hook) waits for pending deliveries and hooks. Default 5000 ms. */
  closeTimeoutMs?: number;
  /** Wait for pending deliveries on SIGTERM / SIGINT / natural exit. Default true. */
  flushOnExit?: boolean;
}

export interface WebhookOptions {
  /** http(s) URL receiving `POST` requests. */
  url: string;
  /** HMAC key of the `x-distill-guard-signature` header (at least 16 characters). */
  secret: string;
  /** Verdicts that are sent. Default `['flag', 'block']`. */
  verdicts?: Array<'throttle' | 'flag' | 'block'>;
  /** Also send flag/unflag events. Default true. */
  flags?: boolean;
  /** Per attempt. Default 5000 ms. */
  timeoutMs?: number;
  /** Attempts per alert, the first included. Default 6. */
  maxAttempts?: number;
  /** First backoff; doubles per attempt, with jitter. Default 1000 ms. */
  backoffMs?: number;
  /** Default 60,000 ms. */
  maxBackoffMs?: number;
  /** Alerts waiting for delivery; beyond it alerts are dropped and counted. Default 1000. */
  maxQueue?: number;
  /** Extra request headers (e.g. an Authorization for the receiver). */
  headers?: Record<string, string>;
}

export interface ResolvedAlertsOptions {
  hooks: { any?: VerdictHook; throttle?: VerdictHook; flag?: VerdictHook; block?: VerdictHook };
  onFlag?: FlagHook;
  webhook?: ResolvedWebhookOptions;
  closeTimeoutMs: number;
  flushOnExit: boolean;
}

/**
 * Validates the `alerts` option; `undefined` turns alerts off (returns `undefined`). Unknown
 * keys throw an `OptionsError` naming the dotted path.
 *
 * @example
 * ```ts
 * const alerts = parseAlertsOptions({ webhook: { url: 'https://ops.example/hooks/dg', secret: process.env.HOOK_SECRET } }, 'alerts');
 * ```
 */
export function parseAlertsOptions(input: unknown, path = 'alerts'): ResolvedAlertsOptions | undefined {
  if (input === undefined || input === false) return undefined;
  const o = expectObject(path, input, ['onVerdict', 'onFlag', 'webhook', 'closeTimeoutMs', 'flushOnExit']);
  const p = (k: string) => join(path, k);
  const resolved: ResolvedAlertsOptions = {
    hooks: {},
    closeTimeoutMs: optional(o.closeTimeoutMs, 5000, (v) => expectNumber(p('closeTimeoutMs'), v, { min: 0 })),
    flushOnExit: optional(o.flushOnExit, true, (v) => expectBoolean(p('flushOnExit'), v)),
  };
  if (typeof o.onVerdict === 'function') resolved.hooks.any = o.onVerdict as VerdictHook;
  else if (o.onVerdict !== undefined) {
    const hooks = expectObject(p('onVerdict'), o.onVerdict, ['throttle', 'flag', 'block']);
    for (const v of ['throttle', 'flag', 'block'] as const) {
      if (hooks[v] !== undefined) resolved.hooks[v] = expectFunction<VerdictHook>(join(p('onVerdict'), v), hooks[v]);
    }
  }
  if (o.onFlag !== undefined) resolved.onFlag = expectFunction<FlagHook>(p('onFlag'), o.onFlag);
  if (o.webhook !== undefined) resolved.webhook = parseWebhook(o.webhook, p('webhook'));
  return resolved;
}

function parseWebhook(input: unknown, path: string): ResolvedWebhookOptions {
  const o = expectObject(path, input, ['url', 'secret', 'verdicts', 'flags', 'timeoutMs', 'maxAttempts', 'backoffMs', 'maxBackoffMs', 'maxQueue', 'headers']);
  const p = (k: string) => join(path, k);
  const url = expectString(p('url'), o.url, { nonEmpty: true });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new OptionsError(p('url'), `must be an absolute http(s) URL, got ${describe(url)}.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OptionsError(p('url'), `must use http or https, got ${parsed.protocol}`);
  const secret = expectString(p('secret'), o.secret, { nonEmpty: true });
  if (secret.length < 16) throw new OptionsError(p('secret'), 'must be at least 16 characters (32 random bytes recommended).');
  const headers: Record<string, string> = {};
  if (o.headers !== undefined) {
    if (!isPlainObject(o.headers)) throw new OptionsError(p('headers'), `must be an object of strings, got ${describe(o.headers)}.`);
    for (const [k, v] of Object.entries(o.headers)) headers[k.toLowerCase()] = expectString(join(p('headers'), k), v);
  }
  return {
    url,
    secret,
    verdicts: optional(o.verdicts, ['flag', 'block'] as Array<'throttle' | 'flag' | 'block'>, (v) =>
      expectArray(p('verdicts'), v).map((x, i) => expectOneOf(`${p('verdicts')}.${i}`, x, ['throttle', 'flag', 'block'] as const)),
    ),
    flags: optional(o.flags, true, (v) => expectBoolean(p('flags'), v)),
    timeoutMs: optional(o.timeoutMs, 5000, (v) => expectNumber(p('timeoutMs'), v, { min: 1 })),
    maxAttempts: optional(o.maxAttempts, 6, (v) => expectNumber(p('maxAttempts'), v, { min: 1, max: 100, integer: true })),
    backoffMs: optional(o.backoffMs, 1000, (v) => expectNumber(p('backoffMs'), v, { min: 0 })),
    maxBackoffMs: optional(o.maxBackoffMs, 60_000, (v) => expectNumber(p('maxBackoffMs'), v, { min: 0 })),
    maxQueue: optional(o.maxQueue, 1000, (v) => expectNumber(p('maxQueue'), v, { min: 1, integer: true })),
    headers,
  };
}

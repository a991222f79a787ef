import cluster from 'node:cluster';
import { systemClock, type Clock } from '../clock/index.js';
import { parsePrices, type PriceTable, type Prices } from '../claude/index.js';
import { OptionsError } from '../errors/index.js';
import { addressBook, createClientAddressResolver, parseApiKeyOptions, type ApiKeyOptions, type ClientAddressResolver, type ClientIpResolver, type IdentifyFn, type ResolvedApiKeys, type TrustProxy } from '../identity/index.js';
import { parseLimitsOptions, type LimitsOptions, type LimitSpec } from '../limits/index.js';
import { expectBoolean, expectFunction, expectNumber, expectObject, expectOneOf, isPlainObject, optional } from '../options/validate.js';
import { consoleLogger, WARNING_CODES, Warnings, type Logger, type WarningCode } from '../options/warnings.js';
import { MemoryStore, memoryStore, RedisStore, type Store } from '../store/index.js';
import { parseAuditOptions, type AuditOptions, type ResolvedAuditOptions } from '../audit/index.js';
import { parseAlertsOptions, type AlertsOptions, type ResolvedAlertsOptions, type VerdictHook } from '../alerts/index.js';
import { parseMetricsOptions, type GuardMetricsPlugin } from '../metrics/plugin.js';
import { parseTelemetryOptions, type GuardTelemetryPlugin } from '../telemetry/plugin.js';
import { parseShieldOptions, type ResolvedShieldOptions, type ShieldOptions } from '../shield/index.js';
import { parseDetectorOptions, type DetectorOptions } from '../detector/index.js';
import { parseRateLimitHeadersOption, type RateLimitHeaderFormat, type RateLimitHeadersOption } from '../decision/index.js';

/**
 * Options of {@link createGuard}. Every key is optional; the defaults protect a single-process
 * app with an in-memory store.
 */
export interface GuardOptions {
  /** Where limits, flags and detector state live. Default `memoryStore()`; use `redisStore(client)` for several instances. */
  store?: Store;
  /** `'enforce'` (default) acts on verdicts; `'monitor'` computes and records them without acting (limits still apply). */
  mode?: 'enforce' | 'monitor';
  /** What to do when the store (or the detector) fails: `'open'` serves under the in-memory insurance limits, `'closed'` refuses with 503. Default `'open'`. */
  onStoreError?: 'open' | 'closed';
  /**
   * A bounded, clean stop (`guard.shutdown()`): new requests are refused with 503 and
   * `Retry-After: 1`, requests being served get up to `timeoutMs` (default 10,000) to be recorded,
   * then queues are flushed. With `signals` (default: on when there is something to flush, an
   * audit log or a Redis store) it runs on SIGTERM and SIGINT, and the signal then ends the
   * process as it would have, unless the application listens to it too. `false` turns it off.
   *
   * @example
   * ```ts
   * createGuard({ audit: { file: 'logs/audit.jsonl' }, shutdown: { timeoutMs: 5000 } });
   * ```
   */
  shutdown?: false | { timeoutMs?: number; signals?: boolean };
  /** Which proxies may set X-Forwarded-For. Default `false`. See {@link TrustProxy}. */
  trustProxy?: TrustProxy;
  /** Prefix length that groups IPv6 addresses into one identity and one network. Default 64. */
  ipv6Prefix?: number;
  /** Custom identity: return the account id or undefined to fall back to user, API key, IP. */
  identify?: IdentifyFn;
  /** Authenticate the app's own clients by API key. */
  apiKeys?: ApiKeyOptions;
  /** Rate limits and budgets; `false` turns them all off. */
  limits?: LimitsOptions | false;
  /**
   * Which rate-limit headers decisions carry, picked as in express-rate-limit
   * (`standardHeaders`, `legacyHeaders`): `standard` is the revision of
   * draft-ietf-httpapi-ratelimit-headers, `'draft-8'` (default: named policies, the syntax of
   * draft-08 through draft-11), `'draft-7'` (`RateLimit: limit=…, remaining=…, reset=…`),
   * `'draft-6'` (`RateLimit-Limit`, `-Remaining`, `-Reset`) or `false`; `legacy: true` adds
   * `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds). A draft name alone sets
   * `standard`; `false` sends none. `Retry-After` and `X-Request-Id` are sent either way.
   * draft-6, draft-7 and the legacy fields name one limit: the most constraining.
   *
   * @example
   * ```ts
   * createGuard({ rateLimitHeaders: 'draft-7' });
   * // RateLimit-Policy: 30;w=60
   * // RateLimit: limit=30, remaining=29, reset=60
   * createGuard({ rateLimitHeaders: { standard: 'draft-6', legacy: true } });
   * // RateLimit-Policy: 30;w=60, RateLimit-Limit: 30, RateLimit-Remaining: 29, RateLimit-Reset: 60,
   * // X-RateLimit-Limit: 30, X-RateLimit-Remaining: 29, X-RateLimit-Reset: 1793610060
   * ```
   */
  rateLimitHeaders?: RateLimitHeadersOption;
  /** Prices in USD per million tokens by model id, merged over the built-in Claude table (`DEFAULT_PRICES`); models it does not list are priced at its highest rates. */
  prices?: PriceTable;
  /** Injectable time source (replays use the log's timestamps). Default the system clock. */
  clock?: Clock;
  /** Where warnings and background errors go. Default `console`. */
  logger?: Logger;
  /** `false` silences every start-up warning; `{ CODE: false }` silences one. */
  warnings?: boolean | Partial<Record<WarningCode, boolean>>;
  /** Distillation detector options; `false` turns it off. See docs/detection.md. */
  detector?: DetectorOptions | false;
  /** Request validation, prompt-attack scanning and output protection; `false` turns them off. See docs/shield.md. */
  shield?: ShieldOptions | false;
  /** Audit trail (file, stdout, Redis Stream; HMAC-chained). Off unless configured; `true` writes to stdout. */
  audit?: AuditOptions | boolean;
  /** Alert hooks and a signed webhook for verdicts and flags. */
  alerts?: AlertsOptions;
  /** Shorthand for `alerts.onVerdict`: called when an identity's verdict gets stronger. */
  onVerdict?: AlertsOptions['onVerdict'];
  /** Prometheus metrics: the object from `createGuardMetrics()` (`@distill-guard/core/metrics`). */
  metrics?: GuardMetricsPlugin;
  /** OpenTelemetry spans and GenAI metrics: the object from `createGuardTelemetry()` (`@distill-guard/core/telemetry`). Off by default. See docs/telemetry.md. */
  telemetry?: GuardTelemetryPlugin | false;
}

/** Options after defaults and validation. */
export interface ResolvedGuardOptions {
  store: Store;
  mode: 'enforce' | 'monitor';
  onStoreError: 'open' | 'closed';
  shutdown: false | { timeoutMs: number; signals: boolean };
  clientIp: ClientIpResolver;
  /** `clientIp` with the address's network and anonymous identity (`ipv6Prefix` applied). */
  clientAddress: ClientAddressResolver;
  ipv6Prefix: number;
  identify?: IdentifyFn;
  apiKeys?: ResolvedApiKeys;
  limits: LimitSpec[];
  /** Which rate-limit headers decisions carry. */
  rateLimitHeaders: RateLimitHeaderFormat;
  prices: Prices;
  clock: Clock;
  logger: Logger;
  warnings: Warnings;
  /** The detector's options as given (validated); `false` when off. */
  detector: DetectorOptions | false;
  shield: ResolvedShieldOptions | false;
  audit?: ResolvedAuditOptions;
  alerts?: ResolvedAlertsOptions;
  metrics?: GuardMetricsPlugin;
  telemetry?: GuardTelemetryPlugin;
}

export const GUARD_OPTION_KEYS = [
  'store',
  'mode',
  'onStoreError',
  'shutdown',
  'trustProxy',
  'ipv6Prefix',
  'identify',
  'apiKeys',
  'limits',
  'rateLimitHeaders',
  'prices',
  'clock',
  'logger',
  'warnings',
  'detector',
  'shield',
  'audit',
  'alerts',
  'onVerdict',
  'metrics',
  'telemetry',
] as const;

/**
 * The one options step: defaults, then the user's options (each validated, unknown keys refused
 * with the option's name), then computed fields, then one-time warnings for risky setups.
 */
export function parseOptions(input: GuardOptions = {}): ResolvedGuardOptions {
  const o = expectObject('', input, GUARD_OPTION_KEYS);
  const logger = o.logger === undefined ? consoleLogger : expectLogger(o.logger);
  const warnings = new Warnings(logger, silenced(o.warnings));
  const clock = o.clock === undefined ? systemClock : expectClock(o.clock);

  const store = o.store === undefined ? memoryStore({ clock }) : expectStore(o.store);
  if (store instanceof MemoryStore && o.store !== undefined && clock !== systemClock) store.useClock(clock);
  if (store instanceof MemoryStore) store.useWarnings((message) => warnings.warn('DG_MEMORY_STORE_FULL', message));

  const ipv6Prefix = optional(o.ipv6Prefix, 64, (v) => expectNumber('ipv6Prefix', v, { min: 16, max: 128, integer: true }));
  const trustProxy = o.trustProxy ?? false;
  if (!(typeof trustProxy === 'boolean' || typeof trustProxy === 'number' || Array.isArray(trustProxy))) {
    throw new OptionsError('trustProxy', 'must be true, false, a number of hops, or a list of proxy addresses/CIDRs.');
  }

  const clientAddress = createClientAddressResolver(trustProxy as boolean | number | string[], addressBook(ipv6Prefix));
  const resolved: ResolvedGuardOptions = {
    store,
    mode: optional(o.mode, 'enforce' as const, (v) => expectOneOf('mode', v, ['enforce', 'monitor'] as const)),
    onStoreError: optional(o.onStoreError, 'open' as const, (v) => expectOneOf('onStoreError', v, ['open', 'closed'] as const)),
    shutdown: false,
    clientIp: (peer, headers) => clientAddress(peer, headers).ip,
    clientAddress,
    ipv6Prefix,
    limits: parseLimitsOptions(o.limits),
    rateLimitHeaders: parseRateLimitHeadersOption(o.rateLimitHeaders),
    prices: parsePrices(o.prices, 'prices'),
    clock,
    logger,
    warnings,
    detector: subsystem('detector', o.detector) as DetectorOptions | false,
    shield: o.shield === false ? false : parseShieldOptions(o.shield === true ? {} : (o.shield ?? {}), 'shield'),
  };
  // Validated here so that a wrong detector option fails at creation, naming the option.
  if (resolved.detector !== false) parseDetectorOptions(resolved.detector, 'detector');
  const audit = parseAuditOptions(o.audit, 'audit', warnings);
  if (audit) resolved.audit = audit;
  const alerts = parseAlertsOptions(mergeOnVerdict(o.alerts, o.onVerdict), 'alerts');
  if (alerts) resolved.alerts = alerts;
  const metrics = parseMetricsOptions(o.metrics, 'metrics');
  if (metrics) resolved.metrics = metrics;
  const telemetry = parseTelemetryOptions(o.telemetry, 'telemetry');
  if (telemetry) resolved.telemetry = telemetry;
  resolved.shutdown = parseShutdown(o.shutdown, resolved.audit !== undefined || store instanceof RedisStore);
  if (o.identify !== undefined) resolved.identify = expectFunction<IdentifyFn>('identify', o.identify);
  if (o.apiKeys !== undefined) resolved.apiKeys = parseApiKeyOptions(o.apiKeys, 'apiKeys');

  if (store instanceof RedisStore && o.onStoreError === undefined) {
    warnings.warn('DG_STORE_ERROR_POLICY_DEFAULT', "A Redis store is configured without `onStoreError`; when Redis is down requests are served under per-process insurance limits ('open'). Set onStoreError: 'open' or 'closed' explicitly.");
  }
  if (store instanceof RedisStore && clock !== systemClock) {
    warnings.warn('DG_REDIS_STORE_MANUAL_CLOCK', 'A Redis store with a custom clock: Redis expires keys on its own clock, so windows follow real time, not the injected clock.');
  }
  if (store instanceof MemoryStore && (cluster.isWorker || process.env.NODE_APP_INSTANCE !== undefined)) {
    warnings.warn('DG_MEMORY_STORE_MULTI_INSTANCE', 'This process looks like one of several instances (cluster worker or PM2), but the guard uses the in-memory store: each instance enforces its own limits and sees a fraction of each account. Use redisStore() to share one view.');
  }
  if (trustProxy === true) {
    warnings.warn('DG_TRUST_PROXY_ALL', 'trustProxy: true believes any X-Forwarded-For, so a client can pick its own address. Prefer a hop count or your proxies\' addresses.');
  }
  if (o.limits === false) warnings.warn('DG_LIMITS_DISABLED', 'limits: false turns off every rate limit and budget; one client can spend your whole API budget.');
  if (resolved.mode === 'monitor') warnings.warn('DG_MONITOR_MODE', "mode: 'monitor' records detector and shield verdicts without acting on them.");
  if (resolved.apiKeys && !resolved.apiKeys.required) warnings.warn('DG_API_KEYS_OPTIONAL', 'apiKeys.required: false lets requests without a key through, identified by IP.');
  if (resolved.detector === false) warnings.warn('DG_DETECTOR_OFF', 'detector: false turns off distillation detection.');
  if (resolved.shield === false) warnings.warn('DG_SHIELD_OFF', 'shield: false turns off prompt-attack scanning and output protection; only a minimal body check remains.');
  else if (resolved.shield.request.maxTokens === null) warnings.warn('DG_NO_MAX_TOKENS_CAP', 'shield.request.maxTokens: null lets clients ask for the largest output on every request, and budgets reserve that much for each.');
  if (resolved.shield !== false) warnUnpricedModels(resolved.shield.request.models, resolved.prices, warnings);
  return resolved;
}

/** An allowed model without a price entry is charged the unknown-model price: say so once, by name. */
function warnUnpricedModels(models: readonly string[] | undefined, prices: Prices, warnings: Warnings): void {
  const unpriced = (models ?? []).filter((model) => !prices.has(model));
  if (unpriced.length === 0) return;
  const { input, output } = prices.unknownModel;
  const rate = `$${input} input / $${output} output per million tokens`;
  const at = prices.unknownFromDefault ? `prices.default (${rate})` : `the most expensive rate in the price table (${rate})`;
  const [it, has] = unpriced.length === 1 ? ['it', 'has'] : ['them', 'have'];
  const names = unpriced.map((m) => `'${m}'`).join(', ');
  warnings.warn('DG_UNPRICED_MODEL', `shield.request.models allows ${names}, which ${has} no price entry: cost budgets will price ${it} at ${at} unless \`prices\` lists ${it}.`);
}

function mergeOnVerdict(alerts: unknown, onVerdict: unknown): unknown {
  if (onVerdict === undefined) return alerts;
  if (typeof onVerdict !== 'function' && !isPlainObject(onVerdict)) {
    throw new OptionsError('onVerdict', 'must be a function (verdict) => void, or { throttle?, flag?, block? } of such functions.');
  }
  if (alerts !== undefined && !isPlainObject(alerts)) return alerts;
  const a = (alerts ?? {}) as Record<string, unknown>;
  if (a.onVerdict !== undefined) throw new OptionsError('onVerdict', 'is set twice: use either onVerdict or alerts.onVerdict.');
  return { ...a, onVerdict: onVerdict as VerdictHook };
}

function subsystem(name: string, value: unknown, fallback: Record<string, unknown> | false = {}): Record<string, unknown> | false {
  if (value === undefined) return fallback;
  if (value === false) return false;
  if (value === true) return {};
  if (!isPlainObject(value)) throw new OptionsError(name, 'must be an object of options, true, or false.');
  return value;
}

function silenced(value: unknown): Set<string> {
  if (value === undefined || value === true) return new Set();
  if (value === false) return new Set(WARNING_CODES);
  const o = expectObject('warnings', value, WARNING_CODES);
  return new Set(Object.entries(o).filter(([code, on]) => expectBoolean(`warnings.${code}`, on) === false).map(([code]) => code));
}

function expectLogger(value: unknown): Logger {
  const l = value as Partial<Logger> | null;
  if (!l || typeof l.warn !== 'function' || typeof l.error !== 'function') {
    throw new OptionsError('logger', 'must have warn(message, meta?) and error(message, meta?) methods (console and pino loggers do).');
  }
  return value as Logger;
}

function expectClock(value: unknown): Clock {
  if (!value || typeof (value as Clock).now !== 'function') throw new OptionsError('clock', 'must be an object with a now() method returning ms since the epoch.');
  return value as Clock;
}

function expectStore(value: unknown): Store {
  if (!(value instanceof MemoryStore) && !(value instanceof RedisStore)) {
    throw new OptionsError('store', 'must be memoryStore(...) or redisStore(client); pass an ioredis client through redisStore(), not directly.');
  }
  return value as Store;
}

/** `shutdown`: off, or a deadline and whether SIGTERM/SIGINT start it (by default when there is something to flush). */
function parseShutdown(value: unknown, somethingToFlush: boolean): ResolvedGuardOptions['shutdown'] {
  if (value === false) return false;
  const o = value === undefined || value === true ? {} : expectObject('shutdown', value, ['timeoutMs', 'signals']);
  return {
    timeoutMs: optional(o.timeoutMs, 10_000, (v) => expectNumber('shutdown.timeoutMs', v, { min: 0, max: 600_000 })),
    signals: optional(o.signals, somethingToFlush, (v) => expectBoolean('shutdown.signals', v)),
  };
}

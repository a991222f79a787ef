import type { DecisionReason, LimitState } from '../decision/index.js';
import { OptionsError } from '../errors/index.js';
import { expectNumber, expectObject, isPlainObject } from '../options/validate.js';
import { parseWindow, windowLabel, type Window } from './window.js';

/** `limit` units per `window`. */
export interface LimitRule {
  limit: number;
  window: Window;
}

/** One rule or several windows (e.g. per minute and per day); `false` turns the limit off. */
export type LimitSetting = LimitRule | readonly LimitRule[] | false;

/** Limits that apply to one scope (an identity, an IP, or everyone together). */
export interface ScopeLimits {
  /** Requests per window. */
  requests?: LimitSetting;
  /** Input + output tokens per window; `input estimate + max_tokens` is reserved at check and reconciled with real usage. */
  tokens?: LimitSetting;
  /** Spend in USD per window, from the price table (input, output, cache write, cache read). */
  costUsd?: LimitSetting;
  /** Output tokens per window (the daily output budget against cost exploitation). */
  outputTokens?: LimitSetting;
  /** Requests in flight at once. */
  concurrency?: number | false;
}

/**
 * Every limit is per identity unless under `perIp` or `global`. Unset keys keep their defaults;
 * `false` turns one off.
 *
 * @example
 * ```ts
 * createGuard({ limits: {
 *   requests: [{ limit: 20, window: '1m' }, { limit: 2000, window: '1d' }],
 *   costUsd: { limit: 5, window: '1d' },
 *   perIp: { requests: { limit: 300, window: '1m' } },
 *   global: { costUsd: { limit: 500, window: '1d' } },
 * } });
 * ```
 */
export interface LimitsOptions extends ScopeLimits {
  perIp?: ScopeLimits | false;
  global?: ScopeLimits | false;
}

/** Defaults for a consumer chat product: far above any human's use, well below a harvester's. */
export const DEFAULT_LIMITS = {
  requests: { limit: 30, window: '1m' },
  // Token spend is bounded by the cost and output budgets; a token budget is one option away.
  tokens: false,
  costUsd: { limit: 10, window: '1d' },
  outputTokens: { limit: 1_000_000, window: '1d' },
  concurrency: 4,
  perIp: { requests: { limit: 300, window: '1m' } },
  global: false,
} as const satisfies LimitsOptions;

export type LimitKind = 'requests' | 'tokens' | 'costUsd' | 'outputTokens' | 'concurrency';

/** One concrete counter: a kind, a scope, a quota and a window. */
export interface LimitSpec {
  kind: LimitKind;
  scope: LimitState['scope'];
  unit: LimitState['unit'];
  reason: DecisionReason;
  /** Quota in points (micro-USD for cost). */
  points: number;
  /** Quota as configured (USD for cost), for messages. */
  limit: number;
  windowSeconds: number;
  /** Policy name in headers and key prefixes, e.g. `requests-1m`, `ip-requests-1m`. */
  policy: string;
}

/** Seconds a concurrency slot lives if its request never reports back (a crashed process). */
export const CONCURRENCY_SLOT_TTL_SECONDS = 600;

const KIND_META: Record<LimitKind, { unit: LimitState['unit']; reason: DecisionReason; scale: number }> = {
  requests: { unit: 'requests', reason: 'rate-limit', scale: 1 },
  tokens: { unit: 'tokens', reason: 'token-budget', scale: 1 },
  costUsd: { unit: 'usd-micros', reason: 'cost-budget', scale: 1_000_000 },
  outputTokens: { unit: 'output-tokens', reason: 'output-budget', scale: 1 },
  concurrency: { unit: 'concurrent-requests', reason: 'concurrency', scale: 1 },
};

const SCOPE_KEYS = ['requests', 'tokens', 'costUsd', 'outputTokens', 'concurrency'] as const;

/** Resolves `limits` into concrete specs; `false` gives none. */
export function parseLimitsOptions(input: unknown, path = 'limits'): LimitSpec[] {
  if (input === false) return [];
  const o = input === undefined ? {} : expectObject(path, input, [...SCOPE_KEYS, 'perIp', 'global']);
  const specs: LimitSpec[] = [];
  scope(specs, 'identity', { ...DEFAULT_LIMITS, ...o }, path);
  for (const s of ['perIp', 'global'] as const) {
    const value = o[s] === undefined ? DEFAULT_LIMITS[s] : o[s];
    if (value === false) continue;
    const sub = expectObject(`${path}.${s}`, value, SCOPE_KEYS);
    scope(specs, s === 'perIp' ? 'ip' : 'global', sub, `${path}.${s}`);
  }
  return specs;
}

function scope(specs: LimitSpec[], scopeName: LimitState['scope'], o: Record<string, unknown>, path: string): void {
  const prefix = scopeName === 'identity' ? '' : `${scopeName}-`;
  for (const kind of SCOPE_KEYS) {
    const value = o[kind];
    if (value === undefined || value === false) continue;
    const meta = KIND_META[kind];
    if (kind === 'concurrency') {
      const limit = expectNumber(`${path}.concurrency`, value, { min: 1, integer: true });
      specs.push({ kind, scope: scopeName, unit: meta.unit, reason: meta.reason, points: limit, limit, windowSeconds: CONCURRENCY_SLOT_TTL_SECONDS, policy: `${prefix}concurrency` });
      continue;
    }
    const rules = Array.isArray(value) ? value : [value];
    if (rules.length === 0) throw new OptionsError(`${path}.${kind}`, 'must not be an empty list (use false to turn the limit off).');
    rules.forEach((rule, i) => {
      const p = Array.isArray(value) ? `${path}.${kind}.${i}` : `${path}.${kind}`;
      if (!isPlainObject(rule)) throw new OptionsError(p, `must be { limit, window } or false.`);
      const r = expectObject(p, rule, ['limit', 'window']);
      const limit = expectNumber(`${p}.limit`, r.limit, { min: kind === 'costUsd' ? 0.000001 : 1, integer: kind !== 'costUsd' });
      const windowSeconds = parseWindow(`${p}.window`, r.window);
      const name = { requests: 'requests', tokens: 'tokens', costUsd: 'cost', outputTokens: 'output' }[kind];
      specs.push({
        kind,
        scope: scopeName,
        unit: meta.unit,
        reason: meta.reason,
        points: Math.round(limit * meta.scale),
        limit,
        windowSeconds,
        policy: `${prefix}${name}-${windowLabel(windowSeconds)}`,
      });
    });
  }
}

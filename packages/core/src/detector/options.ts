import { OptionsError } from '../errors/index.js';
import { expectBoolean, expectNumber, expectObject, expectStringArray, isPlainObject, join, optional } from '../options/validate.js';

/** Signal names, in the order explanations list them. */
export const SIGNAL_NAMES = [
  'cluster',
  'reasoning-elicitation',
  'instruction-style',
  'dataset-scaffold',
  'template-reuse',
  'capability-sweep',
  'output-heavy',
  'single-turn',
  'scripted-client',
  'regular-timing',
  'round-the-clock',
  'volume',
  'velocity',
  'near-duplicates',
  'model-pivot',
  'conversational',
  'narrow-automation',
  'prompt-attacks',
] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

/**
 * Options of the distillation detector (`createGuard({ detector: {...} })`). Every key is optional;
 * the defaults are the measured configuration of `docs/detection.md`.
 */
export interface DetectorOptions {
  /** Score at or above which each verdict applies. Defaults: throttle 0.8, flag 0.9, block 0.95. */
  thresholds?: { throttle?: number; flag?: number; block?: number };
  /** Identities never judged (known integrations). Exact ids, or a prefix ending in `*`. */
  allow?: string[];
  /** Requests an account must make before its own behaviour can move it off `allow` (cluster evidence is exempt). Default 3. */
  minRequests?: number;
  /** Accounts kept in memory (least recently seen go first). Default 200,000. */
  maxAccounts?: number;
  /** Cross-account groups kept in memory. Default 200,000. */
  maxGroups?: number;
  /** Forget an account (and its verdict) after this many idle seconds. Default 7 days. */
  idleTtlSeconds?: number;
  /** Link accounts into clusters (shared subnet + client, system prompt + client, templates). Default true. */
  clusters?: boolean;
  /** Graduated responses. */
  actions?: {
    /** Delay before serving a throttled account, ms. Default 2000. */
    throttleDelayMs?: number;
    /** max_tokens cap for a throttled account. Default 1024. */
    throttleMaxTokens?: number;
    /** Seconds a throttled account is asked to wait when it is also fast (a 429). Default 30. */
    retryAfterSeconds?: number;
    /** max_tokens cap for a flagged account. Default 512. */
    flagMaxTokens?: number;
    /** Delay before serving a flagged account, ms. Default 5000. */
    flagDelayMs?: number;
    /** Strip returned reasoning from flagged (and throttled reasoning-eliciting) accounts. Default true. */
    stripReasoning?: boolean;
  };
  /** Multiplies the weight of named signals (1 = default, 0 = off), e.g. `{ 'scripted-client': 0 }`. */
  weights?: Partial<Record<SignalName, number>>;
}

export interface ResolvedDetectorOptions {
  thresholds: { throttle: number; flag: number; block: number };
  allow: { exact: Set<string>; prefixes: string[] };
  minRequests: number;
  maxAccounts: number;
  maxGroups: number;
  idleTtlSeconds: number;
  clusters: boolean;
  actions: Required<NonNullable<DetectorOptions['actions']>>;
  weights: Record<SignalName, number>;
}

export const DEFAULT_THRESHOLDS = { throttle: 0.8, flag: 0.9, block: 0.95 } as const;

/**
 * Validates detector options: defaults, then the user's values; an unknown or mistyped option
 * throws an `OptionsError` naming its dotted path (`detector.thresholds.flag`).
 *
 * @example
 * ```ts
 * const options = parseDetectorOptions({ thresholds: { block: 0.97 }, allow: ['svc:*'] }, 'detector');
 * ```
 */
export function parseDetectorOptions(input: unknown = {}, path = 'detector'): ResolvedDetectorOptions {
  const o = expectObject(path, input ?? {}, ['thresholds', 'allow', 'minRequests', 'maxAccounts', 'maxGroups', 'idleTtlSeconds', 'clusters', 'actions', 'weights']);
  const tPath = join(path, 'thresholds');
  const t = o.thresholds === undefined ? {} : expectObject(tPath, o.thresholds, ['throttle', 'flag', 'block']);
  const unit = (key: string, fallback: number) => optional(t[key], fallback, (v) => expectNumber(join(tPath, key), v, { min: 0, max: 1 }));
  const thresholds = { throttle: unit('throttle', DEFAULT_THRESHOLDS.throttle), flag: unit('flag', DEFAULT_THRESHOLDS.flag), block: unit('block', DEFAULT_THRESHOLDS.block) };
  if (!(thresholds.throttle <= thresholds.flag && thresholds.flag <= thresholds.block)) {
    throw new OptionsError(tPath, `must rise from throttle to flag to block, got ${thresholds.throttle}, ${thresholds.flag}, ${thresholds.block}.`);
  }

  const allowList = optional(o.allow, [] as string[], (v) => expectStringArray(join(path, 'allow'), v));
  const allow = { exact: new Set(allowList.filter((a) => !a.endsWith('*'))), prefixes: allowList.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)) };

  const aPath = join(path, 'actions');
  const a = o.actions === undefined ? {} : expectObject(aPath, o.actions, ['throttleDelayMs', 'throttleMaxTokens', 'retryAfterSeconds', 'flagMaxTokens', 'flagDelayMs', 'stripReasoning']);
  const ms = (key: string, fallback: number) => optional(a[key], fallback, (v) => expectNumber(join(aPath, key), v, { min: 0, max: 600_000 }));
  const tokens = (key: string, fallback: number) => optional(a[key], fallback, (v) => expectNumber(join(aPath, key), v, { min: 1, integer: true }));
  const actions = {
    throttleDelayMs: ms('throttleDelayMs', 2000),
    throttleMaxTokens: tokens('throttleMaxTokens', 1024),
    retryAfterSeconds: optional(a.retryAfterSeconds, 30, (v) => expectNumber(join(aPath, 'retryAfterSeconds'), v, { min: 1, max: 86_400 })),
    flagMaxTokens: tokens('flagMaxTokens', 512),
    flagDelayMs: ms('flagDelayMs', 5000),
    stripReasoning: optional(a.stripReasoning, true, (v) => expectBoolean(join(aPath, 'stripReasoning'), v)),
  };

  const wPath = join(path, 'weights');
  const weights = Object.fromEntries(SIGNAL_NAMES.map((s) => [s, 1])) as Record<SignalName, number>;
  if (o.weights !== undefined) {
    if (!isPlainObject(o.weights)) throw new OptionsError(wPath, 'must be an object of signal names to multipliers.');
    const w = expectObject(wPath, o.weights, SIGNAL_NAMES);
    for (const [name, value] of Object.entries(w)) weights[name as SignalName] = expectNumber(join(wPath, name), value, { min: 0, max: 10 });
  }

  return {
    thresholds,
    allow,
    minRequests: optional(o.minRequests, 3, (v) => expectNumber(join(path, 'minRequests'), v, { min: 1, max: 1000, integer: true })),
    maxAccounts: optional(o.maxAccounts, 200_000, (v) => expectNumber(join(path, 'maxAccounts'), v, { min: 1, integer: true })),
    maxGroups: optional(o.maxGroups, 200_000, (v) => expectNumber(join(path, 'maxGroups'), v, { min: 1, integer: true })),
    idleTtlSeconds: optional(o.idleTtlSeconds, 7 * 86_400, (v) => expectNumber(join(path, 'idleTtlSeconds'), v, { min: 60 })),
    clusters: optional(o.clusters, true, (v) => expectBoolean(join(path, 'clusters'), v)),
    actions,
    weights,
  };
}

/** Whether an identity is on the allow list. */
export function isAllowed(options: ResolvedDetectorOptions, id: string): boolean {
  if (options.allow.exact.has(id)) return true;
  for (const p of options.allow.prefixes) if (id.startsWith(p)) return true;
  return false;
}

import { OptionsError } from '../errors/index.js';
import type { ProbationOptions } from './probation.js';
import { expectBoolean, expectNumber, expectObject, expectStringArray, isPlainObject, join, optional } from '../options/validate.js';

/** Signal names, in the order explanations list them. */
export const SIGNAL_NAMES = [
  'cluster',
  'forged-history',
  'reasoning-elicitation',
  'answer-reasoning',
  'output-heavy',
  'reading-time',
  'machine-pace',
  'instruction-style',
  'dataset-scaffold',
  'template-reuse',
  'capability-sweep',
  'single-turn',
  'scripted-client',
  'regular-timing',
  'round-the-clock',
  'volume',
  'velocity',
  'near-duplicates',
  'model-pivot',
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
  /** Identities never judged. Exact ids, or a prefix ending in `*`. */
  allow?: string[];
  /**
   * Declared integrations (benign automation: a backend sending one template over documents, a
   * partner's API key): exact ids, or a prefix ending in `*`. They are judged on harvest and
   * cluster evidence only (forged history, reasoning asked for and served, output share, reading
   * time, cohorts), never on their shape (templates, scaffolds, scripted client, timing, volume),
   * are never blocked by the detector (at most flagged for review) and are not on probation.
   * Automation is declared here by the operator; the detector never infers it from the traffic.
   */
  integrations?: string[];
  /**
   * New-account probation: an identity younger than `days` may be served `answerTokensPerDay`
   * output tokens a UTC day, growing ×`growth` per day of age while its verdict stays `allow`;
   * past the quota it is asked to come back the next day (429, reason `probation`). `false` turns
   * it off. Defaults: 7 days, 60,000 tokens (about 200 typical answers), growth 2.
   */
  probation?: false | { days?: number; answerTokensPerDay?: number; growth?: number };
  /** Requests an account must make before its own behaviour can move it off `allow` (cluster evidence is exempt). Default 3. */
  minRequests?: number;
  /**
   * Accounts kept in memory (least recently seen go first; one with a verdict is kept over one
   * without). About 1.5 KB each. Default 10,000 with the memory store (its whole state lives in
   * this process: see docs/operations.md for the memory bound) and 200,000 on Redis (only a
   * cache is in this process).
   */
  maxAccounts?: number;
  /** Cross-account groups kept in memory (about 0.4 KB each). Default 10,000 with the memory store, 200,000 on Redis. */
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
    /**
     * Answers for an account that a cohort or template link alone would block: such a link may
     * only flag (people can share a first day or a frame with a campaign), so the account is held
     * to an allowance instead: this many answers on the UTC day it was first acted on, half as
     * many the next day, a quarter the day after, down to none (about twice this in all, so riding
     * the flag stops paying); past it, a 429 until the next day. 0 turns it off. Default 30.
     */
    flagAnswersPerDay?: number;
    /**
     * Reasoning-shaped answers (step-by-step structure, read from the answers served) an account
     * is served a UTC day, whatever its verdict; past it, a 429 until the next day (reason
     * `reasoning-allowance`). Not evidence: nothing is flagged. The development log's people take
     * at most 3 a day, a school lab in the benchmarks 24. Declared integrations are exempt.
     * 0 turns it off. Default 30.
     *
     * @example
     * ```ts
     * createGuard({ detector: { actions: { reasoningAnswersPerDay: 60 } } }); // a tutoring service
     * ```
     */
    reasoningAnswersPerDay?: number;
    /**
     * Do not generate returned reasoning for flagged (and throttled reasoning-eliciting) accounts:
     * `claudeRoute` sends their new turns with thinking off (see docs/responses.md). Default true.
     */
    suppressReasoning?: boolean;
    /** @deprecated Renamed `suppressReasoning`; accepted with the same meaning. */
    stripReasoning?: boolean;
  };
  /** Multiplies the weight of named signals (1 = default, 0 = off), e.g. `{ 'scripted-client': 0 }`. */
  weights?: Partial<Record<SignalName, number>>;
}

/** A list of identities: exact ids and prefixes. */
export interface IdentityPatterns {
  exact: Set<string>;
  prefixes: string[];
}

export interface ResolvedDetectorOptions {
  thresholds: { throttle: number; flag: number; block: number };
  allow: IdentityPatterns;
  integrations: IdentityPatterns;
  probation: ProbationOptions | false;
  minRequests: number;
  maxAccounts: number;
  maxGroups: number;
  /** The bounds of the in-process state on the memory store: `maxAccounts` and `maxGroups` when they were given, else {@link MEMORY_DETECTOR_DEFAULTS}. */
  memory: { maxAccounts: number; maxGroups: number };
  idleTtlSeconds: number;
  clusters: boolean;
  actions: { throttleDelayMs: number; throttleMaxTokens: number; retryAfterSeconds: number; flagMaxTokens: number; flagDelayMs: number; flagAnswersPerDay: number; reasoningAnswersPerDay: number; suppressReasoning: boolean };
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
/**
 * The detector's bounds on the memory store when none are given: with the store's own default
 * bound on limit counters, the whole guard stays under 200 MB resident at 200,000 identities
 * (`pnpm bench memory-bound`).
 */
export const MEMORY_DETECTOR_DEFAULTS = { maxAccounts: 20_000, maxGroups: 20_000 } as const;

export function parseDetectorOptions(input: unknown = {}, path = 'detector'): ResolvedDetectorOptions {
  const o = expectObject(path, input ?? {}, ['thresholds', 'allow', 'integrations', 'probation', 'minRequests', 'maxAccounts', 'maxGroups', 'idleTtlSeconds', 'clusters', 'actions', 'weights']);
  const tPath = join(path, 'thresholds');
  const t = o.thresholds === undefined ? {} : expectObject(tPath, o.thresholds, ['throttle', 'flag', 'block']);
  const unit = (key: string, fallback: number) => optional(t[key], fallback, (v) => expectNumber(join(tPath, key), v, { min: 0, max: 1 }));
  const thresholds = { throttle: unit('throttle', DEFAULT_THRESHOLDS.throttle), flag: unit('flag', DEFAULT_THRESHOLDS.flag), block: unit('block', DEFAULT_THRESHOLDS.block) };
  if (!(thresholds.throttle <= thresholds.flag && thresholds.flag <= thresholds.block)) {
    throw new OptionsError(tPath, `must rise from throttle to flag to block, got ${thresholds.throttle}, ${thresholds.flag}, ${thresholds.block}.`);
  }

  const allow = patterns(optional(o.allow, [] as string[], (v) => expectStringArray(join(path, 'allow'), v)));
  const integrations = patterns(optional(o.integrations, [] as string[], (v) => expectStringArray(join(path, 'integrations'), v)));
  const probation = parseProbation(o.probation, join(path, 'probation'));

  const aPath = join(path, 'actions');
  const a = o.actions === undefined ? {} : expectObject(aPath, o.actions, ['throttleDelayMs', 'throttleMaxTokens', 'retryAfterSeconds', 'flagMaxTokens', 'flagDelayMs', 'flagAnswersPerDay', 'reasoningAnswersPerDay', 'suppressReasoning', 'stripReasoning']);
  const ms = (key: string, fallback: number) => optional(a[key], fallback, (v) => expectNumber(join(aPath, key), v, { min: 0, max: 600_000 }));
  const tokens = (key: string, fallback: number) => optional(a[key], fallback, (v) => expectNumber(join(aPath, key), v, { min: 1, integer: true }));
  const actions = {
    throttleDelayMs: ms('throttleDelayMs', 2000),
    throttleMaxTokens: tokens('throttleMaxTokens', 1024),
    retryAfterSeconds: optional(a.retryAfterSeconds, 30, (v) => expectNumber(join(aPath, 'retryAfterSeconds'), v, { min: 1, max: 86_400 })),
    flagMaxTokens: tokens('flagMaxTokens', 512),
    flagDelayMs: ms('flagDelayMs', 5000),
    flagAnswersPerDay: optional(a.flagAnswersPerDay, 30, (v) => expectNumber(join(aPath, 'flagAnswersPerDay'), v, { min: 0, integer: true })),
    reasoningAnswersPerDay: optional(a.reasoningAnswersPerDay, 30, (v) => expectNumber(join(aPath, 'reasoningAnswersPerDay'), v, { min: 0, integer: true })),
    suppressReasoning: optional(a.suppressReasoning ?? a.stripReasoning, true, (v) => expectBoolean(join(aPath, a.suppressReasoning === undefined ? 'stripReasoning' : 'suppressReasoning'), v)),
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
    integrations,
    probation,
    minRequests: optional(o.minRequests, 3, (v) => expectNumber(join(path, 'minRequests'), v, { min: 1, max: 1000, integer: true })),
    maxAccounts: optional(o.maxAccounts, 200_000, (v) => expectNumber(join(path, 'maxAccounts'), v, { min: 1, integer: true })),
    maxGroups: optional(o.maxGroups, 200_000, (v) => expectNumber(join(path, 'maxGroups'), v, { min: 1, integer: true })),
    memory: {
      maxAccounts: o.maxAccounts === undefined ? MEMORY_DETECTOR_DEFAULTS.maxAccounts : (o.maxAccounts as number),
      maxGroups: o.maxGroups === undefined ? MEMORY_DETECTOR_DEFAULTS.maxGroups : (o.maxGroups as number),
    },
    idleTtlSeconds: optional(o.idleTtlSeconds, 7 * 86_400, (v) => expectNumber(join(path, 'idleTtlSeconds'), v, { min: 60 })),
    clusters: optional(o.clusters, true, (v) => expectBoolean(join(path, 'clusters'), v)),
    actions,
    weights,
  };
}

/** Whether an identity is on the allow list. */
export function isAllowed(options: ResolvedDetectorOptions, id: string): boolean {
  return matches(options.allow, id);
}

/** Whether an identity is a declared integration. */
export function isIntegration(options: ResolvedDetectorOptions, id: string): boolean {
  return matches(options.integrations, id);
}

function matches(list: IdentityPatterns, id: string): boolean {
  if (list.exact.has(id)) return true;
  for (const p of list.prefixes) if (id.startsWith(p)) return true;
  return false;
}

function patterns(list: string[]): IdentityPatterns {
  return { exact: new Set(list.filter((a) => !a.endsWith('*'))), prefixes: list.filter((a) => a.endsWith('*')).map((a) => a.slice(0, -1)) };
}

/** Default probation: a week, 60,000 answer tokens on the first day, doubling each clean day. */
export const DEFAULT_PROBATION: ProbationOptions = { days: 7, answerTokensPerDay: 60_000, growth: 2 };

function parseProbation(value: unknown, path: string): ProbationOptions | false {
  if (value === false) return false;
  if (value === undefined || value === true) return { ...DEFAULT_PROBATION };
  const p = expectObject(path, value, ['days', 'answerTokensPerDay', 'growth']);
  return {
    days: optional(p.days, DEFAULT_PROBATION.days, (v) => expectNumber(join(path, 'days'), v, { min: 0, max: 365 })),
    answerTokensPerDay: optional(p.answerTokensPerDay, DEFAULT_PROBATION.answerTokensPerDay, (v) => expectNumber(join(path, 'answerTokensPerDay'), v, { min: 1, integer: true })),
    growth: optional(p.growth, DEFAULT_PROBATION.growth, (v) => expectNumber(join(path, 'growth'), v, { min: 1, max: 100 })),
  };
}

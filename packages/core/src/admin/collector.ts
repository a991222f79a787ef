import type { Clock } from '../clock/index.js';
import type { Conclusion, Decision, DecisionReason, Identity, Signal, Verdict } from '../decision/index.js';
import type { Guard, GuardEvents } from '../guard/index.js';
import { Ring } from './ring.js';

/** How much the collector keeps. Every number bounds memory; none grows with traffic. */
export interface AdminCollectorOptions {
  /** Recent decisions of every identity, for the live view. Default 500. */
  recentDecisions?: number;
  /** Identities tracked; the least recently seen is dropped first. Default 1000. */
  maxIdentities?: number;
  /** Decisions kept per identity (its "recent decisions"). Default 20. */
  decisionsPerIdentity?: number;
  /** Score points kept per identity (its "score history"). Default 60. */
  scorePointsPerIdentity?: number;
  /** Width of one time bucket of the allowed/throttled/blocked series, in seconds. Default 10. */
  bucketSeconds?: number;
  /** Buckets kept: the series spans `bucketSeconds × buckets`. Default 360 (one hour). */
  buckets?: number;
}

export type ResolvedAdminCollectorOptions = Required<AdminCollectorOptions>;

export const ADMIN_COLLECTOR_DEFAULTS: ResolvedAdminCollectorOptions = {
  recentDecisions: 500,
  maxIdentities: 1000,
  decisionsPerIdentity: 20,
  scorePointsPerIdentity: 60,
  bucketSeconds: 10,
  buckets: 360,
};

/** How the dashboard counts a decision: `error` decisions count by whether they were served. */
export type TrafficClass = 'allowed' | 'throttled' | 'blocked';

/** One decision as the admin API shows it: no headers, no prompt, no key. */
export interface AdminDecision {
  /** Request id. */
  id: string;
  /** ms since epoch, from the guard's clock. */
  time: number;
  identity: string;
  source: Identity['source'];
  network: string;
  conclusion: Conclusion;
  class: TrafficClass;
  allowed: boolean;
  reason?: DecisionReason;
  status: number;
  score: number;
  verdict: Verdict;
  /** Names of the signals behind the score, strongest first. */
  signals: string[];
  method?: string;
  path?: string;
  model?: string;
  monitor?: boolean;
  /** Error code of an `error` decision. */
  error?: string;
}

export interface ScorePoint {
  time: number;
  score: number;
  verdict: Verdict;
}

export interface VerdictChange {
  time: number;
  verdict: Verdict;
  previous: Verdict;
  score: number;
  requestId: string;
}

export interface FlagChange {
  time: number;
  identity: string;
  flagged: boolean;
  by: string;
  reason?: string;
}

/** What this instance saw of one identity. */
export interface IdentityActivity {
  id: string;
  source: Identity['source'];
  ip: string;
  network: string;
  keyId?: string;
  firstSeen: number;
  lastSeen: number;
  requests: number;
  allowed: number;
  throttled: number;
  blocked: number;
  /** `error` decisions (store or detector failure), also counted as allowed or blocked. */
  errors: number;
  /** Decision reasons and how often each came up. */
  reasons: Partial<Record<DecisionReason, number>>;
  /** The latest score. */
  score: number;
  maxScore: number;
  verdict: Verdict;
  /** The latest non-empty signals, with their explanations. */
  signals: Signal[];
  cluster?: string;
  /** Estimated spend of the recorded outcomes. */
  spendUsd: number;
  inputTokens: number;
  outputTokens: number;
  /** The last flag change this instance saw, if any. */
  lastFlag?: FlagChange;
}

export interface IdentityActivityHistory {
  summary: IdentityActivity;
  scoreHistory: ScorePoint[];
  verdicts: VerdictChange[];
  flags: FlagChange[];
  /** Newest first. */
  decisions: AdminDecision[];
}

export interface TrafficPoint {
  /** Start of the bucket, ms since epoch. */
  time: number;
  allowed: number;
  throttled: number;
  blocked: number;
  errors: number;
}

export interface TrafficSeries {
  bucketMs: number;
  from: number;
  to: number;
  points: TrafficPoint[];
}

export interface AdminCollectorTotals {
  /** When the collector started, ms since epoch. */
  since: number;
  decisions: number;
  allowed: number;
  throttled: number;
  blocked: number;
  errors: number;
  storeErrors: number;
  /** Identities tracked now (at most `maxIdentities`). */
  identities: number;
}

interface Tracked {
  summary: IdentityActivity;
  decisions: Ring<AdminDecision>;
  scores: Ring<ScorePoint>;
  verdicts: Ring<VerdictChange>;
  flags: Ring<FlagChange>;
}

interface Bucket {
  start: number;
  allowed: number;
  throttled: number;
  blocked: number;
  errors: number;
}

const MAX_SIGNALS = 8;
const SCORE_STEP = 0.01;

/**
 * Collects what the admin API and the dashboard show, from guard events, in bounded memory: a
 * ring of recent decisions, per-identity history in an LRU of `maxIdentities`, and fixed time
 * buckets of allowed/throttled/blocked counts. It sees only this process's traffic; flags live
 * in the store and are read from there.
 *
 * @example
 * ```ts
 * const collector = new AdminCollector({ bucketSeconds: 5 }, guard.options.clock);
 * collector.attach(guard);
 * collector.recent(20); // newest decisions
 * ```
 */
export class AdminCollector {
  readonly options: ResolvedAdminCollectorOptions;
  private readonly recentRing: Ring<AdminDecision>;
  private readonly flagRing = new Ring<FlagChange>(50);
  private readonly identities = new Map<string, Tracked>();
  private readonly buckets: Bucket[];
  private readonly bucketMs: number;
  private readonly detach: Array<() => void> = [];
  private readonly totals: AdminCollectorTotals;

  constructor(
    options: AdminCollectorOptions,
    private readonly clock: Clock,
  ) {
    this.options = { ...ADMIN_COLLECTOR_DEFAULTS, ...options };
    this.recentRing = new Ring(this.options.recentDecisions);
    this.bucketMs = this.options.bucketSeconds * 1000;
    this.buckets = Array.from({ length: this.options.buckets }, () => ({ start: -1, allowed: 0, throttled: 0, blocked: 0, errors: 0 }));
    this.totals = { since: clock.now(), decisions: 0, allowed: 0, throttled: 0, blocked: 0, errors: 0, storeErrors: 0, identities: 0 };
  }

  /** Subscribes to a guard's events; several guards (e.g. one per route) can feed one collector. */
  attach(guard: Pick<Guard, 'on'>): void {
    this.detach.push(
      guard.on('decision', (e) => this.onDecision(e)),
      guard.on('outcome', (e) => this.onOutcome(e)),
      guard.on('verdict', (e) => this.onVerdict(e)),
      guard.on('flag', (e) => this.onFlag(e)),
      guard.on('storeError', () => void this.totals.storeErrors++),
    );
  }

  /** Unsubscribes from every guard. */
  close(): void {
    for (const off of this.detach.splice(0)) off();
  }

  onDecision({ decision, request }: Parameters<GuardEvents['decision']>[0]): void {
    const summary = summarize(decision, request);
    this.recentRing.push(summary);
    this.count(summary);
    const t = this.track(decision.identity, decision.timestamp);
    const s = t.summary;
    s.lastSeen = Math.max(s.lastSeen, decision.timestamp);
    s.requests++;
    s[summary.class]++;
    if (decision.conclusion === 'error') s.errors++;
    if (decision.reason) s.reasons[decision.reason] = (s.reasons[decision.reason] ?? 0) + 1;
    this.score(t, decision.timestamp, decision.score, decision.verdict);
    if (decision.signals.length > 0) s.signals = decision.signals.slice(0, MAX_SIGNALS).map((x) => ({ ...x }));
    if (decision.cluster !== undefined) s.cluster = decision.cluster;
    t.decisions.push(summary);
  }

  onOutcome({ decision, outcome, costUsd }: Parameters<GuardEvents['outcome']>[0]): void {
    const t = this.identities.get(decision.identity.id);
    if (!t) return;
    t.summary.spendUsd += costUsd;
    if (outcome.usage) {
      t.summary.inputTokens += outcome.usage.input_tokens + (outcome.usage.cache_creation_input_tokens ?? 0) + (outcome.usage.cache_read_input_tokens ?? 0);
      t.summary.outputTokens += outcome.usage.output_tokens;
    }
  }

  onVerdict(e: Parameters<GuardEvents['verdict']>[0]): void {
    const time = e.decision.timestamp;
    const t = this.track(e.identity, time);
    t.verdicts.push({ time, verdict: e.verdict, previous: e.previous, score: e.score, requestId: e.decision.id });
    if (e.signals.length > 0) t.summary.signals = e.signals.slice(0, MAX_SIGNALS).map((x) => ({ ...x }));
    if (e.cluster !== undefined) t.summary.cluster = e.cluster;
    this.score(t, time, e.score, e.verdict);
  }

  onFlag(e: Parameters<GuardEvents['flag']>[0]): void {
    const change: FlagChange = { time: this.clock.now(), identity: e.id, flagged: e.flagged, by: e.by, ...(e.reason !== undefined && { reason: e.reason }) };
    this.flagRing.push(change);
    const t = this.identities.get(e.id);
    if (!t) return;
    t.flags.push(change);
    t.summary.lastFlag = change;
    // An operator lifting a flag resets the detector's memory; the history should say so too.
    if (!e.flagged) this.score(t, change.time, 0, 'allow');
  }

  /** Up to `limit` recent decisions, newest first, optionally of one identity or class. */
  recent(limit = 50, filter: { identity?: string; class?: TrafficClass } = {}): AdminDecision[] {
    const keep = filter.identity !== undefined || filter.class !== undefined
      ? (d: AdminDecision) => (filter.identity === undefined || d.identity === filter.identity) && (filter.class === undefined || d.class === filter.class)
      : undefined;
    return this.recentRing.newest(limit, keep);
  }

  /** Recent flag changes seen by this process, newest first. */
  flagChanges(limit = 20): FlagChange[] {
    return this.flagRing.newest(limit);
  }

  /**
   * The identities with the highest score (then most blocked, most throttled, most requests),
   * with their reasons and signals.
   */
  top(limit = 10): IdentityActivity[] {
    const all = [...this.identities.values()].map((t) => t.summary);
    all.sort((a, b) => b.score - a.score || b.maxScore - a.maxScore || b.blocked - a.blocked || b.throttled - a.throttled || b.requests - a.requests);
    return all.slice(0, limit).map(copySummary);
  }

  /** Everything this process kept about one identity, or `undefined` if it has not seen it (lately). */
  history(id: string): IdentityActivityHistory | undefined {
    const t = this.identities.get(id);
    if (!t) return undefined;
    return {
      summary: copySummary(t.summary),
      scoreHistory: t.scores.newest().reverse(),
      verdicts: t.verdicts.newest().reverse(),
      flags: t.flags.newest().reverse(),
      decisions: t.decisions.newest(),
    };
  }

  /** Allowed/throttled/blocked counts per bucket over the last `spanMs` (at most what is kept), oldest first. */
  series(spanMs = this.bucketMs * this.options.buckets): TrafficSeries {
    const n = Math.max(1, Math.min(this.options.buckets, Math.ceil(spanMs / this.bucketMs)));
    const last = Math.floor(this.clock.now() / this.bucketMs);
    const points: TrafficPoint[] = [];
    for (let i = last - n + 1; i <= last; i++) {
      const start = i * this.bucketMs;
      const b = this.buckets[mod(i, this.buckets.length)]!;
      points.push(b.start === start ? { time: start, allowed: b.allowed, throttled: b.throttled, blocked: b.blocked, errors: b.errors } : { time: start, allowed: 0, throttled: 0, blocked: 0, errors: 0 });
    }
    return { bucketMs: this.bucketMs, from: (last - n + 1) * this.bucketMs, to: (last + 1) * this.bucketMs, points };
  }

  stats(): AdminCollectorTotals {
    return { ...this.totals, identities: this.identities.size };
  }

  private count(d: AdminDecision): void {
    this.totals.decisions++;
    this.totals[d.class]++;
    if (d.conclusion === 'error') this.totals.errors++;
    const index = Math.floor(d.time / this.bucketMs);
    const start = index * this.bucketMs;
    const b = this.buckets[mod(index, this.buckets.length)]!;
    if (b.start !== start) {
      // A late decision (a replay, a slow check) never overwrites a newer bucket.
      if (b.start > start) return;
      b.start = start;
      b.allowed = b.throttled = b.blocked = b.errors = 0;
    }
    b[d.class]++;
    if (d.conclusion === 'error') b.errors++;
  }

  private track(identity: Identity, time: number): Tracked {
    let t = this.identities.get(identity.id);
    if (t) {
      this.identities.delete(identity.id);
      t.summary.ip = identity.ip;
      t.summary.network = identity.network;
    } else {
      if (this.identities.size >= this.options.maxIdentities) {
        const oldest = this.identities.keys().next().value;
        if (oldest !== undefined) this.identities.delete(oldest);
      }
      t = {
        summary: {
          id: identity.id,
          source: identity.source,
          ip: identity.ip,
          network: identity.network,
          ...(identity.keyId !== undefined && { keyId: identity.keyId }),
          firstSeen: time,
          lastSeen: time,
          requests: 0,
          allowed: 0,
          throttled: 0,
          blocked: 0,
          errors: 0,
          reasons: {},
          score: 0,
          maxScore: 0,
          verdict: 'allow',
          signals: [],
          spendUsd: 0,
          inputTokens: 0,
          outputTokens: 0,
        },
        decisions: new Ring(this.options.decisionsPerIdentity),
        scores: new Ring(this.options.scorePointsPerIdentity),
        verdicts: new Ring(Math.max(4, Math.ceil(this.options.scorePointsPerIdentity / 4))),
        flags: new Ring(10),
      };
    }
    this.identities.set(identity.id, t);
    return t;
  }

  /** Adds a score point when the score moved, the verdict changed, or a bucket has passed. */
  private score(t: Tracked, time: number, score: number, verdict: Verdict): void {
    t.summary.score = score;
    t.summary.verdict = verdict;
    t.summary.maxScore = Math.max(t.summary.maxScore, score);
    const last = t.scores.last();
    if (!last || Math.abs(last.score - score) >= SCORE_STEP || last.verdict !== verdict || time - last.time >= this.bucketMs) {
      t.scores.push({ time, score, verdict });
    }
  }
}

function summarize(d: Decision, request: { method?: string; path?: string } | undefined): AdminDecision {
  return {
    id: d.id,
    time: d.timestamp,
    identity: d.identity.id,
    source: d.identity.source,
    network: d.identity.network,
    conclusion: d.conclusion,
    class: trafficClass(d),
    allowed: d.allowed,
    ...(d.reason !== undefined && { reason: d.reason }),
    status: d.status,
    score: d.score,
    verdict: d.verdict,
    signals: d.signals.slice(0, MAX_SIGNALS).map((s) => s.name),
    ...(request?.method !== undefined && { method: request.method }),
    ...(request?.path !== undefined && { path: request.path }),
    ...(d.model !== undefined && { model: d.model }),
    ...(d.monitor && { monitor: true }),
    ...(d.error && { error: d.error.code }),
  };
}

/** `allow` is allowed, `throttle` throttled, `deny` blocked; an `error` counts by whether it was served. */
export function trafficClass(d: Pick<Decision, 'conclusion' | 'allowed'>): TrafficClass {
  switch (d.conclusion) {
    case 'allow':
      return 'allowed';
    case 'throttle':
      return 'throttled';
    case 'deny':
      return 'blocked';
    default:
      return d.allowed ? 'allowed' : 'blocked';
  }
}

function copySummary(s: IdentityActivity): IdentityActivity {
  return { ...s, reasons: { ...s.reasons }, signals: s.signals.map((x) => ({ ...x })), ...(s.lastFlag && { lastFlag: { ...s.lastFlag } }) };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

import type { Signal, Verdict } from '../decision/index.js';

/** What the audit log says about one identity. */
export interface IdentitySummary {
  identity: string;
  /** Highest distillation score seen. */
  maxScore: number;
  lastScore: number;
  /** Strongest verdict seen. */
  verdict: Verdict;
  requests: number;
  /** Decisions that let the request through. */
  served: number;
  /** Refused for now (429). */
  throttled: number;
  /** Refused outright (deny, or error under `onStoreError: 'closed'`). */
  blocked: number;
  /** Decision reasons and how often each was given. */
  reasons: Record<string, number>;
  /** Strongest signals (highest value seen of each), strongest first, at most 3. */
  signals: Signal[];
  spendUsd: number;
  tokens: { input: number; output: number };
  /** Network groups the identity came from (first 5). */
  networks: string[];
  cluster?: string;
  /** State after the last flag/unflag event, if any. */
  flagged?: boolean;
  firstSeen: number;
  lastSeen: number;
}

export interface AuditSummary {
  events: number;
  decisions: number;
  outcomes: number;
  served: number;
  throttled: number;
  blocked: number;
  spendUsd: number;
  /** Events the writer reported lost (sum of `dropped` events). */
  dropped: number;
  from?: number;
  to?: number;
  /** Distinct identities seen. */
  identityCount: number;
  /** The top identities: highest score first, then most blocked, then highest spend. */
  identities: IdentitySummary[];
}

const VERDICT_RANK: Record<Verdict, number> = { allow: 0, throttle: 1, flag: 2, block: 3 };

/**
 * Aggregates audit events (from `readAuditEvents`) into per-identity totals for review.
 *
 * @example
 * ```ts
 * const summary = await summarizeAudit(readAuditEvents(['logs/']), { top: 10 });
 * for (const s of summary.identities) console.log(s.identity, s.maxScore, s.reasons);
 * ```
 */
export async function summarizeAudit(
  events: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
  options: { top?: number } = {},
): Promise<AuditSummary> {
  const top = options.top ?? 20;
  const ids = new Map<string, IdentitySummary & { strongest: Map<string, Signal> }>();
  const total: AuditSummary = { events: 0, decisions: 0, outcomes: 0, served: 0, throttled: 0, blocked: 0, spendUsd: 0, dropped: 0, identityCount: 0, identities: [] };
  const entry = (id: string, time: number) => {
    let s = ids.get(id);
    if (!s) {
      s = {
        identity: id, maxScore: 0, lastScore: 0, verdict: 'allow', requests: 0, served: 0, throttled: 0, blocked: 0,
        reasons: {}, signals: [], spendUsd: 0, tokens: { input: 0, output: 0 }, networks: [], firstSeen: time, lastSeen: time,
        strongest: new Map(),
      };
      ids.set(id, s);
    }
    s.firstSeen = Math.min(s.firstSeen, time);
    s.lastSeen = Math.max(s.lastSeen, time);
    return s;
  };
  for await (const e of events) {
    total.events++;
    const time = num(e.time);
    if (time !== undefined) {
      total.from = Math.min(total.from ?? time, time);
      total.to = Math.max(total.to ?? time, time);
    }
    if (e.type === 'dropped') total.dropped += num(e.count) ?? 0;
    if (typeof e.identity !== 'string') continue;
    const s = entry(e.identity, time ?? 0);
    switch (e.type) {
      case 'decision': {
        total.decisions++;
        s.requests++;
        const score = num(e.score) ?? 0;
        s.maxScore = Math.max(s.maxScore, score);
        s.lastScore = score;
        raise(s, e.verdict);
        if (e.allowed === true) {
          s.served++;
          total.served++;
        } else if (e.conclusion === 'throttle') {
          s.throttled++;
          total.throttled++;
        } else {
          s.blocked++;
          total.blocked++;
        }
        if (typeof e.reason === 'string') s.reasons[e.reason] = (s.reasons[e.reason] ?? 0) + 1;
        if (typeof e.network === 'string' && s.networks.length < 5 && !s.networks.includes(e.network)) s.networks.push(e.network);
        if (typeof e.cluster === 'string') s.cluster = e.cluster;
        keepSignals(s.strongest, e.signals);
        break;
      }
      case 'outcome': {
        total.outcomes++;
        const cost = num(e.costUsd) ?? 0;
        s.spendUsd += cost;
        total.spendUsd += cost;
        const usage = e.usage as { input?: unknown; output?: unknown } | undefined;
        s.tokens.input += num(usage?.input) ?? 0;
        s.tokens.output += num(usage?.output) ?? 0;
        break;
      }
      case 'verdict':
        raise(s, e.verdict);
        s.maxScore = Math.max(s.maxScore, num(e.score) ?? 0);
        if (typeof e.cluster === 'string') s.cluster = e.cluster;
        keepSignals(s.strongest, e.signals);
        break;
      case 'flag':
        s.flagged = e.flagged === true;
        break;
    }
  }
  total.identityCount = ids.size;
  total.identities = [...ids.values()]
    .sort((a, b) => b.maxScore - a.maxScore || b.blocked - a.blocked || b.spendUsd - a.spendUsd || a.identity.localeCompare(b.identity))
    .slice(0, top)
    .map(({ strongest, ...s }) => ({ ...s, signals: [...strongest.values()].sort((a, b) => b.value - a.value).slice(0, 3) }));
  return total;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function raise(s: IdentitySummary, verdict: unknown): void {
  if (typeof verdict === 'string' && verdict in VERDICT_RANK && VERDICT_RANK[verdict as Verdict] > VERDICT_RANK[s.verdict]) s.verdict = verdict as Verdict;
}

function keepSignals(into: Map<string, Signal>, signals: unknown): void {
  if (!Array.isArray(signals)) return;
  for (const sig of signals as Array<Partial<Signal>>) {
    if (typeof sig?.name !== 'string' || typeof sig.value !== 'number') continue;
    const prev = into.get(sig.name);
    if (!prev || sig.value > prev.value) into.set(sig.name, { name: sig.name, value: sig.value, explanation: String(sig.explanation ?? '') });
  }
}

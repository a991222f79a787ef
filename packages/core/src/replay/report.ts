import type { Verdict } from '../decision/index.js';

/** One identity in a replay report (see `docs/request-log.md`). */
export interface ReplayIdentity {
  id: string;
  requests: number;
  /** Served as asked. */
  allowed: number;
  /** Served late or reduced (allow with actions), or refused for now (429). */
  throttled: number;
  /** Refused. */
  blocked: number;
  /** Strongest verdict reached. */
  verdict: Verdict;
  score: number;
  /** When the identity first got a verdict other than `allow` (ISO-8601). */
  firstActionAt?: string;
  /** The signals behind the strongest verdict, `name strength`. */
  reasons: string[];
  cluster?: string;
}

export interface ReplaySummary {
  requests: number;
  identities: number;
  badLines: number;
  /** Line numbers of the bad lines (the first 1,000). */
  badLineNumbers: number[];
  /** Wall-clock seconds the replay took. */
  seconds: number;
}

export interface ReplayReport {
  identities: ReplayIdentity[];
  summary: ReplaySummary;
}

const RANK: Record<Verdict, number> = { allow: 0, throttle: 1, flag: 2, block: 3 };

/** Sorts strongest verdict first, then by score, then by id. */
export function sortIdentities(rows: ReplayIdentity[]): ReplayIdentity[] {
  return rows.sort((a, b) => RANK[b.verdict] - RANK[a.verdict] || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The report as a human-readable table: identities that got a verdict other than `allow` (all
 * of them with `all`), then the totals.
 */
export function formatReportTable(report: ReplayReport, options: { all?: boolean; limit?: number } = {}): string {
  const rows = report.identities.filter((r) => options.all || r.verdict !== 'allow');
  const shown = rows.slice(0, options.limit ?? 200);
  const header = ['identity', 'verdict', 'score', 'requests', 'allowed', 'throttled', 'blocked', 'first action', 'cluster', 'reasons'];
  const table = shown.map((r) => [r.id, r.verdict, r.score.toFixed(2), String(r.requests), String(r.allowed), String(r.throttled), String(r.blocked), r.firstActionAt ?? '-', r.cluster ?? '-', r.reasons.slice(0, 3).join(', ')]);
  const widths = header.map((h, i) => Math.min(i === header.length - 1 ? 80 : 40, Math.max(h.length, ...table.map((row) => row[i]!.length))));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const counts = { allow: 0, throttle: 0, flag: 0, block: 0 } as Record<Verdict, number>;
  let allowed = 0;
  let throttled = 0;
  let blocked = 0;
  for (const r of report.identities) {
    counts[r.verdict]++;
    allowed += r.allowed;
    throttled += r.throttled;
    blocked += r.blocked;
  }
  const s = report.summary;
  const lines = [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...table.map(fmt)];
  if (rows.length > shown.length) lines.push(`… ${rows.length - shown.length} more (use --json for all)`);
  if (rows.length === 0) lines.push('(no identity got a verdict other than allow)');
  lines.push(
    '',
    `${s.requests} requests from ${s.identities} identities in ${s.seconds.toFixed(1)} s (${Math.round(s.requests / Math.max(s.seconds, 1e-6))} requests/s)`,
    `verdicts: ${counts.block} block, ${counts.flag} flag, ${counts.throttle} throttle, ${counts.allow} allow`,
    `requests: ${allowed} allowed, ${throttled} throttled, ${blocked} blocked`,
    `bad lines: ${s.badLines}${s.badLines ? ` (line ${s.badLineNumbers.slice(0, 20).join(', ')}${s.badLines > 20 ? ', …' : ''})` : ''}`,
  );
  return lines.join('\n');
}

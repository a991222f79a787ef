import type { Readable } from 'node:stream';
import { manualClock } from '../clock/index.js';
import type { Decision, Outcome, Verdict } from '../decision/index.js';
import { createGuard, type Guard, type GuardOptions } from '../guard/index.js';
import { prefillText, type GuardRequest, type MessagesBody } from '../request/index.js';
import { servedOutput } from '../claude/index.js';
import { readLog, type LogRecord } from './log-reader.js';
import { sortIdentities, type ReplayIdentity, type ReplayReport } from './report.js';

/** What a replay drives: normally a guard on a manual clock (see {@link guardTarget}). */
export interface ReplayTarget {
  /** Moves the target's clock to a line's time, before the line is checked. */
  setTime(ms: number): void;
  /** A decision, or a Promise of one (as `guard.check` answers). */
  check(req: GuardRequest): Decision | Promise<Decision>;
  record(decision: Decision, outcome: Outcome): Promise<void>;
  close?(): Promise<void>;
}

/**
 * A guard built from `options` on a manual clock that follows the log, so a replay decides
 * exactly as live traffic would have. Warnings are off unless `options.warnings` says otherwise.
 *
 * @example
 * ```ts
 * const report = await replay('requests.jsonl.gz', guardTarget({ detector: { thresholds: { block: 0.97 } } }));
 * ```
 */
export function guardTarget(options: GuardOptions = {}): ReplayTarget & { guard: Guard } {
  const clock = manualClock(0);
  const guard = createGuard({ warnings: false, ...options, clock });
  return {
    guard,
    setTime: (ms) => clock.set(ms),
    check: (req) => guard.check(req),
    record: (decision, outcome) => guard.record(decision, outcome),
    close: () => guard.close(),
  };
}

export interface ReplayOptions {
  /** Called every `progressEvery` lines with the lines read so far. */
  onProgress?: (progress: { lines: number; requests: number; badLines: number }) => void;
  progressEvery?: number;
  /** Called for each bad line with its number and what is wrong with it. */
  onBadLine?: (line: number, error: string) => void;
}

interface Tally {
  row: ReplayIdentity;
  rank: number;
  firstAction: number;
}

const RANK: Record<Verdict, number> = { allow: 0, throttle: 1, flag: 2, block: 3 };
const MAX_BAD_LINE_NUMBERS = 1000;

/**
 * Runs a request log through a target with the log's own timestamps and reports, per identity,
 * what the guard would have done. Streams the log; bad lines are counted, never fatal.
 *
 * Counting: `allowed` = served as asked (allow without reducing actions); `throttled` = served late
 * or reduced (allow with actions) or refused for now (429); `blocked` = refused (deny, or an error
 * decision that was not served).
 *
 * @example
 * ```ts
 * const report = await replay('/var/log/chat/requests.jsonl.gz', guardTarget(config));
 * console.log(report.summary);
 * ```
 */
export async function replay(source: string | Readable, target: ReplayTarget, options: ReplayOptions = {}): Promise<ReplayReport> {
  const started = performance.now();
  const tallies = new Map<string, Tally>();
  const badLineNumbers: number[] = [];
  let badLines = 0;
  let requests = 0;
  let lines = 0;
  const every = options.progressEvery ?? 10_000;
  for await (const item of readLog(source)) {
    lines++;
    if (options.onProgress && lines % every === 0) options.onProgress({ lines, requests, badLines });
    if ('error' in item) {
      badLines++;
      options.onBadLine?.(item.line, item.error);
      if (badLineNumbers.length < MAX_BAD_LINE_NUMBERS) badLineNumbers.push(item.line);
      continue;
    }
    requests++;
    const r = item.record;
    target.setTime(r.time);
    const decision = await target.check(toRequest(r));
    tally(tallies, decision, r);
    if (decision.allowed) await target.record(decision, toOutcome(r));
  }
  const identities = sortIdentities([...tallies.values()].map((t) => t.row));
  return { identities, summary: { requests, identities: identities.length, badLines, badLineNumbers, seconds: (performance.now() - started) / 1000 } };
}

function toRequest(r: LogRecord): GuardRequest {
  return {
    ip: r.ip,
    method: r.method ?? 'POST',
    path: r.path ?? '/',
    headers: r.headers ?? {},
    ...(r.user !== undefined && { user: r.user }),
    body: r.body,
    timestamp: r.time,
  };
}

/** The outcome a log line records: status, usage and, when the log keeps answers, the answer served (history provenance). */
function toOutcome(r: LogRecord): Outcome {
  const body = r.body as { model?: unknown } | undefined;
  const content = r.response?.content;
  // Content blocks are recorded as claudeRoute records them: the text, and thinking and tool inputs beside it.
  const served = content === undefined ? undefined : servedOutput(content);
  const messages = (body as { messages?: unknown } | undefined)?.messages;
  const prefill = served?.text && Array.isArray(messages) ? prefillText({ messages: messages as MessagesBody['messages'] }) : '';
  return {
    status: r.response?.status ?? 200,
    ...(r.response?.usage && { usage: r.response.usage }),
    ...(typeof body?.model === 'string' && { model: body.model }),
    // A reply recorded with no text (a tool call alone, an empty reply) passes '': the route gives the
    // detector its text, and there was none.
    ...(served && { outputText: served.text }),
    ...(served && served.otherText.length > 0 && { otherOutputText: served.otherText }),
    ...(prefill && { prefillText: prefill }),
  };
}

function tally(tallies: Map<string, Tally>, d: Decision, r: LogRecord): void {
  const id = d.identity.id;
  let t = tallies.get(id);
  if (!t) {
    t = { row: { id, requests: 0, allowed: 0, throttled: 0, blocked: 0, verdict: 'allow', score: 0, reasons: [] }, rank: 0, firstAction: 0 };
    tallies.set(id, t);
  }
  const row = t.row;
  row.requests++;
  if (d.conclusion === 'allow' || (d.conclusion === 'error' && d.allowed)) {
    if (reduced(d, r)) row.throttled++;
    else row.allowed++;
  } else if (d.conclusion === 'throttle') row.throttled++;
  else row.blocked++;
  if (d.score > row.score) row.score = d.score;
  const rank = RANK[d.verdict] ?? 0;
  if (rank > 0 && !t.firstAction) {
    t.firstAction = r.time;
    row.firstActionAt = new Date(r.time).toISOString();
  }
  if (rank >= t.rank && (rank > t.rank || d.signals.length > 0)) {
    if (rank > t.rank) row.verdict = d.verdict;
    t.rank = rank;
    if (rank > 0 && d.signals.length > 0) row.reasons = d.signals.slice(0, 4).map((s) => `${s.name} ${s.value.toFixed(2)}`);
  }
  if (d.cluster) row.cluster = d.cluster;
}

function reduced(d: Decision, r: LogRecord): boolean {
  const a = d.actions;
  if (!a) return false;
  if ((a.delayMs ?? 0) > 0 || a.suppressReasoning || a.stripReasoning) return true;
  if (a.maxTokens !== undefined) {
    const asked = (r.body as { max_tokens?: unknown } | undefined)?.max_tokens;
    return typeof asked !== 'number' || a.maxTokens < asked;
  }
  return false;
}

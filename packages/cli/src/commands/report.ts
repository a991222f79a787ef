import { parseArgs } from 'node:util';
import { readAuditEvents, summarizeAudit, type AuditSummary, type IdentitySummary } from '@distill-guard/core/audit';
import { AUDIT_HINT, checkAuditFiles, InputError } from './input.js';
import { UsageError, type Command } from './types.js';

const USAGE = `Usage: distill-guard report <audit files or directories...> [--json] [--top N]

Summarises audit files for review: the top identities by distillation score with their
reasons and strongest signals, how many of their requests were served, throttled and
blocked, and what they cost.

Options:
  --top N   identities to list (default 20)
  --json    print the summary as JSON

Exit codes: 0 done, 1 a file could not be read or is not an audit log, 2 usage error.`;

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: { top: { type: 'string' }, json: { type: 'boolean' } } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

const int = (n: number) => n.toLocaleString('en-US');
const usd = (n: number) => `$${n.toFixed(n !== 0 && n < 1 ? 4 : 2)}`;
const iso = (ms: number | undefined) => (ms === undefined ? '?' : new Date(ms).toISOString().replace('.000Z', 'Z'));

function reasons(s: IdentitySummary): string {
  const list = Object.entries(s.reasons).sort((a, b) => b[1] - a[1]);
  return list.length ? list.map(([r, n]) => `${r} ${int(n)}`).join(', ') : '-';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

/** The human-readable report. */
function formatReport(s: AuditSummary): string {
  const out: string[] = [];
  out.push(`Audit report ${iso(s.from)} .. ${iso(s.to)}`);
  out.push(
    `${int(s.decisions)} decisions: ${int(s.served)} served, ${int(s.throttled)} throttled, ${int(s.blocked)} blocked; ` +
      `${int(s.outcomes)} outcomes; spend ${usd(s.spendUsd)}; ${int(s.identityCount)} identities`,
  );
  if (s.dropped > 0) out.push(`WARNING: the writer reported ${int(s.dropped)} dropped event(s); totals are lower bounds.`);
  if (s.identities.length === 0) return `${out.join('\n')}\n`;
  out.push('');
  const rows = [['#', 'IDENTITY', 'SCORE', 'VERDICT', 'REQUESTS', 'SERVED', 'THROTTLED', 'BLOCKED', 'SPEND', 'REASONS']];
  s.identities.forEach((i, k) =>
    rows.push([
      String(k + 1),
      i.identity + (i.flagged ? ' (flagged)' : ''),
      i.maxScore.toFixed(2),
      i.verdict,
      int(i.requests),
      int(i.served),
      int(i.throttled),
      int(i.blocked),
      usd(i.spendUsd),
      reasons(i),
    ]),
  );
  out.push(table(rows));
  const why = s.identities.filter((i) => i.signals.length > 0);
  if (why.length > 0) {
    out.push('', 'Strongest signals:');
    for (const i of why) {
      out.push(`  ${i.identity}${i.cluster ? ` (cluster ${i.cluster})` : ''}`);
      for (const sig of i.signals) out.push(`    ${sig.name} ${sig.value.toFixed(2)}${sig.explanation ? `: ${sig.explanation}` : ''}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `distill-guard report <files...>`: top identities by score, served/blocked counts and spend. */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Summarise audit files: top identities by score, reasons, served/blocked, spend',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(argv);
    if (positionals.length === 0) throw new UsageError('give at least one audit file or directory.');
    let top = 20;
    if (values.top !== undefined) {
      top = Number(values.top);
      if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a whole number of identities, at least 1, got '${values.top}'.`);
    }
    await checkAuditFiles(positionals);
    const summary = await summarizeAudit(readAuditEvents(positionals), { top });
    if (summary.events === 0) throw new InputError(`no audit events in ${positionals.join(', ')}: ${positionals.length === 1 ? 'it is' : 'they are'} empty.`, AUDIT_HINT);
    io.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReport(summary));
    return 0;
  },
};

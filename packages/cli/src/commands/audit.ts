import { parseArgs } from 'node:util';
import { AUDIT_SECRET_ENV, verifyAuditFiles, type AuditVerifyResult } from '@distill-guard/core/audit';
import { checkAuditFiles } from './input.js';
import { UsageError, type Command, type CommandIO } from './types.js';

const USAGE = `Usage: distill-guard audit verify <files or directories...> [options]

Checks the HMAC chain of distill-guard audit files. Rotated files may be given in any
order (they are put in order by their own sequence numbers); a directory means every file
in it. Prints OK with counts, or the first bad line (file:line) and what is wrong with it.
A copy of the chain that a sink could not fully take (the Redis stream next to a file, exported
one event per line) verifies with its signed 'skipped' lines: OK, with the counted loss.

Options:
  --secret-env NAME  environment variable holding the audit secret
                     (default ${AUDIT_SECRET_ENV})
  --partial          accept a chain that starts after seq 1 (older files removed on purpose)
  --json             print the result as JSON

Exit codes: 0 the chain is intact, 1 it is not (or a file could not be read or is not an
audit log), 2 usage error.`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { 'secret-env': { type: 'string' }, partial: { type: 'boolean' }, json: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function describeOk(r: AuditVerifyResult): string {
  const types = Object.entries(r.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([type, n]) => `${n.toLocaleString('en-US')} ${type}`)
    .join(', ');
  const range = r.events > 0 ? ` (seq ${r.firstSeq}..${r.lastSeq})` : '';
  const ok = `OK  ${plural(r.events, 'event')} in ${plural(r.files.length, 'file')}${range}${types ? `: ${types}` : ''}`;
  if (!r.skipped || !r.gaps) return ok;
  // A copy (the Redis stream next to a file) that skipped events while its sink was failing: a counted loss, not a deletion.
  const shown = r.gaps.slice(0, 5).map((g) => `seq ${g.fromSeq}..${g.toSeq}${g.sink ? ` by ${g.sink}` : ''}`);
  if (r.gaps.length > shown.length) shown.push(`${r.gaps.length - shown.length} more`);
  return `${ok}\n    counted loss: ${plural(r.skipped, 'event')} not in this copy, skipped while its sink was failing (${shown.join(', ')})`;
}

async function verify(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length === 0) throw new UsageError('give at least one audit file or directory.');
  await checkAuditFiles(positionals);
  const envName = values['secret-env'] ?? AUDIT_SECRET_ENV;
  const secret = process.env[envName];
  if (!secret) io.stderr.write(`distill-guard audit verify: note: ${envName} is not set; verifying as a chain written without a secret.\n`);
  const result = await verifyAuditFiles(positionals, secret, { partial: values.partial === true });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.ok) {
    io.stdout.write(`${describeOk(result)}\n`);
  } else {
    const f = result.failure!;
    io.stdout.write(`FAIL ${f.file}:${f.line}${f.seq !== undefined ? ` (seq ${f.seq})` : ''}: ${f.problem}\n`);
    io.stdout.write(`     ${plural(result.events, 'event')} verified before this line.\n`);
  }
  return result.ok ? 0 : 1;
}

/** `distill-guard audit verify <files...>`: checks the audit chain across rotated files. */
export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the tamper-evident audit log (audit verify <files...>)',
  usage: USAGE,
  subcommands: ['verify'],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') throw new UsageError(sub ? `unknown subcommand '${sub}'.` : 'missing subcommand (verify).');
    return verify(rest, io);
  },
};

import { access, readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReportTable, guardTarget, replay, type GuardOptions } from '@distill-guard/core';
import { UsageError, type Command, type CommandIO } from './types.js';

const USAGE = `Usage: distill-guard replay <log> [--config <file>] [--json] [--all]

Runs a request log (JSON Lines, plain or gzip) through the guard with the log's own
timestamps and reports what it would have decided for each identity: requests allowed,
throttled (served late or reduced, or told to retry) and blocked, the strongest verdict,
when the first action came, the signals behind it and the cross-account cluster.
Backtest a configuration on your own history before you deploy it. The log's format, and
how to write one from your app, are in docs/request-log.md.

Options:
  --config <file>  guard options: a JSON file, or an ES module (.mjs/.js) whose default
                   export is the options object (any createGuard option, e.g. detector)
  --json           print the report as JSON (format in docs/request-log.md)
  --all            list every identity in the table, not only those that got a verdict

Bad lines are counted and listed by line number; they never stop the replay.
Exit codes: 0 done, 1 the log or the config could not be read, 2 usage error.`;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' }, all: { type: 'boolean' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Loads guard options from a JSON file or an ES module's default export. */
export async function loadConfig(file: string): Promise<GuardOptions> {
  const path = resolve(file);
  const ext = extname(path).toLowerCase();
  let value: unknown;
  if (ext === '.mjs' || ext === '.js' || ext === '.cjs') {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown; config?: unknown };
    value = mod.default ?? mod.config;
  } else {
    const text = await readFile(path, 'utf8');
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file} must hold an object of guard options.`);
  return value as GuardOptions;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the request log to replay.' : 'give exactly one request log.');
  const log = positionals[0]!;
  try {
    await access(log);
  } catch {
    io.stderr.write(`distill-guard replay: cannot read ${log}.\n`);
    return 1;
  }
  let options: GuardOptions = {};
  if (values.config) {
    try {
      options = await loadConfig(values.config);
    } catch (err) {
      io.stderr.write(`distill-guard replay: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  const target = guardTarget(options);
  const progress = io.isTTY && !values.json;
  const badShown: string[] = [];
  let report;
  try {
    report = await replay(log, target, {
      progressEvery: 5000,
      ...(progress && { onProgress: ({ lines }) => void io.stderr.write(`\rreplaying… ${lines.toLocaleString('en-US')} lines`) }),
      onBadLine: (line, error) => {
        if (badShown.length < 20) badShown.push(`line ${line}: ${error}`);
      },
    });
  } finally {
    if (progress) io.stderr.write('\r\x1b[K');
    await target.close?.();
  }
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    io.stdout.write(`${formatReportTable(report, { all: values.all === true })}\n`);
    for (const line of badShown) io.stderr.write(`distill-guard replay: bad ${line}\n`);
  }
  return 0;
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'Run a request log through the guard with its own timestamps and report verdicts',
  usage: USAGE,
  run,
};

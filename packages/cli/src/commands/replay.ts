import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReportTable, guardTarget, readLog, replay, type ReplayReport } from '@distill-guard/core/replay';
import { type GuardOptions } from '@distill-guard/core';
import { seedAnswerSampling } from '@distill-guard/core/detector';
import { DOCS_URL, InputError, fsReason, headLines, isAuditEvent, jsonObject, looksBinary, messageOf, readHead, statInput } from './input.js';
import { UsageError, type Command, type CommandIO } from './types.js';

const USAGE = `Usage: distill-guard replay <log> [--config <file>] [--json] [--all] [--seed <n>]

Runs a request log (JSON Lines, plain or gzip) through the guard with the log's own
timestamps and reports what it would have decided for each identity: requests allowed,
throttled (served late or reduced, or told to retry) and blocked, the strongest verdict,
when the first action came, the signals behind it and the cross-account cluster.
Backtest a configuration on your own history before you deploy it. The log's format, and
how to write one from your app: ${DOCS_URL}/request-log.md

Options:
  --config <file>  guard options: a JSON file, or an ES module (.mjs/.js) whose default
                   export is the options object (any createGuard option, e.g. detector)
  --json           print the report as JSON (its format is on the same page)
  --all            list every identity in the table, not only those that got a verdict
  --seed <n>       seed of the windows read in the middle of long answers (default 0), so
                   that a replay reads every answer the same way each time it is run

Bad lines are counted and listed by line number; they never stop the replay. A file with no
request line at all (empty, binary, or another format) is an error.
Exit codes: 0 done, 1 the log or the config could not be read or used, 2 usage error.`;

const LOG_HINT = `a request log is JSON Lines (plain or gzip), one request per line with at least "ts" (ISO-8601) and "ip"; see ${DOCS_URL}/request-log.md`;
const CONFIG_HINT = 'give --config a JSON file, or an ES module (.mjs or .js) whose default export is the guard options object.';
const OPTIONS_HINT = `the options are those of createGuard; see ${DOCS_URL}/configuration.md`;
const UNSUPPORTED_CONFIG = new Set(['.ts', '.mts', '.cts', '.yaml', '.yml', '.toml', '.ini', '.env']);

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { config: { type: 'string', short: 'c' }, json: { type: 'boolean' }, all: { type: 'boolean' }, seed: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) throw new UsageError(`--seed takes a whole number from 0 to 4294967295, got "${raw}".`);
  return Number(raw);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/**
 * Loads guard options from a JSON file or an ES module's default export. Every failure is an
 * {@link InputError} that names the file and says what was expected.
 */
export async function loadConfig(file: string): Promise<GuardOptions> {
  const path = resolve(file);
  const st = await statInput(file, 'config file', CONFIG_HINT);
  if (!st.isFile()) throw new InputError(`config file ${file} is not a file.`, CONFIG_HINT);
  const ext = extname(path).toLowerCase();
  if (UNSUPPORTED_CONFIG.has(ext)) throw new InputError(`config file ${file}: ${ext} files are not supported.`, CONFIG_HINT);
  let value: unknown;
  if (ext === '.mjs' || ext === '.js' || ext === '.cjs') {
    let mod: { default?: unknown; config?: unknown };
    try {
      mod = (await import(pathToFileURL(path).href)) as { default?: unknown; config?: unknown };
    } catch (err) {
      throw new InputError(`cannot load config file ${file}: ${messageOf(err)}`, CONFIG_HINT);
    }
    value = mod.default ?? mod.config;
    if (value === undefined) throw new InputError(`config file ${file} has no default export (nor a \`config\` export).`, CONFIG_HINT);
  } else {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (err) {
      throw new InputError(`cannot read config file ${file}: ${messageOf(err)}`, CONFIG_HINT);
    }
    if (looksBinary(bytes.subarray(0, 64 * 1024))) throw new InputError(`config file ${file} is not JSON: it holds binary data.`, CONFIG_HINT);
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new InputError(`config file ${file} is not valid JSON: ${messageOf(err)}`, CONFIG_HINT);
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`config file ${file} must hold an object of guard options, got ${describeValue(value)}.`, CONFIG_HINT);
  }
  return value as GuardOptions;
}

/**
 * Fails fast on a log that is binary or has no request among its first lines (64 KiB, after
 * gunzip), so a wrong file is named at once instead of replayed as thousands of bad lines.
 */
async function checkLog(log: string): Promise<void> {
  const st = await statInput(log, 'request log', LOG_HINT);
  if (st.isDirectory()) throw new InputError(`${log} is a directory; give one request log file.`, LOG_HINT);
  if (!st.isFile()) return; // a pipe or device: read it once, by the replay itself
  if (st.size === 0) throw new InputError(`${log} is empty: there is no request to replay.`, LOG_HINT);
  const head = await readHead(log, st.size, { decompress: true, what: 'request log', hint: LOG_HINT });
  if (looksBinary(head.bytes)) {
    throw new InputError(`${log} is not a request log: it holds binary data${head.gzip ? ' once decompressed' : ''}.`, LOG_HINT);
  }
  const lines = headLines(head);
  if (lines.length === 0) return; // one very long first line: the replay judges it
  let problem: string | undefined;
  for await (const item of readLog(Readable.from([Buffer.from(lines.map((l) => l.text).join('\n'))]))) {
    if (!('error' in item)) return;
    problem ??= `line ${lines[item.line - 1]!.line}: ${item.error}`;
  }
  throw new InputError(
    `${log} is not a request log: ${lines.length === 1 ? problem : `none of its first ${lines.length} lines is a request (${problem})`}.`,
    hintFor(lines[0]!.text),
  );
}

function hintFor(firstLine: string): string {
  if (isAuditEvent(jsonObject(firstLine))) return 'it looks like an audit log: summarise it with `distill-guard report`, check it with `distill-guard audit verify`.';
  return LOG_HINT;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the request log to replay.' : 'give exactly one request log.');
  const log = positionals[0]!;
  // A deployment draws this seed at random so an attacker cannot tell which part of a long answer
  // is read; a replay fixes it, so the same log always gives the same report.
  seedAnswerSampling(parseSeed(values.seed));
  await checkLog(log);
  let options: GuardOptions = {};
  if (values.config) options = await loadConfig(values.config);
  let target: ReturnType<typeof guardTarget>;
  try {
    target = guardTarget(options);
  } catch (err) {
    if (values.config) throw new InputError(`config file ${values.config}: ${messageOf(err)}`, OPTIONS_HINT);
    throw err;
  }
  const progress = io.isTTY && !values.json;
  const badShown: string[] = [];
  let firstBad: string | undefined;
  let report: ReplayReport;
  try {
    report = await replay(log, target, {
      progressEvery: 5000,
      ...(progress && { onProgress: ({ lines }) => void io.stderr.write(`\rreplaying… ${lines.toLocaleString('en-US')} lines`) }),
      onBadLine: (line, error) => {
        firstBad ??= `line ${line}: ${error}`;
        if (badShown.length < 20) badShown.push(`line ${line}: ${error}`);
      },
    });
  } catch (err) {
    // File-system and zlib errors (a gzip log cut short) name the log; anything else is a bug.
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !/^(E[A-Z]+|Z_[A-Z_]+)$/.test(code)) throw err;
    throw new InputError(
      `cannot read request log ${log}: ${code.startsWith('Z_') ? `${messageOf(err)} (gzip)` : fsReason(err)}.`,
      code.startsWith('Z_') ? 'the gzip file may be cut short or damaged: check that it was copied whole.' : LOG_HINT,
    );
  } finally {
    if (progress) io.stderr.write('\r\x1b[K');
    await target.close?.();
  }
  const { requests, badLines } = report.summary;
  if (requests === 0) {
    if (badLines === 0) throw new InputError(`${log} is empty: there is no request to replay.`, LOG_HINT);
    throw new InputError(`${log} is not a request log: none of its ${badLines.toLocaleString('en-US')} lines is a request (${firstBad}).`, LOG_HINT);
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

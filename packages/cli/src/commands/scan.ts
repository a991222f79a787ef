import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { scanInjection, scanMessages } from '@distill-guard/core/shield';
import { type InjectionScan } from '@distill-guard/core';
import { fsReason, InputError, looksBinary, readHead, statInput } from './input.js';
import { UsageError, type Command, type CommandIO } from './types.js';

const USAGE = `Usage: distill-guard scan <file.jsonl | -> [--threshold <0..1>]

Scores each prompt for prompt-injection patterns with the guard's shield and prints one JSON
line per input line, in order:

  {"score":0.93,"verdict":"injection","reasons":["instruction-override"]}

Each input line is a JSON object with a "text" string (or a "messages" array, scanned like a
Messages request). An optional "channel" says how the text reaches the model: "user" (typed by
the user, the default) or "document" (data: a tool result, a retrieved page, an e-mail), where
an instruction aimed at the assistant is itself the attack. A line that cannot be read prints {"error":"..."} in its place; blank lines
are skipped. Use - to read standard input. A summary goes to standard error.

Options:
  --threshold N   score at or above which the verdict is "injection" (default 0.5)

Exit codes: 0 done (even with some unreadable lines), 1 the file cannot be read, is binary,
or has no readable line at all, 2 usage error.`;

const LINE_HINT =
  'each line must be a JSON object with a "text" string or a "messages" array; for plain text, ' +
  "one prompt per line, wrap each line first: jq -Rc '{text: .}' prompts.txt | distill-guard scan -";

/** Where to read `-` from: the process's stdin, or one injected by tests. */
type ScanIO = CommandIO & { stdin?: NodeJS.ReadableStream };

function parse(argv: string[]): { file: string; threshold: number } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { threshold: { type: 'string' } } });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('give one JSONL file to scan, or - for standard input.');
  let threshold = 0.5;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (values.threshold.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
      throw new UsageError(`--threshold must be a number between 0 and 1, got "${values.threshold}".`);
    }
  }
  return { file: positionals[0]!, threshold };
}

/** The scan of one input line, or the reason it could not be scanned. */
export function scanLine(line: string, threshold: number): InjectionScan | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'expected a JSON object with a "text" field' };
  const o = value as Record<string, unknown>;
  // Text that reaches the model as data (a document, a tool result) is scanned as data.
  if (o.channel !== undefined && o.channel !== 'user' && o.channel !== 'document') {
    return { error: `"channel" must be "user" or "document", got ${JSON.stringify(o.channel)}` };
  }
  if (typeof o.text === 'string') return scanInjection(o.text, { threshold, channel: (o.channel as 'user' | 'document' | undefined) ?? 'user' });
  if (Array.isArray(o.messages)) return scanMessages(o as { messages: never[] }, { threshold });
  return { error: o.text === undefined ? 'missing "text" field (a string)' : `"text" must be a string, got ${o.text === null ? 'null' : typeof o.text}` };
}

function format(result: InjectionScan | { error: string }): string {
  // Fixed key order, so the output is stable and easy to diff.
  return 'error' in result
    ? JSON.stringify({ error: result.error })
    : JSON.stringify({ score: result.score, verdict: result.verdict, reasons: result.reasons });
}

async function open(file: string, io: ScanIO): Promise<NodeJS.ReadableStream> {
  if (file === '-') return io.stdin ?? process.stdin;
  const st = await statInput(file, 'file', LINE_HINT);
  if (st.isDirectory()) throw new InputError(`${file} is a directory; give one JSONL file.`, LINE_HINT);
  if (st.isFile() && st.size > 0) {
    const head = await readHead(file, st.size, { decompress: false, what: 'file' });
    if (head.gzip) throw new InputError(`${file} is gzip-compressed; scan reads plain JSON Lines.`, `decompress it on the way in: gunzip -c ${file} | distill-guard scan -`);
    if (looksBinary(head.bytes)) throw new InputError(`${file} is not a JSONL file of prompts: it holds binary data.`, LINE_HINT);
  }
  const stream = createReadStream(file);
  try {
    await once(stream, 'open');
  } catch (err) {
    throw new InputError(`cannot read file ${file}: ${fsReason(err)}.`, LINE_HINT);
  }
  return stream;
}

async function run(argv: string[], io: ScanIO): Promise<number> {
  const { file, threshold } = parse(argv);
  const input = await open(file, io);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let total = 0;
  let injections = 0;
  let errors = 0;
  let firstError: string | undefined;
  let out = '';
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    const ok = io.stdout.write(out);
    out = '';
    if (!ok) await once(io.stdout, 'drain');
  };
  for await (const line of lines) {
    lineNo++;
    if (line.trim().length === 0) continue;
    total++;
    const result = scanLine(line, threshold);
    if ('error' in result) {
      errors++;
      result.error = `line ${lineNo}: ${result.error}`;
      firstError ??= result.error;
    } else if (result.verdict === 'injection') injections++;
    out += `${format(result)}\n`;
    if (out.length >= 64 * 1024) await flush();
  }
  await flush();
  io.stderr.write(`distill-guard scan: ${total} lines, ${injections} injection, ${total - injections - errors} benign, ${errors} unreadable\n`);
  if (total > 0 && errors === total) {
    throw new InputError(`${file === '-' ? 'standard input' : file} has no readable line: all ${total} are unreadable (${firstError}).`, LINE_HINT);
  }
  return 0;
}

/** `distill-guard scan`: score prompts for prompt injection, one JSON line per input line. */
export const scanCommand: Command = {
  name: 'scan',
  summary: 'Score prompts in a JSONL file for prompt injection (one JSON line per input)',
  usage: USAGE,
  run,
};

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One line of a request log, parsed, or the reason it could not be. */
export type LogLine = { line: number; record: LogRecord } | { line: number; error: string };

/** A request-log record (see `docs/request-log.md`); fields beyond these are ignored. */
export interface LogRecord {
  ts: string;
  method?: string;
  path?: string;
  ip: string;
  user?: string;
  headers?: Record<string, string>;
  body?: unknown;
  response?: {
    status?: number;
    usage?: { input_tokens: number; output_tokens: number; cache_creation_input_tokens?: number | null; cache_read_input_tokens?: number | null };
    /**
     * The answer served to this request, when the log keeps answers: its text, or the reply's
     * content blocks as the Messages API returned them (text, thinking, tool calls; read as
     * `claudeRoute` records them, see `servedOutput`).
     */
    content?: string | Array<{ type: string; [k: string]: unknown }>;
  };
  /** Parsed `ts`, ms since the epoch. */
  time: number;
}

/** Whether `path` starts with the gzip magic bytes. */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await handle.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** A readable stream of the log's text, gunzipped when the file is gzip (by magic bytes, not by name). */
export async function openLog(path: string): Promise<Readable> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  return (await isGzipFile(path)) ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
}

/**
 * Streams the lines of a request log (JSON Lines, plain or gzip) without loading it whole. A line
 * that is not JSON or lacks `ts`/`ip` is yielded as an error with its line number; blank lines
 * are skipped.
 *
 * @example
 * ```ts
 * for await (const line of readLog('requests.jsonl.gz')) {
 *   if ('error' in line) console.warn(`line ${line.line}: ${line.error}`);
 * }
 * ```
 */
export async function* readLog(source: string | Readable): AsyncGenerator<LogLine> {
  const stream = typeof source === 'string' ? await openLog(source) : source;
  // Lines are found in the raw bytes and each is decoded once: decoding whole chunks and joining
  // strings cost more than parsing the JSON when lines carry long answers.
  let pending: Buffer | undefined;
  let line = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    let start = 0;
    let nl = buf.indexOf(10);
    if (pending !== undefined) {
      if (nl < 0) {
        pending = Buffer.concat([pending, buf]);
        continue;
      }
      line++;
      const parsed = parseLine(Buffer.concat([pending, buf.subarray(0, nl)]).toString('utf8'), line);
      pending = undefined;
      if (parsed) yield parsed;
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    while (nl >= 0) {
      line++;
      const parsed = parseLine(buf.toString('utf8', start, nl), line);
      if (parsed) yield parsed;
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    if (start < buf.length) pending = buf.subarray(start);
  }
  if (pending !== undefined) {
    const text = pending.toString('utf8');
    if (text.trim()) {
      line++;
      const parsed = parseLine(text, line);
      if (parsed) yield parsed;
    }
  }
}

function parseLine(text: string, line: number): LogLine | undefined {
  let s = 0;
  while (s < text.length && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  let e = text.length;
  while (e > s && (text.charCodeAt(e - 1) === 13 || text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  if (s >= e) return undefined;
  let value: unknown;
  try {
    // JSON.parse accepts surrounding whitespace: no slice needed.
    value = JSON.parse(text);
  } catch (err) {
    return { line, error: `not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { line, error: 'not a JSON object' };
  const r = value as Partial<LogRecord>;
  if (typeof r.ts !== 'string') return { line, error: 'missing `ts`' };
  const time = Date.parse(r.ts);
  if (Number.isNaN(time)) return { line, error: `unparseable \`ts\` ${JSON.stringify(r.ts).slice(0, 40)}` };
  if (typeof r.ip !== 'string' || !r.ip) return { line, error: 'missing `ip`' };
  if (r.headers !== undefined && (typeof r.headers !== 'object' || r.headers === null || Array.isArray(r.headers))) return { line, error: '`headers` is not an object' };
  if (r.user !== undefined && typeof r.user !== 'string') return { line, error: '`user` is not a string' };
  if (r.response !== undefined) {
    if (typeof r.response !== 'object' || r.response === null || Array.isArray(r.response)) return { line, error: '`response` is not an object' };
    const content = r.response.content;
    if (content !== undefined && typeof content !== 'string' && !(Array.isArray(content) && content.every((b) => b !== null && typeof b === 'object' && typeof (b as { type?: unknown }).type === 'string'))) {
      return { line, error: '`response.content` is neither a string nor an array of content blocks' };
    }
  }
  (r as LogRecord).time = time;
  return { line, record: r as LogRecord };
}

import { createReadStream, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';

/** Where the docs live for someone who installed the package (repository paths are not in it). */
export const DOCS_URL = 'https://github.com/distill-guard/distill-guard/blob/main/docs';

/**
 * A file the command cannot use: missing, unreadable, binary or of the wrong format. Printed as
 * `distill-guard <command>: <message>` and, when there is one, a `hint:` line; exit code 1.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ESPIPE: 'it is a pipe, not a file (save it to a file first)',
};

/** What a file-system error means, in words, without the raw `ENOENT: ..., open '...'` text. */
export function fsReason(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FS_REASONS[code]) return FS_REASONS[code];
  return messageOf(err);
}

/**
 * An error's message for the CLI's own prefix: without the `distill-guard:` prefix the core puts
 * on its errors (so it is never doubled), and saying first that an option is missing (the core
 * ends such a message with `got nothing (the field is missing)`).
 */
export function messageOf(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  message = message.replace(/^distill-guard(?: [\w-]+)*: /, '');
  message = message.replace(/^(option `[^`]+`) (must .*?)[,;] got (?:undefined(?: undefined)?|nothing \(the field is missing\))\.?$/s, '$1 is missing: it $2.');
  return message;
}

/** `stat` that names the file and says what went wrong. */
export async function statInput(path: string, what: string, hint?: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (err) {
    throw new InputError(`cannot read ${what} ${path}: ${fsReason(err)}.`, hint);
  }
}

const HEAD_BYTES = 64 * 1024;

/** The first bytes of a file (decompressed when asked and the file is gzip), and whether that is all of it. */
export interface FileHead {
  bytes: Buffer;
  gzip: boolean;
  /** The head is the whole (decompressed) content. */
  complete: boolean;
}

function isGzip(buf: Buffer): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

async function collect(stream: NodeJS.ReadableStream, limit: number): Promise<{ bytes: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let complete = true;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size >= limit) {
      complete = false;
      break;
    }
  }
  const bytes = Buffer.concat(chunks);
  return { bytes: bytes.length > limit ? bytes.subarray(0, limit) : bytes, complete };
}

/**
 * Reads the head of a regular file, gunzipped when `decompress` is set and the file starts with
 * the gzip magic bytes. A gzip stream that cannot be decompressed is an {@link InputError}.
 */
export async function readHead(path: string, size: number, options: { decompress: boolean; what: string; hint?: string }): Promise<FileHead> {
  const raw = createReadStream(path, { start: 0, end: Math.max(0, Math.min(size, HEAD_BYTES) - 1) });
  let head: { bytes: Buffer; complete: boolean };
  try {
    head = await collect(raw, HEAD_BYTES);
  } catch (err) {
    throw new InputError(`cannot read ${options.what} ${path}: ${fsReason(err)}.`, options.hint);
  } finally {
    raw.destroy();
  }
  const gzip = isGzip(head.bytes);
  if (!gzip || !options.decompress) return { bytes: head.bytes, gzip, complete: size <= HEAD_BYTES };
  const file = createReadStream(path);
  const gunzip = createGunzip();
  file.on('error', (err) => gunzip.destroy(err));
  file.pipe(gunzip);
  try {
    return { gzip, ...(await collect(gunzip, HEAD_BYTES)) };
  } catch (err) {
    throw new InputError(`${path} starts like a gzip file but cannot be decompressed (${messageOf(err)}).`, 'check that the file was copied whole; a plain-text file must not start with the bytes 1f 8b.');
  } finally {
    file.destroy();
    gunzip.destroy();
  }
}

/**
 * Whether bytes look like a binary file rather than text: a NUL byte, or more than one character
 * in ten that is not valid UTF-8 or is a control character other than tab, newline, return and
 * form feed.
 */
export function looksBinary(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  if (bytes.includes(0)) return true;
  const text = bytes.toString('utf8');
  let odd = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 127) odd++;
  }
  // A multi-byte character cut at the end of the head counts once; a few are noise, not binary.
  return odd > 2 && odd / text.length > 0.1;
}

/** The complete, non-blank lines of a head, numbered from 1 (a last line cut by the head is left out). */
export function headLines(head: FileHead): Array<{ line: number; text: string }> {
  const parts = head.bytes.toString('utf8').split('\n');
  if (!head.complete) parts.pop();
  const out: Array<{ line: number; text: string }> = [];
  parts.forEach((text, i) => {
    if (text.trim() !== '') out.push({ line: i + 1, text: text.replace(/\r$/, '') });
  });
  return out;
}

/** The parsed JSON object on a line, or undefined. */
export function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a line is an event of a distill-guard audit log (it carries the chain fields). */
export function isAuditEvent(o: Record<string, unknown> | undefined): boolean {
  return o !== undefined && typeof o.seq === 'number' && typeof o.type === 'string' && typeof o.hash === 'string';
}

/** Whether a line is a record of a request log (`ts` and `ip`). */
export function isRequestRecord(o: Record<string, unknown> | undefined): boolean {
  return o !== undefined && typeof o.ts === 'string' && typeof o.ip === 'string';
}

/** A line of text, shortened and with control characters escaped, for a message. */
export function quoteLine(text: string, max = 60): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

export const AUDIT_HINT =
  `give the files the guard's \`audit\` option writes: JSON Lines, one event per line with "seq", "type" and "hash" (see ${DOCS_URL}/operations.md).`;

/**
 * Checks that every path is a readable audit file, or a directory of them, before a command
 * reads them: each file must be plain text (not gzip, not binary) and, unless it is empty, have
 * an audit event among its first lines. Throws an {@link InputError} naming the first bad file.
 */
export async function checkAuditFiles(paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    const st = await statInput(path, 'audit file', AUDIT_HINT);
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      } catch (err) {
        throw new InputError(`cannot read directory ${path}: ${fsReason(err)}.`);
      }
      for (const name of names) {
        const file = join(path, name);
        const s = await statInput(file, 'audit file', AUDIT_HINT);
        if (s.isFile()) await checkAuditFile(file, s.size);
      }
    } else if (st.isFile()) {
      await checkAuditFile(path, st.size);
    }
  }
}

async function checkAuditFile(path: string, size: number): Promise<void> {
  if (size === 0) return;
  const head = await readHead(path, size, { decompress: false, what: 'audit file', hint: AUDIT_HINT });
  if (head.gzip) throw new InputError(`${path} is gzip-compressed; audit files are read as plain text.`, `decompress it first (gunzip -k ${path}) and give the .jsonl file.`);
  if (looksBinary(head.bytes)) throw new InputError(`${path} is not an audit log: it holds binary data.`, AUDIT_HINT);
  const lines = headLines(head);
  if (lines.length === 0) return; // one line longer than the head: let the reader judge it
  const parsed = lines.map((l) => ({ ...l, value: jsonObject(l.text) }));
  if (parsed.some((l) => isAuditEvent(l.value))) return;
  const first = parsed[0]!;
  const what =
    first.value === undefined
      ? `line ${first.line} is not a JSON object: ${quoteLine(first.text)}`
      : `line ${first.line} is a JSON object without the audit fields "seq", "type" and "hash"`;
  const hint = parsed.some((l) => isRequestRecord(l.value))
    ? `it looks like a request log: backtest it with \`distill-guard replay ${path}\`.`
    : AUDIT_HINT;
  const where = lines.length === 1 ? what : `none of its first ${lines.length} lines is an audit event (${what})`;
  throw new InputError(`${path} is not an audit log: ${where}.`, hint);
}

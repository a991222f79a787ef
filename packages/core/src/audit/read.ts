import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** One raw line of an audit file, numbered from 1. Lines are split on `\n` only. */
export interface AuditLine {
  file: string;
  line: number;
  text: string;
}

/**
 * The lines of one file, streamed (audit files can be large). A final newline ends the last line.
 *
 * @example
 * ```ts
 * for await (const { line, text } of readLines('logs/audit.jsonl')) if (!text) console.log(`blank line ${line}`);
 * ```
 */
export async function* readLines(file: string): AsyncGenerator<AuditLine> {
  let rest = '';
  let line = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop()!;
    for (const text of parts) yield { file, line: ++line, text };
  }
  if (rest !== '') yield { file, line: ++line, text: rest };
}

/**
 * Expands directories to the files directly inside them (sorted, dot-files skipped) and drops
 * repeated paths, so `audit verify logs/` checks every rotated file.
 *
 * @example
 * ```ts
 * await expandAuditPaths(['logs/', 'logs/audit.jsonl']); // ['logs/audit.2026-11-02.001.jsonl', 'logs/audit.jsonl']
 * ```
 */
export async function expandAuditPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = resolve(p);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  for (const p of paths) {
    const s = await stat(p);
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => !n.startsWith('.')).sort();
      for (const n of names) if ((await stat(join(p, n))).isFile()) add(join(p, n));
    } else {
      add(p);
    }
  }
  return out;
}

/** `seq` of the first line of a file that parses as an event, or undefined. */
export async function firstSeqOf(file: string): Promise<number | undefined> {
  for await (const { text } of readLines(file)) {
    try {
      const e = JSON.parse(text) as { seq?: unknown };
      if (typeof e.seq === 'number') return e.seq;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/**
 * Orders audit files by the sequence numbers they hold, whatever their names.
 *
 * @example
 * ```ts
 * const ordered = await orderAuditFiles(['b.jsonl', 'a.jsonl']); // [{ path: 'a.jsonl', firstSeq: 1 }, { path: 'b.jsonl', firstSeq: 5001 }]
 * ```
 */
export async function orderAuditFiles(paths: readonly string[]): Promise<Array<{ path: string; firstSeq?: number }>> {
  const files = await Promise.all(
    (await expandAuditPaths(paths)).map(async (path) => {
      const firstSeq = await firstSeqOf(path);
      return firstSeq === undefined ? { path } : { path, firstSeq };
    }),
  );
  return files.sort((a, b) => (a.firstSeq ?? Infinity) - (b.firstSeq ?? Infinity));
}

/**
 * Every event of the given audit files, in chain order; lines that are not JSON objects are skipped.
 *
 * @example
 * ```ts
 * for await (const event of readAuditEvents(['logs/'])) if (event.type === 'decision') count++;
 * ```
 */
export async function* readAuditEvents(paths: readonly string[]): AsyncGenerator<Record<string, unknown>> {
  for (const { path } of await orderAuditFiles(paths)) {
    for await (const { text } of readLines(path)) {
      if (!text) continue;
      try {
        const e: unknown = JSON.parse(text);
        if (e && typeof e === 'object' && !Array.isArray(e)) yield e as Record<string, unknown>;
      } catch {
        // `verify` reports broken lines; a report skips them.
      }
    }
  }
}

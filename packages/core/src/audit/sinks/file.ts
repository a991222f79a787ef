import { mkdir, open, readdir, rename, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { ChainHead } from '../chain.js';
import type { AuditEvent } from '../events.js';
import type { AuditSink } from './types.js';

/** When written lines are forced to disk. */
export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface FileSinkOptions {
  /** The active file; rotated files sit next to it as `<name>.<YYYY-MM-DD>.<nnn><ext>`. */
  path: string;
  /** Rotate before a line would make the file larger than this. */
  maxBytes: number;
  /** Rotate when the UTC day of the events changes. */
  daily: boolean;
  fsync: FsyncPolicy;
  /** Period of the `interval` policy. */
  fsyncIntervalMs: number;
}

const TAIL_WINDOW = 64 * 1024;

/**
 * Append-only JSON lines with rotation by size and by UTC day. Rotation renames the active file
 * and opens a fresh one; the chain simply continues, so `verify` checks the files as one log.
 * On start the sink reads the last event back (`resume`) so a restart continues the chain too.
 */
export class FileSink implements AuditSink {
  readonly name = 'file';
  private handle: FileHandle | undefined;
  private size = 0;
  /** UTC day of the first event in the active file. */
  private day: string | undefined;
  /** The active file ends with a partial line (a crash mid-write): start the next one on a new line. */
  private needsNewline = false;
  /** Highest seq on disk: a batch retried after a partial failure skips what is already written. */
  private lastSeq = 0;
  private dirty = false;
  private lock: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private opened: Promise<ChainHead | undefined> | undefined;

  constructor(private readonly options: FileSinkOptions) {}

  resume(): Promise<ChainHead | undefined> {
    // A failed open is not kept: the audit log retries, and the next call tries again (the
    // directory may have been made writable since).
    this.opened ??= this.open().catch((err: unknown) => {
      this.opened = undefined;
      throw err;
    });
    return this.opened;
  }

  write(lines: readonly string[], events: readonly AuditEvent[]): Promise<void> {
    return this.serial(async () => {
      await this.resume();
      // A rotation that failed half-way (the rename, or opening the new file) left no file open.
      if (!this.handle) await this.reopen();
      let chunk: string[] = [];
      let chunkBytes = 0;
      let chunkSeq = this.lastSeq;
      for (let i = 0; i < lines.length; i++) {
        const event = events[i]!;
        if (event.seq <= this.lastSeq) continue;
        const line = lines[i]!;
        const bytes = Buffer.byteLength(line);
        const day = utcDay(event.time);
        const pending = this.size + chunkBytes;
        if (pending > 0 && ((this.options.daily && day !== this.day) || pending + bytes > this.options.maxBytes)) {
          await this.append(chunk, chunkBytes, chunkSeq);
          chunk = [];
          chunkBytes = 0;
          await this.rotate();
        }
        if (this.size + chunkBytes === 0) this.day = day;
        chunk.push(line);
        chunkBytes += bytes;
        chunkSeq = event.seq;
      }
      await this.append(chunk, chunkBytes, chunkSeq);
      if (this.options.fsync === 'always') await this.sync();
    });
  }

  flush(): Promise<void> {
    return this.serial(() => this.sync());
  }

  close(): Promise<void> {
    return this.serial(async () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      if (this.handle) {
        await this.sync();
        await this.handle.close();
        this.handle = undefined;
      }
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work, work);
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async open(): Promise<ChainHead | undefined> {
    await mkdir(dirname(this.options.path), { recursive: true });
    this.handle = await open(this.options.path, 'a', 0o600);
    this.size = (await this.handle.stat()).size;
    if (this.options.fsync === 'interval') {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), this.options.fsyncIntervalMs);
      this.timer.unref();
    }
    let head: ChainHead | undefined;
    if (this.size > 0) {
      const tail = await readLastEvent(this.options.path, this.size);
      this.needsNewline = !tail.endsWithNewline;
      head = tail.head;
      this.day = (await readFirstDay(this.options.path)) ?? utcDay((await this.handle.stat()).mtimeMs);
    }
    if (!head) {
      for (const file of await this.rotatedFiles()) {
        const s = await stat(file).catch(() => undefined);
        if (!s || s.size === 0) continue;
        const found = (await readLastEvent(file, s.size)).head;
        if (found && (!head || found.seq > head.seq)) head = found;
      }
    }
    this.lastSeq = head?.seq ?? 0;
    return head;
  }

  private async append(lines: string[], bytes: number, lastSeq: number): Promise<void> {
    if (lines.length === 0) return;
    const handle = this.handle!;
    const prefix = this.needsNewline ? '\n' : '';
    const buffer = Buffer.from(prefix + lines.join(''), 'utf8');
    let offset = 0;
    try {
      while (offset < buffer.length) {
        const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
        offset += bytesWritten;
      }
    } catch (err) {
      // Leave no half batch behind: the audit log retries the whole batch, on a file opened
      // again by its path (the disk may have filled, the file may have been replaced).
      await handle.truncate(this.size).catch(() => undefined);
      await handle.close().catch(() => undefined);
      this.handle = undefined;
      throw err;
    }
    this.needsNewline = false;
    this.size += bytes + prefix.length;
    this.lastSeq = lastSeq;
    this.dirty = true;
  }

  private async sync(): Promise<void> {
    if (!this.handle || !this.dirty || this.options.fsync === 'never') return;
    this.dirty = false;
    await this.handle.datasync();
  }

  private async rotate(): Promise<void> {
    if (this.options.fsync !== 'never') await this.sync();
    await this.handle!.close();
    this.handle = undefined;
    try {
      await rename(this.options.path, await this.rotatedName(this.day ?? '0000-00-00'));
    } catch (err) {
      // Keep writing to the active file (rotation is tried again with the next batch); if even
      // that cannot be opened, the next write reopens it.
      await this.reopen().catch(() => undefined);
      throw err;
    }
    this.handle = await open(this.options.path, 'a', 0o600);
    this.size = 0;
    this.day = undefined;
    this.dirty = false;
  }

  /** Opens the active file again after a failure, where it is, with its size as it is on disk. */
  private async reopen(): Promise<void> {
    await mkdir(dirname(this.options.path), { recursive: true });
    const handle = await open(this.options.path, 'a', 0o600);
    this.handle = handle;
    this.size = (await handle.stat()).size;
  }

  private parts(): { dir: string; stem: string; ext: string } {
    const ext = extname(this.options.path);
    return { dir: dirname(this.options.path), stem: basename(this.options.path, ext), ext };
  }

  private async rotatedName(day: string): Promise<string> {
    const { dir, stem, ext } = this.parts();
    const taken = new Set(await readdir(dir).catch(() => [] as string[]));
    for (let n = 1; ; n++) {
      const name = `${stem}.${day}.${String(n).padStart(3, '0')}${ext}`;
      if (!taken.has(name)) return join(dir, name);
    }
  }

  private async rotatedFiles(): Promise<string[]> {
    const { dir, stem, ext } = this.parts();
    const pattern = new RegExp(`^${escapeRegExp(stem)}\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+${escapeRegExp(ext)}$`);
    const names = await readdir(dir).catch(() => [] as string[]);
    return names.filter((n) => pattern.test(n)).map((n) => join(dir, n));
  }
}

/**
 * `YYYY-MM-DD` of a ms timestamp, in UTC.
 *
 * @example
 * ```ts
 * utcDay(Date.parse('2026-11-02T23:59:59Z')); // '2026-11-02'
 * ```
 */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function chainHeadOf(line: string): ChainHead | undefined {
  try {
    const e = JSON.parse(line) as { seq?: unknown; hash?: unknown };
    if (typeof e.seq === 'number' && Number.isInteger(e.seq) && typeof e.hash === 'string') return { seq: e.seq, hash: e.hash };
  } catch {
    // Not an event line.
  }
  return undefined;
}

/** The last complete, parseable event of a file, reading backwards from the end. */
async function readLastEvent(path: string, size: number): Promise<{ head?: ChainHead; endsWithNewline: boolean }> {
  const handle = await open(path, 'r');
  try {
    let endsWithNewline = true;
    for (let window = TAIL_WINDOW; ; window *= 4) {
      const start = Math.max(0, size - window);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n');
      const tail = lines.pop();
      if (window === TAIL_WINDOW) endsWithNewline = tail === '';
      if (start > 0) lines.shift();
      for (let i = lines.length - 1; i >= 0; i--) {
        const head = chainHeadOf(lines[i]!);
        if (head) return { head, endsWithNewline };
      }
      if (start === 0) return { endsWithNewline };
    }
  } finally {
    await handle.close();
  }
}

async function readFirstDay(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(TAIL_WINDOW);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]!;
    const e = JSON.parse(first) as { time?: unknown };
    return typeof e.time === 'number' ? utcDay(e.time) : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

import { timingSafeEqual } from 'node:crypto';
import { eventHash, GENESIS_HASH } from './chain.js';
import { orderAuditFiles, readLines, type AuditLine } from './read.js';

/** Where and why a chain check failed. */
export interface AuditVerifyFailure {
  file: string;
  /** 1-based line number within `file`. */
  line: number;
  /** `seq` of the offending line, when it could be read. */
  seq?: number;
  problem: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  /** Events that passed before the first failure (all of them when `ok`). */
  events: number;
  /** Passed events per `type`. */
  byType: Record<string, number>;
  firstSeq?: number;
  lastSeq?: number;
  /** Files in chain order, with what was checked in each. */
  files: Array<{ path: string; events: number; firstSeq?: number; lastSeq?: number }>;
  failure?: AuditVerifyFailure;
  /**
   * Events this copy does not hold, counted by the sink that skipped them (`skipped` lines of
   * the Redis stream next to a file): a counted loss, not a deletion. Present when there were any.
   */
  skipped?: number;
  /** Each counted gap: the seqs it stands for, and where its `skipped` line is. */
  gaps?: AuditVerifyGap[];
}

/** A `skipped` line that passed: events `fromSeq`..`toSeq` are missing from this copy, counted. */
export interface AuditVerifyGap {
  file: string;
  line: number;
  sink?: string;
  fromSeq: number;
  toSeq: number;
  count: number;
}

export interface AuditVerifyOptions {
  /**
   * Accept a chain that does not start at seq 1 (older rotated files were deleted on purpose).
   * The first line is then trusted as the starting point. Default false.
   */
  partial?: boolean;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Checks lines one by one against the chain; stops at the first failure. */
export class ChainVerifier {
  private last: { seq: number; hash: string } | undefined;
  readonly result: AuditVerifyResult = { ok: true, events: 0, byType: {}, files: [] };

  constructor(
    private readonly secret: string,
    private readonly options: AuditVerifyOptions = {},
  ) {}

  /** Returns the failure for this line, if any (and records it in `result`). */
  check({ file, line, text }: AuditLine): AuditVerifyFailure | undefined {
    const fail = (problem: string, seq?: number): AuditVerifyFailure => {
      const failure: AuditVerifyFailure = seq === undefined ? { file, line, problem } : { file, line, seq, problem };
      this.result.ok = false;
      this.result.failure = failure;
      return failure;
    };
    if (text.trim() === '') return fail('blank line');
    let event: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('not a JSON object');
      event = parsed as Record<string, unknown>;
    } catch {
      return fail('not valid JSON (edited, or a write cut short by a crash)');
    }
    const { seq, prev, hash } = event;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || typeof prev !== 'string' || !HEX64.test(prev) || typeof hash !== 'string' || !HEX64.test(hash)) {
      return fail('missing or malformed chain fields (seq, prev, hash)', typeof seq === 'number' ? seq : undefined);
    }
    const expected = eventHash(this.secret, event);
    if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(hash, 'hex'))) {
      return fail(
        this.last === undefined
          ? 'hash does not match the content: the line was edited, or the secret is wrong'
          : 'hash does not match the content: the line was edited or forged',
        seq,
      );
    }
    if (event.type === 'skipped') return this.bridge(event, seq, prev, file, line, fail);
    if (this.last === undefined) {
      if (seq !== 1 && !this.options.partial) {
        return fail(`the chain starts at seq ${seq}, not 1: earlier events are missing (verify with --partial if older files were removed on purpose)`, seq);
      }
      if (seq === 1 && prev !== GENESIS_HASH) return fail('seq 1 does not start a chain (prev is not the genesis value)', seq);
    } else {
      const want = this.last.seq + 1;
      if (seq > want) return fail(`seq ${seq} where ${want} was expected: ${seq - want} event(s) missing before this line (deleted, or moved)`, seq);
      if (seq < want) return fail(`seq ${seq} where ${want} was expected: this line is a duplicate, was inserted or was moved`, seq);
      if (prev !== this.last.hash) return fail('prev does not match the hash of the line before: a line was replaced, or the files belong to different chains', seq);
    }
    this.last = { seq, hash };
    const r = this.result;
    r.events++;
    r.firstSeq ??= seq;
    r.lastSeq = seq;
    const type = typeof event.type === 'string' ? event.type : 'unknown';
    r.byType[type] = (r.byType[type] ?? 0) + 1;
    return undefined;
  }

  /**
   * A `skipped` line (already checked against its hash): it stands for events `fromSeq`..`seq`
   * that this copy does not hold. It must start right after the line before (`fromSeq`, and
   * `prev` equal to that line's hash), count exactly the seqs it stands for, and the next line
   * must link to its `last`, so an unbridged gap or a bridge that does not fit is still caught.
   */
  private bridge(
    event: Record<string, unknown>,
    seq: number,
    prev: string,
    file: string,
    line: number,
    fail: (problem: string, seq?: number) => AuditVerifyFailure,
  ): AuditVerifyFailure | undefined {
    const { fromSeq, count, last } = event;
    if (typeof fromSeq !== 'number' || !Number.isInteger(fromSeq) || fromSeq < 1 || fromSeq > seq || typeof last !== 'string' || !HEX64.test(last)) {
      return fail('a skipped line without a valid fromSeq and last hash', seq);
    }
    if (count !== seq - fromSeq + 1) return fail(`a skipped line for seq ${fromSeq}..${seq} that counts ${String(count)} event(s)`, seq);
    if (this.last === undefined) {
      if (fromSeq !== 1 && !this.options.partial) {
        return fail(`the chain starts at seq ${fromSeq}, not 1: earlier events are missing (verify with --partial if older files were removed on purpose)`, seq);
      }
      if (fromSeq === 1 && prev !== GENESIS_HASH) return fail('a skipped line from seq 1 whose prev is not the genesis value', seq);
    } else {
      const want = this.last.seq + 1;
      if (fromSeq > want) return fail(`skipped events from seq ${fromSeq} where ${want} was expected: ${fromSeq - want} event(s) missing before this line (deleted, or moved)`, seq);
      if (fromSeq < want) return fail(`skipped events from seq ${fromSeq} where ${want} was expected: the line overlaps events before it (inserted, or moved)`, seq);
      if (prev !== this.last.hash) return fail('the skipped line does not link to the line before (prev does not match its hash)', seq);
    }
    this.last = { seq, hash: last };
    const r = this.result;
    r.events++;
    r.firstSeq ??= fromSeq;
    r.lastSeq = seq;
    r.byType.skipped = (r.byType.skipped ?? 0) + 1;
    r.skipped = (r.skipped ?? 0) + (seq - fromSeq + 1);
    const gap: AuditVerifyGap = { file, line, fromSeq, toSeq: seq, count: seq - fromSeq + 1 };
    if (typeof event.sink === 'string') gap.sink = event.sink;
    (r.gaps ??= []).push(gap);
    return undefined;
  }
}

/**
 * Verifies the HMAC chain across audit files, given in any order (rotated files included;
 * directories are expanded). Files are put in order by their own sequence numbers. Returns at
 * the first bad line with its file, line number and what is wrong.
 *
 * @example
 * ```ts
 * const result = await verifyAuditFiles(['logs/'], process.env.DISTILL_GUARD_AUDIT_SECRET);
 * if (!result.ok) console.error(`${result.failure.file}:${result.failure.line}: ${result.failure.problem}`);
 * ```
 */
export async function verifyAuditFiles(paths: readonly string[], secret: string | undefined, options: AuditVerifyOptions = {}): Promise<AuditVerifyResult> {
  const verifier = new ChainVerifier(secret ?? '', options);
  for (const { path } of await orderAuditFiles(paths)) {
    const entry: AuditVerifyResult['files'][number] = { path, events: 0 };
    verifier.result.files.push(entry);
    for await (const line of readLines(path)) {
      if (verifier.check(line)) return verifier.result;
      entry.events++;
      entry.firstSeq ??= verifier.result.lastSeq;
      entry.lastSeq = verifier.result.lastSeq;
    }
  }
  return verifier.result;
}

/**
 * Verifies a chain given as lines (for example `XRANGE` output of the Redis sink, one instance).
 *
 * @example
 * ```ts
 * const lines = entries.map(([, fields]) => fields[1]);
 * const result = await verifyAuditLines(lines, secret);
 * ```
 */
export async function verifyAuditLines(
  lines: Iterable<string> | AsyncIterable<string>,
  secret: string | undefined,
  options: AuditVerifyOptions & { source?: string } = {},
): Promise<AuditVerifyResult> {
  const verifier = new ChainVerifier(secret ?? '', options);
  const file = options.source ?? '<input>';
  let n = 0;
  for await (const text of lines) {
    if (verifier.check({ file, line: ++n, text })) break;
  }
  return verifier.result;
}

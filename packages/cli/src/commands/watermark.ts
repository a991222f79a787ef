import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import { MIN_SECRET_LENGTH, rankIdentities, scoreEvidence, WatermarkEvidence, watermarkKey, type IdentityScore, type WatermarkScore } from '@distill-guard/core/watermark';
import { fsReason, headLines, jsonObject, looksBinary, readHead, statInput } from './input.js';
import { UsageError, type Command, type CommandIO } from './types.js';

/** The environment variable the secret is read from unless `--secret-env` names another. */
export const WATERMARK_SECRET_ENV = 'DISTILL_GUARD_WATERMARK_SECRET';
const DEFAULT_ALPHA = 1e-6;
const DEFAULT_TOP = 10;

const USAGE = `Usage: distill-guard watermark verify <files...> [options]

Tests suspect texts (a competitor's model's answers, sampled by you) for the watermark that
claudeRoute's \`watermark\` option puts in served answers, and prints the test statistic, the
p-value and the number of scored positions. A file is plain text (the whole file is one text) or
JSON Lines with a "text" string on each line (one text per line); .gz files are read too.

The p-value is exact: for text written without the key, the number of positions that agree
with it follows Binomial(positions, 1/2), whatever the text.

Options:
  --secret-env NAME   environment variable holding the watermark secret
                      (default ${WATERMARK_SECRET_ENV}); never pass the secret itself
  --alpha P           significance: the mark is found when p < P (default 1e-6)
  --attribution       the answers were marked with attribution: score the shared half only
  --identities FILE   rank these identities (one id per line, or JSON lines with an
                      "identity" field, such as the audit log); implies --attribution
  --top N             identities to print (default ${DEFAULT_TOP}; --json prints all)
  --all-pairs         score every pair, also those the texts always write one way (by
                      default they are left out: a normaliser's work, only coin flips)
  --format F          auto (default), text or jsonl
  --json              print the result as JSON

Exit codes: 0 the mark is found (p < alpha), 1 it is not, 2 usage error (a missing secret, an
unreadable file).`;

type Format = 'auto' | 'text' | 'jsonl';

interface Args {
  files: string[];
  envName: string;
  alpha: number;
  attribution: boolean;
  identities?: string;
  top: number;
  format: Format;
  json: boolean;
  allPairs: boolean;
}

function parse(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'secret-env': { type: 'string' },
        alpha: { type: 'string' },
        attribution: { type: 'boolean' },
        identities: { type: 'string' },
        top: { type: 'string' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        'all-pairs': { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('give at least one file of suspect texts.');
  const alpha = values.alpha === undefined ? DEFAULT_ALPHA : Number(values.alpha);
  if (values.alpha !== undefined && (values.alpha.trim() === '' || !Number.isFinite(alpha) || alpha <= 0 || alpha >= 1)) {
    throw new UsageError(`--alpha must be a number between 0 and 1 (exclusive), got "${values.alpha}".`);
  }
  const top = values.top === undefined ? DEFAULT_TOP : Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got "${values.top}".`);
  const format = (values.format ?? 'auto') as Format;
  if (!['auto', 'text', 'jsonl'].includes(format)) throw new UsageError(`--format must be auto, text or jsonl, got "${values.format}".`);
  return {
    files: positionals,
    envName: values['secret-env'] ?? WATERMARK_SECRET_ENV,
    alpha,
    attribution: values.attribution === true || values.identities !== undefined,
    ...(values.identities !== undefined && { identities: values.identities }),
    top,
    format,
    json: values.json === true,
    allPairs: values['all-pairs'] === true,
  };
}

/** Opens a file for reading lines, gunzipped when it is gzip; what it is (text or JSON lines). */
async function open(file: string, format: Format): Promise<{ lines: AsyncIterable<string>; jsonl: boolean }> {
  let st;
  try {
    st = await statInput(file, 'file');
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (st.isDirectory()) throw new UsageError(`${file} is a directory; give files.`);
  let head;
  try {
    head = st.size > 0 ? await readHead(file, st.size, { decompress: true, what: 'file' }) : { bytes: Buffer.alloc(0), gzip: false, complete: true };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (looksBinary(head.bytes)) throw new UsageError(`${file} holds binary data, not text.`);
  let jsonl = format === 'jsonl';
  if (format === 'auto') {
    const first = headLines(head)[0]?.text;
    jsonl = /\.(jsonl|ndjson)(\.gz)?$/i.test(file) || (first !== undefined && typeof jsonObject(first)?.text === 'string');
  }
  const raw = createReadStream(file);
  const input = head.gzip ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => input.emit('error', err));
  return { lines: createInterface({ input, crlfDelay: Infinity }), jsonl };
}

interface Read {
  texts: number;
  /** JSON lines without a "text" string (or not JSON). */
  skipped: number;
  firstSkipped?: string;
}

async function readInto(evidence: WatermarkEvidence, file: string, format: Format): Promise<Read> {
  const { lines, jsonl } = await open(file, format);
  const read: Read = { texts: 0, skipped: 0 };
  let lineNo = 0;
  try {
    if (!jsonl) {
      for await (const line of lines) evidence.push(`${line}\n`);
      evidence.endText();
      read.texts++;
      return read;
    }
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const o = jsonObject(line);
      if (typeof o?.text !== 'string') {
        read.skipped++;
        read.firstSkipped ??= `${file}:${lineNo}: ${o ? 'no "text" string' : 'not a JSON object'}`;
        continue;
      }
      evidence.addText(o.text);
      read.texts++;
    }
  } catch (err) {
    throw new UsageError(`cannot read file ${file}: ${fsReason(err)}.`);
  }
  return read;
}

async function readIdentities(file: string): Promise<string[]> {
  const { lines } = await open(file, 'text');
  const ids = new Set<string>();
  for await (const line of lines) {
    const t = line.trim();
    if (t === '') continue;
    const o = t.startsWith('{') ? jsonObject(t) : undefined;
    if (o) {
      if (typeof o.identity === 'string') ids.add(o.identity);
    } else ids.add(t);
  }
  if (ids.size === 0) throw new UsageError(`${file} names no identity (one per line, or JSON lines with an "identity" field).`);
  return [...ids];
}

function formatP(s: WatermarkScore): string {
  if (s.pValue > 0) return s.pValue < 1e-3 ? s.pValue.toExponential(2) : s.pValue.toPrecision(3);
  return `10^${s.log10PValue.toFixed(1)}`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

async function verify(argv: string[], io: CommandIO): Promise<number> {
  const args = parse(argv);
  const secret = process.env[args.envName];
  if (!secret) throw new UsageError(`${args.envName} is not set: put the watermark secret in it (or name another variable with --secret-env).`);
  if (secret.length < MIN_SECRET_LENGTH) throw new UsageError(`${args.envName} holds ${secret.length} characters; a watermark secret has at least ${MIN_SECRET_LENGTH}.`);
  const key = watermarkKey(secret);
  const identities = args.identities === undefined ? undefined : await readIdentities(args.identities);

  const evidence = new WatermarkEvidence();
  let skipped = 0;
  let firstSkipped: string | undefined;
  for (const file of args.files) {
    const read = await readInto(evidence, file, args.format);
    skipped += read.skipped;
    firstSkipped ??= read.firstSkipped;
  }
  if (skipped > 0) io.stderr.write(`distill-guard watermark verify: note: ${plural(skipped, 'line')} without a "text" string skipped (first: ${firstSkipped}).\n`);

  const skipUniformPairs = !args.allPairs;
  const score = scoreEvidence(evidence, key, { attribution: args.attribution, skipUniformPairs });
  const found = score.pValue < args.alpha || (score.pValue === 0 && score.log10PValue < Math.log10(args.alpha));
  const ranked: IdentityScore[] | undefined = identities && rankIdentities(evidence, key, identities, { skipUniformPairs });
  // The smallest p-value this many positions can give: all of them agree.
  const bestPossible = score.positions * -Math.log10(2);

  if (args.json) {
    io.stdout.write(
      `${JSON.stringify(
        {
          found,
          alpha: args.alpha,
          keyId: key.id,
          texts: evidence.texts,
          occurrences: evidence.occurrences,
          positions: score.positions,
          matches: score.matches,
          z: score.z,
          pValue: score.pValue,
          log10PValue: score.log10PValue,
          attribution: args.attribution,
          skippedPairs: score.skippedPairs ?? [],
          ...(ranked && { identities: ranked.map((r) => ({ identity: r.identity, positions: r.positions, matches: r.matches, z: r.z, pValue: r.pValue, adjustedPValue: r.adjustedPValue })) }),
        },
        null,
        2,
      )}\n`,
    );
    return found ? 0 : 1;
  }
  const out: string[] = [];
  out.push(
    `${found ? 'FOUND    ' : 'NOT FOUND'}  key ${key.id}: p = ${formatP(score)} (alpha ${args.alpha < 1e-3 ? args.alpha.toExponential() : args.alpha}), z = ${score.z.toFixed(2)}, ` +
      `${score.matches.toLocaleString('en-US')} of ${plural(score.positions, 'scored position')} agree with the key`,
  );
  out.push(`           ${plural(evidence.texts, 'text')}, ${plural(evidence.occurrences, 'occurrence')} of a watermark pair${args.attribution ? '; shared positions only (attribution)' : ''}`);
  if (score.skippedPairs) {
    out.push(`           left out, always written one way: ${score.skippedPairs.map((p) => `${p.pair} (${p.positions})`).join(', ')}`);
  }
  if (!found && bestPossible > Math.log10(args.alpha)) {
    out.push(`           too little text to reach alpha: with ${plural(score.positions, 'position')} even full agreement gives p = 10^${bestPossible.toFixed(1)}. Sample more text.`);
  }
  if (ranked) {
    out.push('', `Identities (of ${ranked.length}), strongest first, on ${plural(ranked[0]?.positions ?? 0, 'identity position')}:`);
    out.push(`  ${'identity'.padEnd(28)} ${'agree'.padStart(11)} ${'z'.padStart(7)} ${'p'.padStart(10)} ${'p x ids'.padStart(10)}`);
    for (const r of ranked.slice(0, args.top)) {
      const p = r.pValue > 0 ? r.pValue.toExponential(2) : `1e${r.log10PValue.toFixed(0)}`;
      out.push(`  ${r.identity.padEnd(28)} ${`${r.matches}/${r.positions}`.padStart(11)} ${r.z.toFixed(2).padStart(7)} ${p.padStart(10)} ${r.adjustedPValue.toExponential(2).padStart(10)}`);
    }
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return found ? 0 : 1;
}

/** `distill-guard watermark verify <files...>`: tests suspect texts for the output watermark. */
export const watermarkCommand: Command = {
  name: 'watermark',
  summary: 'Test suspect texts for the output watermark (watermark verify <files...>)',
  usage: USAGE,
  subcommands: ['verify'],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') throw new UsageError(sub ? `unknown subcommand '${sub}'.` : 'missing subcommand (verify).');
    return verify(rest, io);
  },
};

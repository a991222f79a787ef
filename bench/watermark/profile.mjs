// The watermark alone, for a profiler: the scanner over the development log's distinct answers,
// as a stream of deltas of N words (Claude's cut: each word with the space before it) or whole,
// many rounds, with nothing else in the loop (no relay, no HTTP). After a build:
//
//   node --cpu-prof --cpu-prof-dir=.prof/watermark bench/watermark/profile.mjs --words 1 --rounds 40
//   node bench/watermark/profile.mjs --whole
//
// It prints the CPU time per KB of answer against a pass-through transform in the same rounds;
// `cost.mjs` has the figures of record (the route's stream rewriter, and over HTTP).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { markText, parseWatermarkOptions, watermarkKey } from '@distill-guard/core/watermark';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const WHOLE = process.argv.includes('--whole');
const WORDS = arg('--words', 1);
const ROUNDS = arg('--rounds', 20);
const DIR = process.env.DG_DETECTION_DEV ?? fileURLToPath(new URL('../../../shared/data/detection-dev/', import.meta.url));
const SECRET = 'bench watermark secret, not a real one';

const answers = [];
for (const line of gunzipSync(readFileSync(`${DIR.replace(/\/$/, '')}/requests.jsonl.gz`)).toString('utf8').split('\n')) {
  if (!line) continue;
  const c = JSON.parse(line).response?.content;
  if (typeof c === 'string' && c.trim() !== '') answers.push(c);
}
const distinct = [...new Set(answers)];
const kb = distinct.reduce((n, t) => n + t.length, 0) / 1000;
const deltas = distinct.map((text) => {
  const all = text.match(/\s*\S+/g) ?? [];
  const out = [];
  for (let i = 0; i < all.length; i += WORDS) out.push(all.slice(i, i + WORDS).join(''));
  return out;
});

const resolved = parseWatermarkOptions({ secret: SECRET }, 'watermark');
const key = watermarkKey(SECRET);
const passThrough = () => ({ push: (text) => ({ text }), end: () => ({ text: '' }) });
const stream = (create) => () => {
  let n = 0;
  for (const ds of deltas) {
    const m = create();
    for (const d of ds) n += m.push(d).text.length;
    n += m.end().text.length;
  }
  return n;
};
const runs = WHOLE
  ? { baseline: () => distinct.reduce((n, t) => n + t.length, 0), marked: () => distinct.reduce((n, t) => n + markText(t, key).text.length, 0) }
  : { baseline: stream(passThrough), marked: stream(() => resolved.create('user:bench')) };

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const extra = [];
for (const f of Object.values(runs)) f();
for (let r = 0; r < ROUNDS; r++) {
  let t0 = cpuMs();
  runs.baseline();
  const base = cpuMs() - t0;
  t0 = cpuMs();
  runs.marked();
  extra.push(((cpuMs() - t0 - base) * 1000) / kb);
}
extra.sort((a, b) => a - b);
console.log(
  `${WHOLE ? 'markText on whole answers' : `the scanner on deltas of ${WORDS} word${WORDS === 1 ? '' : 's'}`}, ${kb.toFixed(0)} KB: ` +
    `${extra[extra.length >> 1].toFixed(1)} µs per KB (median of ${ROUNDS} rounds, least ${extra[0].toFixed(1)})`,
);

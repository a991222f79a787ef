// Shield evaluation: prompt-attack detection rates and scan cost, as printed in docs/shield.md.
//
//   pnpm build && node bench/shield-eval.mjs
//   DG_INJECTION_DEV=<dir with prompts.jsonl> node bench/shield-eval.mjs   (default ../shared/data/injection-dev)
//   DG_DETECTION_DEV=<dir with requests.jsonl.gz>                           (default ../shared/data/detection-dev)
//
// Rates: true-positive rate on attacks and false-positive rate on benign prompts at the default
// threshold (0.5), on the development file and on the held-out sets committed under
// packages/core/test/shield/fixtures/. Cost: scan time as a ratio to JSON.parse of the same
// lines, microseconds per prompt for context, and the per-character cost at growing lengths
// (it should stay flat: the scan is linear and capped at 16,384 characters per text).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createOutputFilter, scanInjection } from '@distill-guard/core';

const root = new URL('../', import.meta.url);
const devDir = process.env.DG_INJECTION_DEV ?? fileURLToPath(new URL('../shared/data/injection-dev/', root));
const trafficDir = process.env.DG_DETECTION_DEV ?? fileURLToPath(new URL('../shared/data/detection-dev/', root));
const fixtures = new URL('packages/core/test/shield/fixtures/', root);

function loadFixture(name) {
  return readFileSync(new URL(name, fixtures), 'utf8')
    .split(/\r?\n%%%\r?\n/)
    .map((s) => s.replace(/^\r?\n+|\r?\n+$/g, ''))
    .filter(Boolean);
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
function rates(attacks, benign, threshold = 0.5) {
  const flagged = (texts) => texts.filter((t) => scanInjection(t, { threshold }).verdict === 'injection').length;
  const tp = flagged(attacks);
  const fp = flagged(benign);
  return { tp, fp, tpr: tp / attacks.length, fpr: fp / benign.length, attacks: attacks.length, benign: benign.length };
}
const line = (name, r) => console.log(`${name.padEnd(34)} TPR ${pct(r.tpr).padStart(6)} (${r.tp}/${r.attacks})   FPR ${pct(r.fpr).padStart(5)} (${r.fp}/${r.benign})`);

console.log('Prompt-attack detection, default threshold 0.5\n');
let devLines = [];
const devFile = `${devDir.replace(/\/$/, '')}/prompts.jsonl`;
if (existsSync(devFile)) {
  devLines = readFileSync(devFile, 'utf8').split('\n').filter((l) => l.trim());
  const rows = devLines.map((l) => JSON.parse(l));
  const attacks = rows.filter((r) => r.label === 'injection').map((r) => r.text);
  const benign = rows.filter((r) => r.label === 'benign').map((r) => r.text);
  line('injection-dev/prompts.jsonl', rates(attacks, benign));
  const sweep = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((t) => {
    const r = rates(attacks, benign, t);
    return `${t.toFixed(1)}: ${pct(r.tpr)}/${pct(r.fpr)}`;
  });
  console.log(`  threshold sweep (TPR/FPR)         ${sweep.join('  ')}`);
} else {
  console.log(`(no development file at ${devFile}; set DG_INJECTION_DEV)`);
}

const held = {
  attacks: loadFixture('heldout-attacks.txt'),
  benign: loadFixture('heldout-benign.txt'),
  technical: loadFixture('heldout-benign-technical.txt'),
};
line('held-out set 1 (all benign)', rates(held.attacks, [...held.benign, ...held.technical]));
line('  benign: long technical only', rates(held.attacks, held.technical));
const blind = { attacks: loadFixture('blind-attacks.txt'), benign: [...loadFixture('blind-benign.txt'), ...loadFixture('blind-benign-technical.txt')] };
line('held-out set 2', rates(blind.attacks, blind.benign));
const fresh = { attacks: loadFixture('final-attacks.txt'), benign: loadFixture('final-benign.txt') };
line('held-out set 3', rates(fresh.attacks, fresh.benign));

// Real chat traffic (ShareGPT, Open Assistant and Alpaca prompts of the detection data set): not
// labelled for injection, so this is an upper bound on the false-positive rate of ordinary use.
let requestLines = [];
const trafficFile = `${trafficDir.replace(/\/$/, '')}/requests.jsonl.gz`;
if (existsSync(trafficFile)) {
  requestLines = gunzipSync(readFileSync(trafficFile)).toString('utf8').split('\n').filter((l) => l.trim());
  const prompts = new Set();
  for (const l of requestLines) {
    for (const m of JSON.parse(l).body?.messages ?? []) {
      const t = typeof m.content === 'string' ? m.content : '';
      if (t) prompts.add(t);
    }
  }
  const flagged = [...prompts].filter((t) => scanInjection(t).verdict === 'injection').length;
  console.log(`${'detection-dev prompts (unlabelled)'.padEnd(34)} flagged ${pct(flagged / prompts.size)} (${flagged}/${prompts.size} unique prompts)`);
}

// ---- cost ----
function cpuMicros(fn, reps) {
  let best = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = process.cpuUsage();
    for (let r = 0; r < reps; r++) fn();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / reps);
  }
  return best;
}

console.log('\nScan cost (best of 5, CPU time)\n');
const corpus = devLines.length > 0 ? devLines : [...held.attacks, ...held.benign, ...held.technical].map((text) => JSON.stringify({ text }));
const texts = corpus.map((l) => JSON.parse(l).text);
const chars = texts.reduce((n, t) => n + t.length, 0);
for (const t of texts) scanInjection(t);
const scanUs = cpuMicros(() => {
  for (const t of texts) scanInjection(t);
}, 3);
const parseUs = cpuMicros(() => {
  for (const l of corpus) JSON.parse(l);
}, 3);
console.log(`injection-dev prompts (${(chars / texts.length).toFixed(0)} chars avg): scan ${(scanUs / parseUs).toFixed(1)}x JSON.parse of the same lines, ${(scanUs / texts.length).toFixed(1)} us/prompt`);

if (requestLines.length > 0) {
  const lines = requestLines.slice(0, 20_000);
  const bodies = lines.map((l) => JSON.parse(l).body);
  const lastUser = bodies.map((b) => b.messages.at(-1)?.content).map((c) => (typeof c === 'string' ? c : ''));
  const avg = lastUser.reduce((n, t) => n + t.length, 0) / lastUser.length;
  const us = cpuMicros(() => {
    for (const t of lastUser) scanInjection(t);
  }, 2);
  const parse = cpuMicros(() => {
    for (const l of lines) JSON.parse(l);
  }, 2);
  console.log(`detection-dev requests (${avg.toFixed(0)} chars avg prompt): scan ${(us / parse).toFixed(2)}x JSON.parse of the whole request line, ${(us / lines.length).toFixed(1)} us/request`);
}

// A homogeneous text (one technical prompt repeated), so the per-character cost compares like with like.
const unit = held.technical[0];
const sample = (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const perChar = [];
for (const n of [500, 2_000, 8_000, 16_000, 64_000, 256_000]) {
  const text = sample(n);
  const reps = Math.max(3, Math.floor(400_000 / n));
  const us = cpuMicros(() => scanInjection(text), reps);
  perChar.push({ n, us });
}
const ref = perChar[0];
console.log(`per-character cost relative to 500 chars: ${perChar.map((p) => `${p.n}: ${((p.us / p.n) / (ref.us / ref.n)).toFixed(2)}`).join('  ')}`);
console.log(`  (${ref.us.toFixed(1)} us for a 500-character prompt; beyond 16,384 characters only sampled windows are scanned)`);

const reply = sample(200_000);
const filterUs = cpuMicros(() => {
  const f = createOutputFilter({ pii: true });
  for (let i = 0; i < reply.length; i += 64) f.push(reply.slice(i, i + 64));
  f.end();
}, 3);
const copyUs = cpuMicros(() => {
  let out = '';
  for (let i = 0; i < reply.length; i += 64) out += JSON.stringify({ type: 'content_block_delta', delta: { type: 'text_delta', text: reply.slice(i, i + 64) } });
  return out;
}, 3);
console.log(`output filter (secrets + PII, 64-char deltas): ${(filterUs / copyUs).toFixed(1)}x JSON.stringify of the SSE deltas, ${((filterUs / reply.length) * 1000).toFixed(0)} ns/char`);

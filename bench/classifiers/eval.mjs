// Content classifiers on the development log: per traffic kind, the distribution of the
// instruction-style probability, the prompt's reasoning-elicitation probability and the served
// answer's reasoning probability, per request and per account (the mean over its requests).
//
//   pnpm --filter ./packages/core build && node bench/classifiers/eval.mjs
//   node bench/classifiers/eval.mjs --save bench/classifiers/baseline.json   (keep the numbers)
//   node bench/classifiers/eval.mjs --compare bench/classifiers/baseline.json (print deltas too)
//   DG_DETECTION_DEV=<dir with requests.jsonl.gz and truth.json>            (default ../shared/data/detection-dev)
//
// The prompt is the last user turn; prompt reasoning is the stronger of the prompt's and the
// system prompt's, as the detector counts it. Answer reasoning is reported as "-" when the
// built package has no `answerReasoning` yet (the baseline run).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as core from '../../packages/core/dist/index.js';

const root = new URL('../../', import.meta.url);
const dir = (process.env.DG_DETECTION_DEV ?? fileURLToPath(new URL('../shared/data/detection-dev/', root))).replace(/\/$/, '');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const { scanText, instructionStyle, reasoningElicitation, lastUserText, systemText } = core;
const answerReasoning = core.answerReasoning;

const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8'));
const lines = gunzipSync(readFileSync(`${dir}/requests.jsonl.gz`)).toString('utf8').split('\n');

const METRICS = ['instruction', 'reasoning', 'answer'];
/** kind -> metric -> number[] (per request); kind -> account -> metric -> [sum, n]. */
const perRequest = new Map();
const perAccount = new Map();
const systemMemo = new Map();

for (const line of lines) {
  if (!line) continue;
  const r = JSON.parse(line);
  const kind = truth[r.user]?.kind ?? 'unknown';
  const prompt = lastUserText(r.body);
  const scan = scanText(prompt);
  let reasoning = reasoningElicitation(prompt, scan).probability;
  const system = systemText(r.body);
  if (system) {
    let s = systemMemo.get(system);
    if (s === undefined) systemMemo.set(system, (s = reasoningElicitation(system).probability));
    if (s > reasoning) reasoning = s;
  }
  const values = {
    instruction: instructionStyle(scan).probability,
    reasoning,
    answer: answerReasoning && typeof r.response?.content === 'string' ? answerReasoning(r.response.content).probability : NaN,
  };
  if (!perRequest.has(kind)) {
    perRequest.set(kind, Object.fromEntries(METRICS.map((m) => [m, []])));
    perAccount.set(kind, new Map());
  }
  const req = perRequest.get(kind);
  const accounts = perAccount.get(kind);
  if (!accounts.has(r.user)) accounts.set(r.user, Object.fromEntries(METRICS.map((m) => [m, [0, 0]])));
  const acc = accounts.get(r.user);
  for (const m of METRICS) {
    if (Number.isNaN(values[m])) continue;
    req[m].push(values[m]);
    acc[m][0] += values[m];
    acc[m][1]++;
  }
}

function stats(xs) {
  if (xs.length === 0) return null;
  const s = Float64Array.from(xs).sort();
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: q(0.5), p90: q(0.9), p99: q(0.99), n: s.length };
}

const ORDER = ['casual', 'power', 'office', 'batch', 'bulk', 'cot', 'sweep', 'lowslow', 'hydra', 'mimic', 'hydra2'];
const kinds = [...perRequest.keys()].sort((a, b) => (ORDER.indexOf(a) + 99 * (ORDER.indexOf(a) < 0)) - (ORDER.indexOf(b) + 99 * (ORDER.indexOf(b) < 0)));
const result = {};
for (const kind of kinds) {
  result[kind] = {};
  for (const m of METRICS) {
    const accMeans = [...perAccount.get(kind).values()].filter((a) => a[m][1] > 0).map((a) => a[m][0] / a[m][1]);
    result[kind][m] = { request: stats(perRequest.get(kind)[m]), account: stats(accMeans) };
  }
}

const baseline = arg('--compare') ? JSON.parse(readFileSync(arg('--compare'), 'utf8')) : undefined;
const f = (x) => (x == null ? '   -' : x.toFixed(2).padStart(4));
const cell = (s) => (s ? `${f(s.mean)} ${f(s.p50)} ${f(s.p90)} ${f(s.p99)}` : '   -    -    -    -');
const delta = (now, before) => (now && before ? `${now.mean - before.mean >= 0 ? '+' : ''}${(now.mean - before.mean).toFixed(2)}` : '');

for (const m of METRICS) {
  console.log(`\n${m} probability           per request (mean p50 p90 p99)   per account mean (mean p50 p90 p99)${baseline ? '   Δmean req / acct' : ''}`);
  for (const kind of kinds) {
    const { request, account } = result[kind][m];
    const b = baseline?.[kind]?.[m];
    const d = baseline ? `   ${delta(request, b?.request).padStart(5)} / ${delta(account, b?.account).padStart(5)}` : '';
    const n = `${request?.n ?? 0}/${account?.n ?? 0}`;
    console.log(`  ${kind.padEnd(8)} ${n.padStart(11)}   ${cell(request)}               ${cell(account)}${d}`);
  }
}
if (arg('--save')) writeFileSync(arg('--save'), `${JSON.stringify(result, null, 1)}\n`);

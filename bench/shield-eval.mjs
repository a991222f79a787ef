// Shield evaluation: prompt-attack detection rates and scan cost, as printed in docs/shield.md.
//
//   pnpm --filter @distill-guard/core build && node bench/shield-eval.mjs [--screen]
//   SHIELD_REF=<commit> node bench/shield-eval.mjs    (also: the replay's cost against the shield at <commit>)
//   DG_INJECTION_DEV=<dir with prompts.jsonl>  DG_INJECTION_DEV2=<dir with direct.jsonl, indirect.jsonl>
//   DG_DETECTION_DEV=<dir with requests.jsonl.gz, truth.json>        (defaults: ../shared/data/<name>)
//
// Rates at the default configuration (threshold 0.5, each row on its own channel), for every
// development file and source, on all rows and on the test split alone (the tenth of every
// source that neither training nor calibration read: the honest figure; see
// packages/core/scripts/train-shield/README.md). Then the real chat prompts of the detection log,
// the project's fixture sets, and the cost: microseconds per KB of new text when whole resent
// histories go through scanMessages, as ratios to baselines measured in the same run, with and
// without the screen. `--screen` computes the rates with `screen: true` (the opt-in first pass).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createOutputFilter, scanInjection, scanMessages } from '@distill-guard/core/shield';
import { dataDir, detectionTexts, labelledRows } from '../packages/core/scripts/train-shield/data.mjs';
import { stableHash } from '../packages/core/scripts/train-shield/random.mjs';
import { loadShield, loadShieldAt } from '../packages/core/scripts/train-shield/shield-source.mjs';

const fixtures = new URL('../packages/core/test/shield/fixtures/', import.meta.url);
function loadFixture(name) {
  return readFileSync(new URL(name, fixtures), 'utf8')
    .split(/\r?\n%%%\r?\n/)
    .map((s) => s.replace(/^\r?\n+|\r?\n+$/g, ''))
    .filter(Boolean);
}
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const SCREEN = process.argv.includes('--screen');
const flags = (r) => scanInjection(r.text, { channel: r.channel, screen: SCREEN }).verdict === 'injection';
/** The split the training script puts a row in (by a hash of its text). */
const splitOf = (text) => {
  const h = stableHash(text) % 10;
  return h < 2 ? 'calib' : h === 2 ? 'test' : 'train';
};

function table(title, rows) {
  console.log(title);
  const groups = new Map();
  for (const r of rows) {
    for (const key of [`${r.file}`, `  ${r.source}`]) {
      if (!groups.has(key)) groups.set(key, { attacks: 0, tp: 0, benign: 0, fp: 0, order: groups.size });
      const g = groups.get(key);
      const hit = flags(r);
      if (r.label) {
        g.attacks++;
        if (hit) g.tp++;
      } else {
        g.benign++;
        if (hit) g.fp++;
      }
    }
  }
  for (const [key, g] of groups) {
    const tpr = g.attacks ? `TPR ${pct(g.tp / g.attacks).padStart(6)} (${g.tp}/${g.attacks})` : '';
    const fpr = g.benign ? `FPR ${pct(g.fp / g.benign).padStart(5)} (${g.fp}/${g.benign})` : '';
    console.log(`  ${key.padEnd(34)} ${tpr.padEnd(24)} ${fpr}`);
  }
}

console.log(`Prompt-attack detection, ${SCREEN ? 'with screen: true' : 'default configuration'} (threshold 0.5, each row on its channel)\n`);
const rows = labelledRows({ required: false });
if (rows.length > 0) {
  table('all rows (70% of them were trained on: an optimistic figure)', rows);
  console.log('');
  table('test split only (a tenth of every source, read by neither training nor calibration)', rows.filter((r) => splitOf(r.text) === 'test'));
} else {
  console.log('(no development files; set DG_INJECTION_DEV and DG_INJECTION_DEV2)');
}

// Real chat prompts of the detection log (ShareGPT and Open Assistant from legitimate accounts;
// the attackers' Alpaca instructions separately). Not labelled for injection: some real users paste
// jailbreaks, so this is an upper bound on the false-positive rate of ordinary use.
const det = detectionTexts({ required: false, maxAnswers: 100_000 });
if (det) {
  const legit = [...det.prompts].filter(([, l]) => l).map(([t]) => t);
  const other = [...det.prompts].filter(([, l]) => !l).map(([t]) => t);
  const count = (texts, channel) => texts.filter((text) => flags({ text, channel })).length;
  const line = (name, texts, channel) => {
    const n = count(texts, channel);
    console.log(`  ${name.padEnd(50)} flagged ${pct(n / texts.length).padStart(5)} (${n}/${texts.length}; on the test split ${count(texts.filter((t) => splitOf(t) === 'test'), channel)}/${texts.filter((t) => splitOf(t) === 'test').length})`);
  };
  console.log('\ndetection-dev (unlabelled real traffic)');
  line('unique prompts of legitimate accounts (user)', legit, 'user');
  line('unique prompts of attacker accounts (user)', other, 'user');
  line('answers served, read as documents (document)', det.answers, 'document');
}

const fixtureSets = [
  ['held-out set 1', 'heldout-attacks.txt', ['heldout-benign.txt', 'heldout-benign-technical.txt']],
  ['held-out set 2', 'blind-attacks.txt', ['blind-benign.txt', 'blind-benign-technical.txt']],
  ['held-out set 3', 'final-attacks.txt', ['final-benign.txt']],
];
console.log('\nproject fixture sets (their train split is training data since issue 18: regression figures)');
for (const [name, a, b] of fixtureSets) {
  const attacks = loadFixture(a);
  const benign = b.flatMap(loadFixture);
  const tp = attacks.filter((text) => flags({ text, channel: 'user' })).length;
  const fp = benign.filter((text) => flags({ text, channel: 'user' })).length;
  console.log(`  ${name.padEnd(34)} TPR ${pct(tp / attacks.length).padStart(6)} (${tp}/${attacks.length})   FPR ${pct(fp / benign.length).padStart(5)} (${fp}/${benign.length})`);
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

console.log('\nScan cost (best of 5, CPU time; ratios to baselines measured in this run)\n');
const trafficDir = dataDir('DG_DETECTION_DEV', 'detection-dev', { required: false });
if (trafficDir) {
  const { gunzipSync } = await import('node:zlib');
  const lines = gunzipSync(readFileSync(`${trafficDir}/requests.jsonl.gz`)).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 6_000);
  const bodies = lines.map((l) => JSON.parse(l).body);
  // New text: the characters of texts the scanner has not seen before in this replay (a resent
  // history costs a digest per text; only new turns are scanned).
  const seen = new Set();
  let newChars = 0;
  let allChars = 0;
  for (const b of bodies) {
    for (const m of b.messages ?? []) {
      const t = typeof m.content === 'string' ? m.content : '';
      allChars += t.length;
      if (!seen.has(t)) {
        seen.add(t);
        newChars += t.length;
      }
    }
  }
  // Each repetition is a fresh process state for the scanner's memory: a different maxChars
  // clears it, so every run pays for the new texts again.
  let round = 0;
  const replay = (screen) => () => {
    const maxChars = 16_384 + (++round % 2);
    for (const b of bodies) scanMessages(b, { maxChars, screen });
  };
  const scanUs = cpuMicros(replay(false), 1);
  const screenUs = cpuMicros(replay(true), 1);
  const parseUs = cpuMicros(() => {
    for (const l of lines) JSON.parse(l);
  }, 1);
  const newTexts = [...seen];
  const hashUs = cpuMicros(() => {
    for (const t of newTexts) createHash('sha256').update(t).digest();
  }, 1);
  // The rule scanner alone (what the shield ran before the learned model), over the same new texts.
  const { ruleLogit } = await loadShield('rules.ts');
  const rulesUs = cpuMicros(() => {
    for (const t of newTexts) ruleLogit(t, 16_384);
  }, 1);
  const perKB = (us) => us / (newChars / 1024);
  console.log(`${lines.length} detection-dev requests replayed through scanMessages (${(allChars / 1024 / 1024).toFixed(1)} MB of message text, ${(newChars / 1024 / 1024).toFixed(2)} MB of it new):`);
  console.log(`  scan ${perKB(scanUs).toFixed(1)} us per KB of new text (context only; the machine is shared)`);
  console.log(`  ratio to JSON.parse of the same request lines: ${(scanUs / parseUs).toFixed(2)}x`);
  console.log(`  ratio to one SHA-256 pass over the new text:   ${(scanUs / hashUs).toFixed(1)}x`);
  console.log(`  ratio to the rule scanner alone (the shield before the learned model) on the new texts: ${(scanUs / rulesUs).toFixed(1)}x (rules ${perKB(rulesUs).toFixed(1)} us/KB)`);
  console.log(`  with screen: true: ${perKB(screenUs).toFixed(1)} us per KB, ${(screenUs / parseUs).toFixed(2)}x JSON.parse, ${(scanUs / screenUs).toFixed(1)}x cheaper than the default`);
  // Against an earlier build, in the same run: both bundled from their sources the same way, in
  // interleaved rounds (the machine is shared: a round of each, in alternating order, medians).
  if (process.env.SHIELD_REF) {
    const ref = process.env.SHIELD_REF;
    const [now, then] = [await loadShield(), await loadShieldAt(ref)];
    const once = (shield, screen) => {
      const maxChars = 16_384 + (++round % 2);
      const t0 = process.cpuUsage();
      for (const b of bodies) shield.scanMessages(b, { maxChars, screen });
      const t = process.cpuUsage(t0);
      return t.user + t.system;
    };
    const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const screen of [false, true]) {
      const nowUs = [];
      const thenUs = [];
      const parses = [];
      const ratios = [];
      for (let k = 0; k < 9; k++) {
        const t0 = process.cpuUsage();
        for (const l of lines) JSON.parse(l);
        const t = process.cpuUsage(t0);
        parses.push(t.user + t.system);
        const first = k % 2 ? now : then;
        const us = new Map([[first, once(first, screen)]]);
        const second = first === now ? then : now;
        us.set(second, once(second, screen));
        nowUs.push(us.get(now));
        thenUs.push(us.get(then));
        ratios.push(us.get(then) / us.get(now));
      }
      const p = median(parses);
      console.log(
        `  ${screen ? 'screen: true' : 'default'} against ${ref} (9 interleaved rounds, medians): ${perKB(median(thenUs)).toFixed(1)} -> ${perKB(median(nowUs)).toFixed(1)} us per KB, ` +
          `${(median(thenUs) / p).toFixed(1)}x -> ${(median(nowUs) / p).toFixed(1)}x JSON.parse, ${median(ratios).toFixed(2)}x faster (median of the rounds' ratios)`,
      );
    }
  }
  // Chat traffic alone: the legitimate accounts' requests (the log is mostly harvest traffic, whose
  // templated tasks the screen passes on more often).
  if (det) {
    const truth = JSON.parse(readFileSync(`${trafficDir}/truth.json`, 'utf8'));
    const chat = lines.map((l) => JSON.parse(l)).filter((r) => truth[r.user]?.label === 'legit').map((r) => r.body);
    let chatChars = 0;
    const chatSeen = new Set();
    for (const b of chat) for (const m of b.messages ?? []) if (typeof m.content === 'string' && !chatSeen.has(m.content)) (chatSeen.add(m.content), (chatChars += m.content.length));
    const chatReplay = (screen) => () => {
      const maxChars = 16_384 + (++round % 2);
      for (const b of chat) scanMessages(b, { maxChars, screen });
    };
    const chatUs = cpuMicros(chatReplay(false), 1);
    const chatScreenUs = cpuMicros(chatReplay(true), 1);
    const chatPerKB = (us) => us / (chatChars / 1024);
    console.log(`  the ${chat.length} requests of legitimate accounts alone: ${chatPerKB(chatUs).toFixed(1)} us per KB of new text; with screen: true ${chatPerKB(chatScreenUs).toFixed(1)} (${(chatUs / chatScreenUs).toFixed(1)}x cheaper)`);
  }
}

// A homogeneous text (one technical prompt repeated), so the per-character cost compares like with like.
const technical = loadFixture('heldout-benign-technical.txt');
const unit = technical[0];
const sample = (n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const perChar = [];
for (const n of [500, 2_000, 8_000, 16_000, 64_000, 256_000]) {
  const text = sample(n);
  const reps = Math.max(3, Math.floor(200_000 / n));
  const us = cpuMicros(() => scanInjection(text), reps);
  const docUs = cpuMicros(() => scanInjection(text, { channel: 'document' }), reps);
  perChar.push({ n, us, docUs });
}
const ref = perChar[0];
console.log(`per-character cost relative to 500 chars (user): ${perChar.map((p) => `${p.n}: ${(p.us / p.n / (ref.us / ref.n)).toFixed(2)}`).join('  ')}`);
console.log(`document channel relative to user, same text:    ${perChar.map((p) => `${p.n}: ${(p.docUs / p.us).toFixed(2)}`).join('  ')}`);
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

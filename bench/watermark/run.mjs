// pnpm bench watermark -> the output watermark (issue 19), measured honestly:
//   1. what marking changes in the development log's answers (positions per KB, words changed);
//   2. what it costs: µs per KB of answer in process, and a claudeRoute with the mark against
//      the same route without it over HTTP (JSON and SSE), as ratios measured in the same run;
//   3. whether a student learns it: a token trigram model trained on 1k and 10k marked answers
//      as served (the log's order, repeats included), sampled for 50 and 200 new texts, verified;
//   4. false alarms: students trained on unmarked answers, each tested with several keys;
//   5. paraphrase-like noise on the student's texts (synonym swaps, casing, whitespace);
//   6. white-box attacks that know the word pairs (the code is public) and normalise them.
//
//   DG_DETECTION_DEV=<dir with requests.jsonl.gz>   (default ../shared/data/detection-dev)
//   BENCH_ROUNDS=5                                   (rounds of the cost measurements)
//   BENCH_NULL_STUDENTS=100                          (students trained on unmarked answers)
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { markText, rankIdentities, scoreEvidence, WatermarkEvidence, watermarkKey } from '@distill-guard/core/watermark';
import { expandContractions, normaliseAll, normaliseByRegex, randomiseAll, recase, rewhitespace, synonymSwaps } from './edits.mjs';
import { measureCost } from './cost.mjs';
import { rng, tokenize, TrigramStudent } from './student.mjs';

const DIR = process.env.DG_DETECTION_DEV ?? fileURLToPath(new URL('../../../shared/data/detection-dev/', import.meta.url));
const LOG = `${DIR.replace(/\/$/, '')}/requests.jsonl.gz`;
const NULL_STUDENTS = Number(process.env.BENCH_NULL_STUDENTS ?? 100);
const KEYS_PER_NULL_STUDENT = 10;
const SEEDS = 5;
const SECRET = 'bench watermark secret, not a real one';
const key = watermarkKey(SECRET);

if (!existsSync(LOG)) {
  console.log(`watermark: ${LOG} not found; set DG_DETECTION_DEV to the detection-dev directory to run it.`);
  process.exit(0);
}

/** Every answer served in the log, in order (repeats included: a harvester keeps what it is served). */
async function servedAnswers() {
  const out = [];
  const lines = createInterface({ input: createReadStream(LOG).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    const c = JSON.parse(line).response?.content;
    if (typeof c === 'string' && c.trim() !== '') out.push(c);
  }
  return out;
}

const served = await servedAnswers();
const distinct = [...new Set(served)];
console.log(`development log: ${served.length.toLocaleString('en-US')} served answers, ${distinct.length.toLocaleString('en-US')} distinct (${(distinct.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(2)} MB)`);

const markedOf = new Map(distinct.map((t) => [t, markText(t, key).text]));
const fmtP = (s) => (s.pValue > 0 && s.pValue >= 1e-300 ? s.pValue.toExponential(1) : `1e${Math.round(s.log10PValue)}`);
const pct = (x) => `${(100 * x).toFixed(2)}%`;

function verify(texts, k = key, options = {}) {
  const e = new WatermarkEvidence();
  for (const t of texts) e.addText(t);
  return scoreEvidence(e, k, options);
}

// ---------------------------------------------------------------- 1. what marking changes
{
  let chars = 0;
  let words = 0;
  let tokens = 0;
  let positions = 0;
  let changed = 0;
  let changedWords = 0;
  let changedTokens = 0;
  let answersWithPositions = 0;
  for (const t of distinct) {
    const m = markText(t, key);
    chars += t.length;
    words += (t.match(/\S+/g) ?? []).length;
    const before = tokenize(t);
    const after = tokenize(m.text);
    tokens += before.length;
    changedTokens += tokenDiff(before, after);
    positions += m.positions;
    changed += m.changed;
    changedWords += m.changedWords;
    if (m.positions > 0) answersWithPositions++;
  }
  console.log('\n1. marking the distinct answers');
  console.log(`   positions (pair occurrences outside protected spans): ${positions.toLocaleString('en-US')}, ${(positions / (chars / 1000)).toFixed(2)} per KB; ${pct(answersWithPositions / distinct.length)} of answers have one or more`);
  console.log(`   rewritten: ${changed.toLocaleString('en-US')} occurrences; ${pct(changedWords / words)} of words (${changedWords.toLocaleString('en-US')} of ${words.toLocaleString('en-US')}), ${pct(changedTokens / tokens)} of tokens differ (target: at most 5% of words)`);
  console.log(`   distinct positions (pair, previous word) in the whole log: ${verify(distinct.map((t) => markedOf.get(t))).positions.toLocaleString('en-US')}`);
}

/** Tokens of `a` not matched in `b` (an LCS-free estimate: multiset difference). */
function tokenDiff(a, b) {
  const counts = new Map();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let diff = 0;
  for (const t of a) {
    const c = counts.get(t) ?? 0;
    if (c > 0) counts.set(t, c - 1);
    else diff++;
  }
  return diff;
}

// ---------------------------------------------------------------- 2. cost
console.log('\n2. cost per KB of answer');
await measureCost(distinct, SECRET);
if (process.argv.includes('--cost-only')) process.exit(0);

// ---------------------------------------------------------------- 3. students
console.log('\n3. students (token trigram, backoff 0.3) trained on marked answers as served, sampled and verified');
console.log(`   median over ${SEEDS} seeds [min..max] of p; "copies": sampled texts identical to a training answer; "new 8-grams": share of sampled 8-token runs not in training`);
const students = new Map();
function student(size, transform = (t) => markedOf.get(t), seed = 0) {
  const k = `${size}:${transform.name}:${seed}`;
  if (!students.has(k)) {
    const start = seed * 997 % Math.max(1, served.length - size);
    const training = served.slice(start, start + size).map(transform);
    students.set(k, { model: new TrigramStudent().train(training), training });
  }
  return students.get(k);
}
function samples(model, n, seed) {
  const next = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) out.push(model.sample(next));
  return out;
}
function novelty(texts, training) {
  const grams = new Set();
  for (const t of training) {
    const tok = tokenize(t);
    for (let i = 0; i + 8 <= tok.length; i++) grams.add(tok.slice(i, i + 8).join(''));
  }
  let total = 0;
  let fresh = 0;
  for (const t of texts) {
    const tok = tokenize(t);
    for (let i = 0; i + 8 <= tok.length; i++) {
      total++;
      if (!grams.has(tok.slice(i, i + 8).join(''))) fresh++;
    }
  }
  const set = new Set(training);
  return { copies: texts.filter((t) => set.has(t)).length / texts.length, fresh: total ? fresh / total : 0 };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const studentRows = [];
for (const size of [1000, 10000]) {
  for (const n of [50, 200]) {
    const logs = [];
    const posns = [];
    let nov;
    for (let s = 0; s < SEEDS; s++) {
      const st = student(size, (t) => markedOf.get(t), 0);
      const texts = samples(st.model, n, 1000 + s);
      const score = verify(texts);
      logs.push(score.log10PValue);
      posns.push(score.positions);
      if (s === 0) nov = novelty(texts, st.training);
      if (s === 0 && n === 200) studentRows.push({ size, texts });
    }
    const distinctTraining = new Set(student(size, (t) => markedOf.get(t), 0).training).size;
    console.log(
      `   trained on ${size.toLocaleString('en-US').padStart(6)} answers (${distinctTraining.toLocaleString('en-US')} distinct), ${String(n).padStart(3)} texts: ` +
        `p = 1e${median(logs).toFixed(1)} [1e${Math.min(...logs).toFixed(1)}..1e${Math.max(...logs).toFixed(1)}] on ${median(posns)} positions; copies ${pct(nov.copies)}, new 8-grams ${pct(nov.fresh)}`,
    );
  }
}
// The bias is learned, not copied: scored on the positions of new sentences only.
{
  const { texts } = studentRows.find((r) => r.size === 10000);
  const trainingSet = new Set(student(10000).training);
  const fresh = texts.filter((t) => !trainingSet.has(t));
  console.log(`   10k student, its ${fresh.length} texts that are not a training answer: p = ${fmtP(verify(fresh))} on ${verify(fresh).positions} positions`);
}

// ---------------------------------------------------------------- 4. false alarms
console.log(`\n4. false alarms: ${NULL_STUDENTS} students trained on 1,000 unmarked answers (different slices of the log), 200 texts each, ${KEYS_PER_NULL_STUDENT} keys each`);
{
  const ps = [];
  for (let s = 0; s < NULL_STUDENTS; s++) {
    const start = Math.floor(((s * 7919) % 97) / 97 * (served.length - 1000));
    const model = new TrigramStudent().train(served.slice(start, start + 1000));
    const next = rng(50_000 + s);
    const texts = Array.from({ length: 200 }, () => model.sample(next));
    const e = new WatermarkEvidence();
    for (const t of texts) e.addText(t);
    for (let k = 0; k < KEYS_PER_NULL_STUDENT; k++) ps.push(scoreEvidence(e, watermarkKey(`null key ${s} ${k} 0123456789abcdef`)).pValue);
  }
  const below = (x) => ps.filter((p) => p < x).length / ps.length;
  console.log(`   ${ps.length} tests: p < 0.01 in ${pct(below(0.01))} (target at most 1%), p < 0.05 in ${pct(below(0.05))}, p < 0.1 in ${pct(below(0.1))}, p < 0.5 in ${pct(below(0.5))}; smallest p ${Math.min(...ps).toExponential(1)}`);
  console.log('   (uniform p-values put 1%, 5%, 10% and 50% below those levels; the exact binomial of a discrete count puts a little less)');
}

// ---------------------------------------------------------------- 5. noise
console.log('\n5. paraphrase-like noise on the 10k student\'s 200 texts (p before: ' + fmtP(verify(studentRows.find((r) => r.size === 10000).texts)) + ')');
{
  const { texts } = studentRows.find((r) => r.size === 10000);
  for (const [name, edit] of [
    ['synonym swaps (pair members re-drawn too)', synonymSwaps],
    ['random casing', recase],
    ['whitespace (double spaces, newlines, tabs)', rewhitespace],
  ]) {
    const cells = [];
    for (const rate of [0.1, 0.3, 0.5]) {
      const next = rng(7);
      const s = verify(texts.map((t) => edit(t, rate, next)));
      cells.push(`${Math.round(rate * 100)}%: p = ${fmtP(s)} (${s.matches}/${s.positions})`);
    }
    console.log(`   ${name.padEnd(44)} ${cells.join('   ')}`);
  }
}

// ---------------------------------------------------------------- 6. white-box attacks
console.log('\n6. white-box attacks: the distiller normalises the harvested (marked) answers, then trains; 10k answers, 200 texts');
{
  const next = rng(99);
  const attacks = [
    ['none', (t) => markedOf.get(t)],
    ['expand contractions (regex)', (t) => expandContractions(markedOf.get(t))],
    ['contractions + one spelling of each single-word pair (regex)', (t) => normaliseByRegex(markedOf.get(t))],
    ['every pair to its first member (the watermark\'s own scanner)', (t) => normaliseAll(markedOf.get(t))],
    ['every occurrence to a random member (the scanner)', (t) => randomiseAll(markedOf.get(t), next)],
  ];
  for (const [name, transform] of attacks) {
    const teacher = verify(distinct.slice(0, 500).map(transform));
    const st = new TrigramStudent().train(served.slice(0, 10000).map(transform));
    const texts = samples(st, 1000, 4242);
    const s200 = verify(texts.slice(0, 200));
    const s1000 = verify(texts);
    const skipped = (s) => (s.skippedPairs ? `, ${s.skippedPairs.length} pairs left out` : '');
    console.log(
      `   ${name.padEnd(62)} teacher's 500 answers p = ${fmtP(teacher).padEnd(8)} student, 200 texts: p = ${fmtP(s200)} (${s200.matches}/${s200.positions}); ` +
        `1,000 texts: p = ${fmtP(s1000)} (${s1000.matches}/${s1000.positions}${skipped(s1000)})`,
    );
  }
}

// ---------------------------------------------------------------- attribution
console.log('\n7. attribution: 50 identities, one of them (u_7) harvests 2,000 answers; the student trained on its answers is ranked');
{
  const ids = Array.from({ length: 50 }, (_, i) => `user:u_${i}`);
  const training = served.slice(0, 2000).map((t) => markText(t, key, { identity: 'user:u_7' }).text);
  const st = new TrigramStudent().train(training);
  const texts = samples(st, 200, 77);
  const e = new WatermarkEvidence();
  for (const t of texts) e.addText(t);
  const shared = scoreEvidence(e, key, { attribution: true });
  const all = scoreEvidence(e, key);
  const ranked = rankIdentities(e, key, ids);
  console.log(`   shared mark: p = ${fmtP(shared)} on ${shared.positions} shared positions (all positions with the shared key: p = ${fmtP(all)} on ${all.positions})`);
  console.log(`   ranking: 1. ${ranked[0].identity} p = ${fmtP(ranked[0])} (x50: ${ranked[0].adjustedPValue.toExponential(1)}), 2. ${ranked[1].identity} p = ${fmtP(ranked[1])}`);
  const unattributed = verify(samples(new TrigramStudent().train(served.slice(0, 2000).map((t) => markedOf.get(t))), 200, 77));
  console.log(`   the same student without attribution: p = ${fmtP(unattributed)} on ${unattributed.positions} positions (attribution halves the shared positions)`);
}

// The shield's cost per KB of one user text by its length, across the length where a user text
// starts to be scored in pieces too (over 4,000 characters: its two ends of 1,200 characters and
// windows of 400 overlapping by 100, learned/user-windows.ts). The same texts at every length:
// the detection log's prompts of 200 characters or more joined in order to 16,000 characters, and
// their first 2,000, 4,000, 4,001, 8,000 and 16,000 characters. Each length is scored with
// `scoreText` (the full scorer, no memory), this checkout's shield against the shield at
// SHIELD_REF (both bundled from their sources), rounds alternated; CPU µs per KB, the median of
// the rounds, and the characters the pieces add (as a multiple of the text's). Then, for this
// checkout at 16,000 characters, each stage of the scorer timed alone over the whole texts and
// over their pieces, in CPU µs per KB of the texts: where the pieces' cost goes.
//
//   SHIELD_REF=<commit> node bench/shield-long-texts.mjs [rounds]     (default 7 rounds)
//   node bench/shield-long-texts.mjs                                  (SHIELD_REF=HEAD: a control)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShieldModules } from '../packages/core/scripts/train-shield/shield-source.mjs';

const ref = process.env.SHIELD_REF ?? 'HEAD';
const ROUNDS = Number(process.argv[2] ?? 7);
const MODULES = { scan: 'scan', learned: 'learned/index', rules: 'rules', hashing: 'learned/hashing', model: 'learned/model', structure: 'learned/structure' };
const builds = [await loadShieldModules(MODULES), await loadShieldModules(MODULES, ref)];

const prompts = new Set();
const log = gunzipSync(readFileSync(`${dataDir('DG_DETECTION_DEV', 'detection-dev')}/requests.jsonl.gz`)).toString('utf8');
for (const line of log.split('\n')) {
  if (!line.trim()) continue;
  for (const m of JSON.parse(line).body?.messages ?? []) if (m.role === 'user' && typeof m.content === 'string' && m.content.length >= 200) prompts.add(m.content);
}
const parts = [...prompts];
const TEXTS = 40;
const FULL = 16_000;
const joined = [];
for (let i = 0, k = 0; i < TEXTS; i++) {
  let text = '';
  while (text.length < FULL) text += (text ? '\n\n' : '') + parts[k++ % parts.length];
  joined.push(text.slice(0, FULL));
}
const LENGTHS = [2_000, 4_000, 4_001, 8_000, FULL];
const sets = LENGTHS.map((n) => joined.map((t) => t.slice(0, n)));
const pieceChars = (t) => {
  const { ends, windows } = builds[0].learned.userTextPieces(t);
  return [...ends, ...windows].reduce((s, p) => s + p.length, 0);
};

// times[build][length][round], CPU µs
const times = builds.map(() => LENGTHS.map(() => []));
for (let r = 0; r < ROUNDS; r++) {
  for (let s = 0; s < LENGTHS.length; s++) {
    for (const b of (r + s) % 2 ? [0, 1] : [1, 0]) {
      const score = builds[b].scan.scoreText;
      const start = process.cpuUsage();
      for (const t of sets[s]) score(t, 'user', 16_384);
      const used = process.cpuUsage(start);
      times[b][s].push(used.user + used.system);
    }
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`One user text by length (${TEXTS} texts, the log's prompts joined): scoreText, CPU µs per KB, medians of ${ROUNDS} rounds; ${ref} against this checkout`);
console.log(`${'chars'.padStart(6)} ${'pieces'.padStart(7)} ${'ref µs/KB'.padStart(10)} ${'µs/KB'.padStart(7)} ${'this/ref'.padStart(9)}`);
LENGTHS.forEach((n, s) => {
  const kb = (TEXTS * n) / 1024;
  const pieces = sets[s].reduce((sum, t) => sum + pieceChars(t), 0) / (TEXTS * n);
  const [now, then] = [0, 1].map((b) => median(times[b][s]) / kb);
  console.log(`${String(n).padStart(6)} ${`${pieces.toFixed(2)}x`.padStart(7)} ${then.toFixed(0).padStart(10)} ${now.toFixed(0).padStart(7)} ${(now / then).toFixed(2).padStart(9)}`);
});

// Stages, this checkout, at the full length: the whole texts against their pieces.
const S = builds[0];
const whole = sets.at(-1);
const pieces = whole.flatMap((t) => {
  const { ends, windows } = S.learned.userTextPieces(t);
  return [...ends, ...windows];
});
const weights = S.model.hashWeights();
const stagesOf = (texts) => {
  const folded = texts.map((t) => S.learned.foldText(t).text);
  return [
    ['rule scanner (ruleLogit)', () => { for (const t of texts) S.rules.ruleLogit(t, 16_384); }],
    ['fold (foldText)', () => { for (const t of texts) S.learned.foldText(t); }],
    ['fold, then the intents', () => { for (const t of texts) S.learned.countIntents(S.learned.foldText(t).text); }],
    ['n-gram hashing and the weights\' sum', () => { for (const t of folded) S.hashing.hashFeatures(t, 0, t.length, false, weights); }],
    ['structure (structureOf)', () => { for (let i = 0; i < texts.length; i++) S.structure.structureOf(texts[i], folded[i]); }],
  ];
};
const stages = [stagesOf(whole), stagesOf(pieces)];
const stageTimes = stages.map((list) => list.map(() => []));
for (let r = 0; r < ROUNDS; r++) for (let s = 0; s < stages[0].length; s++) for (const w of (r + s) % 2 ? [0, 1] : [1, 0]) {
  const start = process.cpuUsage();
  stages[w][s][1]();
  const used = process.cpuUsage(start);
  stageTimes[w][s].push(used.user + used.system);
}
const fullKB = (TEXTS * FULL) / 1024;
console.log(`\nStages at ${FULL} characters, this checkout, CPU µs per KB of the texts (medians of ${ROUNDS} rounds): the whole texts, and their ends and windows (${(pieces.reduce((a, p) => a + p.length, 0) / (TEXTS * FULL)).toFixed(2)}x their characters)`);
console.log(`${'stage'.padEnd(40)} ${'whole'.padStart(7)} ${'pieces'.padStart(7)}`);
stages[0].forEach(([name], s) => console.log(`${name.padEnd(40)} ${(median(stageTimes[0][s]) / fullKB).toFixed(1).padStart(7)} ${(median(stageTimes[1][s]) / fullKB).toFixed(1).padStart(7)}`));

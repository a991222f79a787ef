// Where the shield's scan cost goes: each stage of scoring, timed alone over the new texts of the
// replay that bench/shield-eval.mjs measures (6,000 requests of the detection log), in CPU µs per
// KB of all new text and as a share of the whole replay. The stages are run on their own, so they
// do not add up exactly to the replay (which also pays for what joins them: dense features, the
// memories, garbage collection, and each stage's data pushed out of the caches by the others).
//
//   node bench/shield-stages.mjs [rounds]                     (default 7 rounds, medians; bundled from src/)
//   SHIELD_REF=<commit> node bench/shield-stages.mjs [rounds]  (also the shield at <commit>, rounds alternated)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShieldModules } from '../packages/core/scripts/train-shield/shield-source.mjs';

const rounds = Number(process.argv[2] ?? 7);
const ref = process.env.SHIELD_REF;

/** The shield's modules that are timed, each as a namespace. */
const STAGE_MODULES = { shield: 'index', scan: 'scan', rules: 'rules', engine: 'engine', learned: 'learned/index', hashing: 'learned/hashing', model: 'learned/model', structure: 'learned/structure', channels: 'channels', memory: 'text-memory' };
const now = await loadShieldModules(STAGE_MODULES);
const then = ref ? await loadShieldModules(STAGE_MODULES, ref) : undefined;

const dataPath = dataDir('DG_DETECTION_DEV', 'detection-dev');
const lines = gunzipSync(readFileSync(`${dataPath}/requests.jsonl.gz`)).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 6_000);
const bodies = lines.map((l) => JSON.parse(l).body);
// The new texts, as scanMessages sees them: user texts get the full scorer, assistant turns the rules.
const seen = new Set();
const user = [];
const assistant = [];
for (const b of bodies) {
  const out = [];
  for (const m of b.messages ?? []) now.channels.collectChannelTexts(m.content, m.role === 'assistant', undefined, out);
  for (const t of out) {
    const key = `${t.assistant}${t.channel}\u0000${t.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (t.assistant ? assistant : user).push(t.text);
  }
}
const kb = [...user, ...assistant].reduce((s, t) => s + t.length, 0) / 1024;
const folded = user.map((t) => now.learned.foldText(t).text);
const lowered = user.map((t) => t.toLowerCase());
let round = 0;

/** The stages of one build `S`; the hashing reads the model's own weights, as scoring does. */
const stagesOf = (S) => {
  const weights = S.model.hashWeights();
  return [
    ['replay of the 6,000 requests (scanMessages)', () => { const maxChars = 16_384 + (++round % 2); for (const b of bodies) S.shield.scanMessages(b, { maxChars }); }],
    ['user texts: full scorer (scoreText)', () => { for (const t of user) S.scan.scoreText(t, 'user', 16_384); }],
    ['  rule scanner (ruleLogit)', () => { for (const t of user) S.rules.ruleLogit(t, 16_384); }],
    ['    its word engine (runEngine)', () => { for (const t of lowered) S.engine.runEngine(t); }],
    ['  fold (foldText)', () => { for (const t of user) S.learned.foldText(t); }],
    ['  intent phrases (countIntents, own word split)', () => { for (const t of folded) S.learned.countIntents(t); }],
    ['  fold, then the intents', () => { for (const t of user) S.learned.countIntents(S.learned.foldText(t).text); }],
    ['  n-gram hashing and the weights\' sum', () => { for (const t of folded) S.hashing.hashFeatures(t, 0, t.length, false, weights); }],
    ['  structure (structureOf)', () => { for (let i = 0; i < user.length; i++) S.structure.structureOf(user[i], folded[i]); }],
    ['assistant turns: rule scanner', () => { for (const t of assistant) S.rules.ruleLogit(t, 16_384); }],
    ['digests of the new texts', () => { for (const t of [...user, ...assistant]) S.memory.TextMemory.digest('user', t); }],
    ['baseline: JSON.parse of the request lines', () => { for (const l of lines) JSON.parse(l); }],
  ];
};
const builds = then ? [now, then] : [now];
const stages = builds.map(stagesOf);
const times = builds.map(() => stages[0].map(() => []));
for (let r = 0; r < rounds; r++) {
  for (let s = 0; s < stages[0].length; s++) {
    // Alternate which build goes first, stage by stage and round by round.
    const order = (r + s) % 2 ? builds.map((_, b) => b) : builds.map((_, b) => builds.length - 1 - b);
    for (const b of order) {
      const t0 = process.cpuUsage();
      stages[b][s][1]();
      const t = process.cpuUsage(t0);
      times[b][s].push(t.user + t.system);
    }
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${user.length} new user texts and ${assistant.length} new assistant turns, ${kb.toFixed(0)} KB; CPU µs per KB of new text, medians of ${rounds} rounds${ref ? `; ${ref} -> this checkout, alternated` : ''}\n`);
const perKB = (b, s) => median(times[b][s]) / kb;
stages[0].forEach(([name], s) => {
  const share = `${((100 * median(times[0][s])) / median(times[0][0])).toFixed(0).padStart(4)}%`;
  if (!then) console.log(`${name.padEnd(50)} ${perKB(0, s).toFixed(1).padStart(7)}  ${share}`);
  else console.log(`${name.padEnd(50)} ${perKB(1, s).toFixed(1).padStart(7)} -> ${perKB(0, s).toFixed(1).padStart(7)}  ${share}`);
});

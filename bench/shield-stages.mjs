// Where the shield's scan cost goes: each stage of scoring, timed alone over the new texts of the
// replay that bench/shield-eval.mjs measures (6,000 requests of the detection log), in CPU µs per
// KB of all new text and as a share of the whole replay. The stages are run on their own, so they
// do not add up exactly to the replay (which also pays for what joins them: dense features, the
// memories, garbage collection).
//
//   node bench/shield-stages.mjs [rounds]        (default 7 rounds, medians; bundled from src/)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShield } from '../packages/core/scripts/train-shield/shield-source.mjs';

const rounds = Number(process.argv[2] ?? 7);
const shield = await loadShield();
const rules = await loadShield('rules.ts');
const engine = await loadShield('engine.ts');
const learned = await loadShield('learned/index.ts');
const hashing = await loadShield('learned/hashing.ts');
const structure = await loadShield('learned/structure.ts');
const scan = await loadShield('scan.ts');
const channels = await loadShield('channels.ts');
const memory = await loadShield('text-memory.ts');

const dir = dataDir('DG_DETECTION_DEV', 'detection-dev');
const lines = gunzipSync(readFileSync(`${dir}/requests.jsonl.gz`)).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 6_000);
const bodies = lines.map((l) => JSON.parse(l).body);
// The new texts, as scanMessages sees them: user texts get the full scorer, assistant turns the rules.
const seen = new Set();
const user = [];
const assistant = [];
for (const b of bodies) {
  const out = [];
  for (const m of b.messages ?? []) channels.collectChannelTexts(m.content, m.role === 'assistant', undefined, out);
  for (const t of out) {
    const key = `${t.assistant}${t.channel}\u0000${t.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (t.assistant ? assistant : user).push(t.text);
  }
}
const kb = [...user, ...assistant].reduce((s, t) => s + t.length, 0) / 1024;
const folded = user.map((t) => learned.foldText(t).text);
const lowered = user.map((t) => t.toLowerCase());
const weights = { weights: new Int8Array(hashing.HASH_SIZE) };
let round = 0;

const stages = [
  ['replay of the 6,000 requests (scanMessages)', () => { const maxChars = 16_384 + (++round % 2); for (const b of bodies) shield.scanMessages(b, { maxChars }); }],
  ['user texts: full scorer (scoreText)', () => { for (const t of user) scan.scoreText(t, 'user', 16_384); }],
  ['  rule scanner (ruleLogit)', () => { for (const t of user) rules.ruleLogit(t, 16_384); }],
  ['    its word engine (runEngine)', () => { for (const t of lowered) engine.runEngine(t); }],
  ['  fold (foldText)', () => { for (const t of user) learned.foldText(t); }],
  ['  intent phrases (countIntents)', () => { for (const t of folded) learned.countIntents(t); }],
  ['  n-gram hashing and weight sum', () => { for (const t of folded) hashing.hashFeatures(t, 0, t.length, false, weights); }],
  ['  structure (structureOf)', () => { for (let i = 0; i < user.length; i++) structure.structureOf(user[i], folded[i]); }],
  ['assistant turns: rule scanner', () => { for (const t of assistant) rules.ruleLogit(t, 16_384); }],
  ['digests of the new texts', () => { for (const t of [...user, ...assistant]) memory.TextMemory.digest('user', t); }],
  ['baseline: JSON.parse of the request lines', () => { for (const l of lines) JSON.parse(l); }],
];
const times = stages.map(() => []);
for (let r = 0; r < rounds; r++) {
  for (let s = 0; s < stages.length; s++) {
    const t0 = process.cpuUsage();
    stages[s][1]();
    const t = process.cpuUsage(t0);
    times[s].push(t.user + t.system);
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const whole = median(times[0]);
console.log(`${user.length} new user texts and ${assistant.length} new assistant turns, ${kb.toFixed(0)} KB; CPU µs per KB of new text, medians of ${rounds} rounds\n`);
stages.forEach(([name], s) => console.log(`${name.padEnd(46)} ${(median(times[s]) / kb).toFixed(1).padStart(7)}  ${((100 * median(times[s])) / whole).toFixed(0).padStart(4)}%`));

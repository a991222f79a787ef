// The shield's n-gram hashing (hashFeatures, with the model's weights) on cold caches, as inside a
// server, where a request's other work pushes the weights out between two scans: this checkout's
// shield against the shield at SHIELD_REF, bundled side by side, over the new user texts of 3,000
// requests of the detection log (folded). Before each text, BENCH_EVICT_MB (default 4) of a
// buffer of its own are read; each text's time is the least over the rounds (wall clock, so a
// round that the machine's other work preempted loses only that round), and the times are summed.
//
//   SHIELD_REF=<commit> node bench/shield-hashing-cold.mjs
//   BENCH_EVICT_MB=0 SHIELD_REF=<commit> node bench/shield-hashing-cold.mjs    (warm, in a tight loop)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShieldModules } from '../packages/core/scripts/train-shield/shield-source.mjs';
import { cacheEvictor } from './lib/cache-evictor.mjs';

const ref = process.env.SHIELD_REF;
if (!ref) {
  console.error('usage: SHIELD_REF=<commit> node bench/shield-hashing-cold.mjs');
  process.exit(2);
}
const ROUNDS = 9;
const EVICT_MB = Number(process.env.BENCH_EVICT_MB ?? 4);
const MODULES = { hashing: 'learned/hashing', model: 'learned/model', learned: 'learned/index', channels: 'channels' };
const builds = [await loadShieldModules(MODULES), await loadShieldModules(MODULES, ref)];

const lines = gunzipSync(readFileSync(`${dataDir('DG_DETECTION_DEV', 'detection-dev')}/requests.jsonl.gz`)).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 3_000);
const seen = new Set();
const user = [];
for (const line of lines) {
  const out = [];
  for (const m of JSON.parse(line).body.messages ?? []) builds[0].channels.collectChannelTexts(m.content, m.role === 'assistant', undefined, out);
  for (const t of out) {
    if (t.assistant || seen.has(t.text)) continue;
    seen.add(t.text);
    user.push(t.text);
  }
}
const folded = user.map((t) => builds[0].learned.foldText(t).text);
const kb = folded.reduce((s, t) => s + t.length, 0) / 1024;
const evict = cacheEvictor(EVICT_MB);
const best = builds.map(() => new Float64Array(folded.length).fill(Infinity));
for (let r = 0; r < ROUNDS; r++) {
  for (const b of r % 2 ? [0, 1] : [1, 0]) {
    const S = builds[b];
    const weights = S.model.hashWeights();
    for (let i = 0; i < folded.length; i++) {
      if (evict) evict();
      const start = performance.now();
      S.hashing.hashFeatures(folded[i], 0, folded[i].length, false, weights);
      const t = performance.now() - start;
      if (t < best[b][i]) best[b][i] = t;
    }
  }
}
const [now, then] = best.map((times) => (times.reduce((s, x) => s + x, 0) * 1000) / kb);
console.log(`hashFeatures over ${folded.length} folded user texts (${kb.toFixed(0)} KB), ${EVICT_MB} MB read before each, least of ${ROUNDS} rounds per text: ${ref} ${then.toFixed(1)} -> ${now.toFixed(1)} us per KB, this/ref ${(now / then).toFixed(2)}`);

// Proof that a change to the shield's code left every score as it was: this checkout's shield
// and the shield at a reference commit (bundled from their sources side by side, with
// shield-source.mjs) score the same texts, and every output is compared bit for bit: the
// calibrated logit, the rule logit and its parts per reason, the intents, the learned model's
// input (hashed indices in order, dense features), the screen's logit, and scanMessages over the
// detection log's replay (memories included). For speed-only changes, which must not move a score.
//
//   SHIELD_REF=<commit> node bench/shield-identity.mjs          (exit code 1 on any difference)
//
// Texts: injection-dev, injection-dev2 direct and indirect (each on its own channel and on the
// other one), the detection log's prompts and answers, the project's fixtures, long texts made by
// joining answers (past the 4,000-character end scoring and the 16,384-character window), and the
// texts of the shield's own benchmarks: every string literal of 12 characters or more in
// bench/shield-*.mjs and bench/lib/ (white-box, unseen, everyday and document sets), on both
// channels, read with the TypeScript parser (texts those benches build at run time are not all
// among them: their parts are).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir, detectionTexts, fixtureRows, labelledRows } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShieldModules } from '../packages/core/scripts/train-shield/shield-source.mjs';
import { shieldBenchTexts } from './lib/shield-bench-texts.mjs';

const ref = process.env.SHIELD_REF;
if (!ref) {
  console.error('usage: SHIELD_REF=<commit> node bench/shield-identity.mjs');
  process.exit(2);
}
const MODULES = { shield: 'index', scan: 'scan', screen: 'learned/screen' };
const now = await loadShieldModules(MODULES);
const then = await loadShieldModules(MODULES, ref);

const texts = [];
for (const r of labelledRows()) {
  texts.push([r.text, r.channel]);
  texts.push([r.text, r.channel === 'user' ? 'document' : 'user']);
}
for (const r of fixtureRows()) texts.push([r.text, 'user']);
const det = detectionTexts({ maxAnswers: 3_000 });
for (const t of det.prompts.keys()) texts.push([t, 'user']);
for (const t of det.answers) texts.push([t, 'document']);
// Long texts: answers joined until past the end-scoring length and past the scan window.
for (let i = 0; i + 40 < det.answers.length; i += 97) {
  const long = det.answers.slice(i, i + 40).join('\n\n');
  texts.push([long.slice(0, 6_000), 'user'], [long.slice(0, 6_000), 'document'], [long, 'user'], [long, 'document']);
}

// The shield benchmarks' texts: their string literals (bench/lib/shield-bench-texts.mjs).
const { texts: literals, files: benchFiles } = shieldBenchTexts();
for (const t of literals) texts.push([t, 'user'], [t, 'document']);

const bits = new Float64Array(1);
const bytes = new Uint8Array(bits.buffer);
/** A number as its 8 bytes in hex: -0 and 0 differ, and so does any last bit. */
const exact = (x) => {
  bits[0] = x;
  return Buffer.from(bytes).toString('hex');
};
const show = (v) => JSON.stringify(v, (_k, x) => (typeof x === 'number' ? exact(x) : ArrayBuffer.isView(x) ? Array.from(x, exact) : x));

let compared = 0;
let differing = 0;
function compare(what, a, b) {
  compared++;
  const sa = show(a);
  const sb = show(b);
  if (sa === sb) return;
  if (differing++ < 5) console.log(`DIFFERS ${what}\n  ref:  ${sb.slice(0, 400)}\n  this: ${sa.slice(0, 400)}`);
}

const options = [
  { maxChars: 16_384, screen: false },
  { maxChars: 16_384, screen: true },
  { maxChars: 2_000, screen: false },
];
for (const [text, channel] of texts) {
  const label = `${channel} ${JSON.stringify(text.slice(0, 60))} (${text.length} chars)`;
  for (const o of options) compare(`scoreText ${JSON.stringify(o)} ${label}`, now.scan.scoreText(text, channel, o.maxChars, o.screen), then.scan.scoreText(text, channel, o.maxChars, o.screen));
  compare(`injectionFeatures ${label}`, now.shield.injectionFeatures(text, { channel }), then.shield.injectionFeatures(text, { channel }));
  compare(`screenLogit ${label}`, now.screen.screenLogit(text), then.screen.screenLogit(text));
  compare(`scanInjection ${label}`, now.shield.scanInjection(text, { channel }), then.shield.scanInjection(text, { channel }));
}
// Whole requests, resent histories and all, through each build's own memories.
const requests = gunzipSync(readFileSync(`${dataDir('DG_DETECTION_DEV', 'detection-dev')}/requests.jsonl.gz`)).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 6_000);
for (const line of requests) {
  const body = JSON.parse(line).body;
  for (const screen of [false, true]) compare(`scanMessages screen=${screen} ${line.slice(0, 80)}`, now.shield.scanMessages(body, { screen }), then.shield.scanMessages(body, { screen }));
}
console.log(`${ref} -> this checkout: ${compared} outputs compared over ${texts.length} texts (${literals.length} from ${benchFiles} shield benchmark files, on both channels) and ${requests.length} requests, ${differing} differ`);
process.exit(differing === 0 ? 0 : 1);

// Whether a cheaper first pass could go in front of the full scorer by default (issue 18, cost):
// the opt-in screen (learned/screen.ts) alone, and the screen with the rule scanner as a second
// gate (a text is cleared only when the screen clears it and no rule reason adds to its logit).
// For each, on the same texts:
//   - attacks the full scorer catches that the pass would clear (recall lost): the project's
//     fixture attacks and the development sets' attacks (both seen in training), and the texts of
//     the shield's own benchmarks (white-box, unseen, everyday and document sets: every string
//     literal, bench/lib/shield-bench-texts.mjs) that the full scorer flags, on both channels;
//   - the share of the detection log's new user texts the pass clears, and the CPU cost per KB
//     of scoring them through it, against the full scorer alone, rounds alternated.
//
//   node bench/shield-cascade.mjs [rounds]        (default 7)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir, fixtureRows, labelledRows } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShieldModules } from '../packages/core/scripts/train-shield/shield-source.mjs';
import { shieldBenchTexts } from './lib/shield-bench-texts.mjs';

const rounds = Number(process.argv[2] ?? 7);
const S = await loadShieldModules({ scan: 'scan', rules: 'rules', screen: 'learned/screen', channels: 'channels' });
const MAX = 16_384;

const full = (t, ch) => S.scan.scoreText(t, ch, MAX, false).z >= 0;
const screenClears = (t, ch) => S.screen.screenClears(S.rules.scanWindow(t, MAX), ch);
const ruleCue = (t) => S.rules.ruleLogit(S.rules.scanWindow(t, MAX), MAX, true).byReason.some((v) => v > 0);
const passes = {
  screen: (t, ch) => screenClears(t, ch),
  'screen + rules': (t, ch) => screenClears(t, ch) && !ruleCue(t),
};

/** Of `rows` ({ text, channel }) the full scorer flags: how many each pass would clear. */
function lost(name, rows) {
  const caught = rows.filter((r) => full(r.text, r.channel));
  const cells = Object.entries(passes).map(([p, clears]) => {
    const n = caught.filter((r) => clears(r.text, r.channel)).length;
    return `${p} ${n} (${((100 * n) / Math.max(1, caught.length)).toFixed(1)}%)`;
  });
  console.log(`${name.padEnd(44)} caught ${String(caught.length).padStart(5)}; cleared by ${cells.join(', ')}`);
}

console.log('Recall lost: texts the full scorer flags that each pass would clear (cleared = not flagged)');
const fixtures = fixtureRows().filter((r) => r.label === 1);
lost('project fixture attacks (user)', fixtures);
const dev = labelledRows().filter((r) => r.label === 1);
for (const file of [...new Set(dev.map((r) => r.file))]) lost(`${file} attacks (${dev.find((r) => r.file === file).channel})`, dev.filter((r) => r.file === file));
const bench = shieldBenchTexts().texts;
lost('shield benchmark texts, user channel', bench.map((text) => ({ text, channel: 'user' })));
lost('shield benchmark texts, document channel', bench.map((text) => ({ text, channel: 'document' })));

// Traffic: the detection log's new user texts, as bench/shield-stages.mjs reads them.
const lines = gunzipSync(readFileSync(`${dataDir('DG_DETECTION_DEV', 'detection-dev')}/requests.jsonl.gz`)).toString('utf8').split('\n').filter((l) => l.trim()).slice(0, 6_000);
const seen = new Set();
const user = [];
for (const l of lines) {
  const out = [];
  for (const m of JSON.parse(l).body.messages ?? []) S.channels.collectChannelTexts(m.content, m.role === 'assistant', undefined, out);
  for (const t of out) {
    const key = `${t.assistant}${t.channel}\u0000${t.text}`;
    if (t.assistant || seen.has(key)) continue;
    seen.add(key);
    user.push(t.text);
  }
}
const kb = user.reduce((s, t) => s + t.length, 0) / 1024;
const ways = {
  'full scorer': (t) => S.scan.scoreText(t, 'user', MAX, false),
  ...Object.fromEntries(Object.entries(passes).map(([p, clears]) => [p, (t) => (clears(t, 'user') ? undefined : S.scan.scoreText(t, 'user', MAX, false))])),
};
console.log(`\nThe detection log's ${user.length} new user texts (${kb.toFixed(0)} KB): share cleared, CPU µs per KB (median of ${rounds} alternated rounds), ratio to the full scorer`);
const times = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? Object.keys(ways) : Object.keys(ways).reverse();
  for (const w of order) {
    const t0 = process.cpuUsage();
    for (const t of user) ways[w](t);
    const d = process.cpuUsage(t0);
    times[w].push((d.user + d.system) / kb);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const base = median(times['full scorer']);
for (const [w, ts] of Object.entries(times)) {
  const share = w in passes ? user.filter((t) => passes[w](t, 'user')).length / user.length : 0;
  console.log(`${w.padEnd(16)} cleared ${(100 * share).toFixed(1).padStart(5)}%  ${median(ts).toFixed(1).padStart(7)} µs/KB  ${(median(ts) / base).toFixed(2)}`);
}

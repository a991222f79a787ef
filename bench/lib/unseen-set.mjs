// The runner the held-out shield sets share (bench/shield-unseen.mjs, -unseen2.mjs, -unseen3.mjs):
// each file holds only its texts; this scores them with the built shield and prints the counts,
// the scores as JSON (`--json`), or the misses and false alarms too (`--all`). `--screen` scores
// with the opt-in screen.
import { scanInjection } from '@distill-guard/core/shield';

const SCREEN = process.argv.includes('--screen');
const ALL = process.argv.includes('--all');
const JSON_OUT = process.argv.includes('--json');

function scoreAll(texts, channel) {
  return texts.map((text) => ({ text, scan: scanInjection(text, { channel, screen: SCREEN }) }));
}

/**
 * Scores and reports one held-out set.
 * @param {string} title the report's first words, e.g. 'Unseen white-box set'
 * @param {{ game: string[], direct: string[], indirect: string[], benignUser: string[], benignDoc: string[] }} texts
 */
export function reportUnseenSet(title, { game, direct, indirect, benignUser, benignDoc }) {
  const sets = [
    { name: 'game attacks (user)', kind: 'attack', rows: scoreAll(game, 'user') },
    { name: 'direct benchmark-style attacks (user)', kind: 'attack', rows: scoreAll(direct, 'user') },
    { name: 'planted in data (document)', kind: 'attack', rows: scoreAll(indirect, 'document') },
    { name: 'benign look-alikes (user)', kind: 'benign', rows: scoreAll(benignUser, 'user') },
    { name: 'benign documents (document)', kind: 'benign', rows: scoreAll(benignDoc, 'document') },
  ];
  const flagged = (r) => r.scan.verdict === 'injection';
  if (JSON_OUT) {
    console.log(JSON.stringify(Object.fromEntries(sets.map((s) => [s.name, { flagged: s.rows.filter(flagged).length, n: s.rows.length, scores: s.rows.map((r) => Number(r.scan.score.toFixed(3))) }]))));
    return;
  }
  console.log(`${title} (${SCREEN ? 'with screen: true' : 'default configuration'}, threshold 0.5)\n`);
  for (const s of sets) {
    const k = s.rows.filter(flagged).length;
    console.log(`  ${s.name.padEnd(40)} ${s.kind === 'attack' ? 'caught ' : 'flagged'} ${k}/${s.rows.length} (${((100 * k) / s.rows.length).toFixed(1)}%)`);
  }
  if (!ALL) return;
  for (const s of sets) {
    const list = s.rows.filter((r) => flagged(r) === (s.kind === 'benign'));
    if (list.length === 0) continue;
    console.log(`\n${s.kind === 'attack' ? 'Missed' : 'Flagged'}: ${s.name}`);
    for (const r of list) console.log(`  ${r.scan.score.toFixed(2)}  ${JSON.stringify(r.text.length > 120 ? `${r.text.slice(0, 120)}…` : r.text)}`);
  }
}

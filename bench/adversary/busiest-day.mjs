// Per account, its busiest UTC day: the reasoning answers it was given (as the detector reads them,
// `answerReasoningProbability` at 0.5 or more: what the reasoning allowance counts), the answers,
// and the answer characters, over the white-box traces (every answer of the trace, as if all were
// served: what each account asks for, before any bound acts). Printed per kind as median / 95th
// percentile / max, for choosing a daily bound with the margin over the busiest benign case in view.
//
//   node bench/adversary/busiest-day.mjs [--phrasing dev|holdout] [--round 3|4|...] [--noon] [--json out.json]
//   (--noon: days from noon to noon UTC, the reasoning allowance's second grid)
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { answerReasoningProbability } from '@distill-guard/core/detector';
import { servedOutput } from '@distill-guard/core/replay';
import { buildTrace } from './run.mjs';

const DAY = 86_400_000;

function args(argv) {
  const o = { phrasing: 'dev', round: undefined, json: undefined, noon: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--phrasing') o.phrasing = argv[++i];
    else if (a === '--round') o.round = Number(argv[++i]);
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--noon') o.noon = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Per kind, the distribution over its accounts of the account's busiest day, for each measure. */
/** `offset`: where a day starts after midnight UTC (ms): 0 for UTC days, half a day for the noon grid. */
export function busiestDays(trace, offset = 0) {
  const perAccount = new Map();
  const cache = new Map();
  for (const r of trace.records) {
    const content = r.response?.content;
    if (content === undefined) continue;
    // Content blocks are read as the detector reads them: thinking and tool inputs before the text
    // (the ninth round serves derivations there); the characters counted are the text's.
    const served = servedOutput(content);
    const read = served.otherText ? (served.text ? `${served.otherText}\n\n${served.text}` : served.otherText) : served.text;
    if (!read) continue;
    let p = cache.get(read);
    if (p === undefined) cache.set(read, (p = answerReasoningProbability(read)));
    const day = Math.floor((r.time + offset) / DAY);
    let a = perAccount.get(r.user);
    if (!a) perAccount.set(r.user, (a = new Map()));
    const d = a.get(day) ?? { reasoning: 0, answers: 0, chars: 0 };
    d.answers++;
    d.chars += served.text.length;
    if (p >= 0.5) d.reasoning++;
    a.set(day, d);
  }
  const kinds = {};
  for (const [user, days] of perAccount) {
    const kind = trace.truth[user]?.kind ?? 'unknown';
    const k = (kinds[kind] ??= { accounts: 0, reasoning: [], answers: [], chars: [] });
    k.accounts++;
    for (const f of ['reasoning', 'answers', 'chars']) k[f].push(Math.max(...[...days.values()].map((d) => d[f])));
  }
  const out = {};
  for (const [kind, k] of Object.entries(kinds)) {
    out[kind] = { accounts: k.accounts };
    for (const f of ['reasoning', 'answers', 'chars']) {
      const s = k[f].sort((x, y) => x - y);
      out[kind][f] = { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1] };
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const o = args(process.argv.slice(2));
  const trace = await buildTrace(o);
  if (!trace) {
    console.log('busiest-day: the development log was not found; set DG_DETECTION_DEV.');
    process.exit(0);
  }
  const days = busiestDays(trace, o.noon ? DAY / 2 : 0);
  const fmt = (m, div = 1) => `${Math.round(m.p50 / div)} / ${Math.round(m.p95 / div)} / ${Math.round(m.max / div)}`;
  console.log(`busiest ${o.noon ? 'noon-to-noon' : 'UTC'} day per account (${o.round ? `round ${o.round}, ` : 'rounds 1-2, '}phrasing ${o.phrasing}), median / p95 / max over the kind's accounts`);
  console.log(`${'kind'.padEnd(18)} ${'accounts'.padStart(8)}  ${'reasoning answers'.padEnd(20)} ${'answers'.padEnd(18)} thousand answer chars`);
  for (const [kind, d] of Object.entries(days).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${kind.padEnd(18)} ${String(d.accounts).padStart(8)}  ${fmt(d.reasoning).padEnd(20)} ${fmt(d.answers).padEnd(18)} ${fmt(d.chars, 1000)}`);
  }
  if (o.json) await writeFile(o.json, JSON.stringify({ options: o, days }, null, 1));
}

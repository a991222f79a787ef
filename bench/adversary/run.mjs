// The white-box adversarial benchmark of the distillation detector. Builds a trace of the
// development log's people and benign automation, the campaigns of ./campaigns.mjs and the
// benign stress cases of ./stress.mjs and ./stress-heldout.mjs; replays it through a guard with the default (or given)
// configuration; prints, per campaign, the accounts detected and the answers each account got,
// next to the human baselines.
//
//   node bench/adversary/run.mjs [--phrasing dev|holdout] [--round 3|4|5|6|7|8|9|10|11|12|12f] [--scale 0.25] [--seed 7] [--json out.json] [--only a,b] [--b2b]
//   (without --round: the first and second rounds, as measured since 2026-12-06; --round 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 or 12f:
//   that round's campaigns alone, beside the same people, benign automation and stress cases)
//   DG_DETECTION_DEV=<dir>  (default ../shared/data/detection-dev beside the repository)
//   DG_REPLAY_CONFIG='{"shield":false}'  guard options as JSON
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedAnswerSampling } from '@distill-guard/core/detector';
import { guardTarget, prng, replay } from '@distill-guard/core/replay';
import { ADAPTIVE, CAMPAIGNS, FAMILIES } from './campaigns.mjs';
import { loadCorpus } from './corpus.mjs';
import { PHRASING } from './phrasing.mjs';
import { ROUND3, ROUND3_FAMILIES } from './round3.mjs';
import { ROUND4, ROUND4_FAMILIES } from './round4.mjs';
import { ROUND5, ROUND5_FAMILIES } from './round5.mjs';
import { ROUND6, ROUND6_FAMILIES, costOf } from './round6.mjs';
import { ROUND7, ROUND7_FAMILIES } from './round7.mjs';
import { ROUND8, ROUND8_FAMILIES } from './round8.mjs';
import { ROUND9, ROUND9_FAMILIES } from './round9.mjs';
import { ROUND10, ROUND10_FAMILIES } from './round10.mjs';
import { ROUND11, ROUND11_FAMILIES } from './round11.mjs';
import { ROUND12F, ROUND12F_FAMILIES } from './round12-fleet.mjs';
import { ROUND12, ROUND12_FAMILIES } from './round12.mjs';
import { STRESS } from './stress.mjs';
import { STRESS_HELDOUT } from './stress-heldout.mjs';
import { STRESS_FLEET } from './stress-fleet.mjs';
import { answerer } from './traffic.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const HUMAN_KINDS = ['casual', 'power', 'office'];
const RANK = { allow: 0, throttle: 1, flag: 2, block: 3 };

function args(argv) {
  const o = { phrasing: 'dev', round: undefined, scale: 1, seed: 7, json: undefined, only: undefined, b2b: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--phrasing') o.phrasing = argv[++i];
    else if (a === '--round') {
      const r = argv[++i];
      o.round = r === '12f' ? r : Number(r);
    }
    else if (a === '--scale') o.scale = Number(argv[++i]);
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--b2b') o.b2b = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (o.round !== undefined && ![3, 4, 5, 6, 7, 8, 9, 10, 11, 12, '12f'].includes(o.round)) throw new Error('--round must be 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 or 12f (rounds 1 and 2 run without --round)');
  if (!PHRASING[o.phrasing]) throw new Error(`--phrasing must be one of ${Object.keys(PHRASING).join(', ')}`);
  return o;
}

/** Campaign function name → family name in the report. */
const FAMILY_OF = { forged: 'forged', shards: 'shards', reasoning: 'reasoning', reasoningFast: 'reasoning120', aged: 'aged', drip: 'drip', laundered: 'laundered', burners: 'burners', mixed: 'mixed', residential: 'resid', burnersResidential: 'burnres' };
/** The second round, written against the final design and measured without tuning. */
const ADAPTIVE_OF = { twoTurn: 'twoturn', sparseForger: 'sparse', staggeredDrip: 'stagger', launderedTail: 'tail' };
const kindOfId = (id) => {
  const m = /^adv-([a-z0-9]+)-/.exec(id);
  if (m) return m[1] === 'shard' ? 'shards' : m[1] === 'burner' ? 'burners' : m[1];
  const s = /^stress-([a-z]+)/.exec(id);
  return s ? `stress:${s[1] === 'student' ? 'students' : s[1]}` : undefined;
};

export async function buildTrace({ phrasing = 'dev', round, scale = 1, seed = 7, only, b2b = false } = {}) {
  const dir = process.env.DG_DETECTION_DEV ?? resolve(HERE, '../../../shared/data/detection-dev');
  if (!existsSync(join(dir, 'requests.jsonl.gz'))) return undefined;
  const corpus = await loadCorpus(dir);
  const rnd = prng(seed);
  const ctx = { rnd, corpus, start: corpus.start, end: corpus.end, answer: answerer(corpus, rnd) };
  const P = PHRASING[phrasing];
  const records = corpus.legit.map((r) => ({ ...r }));
  const truth = {};
  for (const r of records) truth[r.user] ??= { label: 'legit', kind: corpus.truth[r.user].kind };
  const families =
    round === 3
      ? Object.entries(ROUND3_FAMILIES).map(([family, f]) => [ROUND3[f.fn], family])
      : round === 4
        ? Object.entries(ROUND4_FAMILIES).map(([family, f]) => [ROUND4[f.fn], family])
        : round === 5
          ? Object.entries(ROUND5_FAMILIES).map(([family, f]) => [ROUND5[f.fn], family])
          : round === 6
            ? Object.entries(ROUND6_FAMILIES).map(([family, f]) => [ROUND6[f.fn], family])
            : round === 7
              ? Object.entries(ROUND7_FAMILIES).map(([family, f]) => [ROUND7[f.fn], family])
              : round === 8
                ? Object.entries(ROUND8_FAMILIES).map(([family, f]) => [ROUND8[f.fn], family])
                : round === 9
                  ? Object.entries(ROUND9_FAMILIES).map(([family, f]) => [ROUND9[f.fn], family])
                  : round === 10
                    ? Object.entries(ROUND10_FAMILIES).map(([family, f]) => [ROUND10[f.fn], family])
                    : round === 11
                      ? Object.entries(ROUND11_FAMILIES).map(([family, f]) => [ROUND11[f.fn], family])
                      : round === '12f'
                        ? Object.entries(ROUND12F_FAMILIES).map(([family, f]) => [ROUND12F[f.fn], family])
                        : round === 12
                          ? Object.entries(ROUND12_FAMILIES).map(([family, f]) => [ROUND12[f.fn], family])
                          : [...Object.entries(FAMILY_OF).map(([fn, family]) => [CAMPAIGNS[fn], family]), ...Object.entries(ADAPTIVE_OF).map(([fn, family]) => [ADAPTIVE[fn], family])];
  for (const [make, family] of families) {
    if (only && !only.includes(family)) continue;
    for (const r of make(ctx, P, scale)) {
      records.push(r);
      truth[r.user] ??= { label: 'attacker', kind: family };
    }
  }
  for (const [name, make] of [...Object.entries(STRESS), ...Object.entries(STRESS_HELDOUT)]) {
    for (const r of make(ctx)) {
      if (r.time > ctx.end) continue;
      records.push(r);
      truth[r.user] ??= { label: 'legit', kind: `stress:${name}` };
    }
  }
  // Benign fleets of honest SDK accounts (./stress-fleet.mjs), on random streams of their own.
  if (b2b) {
    for (const [name, make] of Object.entries(STRESS_FLEET)) {
      for (const r of make(ctx)) {
        if (r.time > ctx.end) continue;
        records.push(r);
        truth[r.user] ??= { label: 'legit', kind: `stress:${name}` };
      }
    }
  }
  records.sort((a, b) => a.time - b.time);
  return { records, truth };
}

/** Whether a log line's reply served text (a reply that is a tool call alone, or empty, serves none). */
const servedText = (record) => {
  const c = record.response?.content;
  return typeof c === 'string' ? c.trim().length > 0 : Array.isArray(c) && c.some((b) => b.type === 'text' && b.text?.trim());
};
const textOf = (c) => (typeof c === 'string' ? c : (c ?? []).map((b) => b.text ?? '').join('\n'));
/** The key of an exchange: the account, the prompt and the answer that followed it. */
const exchangeKey = (user, prompt, answer) => `${user}\u0000${prompt}\u0000${answer}`;

/**
 * Whether a request continues an exchange its client was never given. The traces are written in
 * advance, as if every request were served; a real client that is refused an answer cannot send
 * it back as history. Such a request is not sent (it would read as forged history, and be blocked
 * for what no client could do); nor is anything that continues it.
 */
function continuesRefused(record, refused) {
  const messages = record.body?.messages ?? [];
  for (let i = 0; i + 1 < messages.length; i++) {
    if (messages[i].role === 'user' && messages[i + 1].role === 'assistant' && refused.has(exchangeKey(record.user, textOf(messages[i].content), textOf(messages[i + 1].content)))) return true;
  }
  return false;
}
function refuse(record, refused) {
  const messages = record.body?.messages ?? [];
  const prompt = messages.length > 0 ? textOf(messages[messages.length - 1].content) : '';
  refused.add(exchangeKey(record.user, prompt, record.response?.content ?? ''));
}

/**
 * Replays a trace through a guard and counts, per account, requests, answers served and the
 * strongest verdict. The clients react to refusals as real ones must: a conversation whose turn
 * was refused is not continued (see {@link continuesRefused}); they do not wait or retry.
 * `onDecision(record, decision)` sees each decision of a request that was sent (for probes).
 */
export async function runTrace(trace, config = {}, { onDecision } = {}) {
  // The windows read in the middle of long answers are drawn from a seed a deployment picks at
  // random; a run fixes it (as `distill-guard replay` does), so two runs of one build give the same
  // rows and two builds can be compared row for row.
  seedAnswerSampling(0);
  // Streamed as log lines: a full-scale trace is larger than one string may be.
  const lines = Readable.from((function* logLines() {
    for (const { time, ...r } of trace.records) yield `${JSON.stringify({ ...r, ts: new Date(time).toISOString() })}\n`;
  })());
  const inner = guardTarget(config);
  const accounts = new Map();
  // The replay checks the log's lines one at a time, in order: the record behind each request.
  let next = 0;
  const refused = new Set();
  const target = {
    setTime: inner.setTime,
    async check(req) {
      const record = trace.records[next++];
      if (record.body?.messages?.length > 1 && continuesRefused(record, refused)) {
        refuse(record, refused);
        return { allowed: false, conclusion: 'throttle', verdict: 'allow', score: 0, signals: [], identity: { id: record.user ?? record.ip }, notSent: true };
      }
      const d = await inner.check(req);
      onDecision?.(record, d);
      if (!d.allowed) refuse(record, refused);
      let a = accounts.get(d.identity.id);
      if (!a) accounts.set(d.identity.id, (a = { requests: 0, served: 0, withText: 0, plain: 0, rank: 0, firstAction: 0, first: req.timestamp }));
      a.requests++;
      if (d.allowed) a.served++;
      if (d.allowed && servedText(record)) a.withText++;
      if (d.conclusion === 'allow' && !(d.actions?.delayMs || d.actions?.stripReasoning || d.actions?.suppressReasoning)) a.plain++;
      const rank = RANK[d.verdict] ?? 0;
      if (rank > 0 && !a.firstAction) a.firstAction = req.timestamp;
      if (rank > a.rank) a.rank = rank;
      return d;
    },
    record: inner.record,
    close: inner.close,
  };
  const started = performance.now();
  const report = await replay(lines, target);
  const seconds = (performance.now() - started) / 1000;
  await inner.close();
  return { accounts, report, seconds };
}

export function score(trace, { accounts }) {
  const kinds = {};
  for (const [id, t] of Object.entries(trace.truth)) {
    const a = accounts.get(id);
    if (!a) continue;
    const k = (kinds[t.kind] ??= { label: t.label, accounts: 0, detected: 0, blocked: 0, requests: 0, served: 0, withText: 0, plain: 0, maxRank: 0, delays: [] });
    k.accounts++;
    if (a.rank >= 2) k.detected++;
    if (a.rank >= 3) k.blocked++;
    k.maxRank = Math.max(k.maxRank, a.rank);
    k.requests += a.requests;
    k.served += a.served;
    k.withText += a.withText;
    k.plain += a.plain;
    if (a.firstAction) k.delays.push((a.firstAction - a.first) / 3_600_000);
  }
  const attackers = Object.keys(kinds).filter((k) => kinds[k].label === 'attacker');
  const humans = HUMAN_KINDS.filter((k) => kinds[k]);
  const sum = (ks, f) => ks.reduce((s, k) => s + kinds[k][f], 0);
  return {
    kinds,
    attackServed: sum(attackers, 'served') / Math.max(1, sum(attackers, 'requests')),
    attackPlain: sum(attackers, 'plain') / Math.max(1, sum(attackers, 'requests')),
    humanFPR: sum(humans, 'detected') / Math.max(1, sum(humans, 'accounts')),
    humanRefused: 1 - sum(humans, 'plain') / Math.max(1, sum(humans, 'requests')),
    batchServed: kinds.batch ? kinds.batch.plain / kinds.batch.requests : null,
  };
}

const VERDICTS = ['allow', 'throttle', 'flag', 'block'];

export function printScore(s, { title = '' } = {}) {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(title);
  console.log('kind            accounts  detected  blocked  answers/acct  served   strongest  hours to act (p50)  bar');
  const rows = Object.entries(s.kinds).sort(([a, x], [b, y]) => (x.label === y.label ? a.localeCompare(b) : x.label === 'attacker' ? -1 : 1));
  for (const [kind, k] of rows) {
    const bar = FAMILIES[kind]?.bar ?? {};
    const perAcct = k.served / k.accounts;
    let verdict = '';
    if (bar.detected !== undefined) verdict = k.detected / k.accounts >= bar.detected ? `ok (>= ${pct(bar.detected)})` : `MISSED (>= ${pct(bar.detected)})`;
    if (bar.answersPerAccount !== undefined) verdict = perAcct <= bar.answersPerAccount ? `ok (<= ${bar.answersPerAccount})` : `MISSED (<= ${bar.answersPerAccount})`;
    if (kind.startsWith('stress:')) verdict = k.maxRank >= 3 ? 'BLOCKED (never)' : k.maxRank >= 2 ? 'flagged (review)' : 'ok';
    const d = [...k.delays].sort((x, y) => x - y);
    const p50 = d.length ? d[Math.floor(d.length / 2)].toFixed(1) : '-';
    console.log(`${kind.padEnd(15)} ${String(k.accounts).padStart(8)}  ${pct(k.detected / k.accounts).padStart(8)}  ${pct(k.blocked / k.accounts).padStart(7)}  ${perAcct.toFixed(1).padStart(12)}  ${pct(k.served / k.requests).padStart(6)}   ${VERDICTS[k.maxRank].padEnd(9)}  ${p50.padStart(18)}  ${verdict}`);
  }
  console.log(`attack requests served: ${pct(s.attackServed)} (served as asked: ${pct(s.attackPlain)}); humans flagged: ${pct(s.humanFPR)}; human requests not served as asked: ${(s.humanRefused * 100).toFixed(3)}%; batch served as asked: ${s.batchServed === null ? '-' : pct(s.batchServed)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const o = args(process.argv.slice(2));
  const t0 = performance.now();
  const trace = await buildTrace(o);
  if (!trace) {
    console.log('detector-adversary: the development log was not found; set DG_DETECTION_DEV.');
    process.exit(0);
  }
  const built = (performance.now() - t0) / 1000;
  const config = process.env.DG_REPLAY_CONFIG ? JSON.parse(process.env.DG_REPLAY_CONFIG) : {};
  const run = await runTrace(trace, config);
  const s = score(trace, run);
  printScore(s, { title: `adversary (${o.round ? `round ${o.round}, ` : ''}phrasing ${o.phrasing}, scale ${o.scale}, seed ${o.seed}): ${trace.records.length} requests, built in ${built.toFixed(1)} s, replayed in ${run.seconds.toFixed(1)} s` });
  for (const [kind, c] of Object.entries(costOf)) if (c.derivation > 0) console.log(`attacker cost, ${kind}: ${(c.served / c.derivation).toFixed(2)}x the plain derivation's characters (over every answer written)`);
  if (o.round === '12f' || o.round >= 8) for (const [kind, k] of Object.entries(s.kinds)) if (k.label === 'attacker') console.log(`harvest, ${kind}: ${k.served} answers in all over ${k.accounts} accounts (${k.requests} requests sent)${o.round === '12f' || o.round >= 10 ? `; answers with text ${k.withText} (${(k.withText / k.accounts).toFixed(1)} per account)` : ''}`);
  if (o.json) await writeFile(o.json, JSON.stringify({ options: o, ...s }, null, 1));
}

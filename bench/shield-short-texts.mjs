// The shield's fixed cost per text, where a server pays it: short texts, one at a time. Chat
// traffic sends one new user turn of 40-60 characters and resends the answer before it, so the
// shield's cost per request is its cost per text (setup, digests, memories, tables, regexes),
// not its cost per KB of a long text. Each text is scanned as a server scans a new text, with
// `scanMessages` on a body of that one message (memory digest, scorer, summary), this checkout's
// shield against the shield at SHIELD_REF (both bundled from their sources), builds alternated
// round by round.
//
// Sets: the HTTP benchmark's chat traffic (its new user turns, and its assistant turns, which
// the rules alone score), the detection log's user prompts by length (<100, 100-500,
// 500-2000, >2000 characters), long user texts of 5,000-16,000 characters made by joining
// the log's prompts (scored whole, at their ends and in windows), and documents: the log's answers
// sent back as `tool_result` contents (the document channel: scored whole and line by line), of
// 200-2,000 characters and joined to 5,000-16,000; and user texts by class (code, CJK, mixed
// scripts) from the log's prompts, the development sets' rows and the shield benchmarks' texts. Two modes: warm (a tight loop) and cold (BENCH_EVICT_MB, default
// 4, of a buffer of its own read before each text, as a server's other work leaves the caches).
// Each text's time is the median of its rounds (wall clock); a set's figure is the mean over its
// texts, in µs per text, and the ratio this/ref. A third mode, requests: whole requests of steady
// chat traffic (bench/lib/chat-traffic.mjs, 1,000 conversations in flight, histories resent) through
// scanMessages with the guard's default options, memories included, in blocks of 500 whose build
// order alternates (each build parses its own copy, as a server would): CPU µs per request and
// the median of the blocks' ratios. A fourth, cpu: each set's CPU time per round (see `cpu`), the
// figure to quote on a loaded machine, where a long text's wall clock counts other processes' time.
//
//   SHIELD_REF=<commit> node bench/shield-short-texts.mjs [rounds]     (default 7 rounds)
//   BENCH_MODES=cold SHIELD_REF=<commit> node bench/shield-short-texts.mjs
//   BENCH_MODES=cpu SHIELD_REF=<commit> node bench/shield-short-texts.mjs 9   (CPU µs per KB by set, against the budget)
//   node bench/shield-short-texts.mjs        (SHIELD_REF=HEAD: with a clean checkout, a control whose ratio is noise)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataDir, detectionTexts, labelledRows } from '../packages/core/scripts/train-shield/data.mjs';
import { loadShieldModules } from '../packages/core/scripts/train-shield/shield-source.mjs';
import { cacheEvictor } from './lib/cache-evictor.mjs';
import { chatBodies, steadyChat } from './lib/chat-traffic.mjs';
import { shieldBenchTexts } from './lib/shield-bench-texts.mjs';

const ref = process.env.SHIELD_REF ?? 'HEAD';
const ROUNDS = Number(process.argv[2] ?? 7);
const EVICT_MB = Number(process.env.BENCH_EVICT_MB ?? 4);
const MODES = (process.env.BENCH_MODES ?? 'warm,cold,cpu,requests').split(',');
const BLOCK = 200;
const MODULES = { shield: 'index' };
const builds = [await loadShieldModules(MODULES), await loadShieldModules(MODULES, ref)];

/** Every `step`-th element of `xs`, at most `n`: a spread sample that is the same in every run. */
const spread = (xs, n) => (xs.length <= n ? xs : Array.from({ length: n }, (_, i) => xs[Math.floor((i * xs.length) / n)]));

// Chat traffic: each request's new user turn and the answer before it, as the server first sees them.
const chatUser = [];
const chatAssistant = [];
for (const { body } of chatBodies()) {
  const messages = JSON.parse(body).messages;
  chatUser.push(messages.at(-1).content);
  if (messages.length > 1) chatAssistant.push(messages.at(-2).content);
}
// The detection log's distinct user prompts, by length.
const prompts = new Set();
const log = gunzipSync(readFileSync(`${dataDir('DG_DETECTION_DEV', 'detection-dev')}/requests.jsonl.gz`)).toString('utf8');
for (const line of log.split('\n')) {
  if (!line.trim()) continue;
  for (const m of JSON.parse(line).body?.messages ?? []) if (m.role === 'user' && typeof m.content === 'string' && m.content) prompts.add(m.content);
}
const byLength = (lo, hi) => [...prompts].filter((t) => t.length >= lo && t.length < hi);
/**
 * Long user texts (pasted documents, logs, code), which the scorer also reads in windows (over
 * 4,000 characters, learned/user-windows.ts): the log has one, so the log's prompts of 200
 * characters or more are joined in order, each text to a length spread over 5,000-16,000.
 */
function joinedPrompts(n, parts = [...prompts].filter((t) => t.length >= 200)) {
  const out = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    const length = 5_000 + Math.floor((i * 11_000) / n);
    let text = '';
    while (text.length < length) text += (text ? '\n\n' : '') + parts[k++ % parts.length];
    out.push(text.slice(0, length));
  }
  return out;
}
/**
 * User texts by class of text, from the log's prompts, the development sets' rows and the shield
 * benchmarks' texts (attacks and benign alike, each as a user text): code (a twentieth or more of
 * the characters are `{};=()<>[]`, over more
 * than one line), CJK (three in ten letters or more Chinese, Japanese or Korean) and mixed scripts
 * (a tenth or more of the letters Latin and a tenth or more of another script: Cyrillic, Greek,
 * Arabic, Hebrew, Indic...). Each text's class is read off its characters, never its label.
 */
const devRows = labelledRows({ required: false }).map((r) => r.text);
const classPool = [...new Set([...prompts, ...devRows, ...shieldBenchTexts().texts])].filter((t) => t.length >= 40);
function classOf(t) {
  let latin = 0;
  let cjk = 0;
  let other = 0;
  let code = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) cjk++;
    else if (c >= 0x370 && c < 0x2000) other++;
    else if ('{};=()<>[]'.includes(t[i])) code++;
  }
  const letters = Math.max(1, latin + cjk + other);
  if (cjk / letters >= 0.3) return 'cjk';
  if (latin / letters >= 0.1 && other / letters >= 0.1) return 'mixed';
  if (code / t.length >= 0.05 && t.includes('\n')) return 'code';
  return 'other';
}
const ofClass = (c) => classPool.filter((t) => classOf(t) === c);
/** The log's answers (each over 200 characters), as an app hands them back as data. */
const answers = detectionTexts({ maxAnswers: 3_000 }).answers;
const SETS = [
  { name: 'chat traffic: new user turns', role: 'user', texts: spread(chatUser, 2_000) },
  { name: 'chat traffic: answers resent (rules)', role: 'assistant', texts: spread(chatAssistant, 1_000) },
  { name: 'detection log prompts < 100 chars', role: 'user', texts: spread(byLength(0, 100), 1_500) },
  { name: 'detection log prompts 100-500', role: 'user', texts: spread(byLength(100, 500), 1_500) },
  { name: 'detection log prompts 500-2000', role: 'user', texts: spread(byLength(500, 2_000), 600) },
  { name: 'detection log prompts > 2000', role: 'user', texts: spread(byLength(2_000, Infinity), 200) },
  { name: 'log prompts joined, 5000-16000', role: 'user', texts: joinedPrompts(60) },
  { name: 'user texts: code', role: 'user', texts: spread(ofClass('code'), 400) },
  { name: 'user texts: CJK', role: 'user', texts: spread(ofClass('cjk'), 400) },
  { name: 'user texts: mixed scripts', role: 'user', texts: spread(ofClass('mixed'), 400) },
  { name: 'documents: log answers 200-2000', role: 'tool', texts: spread(answers.filter((t) => t.length < 2_000), 600) },
  { name: 'documents: answers joined, 5000-16000', role: 'tool', texts: joinedPrompts(60, answers) },
];
/** One new text as a server first sees it; a document is a tool's result in a user turn. */
const bodyOf = (role, text) => (role === 'tool' ? { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: text }] }] } : { messages: [{ role, content: text }] });
const bodiesOf = (set) => set.texts.map((t) => bodyOf(set.role, t));
const bodies = SETS.map(bodiesOf);

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Issue 18's budget: µs per KB of new text (the last column: this build's µs per KB over it). */
const COST_TARGET = 30;
console.log(`The shield's cost per text, scanMessages on one new text; ${ref} against this checkout, ${ROUNDS} rounds alternated, median per text, mean over texts (µs per text), and per KB of the mean text (the last column: times the budget of ${COST_TARGET} µs per KB)`);
for (const mode of MODES) {
  if (mode === 'requests') {
    requests();
    continue;
  }
  if (mode === 'cpu') {
    cpu();
    continue;
  }
  const evict = mode === 'cold' ? cacheEvictor(EVICT_MB) : undefined;
  // times[build][set][text][round]
  const times = builds.map(() => SETS.map((s) => s.texts.map(() => new Float64Array(ROUNDS))));
  for (let r = 0; r < ROUNDS; r++) {
    // Another maxChars each round starts each shield's memory afresh, so every text is new again
    // (scoring is the same for texts shorter than both).
    const options = { maxChars: 16_384 + (r % 2) };
    for (const b of r % 2 ? [0, 1] : [1, 0]) {
      const scan = builds[b].shield.scanMessages;
      for (let s = 0; s < SETS.length; s++) {
        const list = bodies[s];
        const out = times[b][s];
        for (let i = 0; i < list.length; i++) {
          if (evict) evict();
          const start = performance.now();
          scan(list[i], options);
          out[i][r] = performance.now() - start;
        }
      }
    }
  }
  console.log(`\n${mode === 'cold' ? `cold: ${EVICT_MB} MB read before each text` : 'warm: a tight loop'}`);
  console.log(`${'set'.padEnd(40)} ${'texts'.padStart(6)} ${'chars'.padStart(6)} ${'ref µs'.padStart(8)} ${'this µs'.padStart(8)} ${'this/ref'.padStart(8)} ${'ref µs/KB'.padStart(9)} ${'µs/KB'.padStart(7)} ${'/30'.padStart(5)}`);
  for (let s = 0; s < SETS.length; s++) {
    const n = SETS[s].texts.length;
    if (n === 0) continue;
    const [now, then] = [0, 1].map((b) => (times[b][s].reduce((sum, rounds) => sum + median(rounds), 0) * 1000) / n);
    const chars = SETS[s].texts.reduce((sum, t) => sum + t.length, 0) / n;
    const perKB = (now * 1024) / chars;
    console.log(`${SETS[s].name.padEnd(40)} ${String(n).padStart(6)} ${chars.toFixed(0).padStart(6)} ${then.toFixed(1).padStart(8)} ${now.toFixed(1).padStart(8)} ${(now / then).toFixed(2).padStart(8)} ${((then * 1024) / chars).toFixed(0).padStart(9)} ${perKB.toFixed(0).padStart(7)} ${(perKB / COST_TARGET).toFixed(1).padStart(5)}`);
  }
}

/**
 * The cpu mode: each set scanned whole per round, builds alternated, in CPU time (a long text's
 * wall clock on a loaded machine counts the time other processes ran; CPU time does not). µs per
 * KB of the set's text, the median of the rounds; the ratio is the median of the rounds' ratios.
 * The last line is every set but the rules-only answers together, against the budget.
 */
function cpu() {
  const used = builds.map(() => SETS.map(() => []));
  // A small set is scanned several times a round, to 256 KB (each time with another maxChars, so
  // that the memory of scores starts afresh and every text is new again); its figure is per KB scanned.
  const kbOf = SETS.map((set) => set.texts.reduce((sum, t) => sum + t.length, 0) / 1024);
  const reps = kbOf.map((kb) => (kb === 0 ? 0 : Math.max(1, Math.ceil(256 / kb))));
  // Each build's scans alternate maxChars at every pass over a set: no text is ever remembered.
  const passes = [0, 0];
  for (let r = 0; r < ROUNDS; r++) {
    for (const b of r % 2 ? [0, 1] : [1, 0]) {
      const scan = builds[b].shield.scanMessages;
      for (let s = 0; s < SETS.length; s++) {
        const start = process.cpuUsage();
        for (let k = 0; k < reps[s]; k++) {
          const options = { maxChars: 16_384 + (passes[b]++ % 2) };
          for (const body of bodies[s]) scan(body, options);
        }
        const t = process.cpuUsage(start);
        used[b][s].push((t.user + t.system) / reps[s]);
      }
    }
  }
  console.log(`\ncpu: CPU time of each set per round (µs per KB of its text, median of ${ROUNDS} rounds; this/ref: median of the rounds' ratios)`);
  console.log(`${'set'.padEnd(40)} ${'texts'.padStart(6)} ${'KB'.padStart(6)} ${'ref µs/KB'.padStart(9)} ${'µs/KB'.padStart(7)} ${'this/ref'.padStart(8)} ${'/30'.padStart(5)}`);
  const total = [[], []];
  let totalKB = 0;
  for (let s = 0; s < SETS.length; s++) {
    const kb = kbOf[s];
    if (kb === 0) continue;
    const [now, then] = [0, 1].map((b) => median(used[b][s]) / kb);
    const ratio = median(used[0][s].map((t, r) => t / used[1][s][r]));
    console.log(`${SETS[s].name.padEnd(40)} ${String(SETS[s].texts.length).padStart(6)} ${kb.toFixed(0).padStart(6)} ${then.toFixed(0).padStart(9)} ${now.toFixed(0).padStart(7)} ${ratio.toFixed(2).padStart(8)} ${(now / COST_TARGET).toFixed(1).padStart(5)}`);
    if (SETS[s].role === 'assistant') continue;
    totalKB += kb;
    for (const b of [0, 1]) used[b][s].forEach((t, r) => (total[b][r] = (total[b][r] ?? 0) + t));
  }
  const [now, then] = [0, 1].map((b) => median(total[b]) / totalKB);
  const ratio = median(total[0].map((t, r) => t / total[1][r]));
  console.log(`${'all user texts and documents'.padEnd(40)} ${''.padStart(6)} ${totalKB.toFixed(0).padStart(6)} ${then.toFixed(0).padStart(9)} ${now.toFixed(0).padStart(7)} ${ratio.toFixed(2).padStart(8)} ${(now / COST_TARGET).toFixed(1).padStart(5)}   (budget: ${COST_TARGET} µs per KB)`);
}

/** The requests mode: see the header. */
function requests() {
  const WARM = 150;
  const MEASURED = 100;
  const options = { channels: { user: 0.5, document: 0.5 } };
  const traffic = steadyChat(1_000);
  const us = [0, 0];
  const ratios = [];
  for (let k = 0; k < WARM + MEASURED; k++) {
    const block = Array.from({ length: BLOCK }, () => traffic.next().body);
    const t = [0, 0];
    for (const b of k % 2 ? [0, 1] : [1, 0]) {
      const bodies = block.map((json) => JSON.parse(json));
      const scan = builds[b].shield.scanMessages;
      const start = process.cpuUsage();
      for (const body of bodies) scan(body, options);
      const used = process.cpuUsage(start);
      t[b] = (used.user + used.system) / 1000;
    }
    if (k < WARM) continue;
    us[0] += t[0];
    us[1] += t[1];
    ratios.push(t[0] / t[1]);
  }
  ratios.sort((a, b) => a - b);
  const per = (x) => ((x * 1000) / (MEASURED * BLOCK)).toFixed(1);
  console.log(`\nrequests: steady chat traffic, 1,000 conversations, ${MEASURED} blocks of ${BLOCK} after ${WARM} warm-up blocks`);
  console.log(`ref ${per(us[1])} -> this ${per(us[0])} CPU µs per request; this/ref per block: median ${ratios[ratios.length >> 1].toFixed(2)} (quartiles ${ratios[ratios.length >> 2].toFixed(2)}-${ratios[(3 * ratios.length) >> 2].toFixed(2)})`);
}

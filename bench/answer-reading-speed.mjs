// Cost of reading an answer for reasoning (`answerReasoningProbability`: the layout reader and the
// content reader), this build against another build of @distill-guard/core in the same process:
// rounds alternate between the two (A B B A ...) so that a shared, noisy machine weighs on both
// alike, and each is timed by the thread's CPU time. Reads every answer of a log (distinct answers,
// in log order). Compare the ratio, not the absolute figures.
//
//   node bench/answer-reading-speed.mjs [--log <requests.jsonl.gz>] [--baseline <core dist directory>] [--rounds N]
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as current from '@distill-guard/core/detector';

function args(argv) {
  const o = { log: fileURLToPath(new URL('../../shared/data/detection-dev/requests.jsonl.gz', import.meta.url)), baseline: undefined, rounds: 6 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--log') o.log = argv[++i];
    else if (argv[i] === '--baseline') o.baseline = argv[++i];
    else if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return o;
}

async function answers(log) {
  const seen = new Set();
  const rl = createInterface({ input: createReadStream(log).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    const content = JSON.parse(line).response?.content;
    if (typeof content === 'string') seen.add(content);
  }
  return [...seen];
}

// CPU time of this thread, not wall time: on a shared machine another process's turn on the CPU
// is not this build's cost.
function time(read, texts) {
  const t = process.cpuUsage();
  let sum = 0;
  for (const text of texts) sum += read(text);
  const used = process.cpuUsage(t);
  return { ns: ((used.user + used.system) * 1000) / texts.length, sum };
}

const o = args(process.argv.slice(2));
const texts = await answers(o.log);
const builds = { current: current.answerReasoningProbability };
if (o.baseline) builds.baseline = (await import(pathToFileURL(join(resolve(o.baseline), 'detector', 'index.js')).href)).answerReasoningProbability;
const names = Object.keys(builds);
const per = Object.fromEntries(names.map((n) => [n, []]));
for (const n of names) time(builds[n], texts.slice(0, 2000)); // warm up
for (let r = 0; r < o.rounds; r++) {
  const order = r % 2 === 0 ? names : [...names].reverse();
  for (const n of order) per[n].push(time(builds[n], texts).ns);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
console.log(`${texts.length} distinct answers, ${Math.round(chars)} characters on average; ${o.rounds} rounds, alternating`);
const kb = chars / 1024;
for (const n of names) console.log(`${n.padEnd(9)} median ${median(per[n]).toFixed(0)} ns an answer, ${(median(per[n]) / kb).toFixed(0)} ns a KB  (rounds: ${per[n].map((x) => x.toFixed(0)).join(' ')})`);
if (builds.baseline) {
  // The ratio of each round's pair as well: a round's two halves ran under the same load.
  const ratios = per.current.map((x, r) => x / per.baseline[r]);
  console.log(`current / baseline: ${(median(per.current) / median(per.baseline)).toFixed(2)} (medians); median of the rounds' ratios ${median(ratios).toFixed(2)} (${ratios.map((x) => x.toFixed(2)).join(' ')})`);
}

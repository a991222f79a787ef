// Cost per call of the content classifiers: microseconds and approximate bytes allocated, on the
// development log's prompts and answers and on long worst cases. Run with a large young
// generation so that no scavenge falls inside a measured loop (the heap delta is then the
// allocation):
//
//   pnpm --filter ./packages/core build && node --expose-gc --max-semi-space-size=512 bench/classifiers/cost.mjs
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { answerReasoning, instructionStyle, lastUserText, reasoningElicitation, scanText } from '../../packages/core/dist/index.js';

const root = new URL('../../', import.meta.url);
const dir = (process.env.DG_DETECTION_DEV ?? fileURLToPath(new URL('../shared/data/detection-dev/', root))).replace(/\/$/, '');
const prompts = new Set();
const answers = new Set();
for (const line of gunzipSync(readFileSync(`${dir}/requests.jsonl.gz`)).toString('utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  prompts.add(lastUserText(r.body));
  if (typeof r.response?.content === 'string') answers.add(r.response.content);
}
const P = [...prompts].slice(0, 3000);
const A = [...answers].slice(0, 3000);
const scans = P.map((p) => scanText(p));

function bench(name, n, f) {
  for (let i = 0; i < Math.min(n, 3000); i++) f(i);
  globalThis.gc?.();
  const h0 = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) f(i);
  const us = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  const bytes = (process.memoryUsage().heapUsed - h0) / n;
  console.log(`${name.padEnd(48)} ${us.toFixed(2).padStart(7)} µs ${bytes.toFixed(0).padStart(6)} B`);
}

const zh = '请一步一步地思考，然后给出最终答案。我在准备考试，请你解释一下光合作用的原理。'.repeat(40);
const zhScan = scanText(zh);
const long = `Explain your reasoning. ${'The quick brown fox jumps over the lazy dog again and again. '.repeat(120)}\n\`\`\`python\n# explain every step\nx = 1\n\`\`\`\nThink step by step.`;
const longScan = scanText(long);
const longAnswer = `Let me work through this step by step.\n${Array.from({ length: 200 }, (_, i) => `${i + 1}. ${i} × 3 = ${i * 3} and we keep going with more words here`).join('\n')}\nTherefore the answer is 42.`;

console.log(`dev log: ${P.length} prompts (mean ${Math.round(P.reduce((s, x) => s + x.length, 0) / P.length)} chars), ${A.length} answers (mean ${Math.round(A.reduce((s, x) => s + x.length, 0) / A.length)} chars)\n`);
console.log(`${''.padEnd(48)}   per call`);
bench('scanText(prompt), shared by both prompt classifiers', 60000, (i) => scanText(P[i % P.length]));
bench('reasoningElicitation(prompt, scan)', 60000, (i) => reasoningElicitation(P[i % P.length], scans[i % P.length]));
bench('instructionStyle(scan)', 60000, (i) => instructionStyle(scans[i % P.length]));
bench('answerReasoning(answer)', 60000, (i) => answerReasoning(A[i % A.length]));
bench(`reasoningElicitation, ${zh.length}-char Chinese prompt`, 20000, () => reasoningElicitation(zh, zhScan));
bench(`instructionStyle, ${zh.length}-char Chinese prompt`, 20000, () => instructionStyle(zhScan));
bench(`reasoningElicitation, ${long.length}-char prompt + code`, 5000, () => reasoningElicitation(long, longScan));
bench(`answerReasoning, ${longAnswer.length}-char answer`, 20000, () => answerReasoning(longAnswer));

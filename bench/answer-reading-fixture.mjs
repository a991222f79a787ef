// Writes the answer readers' results on a fixed corpus, computed by another commit's core source,
// as the fixture `packages/core/test/fingerprint/answer-reading.test.ts` compares the working
// tree's readers with: what a reader reports must not change when the readers share a reading.
//
//   bash bench/http/reference.sh <commit> <dir>   (any checkout of the commit's packages/core will do)
//   node bench/answer-reading-fixture.mjs --core <dir>/packages/core [--out <file>]
//
// The corpus: the hand-written answers of the fingerprint fixtures (seven languages), edge cases
// (empty, CJK, other scripts' numerals, code fences, quotes in code, words across the readers'
// bounds) and long answers made of those answers (1,499 to 60,000 characters, so the content
// reader's middle windows are read). The base answers are stored by their index (`base`) and the long
// ones as recipes (`long: { from, length }`, see `longAnswer`), which the test rebuilds the same way. Answer sampling is seeded (SEED).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'packages/core/test/fingerprint/fixtures');
export const SEED = 0x5eed;

function args(argv) {
  const o = { core: undefined, out: join(fixtures, 'answer-readings.json') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--core') o.core = argv[++i];
    else if (argv[i] === '--out') o.out = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!o.core) throw new Error('--core <packages/core of the reference commit> is required');
  return o;
}

/** The fixture files' entries, split as test/fingerprint/fixtures.ts splits them. */
function entries(path) {
  return readFileSync(path, 'utf8')
    .split(/\r?\n%%%\r?\n/)
    .map((s) => s.replace(/^\r?\n+|\r?\n+$/g, ''))
    .filter(Boolean);
}

function baseAnswers() {
  const out = [];
  for (const folder of ['answers-plain', 'answers-reasoning']) for (const f of readdirSync(join(fixtures, folder)).filter((f) => f.endsWith('.txt')).sort()) out.push(...entries(join(fixtures, folder, f)));
  for (const folder of ['heldout-1', 'heldout-2']) for (const f of ['answers-plain.txt', 'answers-reasoning.txt']) out.push(...entries(join(fixtures, folder, f)));
  return out;
}

const EDGE_CASES = [
  '',
  ' ',
  '\n\n\n',
  'a',
  "don't",
  'Ok.',
  '首先，我们计算 60 × 2 = 120 公里。然后 300 − 120 = 180 公里。所以答案是 4 小时。',
  'まず、三かける十は三十です。次に、三十たす五は三十五です。したがって、答えは三十五です。',
  '一百六十二加上十六点二等于一百七十八点二。因此结果是一百七十八点二。',
  '٦٠ × ٢ = ١٢٠، ثم ١٢٠ + ٦٠ = ١٨٠. إذن الجواب ١٨٠.',
  'पहले ६० × २ = १२० किमी। फिर ३०० − १२० = १८० किमी। इसलिए उत्तर ४ घंटे है।',
  '６０＋２＝６２。したがって６２です。',
  '```python\ndef total(a, b):\n    return a * b  # it\'s 60 * 2 = 120 km\n```\nSo the answer is 120 km.',
  '```\n60 × 2 = 120 km\nThat leaves 300 − 120 = 180 km, which takes 180 / 90 = 2 hours.\n```\nTherefore it takes 4 hours.',
  '```js\nconst x = 1;\nif (x == 1) { console.log("don\'t stop"); }\n',
  "print('don't stop at 60 * 2')\nx = 'it's 120'\n// so it's 3 + 4 = 7\n<li>60 × 2 = 120 km</li><br>So the total is 120.",
  '1. Step one: 3x + 7 = 22\n2. Step two: 3x = 15\n3. Therefore x = 5.\nAnswer: 5',
  '<thinking>Let me work through this step by step.</thinking>\nFirst, 2 + 2 = 4. Second, 4 × 3 = 12. So the answer is 12.',
  'Schritt 1: 60 × 2 = 120 km. Schritt 2: 300 − 120 = 180 km. Daher dauert es 4 Stunden.',
  // Words across the readers' bounds: a word spanning character 1,500 and one spanning the tail's start.
  `${'word '.repeat(299)}abcdefghijklmnopqrstuvwxyz and so the answer is 4.`,
  `${'Wörter l’eau '.repeat(115)}Unbreakablelongwordacrossthebound ${'so 2 + 2 = 4. '.repeat(40)}`,
  `${"It's don't can't ".repeat(130)}${'x = 3 + 4 = 7, which means y = 7 × 2 = 14. '.repeat(20)}`,
];

/** Long answers: the base answers from `from` on, cycled, joined by blank lines and cut at `length`. */
export function longAnswer(base, from, length) {
  let text = '';
  for (let k = from; text.length < length; k++) text += (text ? '\n\n' : '') + base[k % base.length];
  return text.slice(0, length);
}

const LONG = [1499, 1500, 1501, 1999, 2000, 2001, 2250, 2500, 2999, 3000, 3001, 3500, 4000, 5000, 6000, 8000, 10000, 15000, 25000, 60000];

async function coreModules(core) {
  // The reference commit's readers, bundled from its source (its build does not export them all).
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsup'))('esbuild');
  const src = resolve(core, 'src');
  const entry = `export { answerReasoning, answerWorking, workingCounts, seedAnswerSampling } from ${JSON.stringify(join(src, 'fingerprint/index.ts'))};\nexport { answerReasoningProbability } from ${JSON.stringify(join(src, 'detector/answer-evidence.ts'))};`;
  const out = join(resolve(core), '.answer-reading-fixture.mjs');
  await esbuild.build({ stdin: { contents: entry, resolveDir: src, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
  return import(pathToFileURL(out).href);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const o = args(process.argv.slice(2));
  const m = await coreModules(o.core);
  m.seedAnswerSampling(SEED);
  const base = baseAnswers();
  const read = (text) => ({ layout: m.answerReasoning(text), working: m.answerWorking(text), counts: m.workingCounts(text), probability: m.answerReasoningProbability(text) });
  const cases = [];
  base.forEach((text, k) => cases.push({ base: k, ...read(text) }));
  for (const text of EDGE_CASES) cases.push({ text, ...read(text) });
  LONG.forEach((length, k) => {
    const from = (k * 7) % base.length;
    cases.push({ long: { from, length }, ...read(longAnswer(base, from, length)) });
  });
  writeFileSync(o.out, `${JSON.stringify({ seed: SEED, baseAnswers: base.length, cases }, null, 0)}\n`);
  console.log(`${cases.length} cases (${base.length} base answers, ${EDGE_CASES.length} edge cases, ${LONG.length} long answers) written to ${o.out}`);
}

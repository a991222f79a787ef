// Rates of the content classifiers on the hand-written fixture sets
// (packages/core/test/fingerprint/fixtures/, see its README): share of each set above 0.5.
//
//   pnpm --filter ./packages/core build && node bench/classifiers/fixtures.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { answerReasoning, instructionStyle, reasoningElicitation, scanText } from '../../packages/core/dist/index.js';

const root = new URL('../../packages/core/test/fingerprint/fixtures/', import.meta.url);
const load = (path) =>
  readFileSync(new URL(path, root), 'utf8')
    .split(/\r?\n%%%\r?\n/)
    .map((s) => s.replace(/^\r?\n+|\r?\n+$/g, ''))
    .filter(Boolean);
const files = (folder) => readdirSync(new URL(`${folder}/`, root)).filter((f) => f.endsWith('.txt')).sort();

const reasoning = (t) => reasoningElicitation(t).probability;
const answer = (t) => answerReasoning(t).probability;
const instruction = (t) => instructionStyle(scanText(t)).probability;

function row(name, texts, score) {
  const above = texts.filter((t) => score(t) > 0.5).length;
  return `${name.padEnd(42)} ${String(above).padStart(3)}/${String(texts.length).padEnd(3)} ${((100 * above) / texts.length).toFixed(0).padStart(4)}%`;
}

const sets = [
  ['reasoning-asks', reasoning, 'prompt asks (want above 0.5)'],
  ['benign-asks', reasoning, 'look-alikes (want at most 0.5)'],
  ['answers-reasoning', answer, 'reasoning answers (want above 0.5)'],
  ['answers-plain', answer, 'plain answers (want at most 0.5)'],
  ['instructions', instruction, 'dataset instructions (want above 0.5)'],
];
for (const [folder, score, what] of sets) {
  console.log(`\n${folder}: ${what}`);
  for (const f of files(folder)) console.log('  ' + row(`${folder}/${f}`, load(`${folder}/${f}`), score));
}
console.log('\nconversational messages, instruction style (want at most 0.5)');
console.log('  ' + row('conversational.txt', load('conversational.txt'), instruction));
for (const round of ['heldout-1', 'heldout-2']) {
  console.log(`\n${round}`);
  console.log('  ' + row(`${round}/reasoning-asks.txt`, load(`${round}/reasoning-asks.txt`), reasoning));
  console.log('  ' + row(`${round}/benign-asks.txt`, load(`${round}/benign-asks.txt`), reasoning));
  console.log('  ' + row(`${round}/answers-reasoning.txt`, load(`${round}/answers-reasoning.txt`), answer));
  console.log('  ' + row(`${round}/answers-plain.txt`, load(`${round}/answers-plain.txt`), answer));
}

// No opener may lower an instruction's score: every opener before every instruction, on the same line and on its own.
const openers = load('openers.txt');
let pairs = 0;
let lowered = 0;
for (const f of files('instructions')) {
  for (const task of load(`instructions/${f}`)) {
    const alone = instruction(task);
    for (const o of openers) {
      for (const sep of [' ', '\n']) {
        pairs++;
        if (instruction(o + sep + task) < alone - 1e-9) lowered++;
      }
    }
  }
}
console.log(`\nopeners before instructions: ${lowered} of ${pairs} pairs scored lower than the bare instruction`);

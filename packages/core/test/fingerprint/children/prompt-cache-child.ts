// Child process for the prompt cache's memory test: fingerprints many distinct long prompts, each
// dropped by the caller at once, as a server does, then reports the heap's growth after full
// collections. argv: prompts, characters a prompt. Prints one JSON line. Needs --expose-gc.
import { fingerprintRequest, promptFingerprint } from '../../../src/internal.js';

const prompts = Number(process.argv[2] ?? 2000);
const chars = Number(process.argv[3] ?? 16_384);
const gc = globalThis.gc;
if (!gc) throw new Error('run with --expose-gc');

const WORDS = ['river', 'mountain', 'ledger', 'quartz', 'harbour', 'violin', 'copper', 'meadow', 'lantern', 'orbit', 'saffron', 'glacier'];

/** A distinct prompt of about `chars` characters, built fresh (no part shared with another). */
function promptText(i: number): string {
  let x = (i + 1) * 2654435761;
  const parts = [`Task ${i}: summarise the following notes in three sentences.\n`];
  let length = parts[0]!.length;
  while (length < chars) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const word = `${WORDS[x % WORDS.length]}${x % 9973} `;
    parts.push(word);
    length += word.length;
  }
  return parts.join('');
}

const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0' };

function heap(): number {
  for (let k = 0; k < 4; k++) gc!();
  return process.memoryUsage().heapUsed;
}

// Warm the modules (lexicons, tables) before the baseline.
promptFingerprint('Name three rivers of Europe.');
const before = heap();
const first = promptFingerprint(promptText(0));
for (let i = 1; i < prompts; i++) {
  // Half as the newest turn, half as a conversation's opener (the opener record and the cache).
  if (i % 2 === 0) promptFingerprint(promptText(i));
  else fingerprintRequest({ ip: '203.0.113.9', headers, body: { model: 'm', max_tokens: 64, messages: [{ role: 'user', content: promptText(i) }, { role: 'assistant', content: 'Sure.' }, { role: 'user', content: 'shorter please' }] } as never });
}
const after = heap();
// The first prompt is still cached (the same object comes back): the entries were kept, not evicted.
const stillCached = promptFingerprint(promptText(0)) === first;
console.log(JSON.stringify({ prompts, chars, textBytes: prompts * chars, grownBytes: after - before, stillCached }));

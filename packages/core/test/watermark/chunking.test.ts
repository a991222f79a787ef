import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWatermarker, markText, type Watermarker } from '../../src/watermark/index.js';
import { ANSWERS, randomPieces, rng, soupText, testKey, wordDeltas } from './helpers.js';

/**
 * The marked text is pinned, and the same however a stream is cut. Performance work changes
 * how the scanner walks a text; it must not change what it writes, nor when: the fixture
 * answers, random texts made of what the scanner treats specially (members in every spelling,
 * spaces and tabs, quotes, code, line starts), and texts built around the places a chunk
 * boundary is delicate (right after an apostrophe or a hyphen, next to `_`, inside spans).
 */

/** Chunk boundaries that once made a stream differ from the whole text, and their neighbours. */
const BOUNDARIES = [
  "I cannot I'm sure. You do not I\u2019m told. It is I'd say.",
  "Do not'd be odd; do not\u2019s too. They are not'ing it. For example's sake, for instance\u2019s.",
  "Why not? Don't-care and do-not-care; do not-yet, it is-ish. I am- here, we are -there. Do not - it is - fine.",
  'Hello _do not worry, x_it is fine, _towards_ and *do not* and (it is) [we are].',
  "''s it is. “quoted’ don’t” it is. ‘single do not’ then it is ‘x’ and don't.",
  "He said 'do not' and 'it is', then ''s: it is done, and I'm sure it's not.",
  '`do not` it is ``a ` b`` do not {"a": "it is", "b": {"c": "do not"}} it is <b>do not</b> it is',
  '```\ndo not\n```\nIt is here.\n~~~ts\nit is\n~~~\n> do not\n    it is code\nDo not, it is.',
  'Finally, toward it. Lastly, towards. First, I am. Secondly, you are. Afterward\u2019s, maybe.',
];

const TEXTS: [string, string][] = [
  ...ANSWERS.map((t, i): [string, string] => [`answer ${i}`, t]),
  ...Array.from({ length: 200 }, (_, i): [string, string] => [`soup ${i}`, soupText(i)]),
];

/**
 * What the scanner writes for each text, by hash: `whole` is `markText`'s text, positions and
 * changes under three keys (the third with attribution); `chunked` covers every chunk written by
 * `push` and `end` for each of the text's `chunkings`. Regenerate (`WATERMARK_GOLDEN=write`)
 * only for a change meant to alter the mark or when it is held, and say why in the commit.
 */
const GOLDEN_FILE = new URL('./fixtures/marked.golden.json', import.meta.url);
const GOLDEN: Record<string, { whole: string; chunked: string }> = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));
const WRITE_GOLDEN = process.env.WATERMARK_GOLDEN === 'write';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Cuts of every kind: one character, Claude's word deltas (one and four words), and random pieces of 1 to 16 characters. */
function chunkings(text: string, seed: number): string[][] {
  const words = wordDeltas(text);
  const fours: string[] = [];
  for (let i = 0; i < words.length; i += 4) fours.push(words.slice(i, i + 4).join(''));
  const out = [[...text], words, fours];
  const next = rng(seed);
  for (let i = 0; i < 12; i++) out.push(randomPieces(text, seed * 100 + i, 1 + Math.floor(next() * 16)));
  return out;
}

/** `chunks` with what they leave out of the end of `text` (word deltas leave out trailing spaces). */
function covering(chunks: string[], text: string): string[] {
  const rest = text.slice(chunks.join('').length);
  return rest === '' ? chunks : [...chunks, rest];
}

/** The text cut in two at every place. */
function everyCut(text: string): string[][] {
  return Array.from({ length: text.length - 1 }, (_, i) => [text.slice(0, i + 1), text.slice(i + 1)]);
}

function streamed(m: Watermarker, chunks: string[]): string {
  return chunks.map((c) => m.push(c).text).join('') + m.end().text;
}

describe('marking under any chunking', () => {
  it('marks every text whole as pinned', () => {
    for (const [name, text] of TEXTS) {
      const got = [1, 2].map((k) => markText(text, testKey(k)));
      got.push(markText(text, testKey(3), { identity: 'user:u_1' }));
      const whole = got.map((m) => `${hash(m.text)}:${m.positions}:${m.changed}`).join(' ');
      if (WRITE_GOLDEN) (GOLDEN[name] ??= { whole, chunked: '' }).whole = whole;
      else expect(whole, name).toBe(GOLDEN[name]!.whole);
    }
  });

  it('writes every chunk as pinned, however the text is cut', () => {
    for (const [seed, [name, text]] of TEXTS.entries()) {
      const h = createHash('sha256');
      for (const chunks of chunkings(text, seed)) {
        const m = createWatermarker(testKey(1));
        for (const c of chunks) h.update(m.push(c).text).update('\u0000');
        h.update(m.end().text).update('\u0001');
      }
      const chunked = h.digest('hex').slice(0, 16);
      if (WRITE_GOLDEN) GOLDEN[name]!.chunked = chunked;
      else expect(chunked, name).toBe(GOLDEN[name]!.chunked);
    }
    if (WRITE_GOLDEN) writeFileSync(GOLDEN_FILE, `${JSON.stringify(GOLDEN, null, 1)}\n`);
  });

  // The random texts go in quarters, each a test of its own, so that no one test runs long
  // enough to meet the timeout on a loaded machine; each text keeps its seed (its place).
  const seeded = (texts: string[]): [number, string][] => [...texts.entries()];
  const random = seeded(TEXTS.slice(ANSWERS.length).map(([, t]) => t));
  const quarter = Math.ceil(random.length / 4);
  const groups: [string, [number, string][]][] = [
    ['the fixture answers', seeded(ANSWERS)],
    ...[0, 1, 2, 3].map((q): [string, [number, string][]] => [`the random texts, quarter ${q + 1}`, random.slice(q * quarter, (q + 1) * quarter)]),
    ['the boundary texts', seeded(BOUNDARIES)],
  ];
  it.each(groups)('writes the same text, positions and changes whole and in any chunks: %s', (_, texts) => {
    expect(texts.length).toBeGreaterThan(0);
    for (const [seed, text] of texts) {
      const whole = markText(text, testKey(1));
      const attributed = markText(text, testKey(3), { identity: 'user:u_1' });
      const cuts = chunkings(text, seed).map((c) => covering(c, text));
      for (const chunks of [...cuts, ...everyCut(text)]) {
        const m = createWatermarker(testKey(1));
        const out = streamed(m, chunks);
        expect({ text: out, positions: m.positions, changed: m.changed }, JSON.stringify(chunks)).toEqual({ text: whole.text, positions: whole.positions, changed: whole.changed });
      }
      // Attribution changes the choice, not the walk: the cuts of every kind are enough.
      for (const chunks of cuts) expect(streamed(createWatermarker(testKey(3), { identity: 'user:u_1' }), chunks), JSON.stringify(chunks)).toBe(attributed.text);
    }
  });

  it('marks the boundary texts, so that their cuts test something', () => {
    for (const text of BOUNDARIES) expect(markText(text, testKey(1)).positions, text).toBeGreaterThan(0);
  });
});

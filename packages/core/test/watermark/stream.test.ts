import { describe, expect, it } from 'vitest';
import { createWatermarker, markText, Scanner } from '../../src/watermark/index.js';
import { ANSWERS, pieces, randomPieces, testKey, wordDeltas } from './helpers.js';

/**
 * Feeds `chunks` to a scanner that finds every position but writes the text unchanged, and
 * returns what it held back after each chunk: the text received but not yet written.
 */
function heldAfterEachChunk(chunks: string[]): string[] {
  const scanner = new Scanner(() => undefined);
  let received = '';
  let written = '';
  const held: string[] = [];
  for (const chunk of chunks) {
    received += chunk;
    written += scanner.push(chunk);
    expect(received.startsWith(written)).toBe(true);
    held.push(received.slice(written.length));
  }
  expect(written + scanner.end()).toBe(received);
  return held;
}

/** At most the last word received and the one before it (and the spaces around them). */
const AT_MOST_ONE_WORD_BEHIND = /^\s*\S*(?:\s+\S*)?\s*$/;

describe('streaming', () => {
  it('holds back at most the word before the one being received', () => {
    const texts = [
      ...ANSWERS,
      "Don't you think it's been long? I do not know, and for example it is, although roughly 5 of them.",
      'Do not worry. For instance, you are right: they are not here, though it is late.',
      'It is odd:\n```\ndo not\n```\nand `inline do not` and {"a": "do not"} and "do not".',
    ];
    for (const text of texts) {
      for (const held of heldAfterEachChunk(wordDeltas(text))) expect(held).toMatch(AT_MOST_ONE_WORD_BEHIND);
      for (const held of heldAfterEachChunk(randomPieces(text, 7))) expect(held).toMatch(AT_MOST_ONE_WORD_BEHIND);
    }
  });

  it('writes the first word of a reply once the next word has arrived', () => {
    // Each case starts with a member whose choice needs the word after it.
    for (const text of ['Do not worry about it.', "Don't you see?", 'For example, this one.', 'I am here now.', 'Although it rained, we went.']) {
      const m = createWatermarker(testKey(9));
      const deltas = wordDeltas(text);
      const first = m.push(deltas[0]!).text + m.push(deltas[1]!).text;
      // Claude's deltas begin with their space: the second word is known to be whole when the third begins.
      const byThird = first + m.push(deltas[2]!).text;
      expect(byThird.length).toBeGreaterThan(0);
      const rest = deltas.slice(3).map((d) => m.push(d).text).join('') + m.end().text;
      expect(byThird + rest).toBe(markText(text, testKey(9)).text);
    }
  });

  it('writes what the whole text gets when a chunk ends at a delicate place', () => {
    const flip = () => new Scanner((o) => (1 - o.member) as 0 | 1);
    const cases = [
      // Just after an apostrophe: "cannot I" is a question (left alone), "cannot I'm" is not.
      ["I cannot I'", 'm sure.'],
      ['I cannot I\u2019', 'm sure.'],
      // After `_`: in a whole text "_do not" is one word to the scanner, not a member.
      ['Hello _', 'do not worry.'],
      // After a closed quote: the next quote mark follows a quote mark, it opens nothing.
      ["He said 'yes''", 's it, I am sure.'],
    ];
    for (const chunks of cases) {
      const whole = flip();
      const streamed = flip();
      expect(chunks.map((c) => streamed.push(c)).join('') + streamed.end(), chunks.join('|')).toBe(whole.push(chunks.join('')) + whole.end());
    }
  });

  it('holds back only what may still become a member where it stands', () => {
    // Glued to `_` or a hyphen, or with a capital after its first letter, a word is no member: written at once.
    const cases: [string, string][] = [
      ['Hello x_do', ''],
      ['a well-do', ''],
      ['We DO', ''],
      ["one's", ''],
      ['We do', 'do'],
      ['Please do n', 'do n'],
      ["It'", "It'"],
      ['Go towards', 'towards'],
      ['I am', 'I am'],
    ];
    for (const [chunk, held] of cases) {
      const scanner = new Scanner(() => undefined);
      expect(chunk.slice(scanner.push(chunk).length), chunk).toBe(held);
    }
  });

  it('reads the same words behind a member after text longer than the tail keeps, in chunks of any size', () => {
    // The scanner keeps what it wrote in a ring of 1,024 codes that the automaton fills as it
    // reads: long chunks and long texts go round it several times.
    const filler = 'Plain words, and more of them. '.repeat(120);
    const text = `${filler}Then I do not know, and it is fine. ${filler}Yes, we are here.`;
    const contexts = (chunks: string[]) => {
      const seen: string[] = [];
      const scanner = new Scanner((o) => {
        seen.push(`${o.pair}:${o.context}`);
        return undefined;
      });
      expect(chunks.map((c) => scanner.push(c)).join('') + scanner.end()).toBe(text);
      return seen;
    };
    const expected = contexts([text]);
    expect(expected.map((e) => e.split(':')[1])).toEqual(['i', 'and', 'yes']);
    for (const size of [1, 7, 999, 1024, 1500, 5000]) expect(contexts(pieces(text, size)), `pieces of ${size}`).toEqual(expected);
    expect(contexts(wordDeltas(text))).toEqual(expected);
  });

  it('passes text with no candidate word through without delay', () => {
    const m = createWatermarker(testKey(1));
    expect(m.push('Hello').text).toBe('Hello');
    expect(m.push(' world, how').text).toBe(' world, how');
    expect(m.push(' today?').text).toBe(' today?');
    // A word that may start a pair waits for the next: "are" may be "are not".
    expect(m.push(' Are').text).toBe(' ');
    expect(m.push(' we').text).toBe('Are '); // not "are not"; "we" may be "we are"
  });
});

import { describe, expect, it } from 'vitest';
import { createWatermarker, markText, Scanner, WORD_PAIRS, type Occurrence } from '../../src/watermark/index.js';
import { ANSWERS, pieces, randomPieces, testKey } from './helpers.js';

/** The occurrences a scanner finds in `text`, as `pair/member@context`. */
function occurrences(text: string): string[] {
  const seen: string[] = [];
  const scanner = new Scanner((o: Occurrence) => {
    seen.push(`${WORD_PAIRS[o.pair]!.id}/${o.member}@${o.context}`);
    return undefined;
  });
  scanner.push(text);
  scanner.end();
  return seen;
}

/** Writes the other member everywhere: the most a mark can change. */
function flipAll(text: string): string {
  const scanner = new Scanner((o) => (1 - o.member) as 0 | 1);
  return scanner.push(text) + scanner.end();
}

const words = (text: string) => text.match(/[A-Za-z]+(?:['\u2019][A-Za-z]+)*/g) ?? [];

describe('markText', () => {
  it('rewrites pairs outside protected spans, and the same key gives the same text', () => {
    const text = ANSWERS.join('\n\n');
    const a = markText(text, testKey(1));
    const b = markText(text, testKey(2));
    expect(a.positions).toBeGreaterThan(80);
    expect(a.changed).toBeGreaterThan(a.positions / 4);
    expect(a.changed).toBeLessThan((3 * a.positions) / 4);
    expect(a.text).not.toBe(text);
    expect(a.text).not.toBe(b.text);
    expect(markText(text, testKey(1)).text).toBe(a.text);
    // Marking marked text again changes nothing: every position already has the key's member.
    expect(markText(a.text, testKey(1)).changed).toBe(0);
  });

  it('changes the words of pair members and no others', () => {
    const text = ANSWERS.join('\n\n');
    const memberWords = new Set(WORD_PAIRS.flatMap((p) => p.members.flatMap((m) => m.split(' '))));
    const others = (t: string) => words(t).filter((w) => !memberWords.has(w.toLowerCase().replace(/\u2019/g, "'")));
    for (let n = 0; n < 10; n++) {
      const marked = markText(text, testKey(n));
      expect(others(marked.text)).toEqual(others(text));
      // About half of the positions change (each is a fair coin); this fixture is dense with
      // them on purpose, the share of words changed in real answers is in docs/watermark.md.
      expect(marked.changedWords).toBeLessThanOrEqual(2 * marked.changed);
    }
  });

  it('gives the same text and positions whether the text comes whole or in chunks', () => {
    for (const [i, text] of ANSWERS.entries()) {
      const whole = markText(text, testKey(3));
      for (const chunks of [pieces(text, 1), pieces(text, 5), randomPieces(text, i)]) {
        const m = createWatermarker(testKey(3));
        const out = chunks.map((c) => m.push(c).text).join('') + m.end().text;
        expect(out).toBe(whole.text);
        expect(m.positions).toBe(whole.positions);
      }
    }
  });

  it('finds in the marked text the positions it marked, with the members it chose', () => {
    const text = ANSWERS.join('\n\n');
    const marked = markText(text, testKey(4));
    expect(occurrences(marked.text).length).toBe(marked.positions);
    expect(markText(marked.text, testKey(4)).changed).toBe(0);
  });

  it('writes every character of the text, whatever follows a member', () => {
    // The word "more" after a member once read as "wait for more text": the rest of the answer was lost.
    const texts = ["It's more than that.", "He isn't more likely, it's often more and almost more so, but I can't more.", ...ANSWERS];
    for (const text of texts) {
      const scanner = new Scanner(() => undefined);
      expect(scanner.push(text) + scanner.end()).toBe(text);
    }
    expect(flipAll("It's more than that.")).toBe('It is more than that.');
  });

  it('keeps capitals, apostrophe style and the words around', () => {
    expect(flipAll("Don't go. I'm here.")).toBe('Do not go. I am here.');
    expect(flipAll('Do not go. I am here.')).toBe("Don't go. I'm here.");
    expect(flipAll('I don\u2019t know. It is fine.')).toBe('I do not know. It\u2019s fine.');
    expect(flipAll('For example, toward the end.')).toBe('For instance, towards the end.');
    expect(flipAll('Finally, we are done with it.')).toBe("Lastly, we're done with it.");
  });

  it('leaves the pairs alone where a member would change the meaning or the grammar', () => {
    const unchanged = [
      "Don't you know? Isn't it late? Can't we go?", // questions: "Do not you know?"
      "It's been a while and it's got a lid.", // "'s" is "has"
      'Yes, I am. Here you are. That is, the other one.', // nothing after the verb
      'Even though it rained, as though by magic.', // no "even although"
      'Roughly speaking, the plan works.', // "approximately speaking"
      'Every so often, more often than not.',
      'Not nearly enough, almost nothing.',
      'Also the dog came. Finally the end.', // the sentence adverbs only with their comma
      'DO NOT touch. Do NOT touch. He said DON\u2019T.', // emphasis
      'The Toward Foundation and Maybe Records.', // names (capitalised mid-sentence)
      'a maybe, the maybe',
      'Yes, I am ', // spaces to the end of the text, no next word
      'It went well, although\t',
    ];
    for (const text of unchanged) expect(flipAll(text)).toBe(text);
  });

  it('never changes text inside protected spans', () => {
    // Every span holds members of pairs; the prose around them holds some too.
    const spans = [
      '```js\n// do not remove: it is used below\nconst towards = "don\'t";\n```',
      '```sh\n# do not run this as root, it is dangerous\nrm -rf /tmp/maybe\n```',
      '~~~\nI am here, you are there\n~~~',
      '`do not`',
      '``it is `really` fine``',
      '{"note": "do not", "nested": {"it is": [1, 2]}, "toward": true}',
      'https://example.com/do-not/towards?maybe=1',
      'someone@example.com',
      '"I don\'t think it is fine," he said',
      '\u201cFor example, you are late\u201d',
      '\u2018perhaps not\u2019',
      '<thinking-note data-x="it is">',
      'v2.0-towards',
      '3.5',
      'Anyone-else',
    ];
    const blockquote = '> I am quoting: do not do this.';
    const indented = '    it is code: do not touch';
    const text = [
      `I don't think ${spans[0]} is right.`,
      'It is odd:',
      spans[1],
      spans[2],
      `You are using ${spans[3]} and ${spans[4]} though it is fine.`,
      `Maybe ${spans[5]} is what you want.`,
      `Go toward ${spans[6]} or ${spans[7]} afterwards.`,
      `${spans[8]} and I'm sure ${spans[9]} is perhaps ${spans[10]}.`,
      `It is ${spans[11]} for example.`,
      `We are at ${spans[12]} and ${spans[13]} and ${spans[14]} too.`,
      blockquote,
      'It is what it is.',
      '',
      indented,
      '',
      "It's done, and you're welcome.",
    ].join('\n');
    let changedSomewhere = 0;
    for (let n = 0; n < 40; n++) {
      const marked = markText(text, testKey(n));
      changedSomewhere += marked.changed;
      for (const span of [...spans, blockquote, indented]) expect(marked.text).toContain(span);
    }
    expect(changedSomewhere).toBeGreaterThan(40);
    // Even the most a mark can change leaves them whole.
    const flipped = flipAll(text);
    expect(flipped).not.toBe(text);
    for (const span of [...spans, blockquote, indented]) expect(flipped).toContain(span);
  });

  it('keeps an unclosed span protected to its natural end', () => {
    // An unclosed quote ends at the paragraph; an unclosed fence or brace at the end of the text.
    expect(flipAll('He said "do not go\n\nI am here')).toBe('He said "do not go\n\nI\'m here');
    expect(flipAll('```\ndo not\nit is')).toBe('```\ndo not\nit is');
    expect(flipAll('{ "a": "do not" ... it is')).toBe('{ "a": "do not" ... it is');
  });
});

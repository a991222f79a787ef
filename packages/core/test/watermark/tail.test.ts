import { describe, expect, it } from 'vitest';
import { LOOKBACK, lookBehind, PROTECTED_CODE, TEXT_START_CODE } from '../../src/watermark/lookback.js';
import { advance } from '../../src/watermark/prose-scan.js';
import { rowAfter } from '../../src/watermark/prose-automaton.js';
import { WrittenTail } from '../../src/watermark/tail.js';

/** The window `lookBehind` reads, as a string. */
function windowOf(tail: WrittenTail): string {
  let s = '';
  for (let p = tail.windowStart; p < tail.end; p++) s += String.fromCharCode(tail.codeAt(p));
  return s;
}

describe('the written tail', () => {
  it('keeps the sentinel and the last LOOKBACK characters written, however they came', () => {
    const tail = new WrittenTail();
    tail.open(TEXT_START_CODE);
    expect(windowOf(tail)).toBe('\u0002');
    tail.add('It is good.');
    expect(windowOf(tail)).toBe('\u0002It is good.');
    let written = '\u0002It is good.';
    // Longer than the window, and than the ring: only the end can be read.
    for (const text of ['x'.repeat(LOOKBACK + 5), ' one two', 'y'.repeat(3000), ' three.']) {
      tail.add(text);
      written += text;
      expect(windowOf(tail)).toBe(written.slice(-LOOKBACK));
    }
    tail.reset(PROTECTED_CODE);
    tail.add(' after');
    expect(windowOf(tail)).toBe('\u0001 after');
  });

  it('has what the automaton read and the scanner wrote as read', () => {
    const tail = new WrittenTail();
    tail.open(TEXT_START_CODE);
    tail.add('Well,');
    const cursor = { row: rowAfter(44), start: 0, second: 0, curly: -1 };
    for (const chunk of [' I think', ' so, and '.repeat(200), 'more.']) {
      expect(advance(chunk, 0, chunk.length, 0, cursor, tail)).toBe(-1);
      tail.wroteRead(chunk.length);
    }
    expect(windowOf(tail)).toBe(`${' so, and '.repeat(200)}more.`.slice(-LOOKBACK));
    expect(lookBehind(tail)).toEqual({ clean: false, context: '<x>', sentenceStart: false });
    tail.add(' ');
    expect(lookBehind(tail)).toEqual({ clean: true, context: 'more', sentenceStart: true });
  });

  it('lends its ring to the next text once closed', () => {
    const tail = new WrittenTail();
    tail.open(TEXT_START_CODE);
    tail.add('First text.');
    tail.close();
    expect(tail.isOpen).toBe(false);
    const next = new WrittenTail();
    next.open(TEXT_START_CODE);
    expect(windowOf(next)).toBe('\u0002');
  });
});

import { describe, expect, it } from 'vitest';
import { FEATURE_SPECS } from '../../src/shield/features.js';
import { CARD_DETECTOR, EMAIL_DETECTOR, PHONE_DETECTOR, SECRET_DETECTORS } from '../../src/shield/secrets.js';
import { loadFixture } from './fixtures/load.js';
import { prepareText } from '../../src/shield/normalize.js';

/** Characters that every pattern treats differently: word, separator, sentence end, quotes, brackets, digits. */
const FILLERS = ['a', ' ', '.', '-', '=', ':', '"', "'", '[', '(', '<', '#', '\n', '0', '/', ', ', 'a ', 'a.'];
const N = 100_000;

describe('regular expressions stay linear on adversarial input', () => {
  it('every feature alternative finishes on 100k-character inputs built from its own head words', () => {
    let runs = 0;
    for (const spec of FEATURE_SPECS) {
      for (const alt of spec.alts) {
        const heads = 'heads' in alt ? alt.heads : ['system'];
        const sticky = new RegExp(alt.re, 'heads' in alt ? 'y' : 'g');
        for (const head of heads.slice(0, 6)) {
          const inputs = [
            ...FILLERS.map((f) => head + f.repeat(Math.ceil(N / f.length))),
            `${head} `.repeat(Math.ceil(N / (head.length + 1))),
            `${head} all previous your the `.repeat(Math.ceil(N / (head.length + 23))),
          ];
          for (const text of inputs) {
            sticky.lastIndex = 0;
            const m = sticky.exec(text);
            expect(m === null || m[0].length <= text.length).toBe(true);
            runs++;
          }
        }
      }
    }
    expect(runs).toBeGreaterThan(1000);
  });

  it('every redaction pattern finishes on 100k-character inputs', () => {
    const detectors = [...SECRET_DETECTORS, EMAIL_DETECTOR, CARD_DETECTOR, PHONE_DETECTOR];
    const inputs = [
      ...FILLERS.map((f) => f.repeat(Math.ceil(N / f.length))),
      '1'.repeat(N),
      '1 '.repeat(N / 2),
      '1-'.repeat(N / 2),
      'A'.repeat(N),
      'a.'.repeat(N / 2) + '@',
      'a@'.repeat(N / 2),
      'a@b.'.repeat(N / 4),
      '+1 '.repeat(N / 3),
      'sk-'.repeat(N / 3),
      'eyJ' + 'a'.repeat(N) + '.',
      '-----BEGIN '.repeat(N / 11),
      'aws_secret_access_key='.repeat(N / 22),
    ];
    for (const d of detectors) {
      for (const text of inputs) {
        d.confirm.lastIndex = 0;
        let m: RegExpExecArray | null;
        let guard = 0;
        while ((m = d.confirm.exec(text)) !== null && guard++ < 10_000) if (m[0].length === 0) d.confirm.lastIndex++;
        d.partial.exec(text.slice(-200));
      }
    }
    expect(detectors.length).toBeGreaterThan(10);
  });
});

describe('head words', () => {
  it('cover every match an alternative can have on the fixture corpus (the engine only tries heads)', () => {
    const corpus = [
      ...loadFixture('heldout-attacks.txt'),
      ...loadFixture('heldout-benign.txt'),
      ...loadFixture('heldout-benign-technical.txt'),
    ].map((t) => prepareText(t).text);
    const missed: string[] = [];
    for (const spec of FEATURE_SPECS) {
      for (const alt of spec.alts) {
        if (!('heads' in alt)) continue;
        const keys = new Set(alt.heads.map((h) => (h.length >= 4 ? `+${h.slice(0, 4)}` : `=${h}`)));
        const re = new RegExp(alt.re, 'g');
        for (const text of corpus) {
          re.lastIndex = 0;
          let m: RegExpExecArray | null;
          while ((m = re.exec(text)) !== null) {
            if (m[0].length === 0) {
              re.lastIndex++;
              continue;
            }
            // Matches inside a word ("devil" for "evil") are never tried by the engine, on purpose.
            if (m.index > 0 && /[a-z0-9]/.test(text[m.index - 1]!)) continue;
            const word = /^[a-z0-9]+/.exec(text.slice(m.index))?.[0] ?? '';
            const key = word.length >= 4 ? `+${word.slice(0, 4)}` : `=${word}`;
            if (!keys.has(key)) missed.push(`${spec.id}: ${text.slice(m.index, m.index + 30)}`);
          }
        }
      }
    }
    expect(missed).toEqual([]);
  });
});

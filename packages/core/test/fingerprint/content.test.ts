import { describe, expect, it } from 'vitest';
import { contentFingerprint, hamming64, promptFingerprint, promptSkeleton, scanText, scanTextLent, simhash64, skeletonOf } from '../../src/fingerprint/index.js';
import { mix32 } from '../../src/fingerprint/hash.js';

describe('content fingerprints', () => {
  it('gives two fills of one template the same skeleton and different exact hashes', () => {
    const a = contentFingerprint('Translate "good morning" into French');
    const b = contentFingerprint('Translate "see you tomorrow" into French');
    const c = contentFingerprint('Translate hello into French');
    expect(a.template).toBe(b.template);
    expect(c.template).toBe(a.template);
    expect(a.exact).not.toBe(b.exact);
    expect(a.skeleton).toContain('…');
    expect(a.templated).toBe(true);
  });

  it('keeps a multi-line frame and masks its body', () => {
    const a = contentFingerprint('### Task\nName three rivers in Europe.\n### Answer');
    const b = contentFingerprint('### Task\nWrite a haiku about the sea, with a title.\n### Answer');
    expect(a.template).toBe(b.template);
    expect(a.skeleton).toBe('# task ⏎ … ⏎ # answer');
    const other = contentFingerprint('Instruction: Name three rivers in Europe.\nResponse:');
    expect(other.template).not.toBe(a.template);
  });

  it('does not call unrelated prompts one template', () => {
    const a = contentFingerprint('How do I centre a div in CSS without flexbox?');
    const b = contentFingerprint('What are good books about the history of Rome for a teenager?');
    expect(a.template).not.toBe(b.template);
  });

  it('ignores case, spacing and punctuation in the exact hash', () => {
    expect(contentFingerprint('Hello,   World!').exact).toBe(contentFingerprint('hello world').exact);
    expect(contentFingerprint('hello world').exact).not.toBe(contentFingerprint('hello there world').exact);
  });

  it('puts near-duplicates a few SimHash bits apart and unrelated prompts far apart', () => {
    const base = 'Write a detailed essay about the causes of the French revolution and its effects on European politics in the nineteenth century';
    const near = contentFingerprint(base.replace('detailed', 'thorough')).simhash;
    const same = contentFingerprint(base).simhash;
    const far = contentFingerprint('my kubernetes pod keeps restarting with exit code 137, the memory limit is two gigabytes, what should I check first').simhash;
    expect(hamming64(same, near)).toBeLessThan(12);
    expect(hamming64(same, far)).toBeGreaterThan(18);
  });

  it('masks numbers, quotes, code and URLs in the skeleton', () => {
    const s = skeletonOf(scanText('Add 12 and 30 then see https://example.com')).skeleton;
    expect(s).toBe('add … see <url>');
    expect(scanText('```js\nlet a = 1\n```').code).toBe(true);
  });

  it('caches fingerprints of repeated prompts', () => {
    expect(promptFingerprint('List three primary colours.')).toBe(promptFingerprint('List three primary colours.'));
  });

  it('marks a frame by its tokens exactly where the skeleton text shows a label or markup before its ellipsis', () => {
    const prompts = [
      'Task: name three rivers of Europe please',
      '[INST] write a poem about the sea [/INST]',
      '<task> translate "hi" into French </task>',
      'Translate "good morning" into French please, now',
      'Can you explain how a heat pump works in winter?',
      'Q: what is 2 + 2 and why is it so?',
      '### Task\nName three rivers.\n### Answer',
      'Summarise this\n---\nsome text here\nand more',
      'Hello Paris is lovely today in May, said Anna',
      'Visit https://example.com and tell me what it says about it',
      'What is 12 times 30 plus 7, in your own words?',
      '## Summary of the thing here and more words',
      'short one',
      'a\nb',
      'Résumé: écris trois phrases sur la mer',
    ];
    for (const text of prompts) {
      const p = promptFingerprint(text);
      const skeleton = promptSkeleton(text);
      expect(skeleton, text).toBe(contentFingerprint(text).skeleton);
      const head = skeleton.indexOf('…');
      expect(p.frameMarked, text).toBe(head > 0 && /[:>\]]/.test(skeleton.slice(0, head)));
    }
    expect(promptFingerprint('Task: name three rivers of Europe please').frameMarked).toBe(true);
    expect(promptFingerprint('Can you explain how a heat pump works in winter?').frameMarked).toBe(false);
  });

  it('gives each SimHash bit the majority vote of the words, as counting each bit would', () => {
    let x = 99;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let round = 0; round < 300; round++) {
      const n = 1 + (next() % 140);
      const words = Array.from({ length: n }, next);
      const used = Math.min(n, 128);
      const counts = new Array(64).fill(0);
      for (let w = 0; w < used; w++) {
        const lo = mix32(words[w]!);
        const hi = mix32(lo ^ 0x9e3779b9);
        for (let b = 0; b < 32; b++) {
          counts[b] += (hi >>> b) & 1;
          counts[32 + b] += (lo >>> b) & 1;
        }
      }
      let high = 0;
      let low = 0;
      for (let b = 0; b < 32; b++) {
        if (counts[b] > used >> 1) high |= 1 << b;
        if (counts[32 + b] > used >> 1) low |= 1 << b;
      }
      expect(simhash64(words)).toEqual([high >>> 0, low >>> 0]);
    }
  });
});


describe('scanTextLent', () => {
  const prompts = ['Translate "good morning" into French', '### Task\nName three rivers.\n### Answer', 'Think step by step.\n```py\nprint(1)\n```\nthen answer', 'x'.repeat(5000), ''];
  it('scans as scanText does, into views of its own buffers that scanText calls leave alone', () => {
    for (const text of prompts) {
      const lent = scanTextLent(text);
      // A scanText call in between (the reasoning classifier makes some) writes elsewhere.
      scanText('Something else entirely, with other words and\nlines: 1 2 3');
      const owned = scanText(text);
      expect({ ...lent, kind: [...lent.kind], flags: [...lent.flags], hash: [...lent.hash], start: [...lent.start], end: [...lent.end], lineStart: [...lent.lineStart] }, text.slice(0, 40)).toEqual({
        ...owned,
        kind: [...owned.kind],
        flags: [...owned.flags],
        hash: [...owned.hash],
        start: [...owned.start],
        end: [...owned.end],
        lineStart: [...owned.lineStart],
      });
      // Out-of-range reads stay undefined, as on a copy.
      expect(lent.kind[lent.count]).toBeUndefined();
    }
  });

  it('is overwritten by the next scanTextLent call, which is why only the prompt fingerprint uses it', () => {
    const first = scanTextLent('alpha beta gamma');
    const hash = first.hash[0];
    scanTextLent('delta epsilon zeta');
    expect(first.hash[0]).not.toBe(hash);
  });
});

import { describe, expect, it } from 'vitest';
import { contentFingerprint, hamming64, promptFingerprint, scanText, skeletonOf } from '../../src/fingerprint/index.js';

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
});

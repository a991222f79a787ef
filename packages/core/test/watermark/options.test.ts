import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../src/errors/index.js';
import { markText, parseWatermarkOptions, watermarkKey } from '../../src/watermark/index.js';

describe('parseWatermarkOptions', () => {
  it('is off without the option', () => {
    expect(parseWatermarkOptions(undefined, 'claudeRoute.watermark')).toBeUndefined();
    expect(parseWatermarkOptions(false, 'claudeRoute.watermark')).toBeUndefined();
  });

  it('refuses a missing, short or mistyped secret, and unknown keys, naming the option', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /claudeRoute\.watermark\.secret` must be a string of at least 16 characters/],
      [{ secret: 'short' }, /claudeRoute\.watermark\.secret` must be at least 16 characters long, got 5/],
      [{ secret: 12345678901234567890 }, /claudeRoute\.watermark\.secret` must be a string/],
      [{ secret: 'x'.repeat(32), attribution: 'yes' }, /claudeRoute\.watermark\.attribution` must be true or false/],
      [{ secret: 'x'.repeat(32), atribution: true }, /did you mean `claudeRoute\.watermark\.attribution`/],
      ['secret', /claudeRoute\.watermark` must be an object/],
    ];
    for (const [input, message] of cases) {
      expect(() => parseWatermarkOptions(input, 'claudeRoute.watermark')).toThrow(OptionsError);
      expect(() => parseWatermarkOptions(input, 'claudeRoute.watermark')).toThrow(message);
    }
    // The secret never appears in an error.
    try {
      parseWatermarkOptions({ secret: 'hunter2-short' }, 'claudeRoute.watermark');
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });

  it('names the key by a short id that does not reveal it, and marks as markText does', () => {
    const secret = 'a-long-enough-watermark-secret';
    const resolved = parseWatermarkOptions({ secret }, 'claudeRoute.watermark')!;
    expect(resolved.keyId).toMatch(/^wm_[0-9a-f]{12}$/);
    expect(resolved.keyId).toBe(watermarkKey(secret).id);
    expect(resolved.keyId).not.toBe(watermarkKey(`${secret}!`).id);
    expect(resolved.attribution).toBe(false);
    const text = "I don't think it is ready, though it is close.";
    const m = resolved.create('u_1');
    expect(m.push(text).text + m.end().text).toBe(markText(text, watermarkKey(secret)).text);
  });

  it('marks per identity with attribution', () => {
    const resolved = parseWatermarkOptions({ secret: 'a-long-enough-watermark-secret', attribution: true }, 'w')!;
    // Forty different words before "it is": forty positions, about twenty of them the identity's.
    const words = Array.from({ length: 40 }, (_, i) => `w${'abcdefghij'[i % 10]}${'klmn'[Math.floor(i / 10)]}`);
    const text = words.map((w) => `Then ${w} it is here.`).join(' ');
    const mark = (id: string) => {
      const m = resolved.create(id);
      return m.push(text).text + m.end().text;
    };
    expect(mark('u_1')).toBe(mark('u_1'));
    expect(mark('u_1')).not.toBe(mark('u_2'));
  });
});

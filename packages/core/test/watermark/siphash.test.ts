import { describe, expect, it } from 'vitest';
import { sipHash24Hex, sipHashLatin1, sipKey } from '../../src/watermark/siphash.js';

// Key 00 01 .. 0f and messages 00 01 .. (n-1): vectors from the SipHash reference implementation.
const key = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i));
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe('SipHash-2-4', () => {
  it('matches the reference test vectors', () => {
    expect(sipHash24Hex(key, message(0))).toBe('310e0edd47db6f72');
    expect(sipHash24Hex(key, message(1))).toBe('fd67dc93c539f874');
    expect(sipHash24Hex(key, message(2))).toBe('5a4fa9d909806c0d');
    expect(sipHash24Hex(key, message(8))).toBe('6224939a79f5f593');
    // The paper's worked example (Appendix A): 15 bytes, tag a129ca6149be45e5.
    expect(sipHash24Hex(key, message(15))).toBe('e545be4961ca29a1');
  });

  it('hashes a Latin-1 string as its bytes', () => {
    const text = 'n-do\0because';
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const hex = sipHash24Hex(key, bytes);
    const lo = sipHashLatin1(key, text);
    expect(lo.toString(16).padStart(8, '0')).toBe(hex.slice(0, 8).match(/../g)!.reverse().join(''));
  });

  it('gives different tags under different keys', () => {
    const other = sipKey(Uint8Array.from({ length: 16 }, (_, i) => 15 - i));
    expect(sipHashLatin1(key, 'abc')).not.toBe(sipHashLatin1(other, 'abc'));
  });
});

import { countTextTokens } from '@distill-guard/testing';
import { describe, expect, it } from 'vitest';
import { estimateInputTokens, textTokens } from '../../src/claude/tokens.js';

/**
 * The input reservation must never be below what a request can be billed. The real tokenizer is
 * not available offline; what is: the offline server's stand-in (one token per short word,
 * punctuation mark or group of digits, the count the offline server bills), and known facts of
 * byte-level BPE (no token is shorter than a byte, so the UTF-8 length bounds any count from above,
 * and real counts of English prose run about 4 characters a token).
 */
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');
const rnd = (seed: number) => () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);

const PROSE = [
  'The committee met on Tuesday to discuss the proposal, and after a long debate they agreed to postpone the vote until the budget figures were confirmed by the treasurer.',
  'Photosynthesis converts light energy into chemical energy stored in glucose; plants, algae and some bacteria rely on it, and nearly every food chain on Earth starts there.',
  "I've been trying to fix my bike's gears all afternoon: the chain keeps slipping when I shift down, even though I cleaned it and adjusted the limit screws twice.",
];

function adversarial(): Array<[string, string]> {
  const r = rnd(7);
  const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[Math.floor(r() * chars.length)]).join('');
  const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return [
    ['punctuation run', '!'.repeat(3000)],
    ['mixed punctuation', pick('!?.,;:-_=+*&^%$#@~`|\\/<>()[]{}"\'', 3000)],
    ['CJK', pick('的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生', 2000)],
    ['Japanese', pick('あいうえおかきくけこさしすせそたちつてとアイウエオカキクケコ漢字仮名', 2000)],
    ['emoji', Array.from({ length: 800 }, () => String.fromCodePoint(0x1f600 + Math.floor(r() * 80))).join('')],
    ['emoji with joiners', '👩‍👩‍👧‍👦'.repeat(300)],
    ['base64', pick(b64, 4000)],
    ['hex', pick('0123456789abcdef', 4000)],
    ['long numbers', Array.from({ length: 300 }, () => pick('0123456789', 12)).join(' ')],
    ['code', 'function f(a,b){return a.map((x,i)=>x*b[i]).filter(Boolean).reduce((s,v)=>s+v,0);}\n'.repeat(60)],
    ['random letters', Array.from({ length: 400 }, () => pick('bcdfghjklmnpqrstvwxz', 7)).join(' ')],
    ['Cyrillic', pick('абвгдежзийклмнопрстуфхцчшщъыьэюя', 3000)],
    ['Devanagari', pick('अआइईउऊऋएऐओऔकखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसह', 2000)],
    ['whitespace', ' \t \n  \n'.repeat(500)],
    ['combining marks', 'e\u0301'.repeat(1500)],
  ];
}

describe('input token reservation', () => {
  it('is never below the offline server billing, for any class of text', () => {
    for (const [name, text] of [...adversarial(), ...PROSE.map((p, i): [string, string] => [`prose ${i}`, p])]) {
      expect(textTokens(text), name).toBeGreaterThanOrEqual(countTextTokens(text));
    }
  });

  it('bounds what no byte-level tokenizer can exceed where it matters: punctuation, CJK, emoji, digits', () => {
    const byClass = new Map(adversarial());
    // One token per character at most for these, so a reservation of one per character is an upper bound.
    for (const name of ['punctuation run', 'mixed punctuation', 'long numbers']) expect(textTokens(byClass.get(name)!), name).toBeGreaterThanOrEqual([...byClass.get(name)!].filter((c) => c !== ' ').length);
    // CJK: real tokenizers spend one or two tokens a character; emoji up to their UTF-8 bytes.
    expect(textTokens(byClass.get('CJK')!)).toBeGreaterThanOrEqual(2 * [...byClass.get('CJK')!].length);
    expect(textTokens(byClass.get('emoji')!)).toBeGreaterThanOrEqual(utf8(byClass.get('emoji')!));
    // Base64 and hex run about 1.5-2.5 characters a token in real BPE vocabularies.
    expect(textTokens(byClass.get('base64')!)).toBeGreaterThanOrEqual(byClass.get('base64')!.length / 2);
    expect(textTokens(byClass.get('hex')!)).toBeGreaterThanOrEqual(byClass.get('hex')!.length / 2);
  });

  it('stays close for ordinary prose, so a nearly spent budget still serves', () => {
    for (const p of PROSE) {
      const estimate = textTokens(p);
      // Real tokenizers run about 4 characters a token on English prose.
      expect(estimate / (p.length / 4)).toBeLessThan(1.6);
      expect(estimate).toBeGreaterThanOrEqual(countTextTokens(p));
    }
    const body = { messages: [{ role: 'user' as const, content: PROSE.join(' ') }] };
    expect(estimateInputTokens(body)).toBeLessThan((PROSE.join(' ').length / 4) * 1.6 + 20);
  });

  it('reserves the largest image and every block', () => {
    const body = { messages: [{ role: 'user' as const, content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'x'.repeat(10) } }, { type: 'text', text: 'what is this?' }] }] };
    expect(estimateInputTokens(body as never)).toBeGreaterThanOrEqual(1_600);
  });
});

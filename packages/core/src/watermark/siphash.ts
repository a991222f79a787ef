/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012), the keyed pseudo-random function behind every
 * watermark choice. Pure JS on 32-bit halves: a call on a short input costs a fraction of a
 * microsecond, where an HMAC-SHA256 through node:crypto costs about two, and a marked answer
 * needs one or two per position. Its 128-bit key is derived from the secret with HMAC-SHA256
 * (see `keys.ts`).
 */

/** A SipHash key: four little-endian 32-bit words (key bytes 0-3, 4-7, 8-11, 12-15). */
export type SipKey = Readonly<Uint32Array>;

/** A SipHash key from the first 16 bytes of `bytes`. */
export function sipKey(bytes: Uint8Array): SipKey {
  if (bytes.length < 16) throw new RangeError('a SipHash key needs 16 bytes');
  const word = (i: number) => (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
  return Uint32Array.of(word(0), word(4), word(8), word(12));
}

/**
 * The low 32 bits of SipHash-2-4 under `key` of a string whose characters are all below 256,
 * each taken as one byte (every input the watermark hashes is ASCII).
 *
 * @example
 * ```ts
 * const bit = sipHashLatin1(key, 'n-do\0because') & 1;
 * ```
 */
export function sipHashLatin1(key: SipKey, text: string): number {
  if (text.length > scratch.length) scratch = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) scratch[i] = text.charCodeAt(i) & 0xff;
  hash(key, text.length, scratch);
  return outLo;
}

/** Latin-1 bytes of the text being hashed, reused: one array type, read directly, keeps the hash fast. */
let scratch = new Uint8Array(256);

/** The full 64-bit tag of `bytes` as 16 hex digits, in the byte order of the reference vectors. */
export function sipHash24Hex(key: SipKey, bytes: Uint8Array): string {
  hash(key, bytes.length, bytes);
  const le = (x: number) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24].map((b) => b.toString(16).padStart(2, '0')).join('');
  return le(outLo) + le(outHi);
}

// The state as (hi, lo) pairs of unsigned 32-bit integers. Module-level, because JS runs one
// hash at a time and closures or arrays per call would cost more than the hash itself.
let v0h = 0;
let v0l = 0;
let v1h = 0;
let v1l = 0;
let v2h = 0;
let v2l = 0;
let v3h = 0;
let v3l = 0;
let outHi = 0;
let outLo = 0;

function hash(key: SipKey, length: number, bytes: Uint8Array): void {
  const byteAt = (i: number) => bytes[i]!;
  const k0lo = key[0]!;
  const k0hi = key[1]!;
  const k1lo = key[2]!;
  const k1hi = key[3]!;
  v0h = (k0hi ^ 0x736f6d65) >>> 0;
  v0l = (k0lo ^ 0x70736575) >>> 0;
  v1h = (k1hi ^ 0x646f7261) >>> 0;
  v1l = (k1lo ^ 0x6e646f6d) >>> 0;
  v2h = (k0hi ^ 0x6c796765) >>> 0;
  v2l = (k0lo ^ 0x6e657261) >>> 0;
  v3h = (k1hi ^ 0x74656462) >>> 0;
  v3l = (k1lo ^ 0x79746573) >>> 0;
  const whole = length - (length % 8);
  for (let i = 0; i < whole; i += 8) {
    const ml = (byteAt(i) | (byteAt(i + 1) << 8) | (byteAt(i + 2) << 16) | (byteAt(i + 3) << 24)) >>> 0;
    const mh = (byteAt(i + 4) | (byteAt(i + 5) << 8) | (byteAt(i + 6) << 16) | (byteAt(i + 7) << 24)) >>> 0;
    compress(mh, ml);
  }
  // The last block: the remaining bytes, and the length's low byte in the top byte.
  let ml = 0;
  let mh = (length & 0xff) << 24;
  for (let i = whole; i < length; i++) {
    const shift = (i - whole) * 8;
    if (shift < 32) ml |= byteAt(i) << shift;
    else mh |= byteAt(i) << (shift - 32);
  }
  compress(mh >>> 0, ml >>> 0);
  v2l = (v2l ^ 0xff) >>> 0;
  round();
  round();
  round();
  round();
  outHi = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
  outLo = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
}

function compress(mh: number, ml: number): void {
  v3h = (v3h ^ mh) >>> 0;
  v3l = (v3l ^ ml) >>> 0;
  round();
  round();
  v0h = (v0h ^ mh) >>> 0;
  v0l = (v0l ^ ml) >>> 0;
}

function round(): void {
  // v0 += v1; v1 = rotl(v1, 13) ^ v0; v0 = rotl(v0, 32)
  let lo = (v0l + v1l) >>> 0;
  v0h = (v0h + v1h + (lo < v0l ? 1 : 0)) >>> 0;
  v0l = lo;
  let th = ((v1h << 13) | (v1l >>> 19)) >>> 0;
  let tl = ((v1l << 13) | (v1h >>> 19)) >>> 0;
  v1h = (th ^ v0h) >>> 0;
  v1l = (tl ^ v0l) >>> 0;
  th = v0h;
  v0h = v0l;
  v0l = th;
  // v2 += v3; v3 = rotl(v3, 16) ^ v2
  lo = (v2l + v3l) >>> 0;
  v2h = (v2h + v3h + (lo < v2l ? 1 : 0)) >>> 0;
  v2l = lo;
  th = ((v3h << 16) | (v3l >>> 16)) >>> 0;
  tl = ((v3l << 16) | (v3h >>> 16)) >>> 0;
  v3h = (th ^ v2h) >>> 0;
  v3l = (tl ^ v2l) >>> 0;
  // v0 += v3; v3 = rotl(v3, 21) ^ v0
  lo = (v0l + v3l) >>> 0;
  v0h = (v0h + v3h + (lo < v0l ? 1 : 0)) >>> 0;
  v0l = lo;
  th = ((v3h << 21) | (v3l >>> 11)) >>> 0;
  tl = ((v3l << 21) | (v3h >>> 11)) >>> 0;
  v3h = (th ^ v0h) >>> 0;
  v3l = (tl ^ v0l) >>> 0;
  // v2 += v1; v1 = rotl(v1, 17) ^ v2; v2 = rotl(v2, 32)
  lo = (v2l + v1l) >>> 0;
  v2h = (v2h + v1h + (lo < v2l ? 1 : 0)) >>> 0;
  v2l = lo;
  th = ((v1h << 17) | (v1l >>> 15)) >>> 0;
  tl = ((v1l << 17) | (v1h >>> 15)) >>> 0;
  v1h = (th ^ v2h) >>> 0;
  v1l = (tl ^ v2l) >>> 0;
  th = v2h;
  v2h = v2l;
  v2l = th;
}

import { wordHash } from './text.js';

/**
 * Word lexicons for the cue classifiers, keyed by the scanner's word hash. The scanner folds
 * ASCII case only (one integer add per letter, no `toLowerCase` per word), so a word whose first
 * letter lies outside ASCII (`Étape`, `Überlege`, `Ángulo`) hashes differently when capitalised:
 * each entry is registered under both spellings, once, when the module loads.
 */

/**
 * The lexicon key of a scanner word hash: its low 30 bits. A full 32-bit hash is outside V8's
 * small-integer range, so a `Map` hashes it as a heap number, about 2.5 times slower per lookup;
 * the extra collisions over a few thousand lexicon words are negligible.
 */
export function lexKey(hash: number): number {
  return hash & 0x3fffffff;
}

/** The keys under which the scanner may see `word` (lower case, and capitalised outside ASCII). */
export function hashesOf(word: string): number[] {
  const lower = word.toLowerCase();
  const out = [lexKey(wordHash(lower))];
  const first = lower.charCodeAt(0);
  if (first >= 128) {
    const cap = lower[0]!.toUpperCase() + lower.slice(1);
    if (cap !== lower) out.push(lexKey(wordHash(cap)));
  }
  return out;
}

/** A map from word key ({@link lexKey}) to a value; `words` is a whitespace-separated list. Later entries win. */
export function addWords<V>(map: Map<number, V>, words: string, value: V): Map<number, V> {
  for (const w of words.trim().split(/\s+/)) if (w) for (const h of hashesOf(w)) map.set(h, value);
  return map;
}

/** A set of word keys ({@link lexKey}) from whitespace-separated lists. */
export function wordSet(...lists: string[]): Set<number> {
  const out = new Set<number>();
  for (const list of lists) for (const w of list.trim().split(/\s+/)) if (w) for (const h of hashesOf(w)) out.add(h);
  return out;
}

/**
 * A bit per low 16 bits of a word key, set for every key of `keys`: a test that a key is not among
 * them, for readers that look up every word of a text in a map of a few hundred keys (most words
 * end no phrase). A clear bit means the key is absent; a set bit is followed by the map lookup.
 * 8 KB, a typed-array read instead of a `Map` lookup for most words.
 */
export function keyFilter(keys: Iterable<number>): Uint32Array {
  const bits = new Uint32Array(2048);
  for (const k of keys) bits[(k >>> 5) & 0x7ff]! |= 1 << (k & 31);
  return bits;
}

/** Whether `key` may be one of the keys a {@link keyFilter} was built from (false: it is not). */
export function mayHold(bits: Uint32Array, key: number): boolean {
  return ((bits[(key >>> 5) & 0x7ff]! >>> (key & 31)) & 1) !== 0;
}

/**
 * Key of a French/Italian elided word after its apostrophe (`l'étape` → `étape`, `qu'il` → `il`),
 * or 0 when the word is not elided. The scanner keeps inner apostrophes in words, so without this
 * `d'étapes` would never meet `étapes`. Reads the text in place: no substring.
 */
export function elidedHash(text: string, start: number, end: number): number {
  let a = -1;
  for (let j = start + 1; j <= start + 2 && j < end - 1; j++) {
    const c = text.charCodeAt(j);
    if (c === 39 || c === 0x2019) {
      a = j;
      break;
    }
  }
  if (a < 0) return 0;
  let h = 0x811c9dc5;
  for (let j = a + 1; j < end; j++) {
    let c = text.charCodeAt(j);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return lexKey(h >>> 0) || 1;
}

// Edits a distiller may make to harvested answers before training on them, or to a student's
// texts: paraphrase-like noise (synonym swaps, casing, whitespace) and white-box attacks that
// know the watermark's word pairs (the code is public) and normalise them away.
import { Scanner, WORD_PAIRS } from '@distill-guard/core/watermark';

/** Common words and a synonym each (none of them a watermark member): what a paraphraser swaps. */
const SYNONYMS = [
  ['big', 'large'], ['small', 'little'], ['use', 'employ'], ['help', 'assist'], ['show', 'demonstrate'],
  ['important', 'crucial'], ['many', 'numerous'], ['get', 'obtain'], ['need', 'require'], ['make', 'create'],
  ['find', 'locate'], ['start', 'begin'], ['end', 'finish'], ['good', 'great'], ['quick', 'fast'],
  ['simple', 'easy'], ['change', 'modify'], ['buy', 'purchase'], ['try', 'attempt'], ['answer', 'reply'],
  ['choose', 'select'], ['enough', 'sufficient'], ['whole', 'entire'], ['main', 'primary'], ['keep', 'retain'],
  ['give', 'provide'], ['people', 'individuals'], ['way', 'method'], ['idea', 'notion'], ['problem', 'issue'],
  ['because', 'since'], ['but', 'yet'], ['so', 'thus'], ['very', 'really'], ['about', 'regarding'],
  ['think', 'believe'], ['want', 'wish'], ['look', 'appear'],
];
const SYNONYM = new Map();
for (const [a, b] of SYNONYMS) {
  SYNONYM.set(a, b);
  SYNONYM.set(b, a);
}

function matchCase(word, like) {
  if (like[0] >= 'A' && like[0] <= 'Z') return word[0].toUpperCase() + word.slice(1);
  return word;
}

/** Each word with a synonym is swapped with probability `rate`; each watermark member too (either member, at random). */
export function synonymSwaps(text, rate, next) {
  const swapped = text.replace(/\b[A-Za-z]+\b/g, (w) => {
    const s = SYNONYM.get(w.toLowerCase());
    return s && next() < rate ? matchCase(s, w) : w;
  });
  return rewrite(swapped, () => (next() < rate ? (next() < 0.5 ? 0 : 1) : undefined));
}

/** Each word is lower-cased, capitalised or upper-cased with probability `rate`. */
export function recase(text, rate, next) {
  return text.replace(/\b[A-Za-z]+(?:'[A-Za-z]+)?\b/g, (w) => {
    if (next() >= rate) return w;
    const r = next();
    return r < 0.5 ? w.toLowerCase() : r < 0.8 ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w.toUpperCase();
  });
}

/** Each space becomes two spaces, a newline or a tab with probability `rate`; runs of spaces collapse otherwise. */
export function rewhitespace(text, rate, next) {
  return text.replace(/ +/g, (s) => {
    if (next() >= rate) return ' ';
    const r = next();
    return r < 0.5 ? '  ' : r < 0.8 ? '\n' : '\t';
  });
}

function rewrite(text, choose) {
  const scanner = new Scanner(choose);
  return scanner.push(text) + scanner.end();
}

/** White-box, complete: every occurrence of every pair written as its first member, with the watermark's own scanner. */
export function normaliseAll(text) {
  return rewrite(text, () => 0);
}

/** White-box, randomising: every occurrence written as a random member. */
export function randomiseAll(text, next) {
  return rewrite(text, () => (next() < 0.5 ? 0 : 1));
}

/**
 * White-box, the script an attacker writes without the scanner: regular expressions that expand
 * every contraction and pick one spelling of every single-word pair, anywhere (code included).
 * Leaves the two-word pairs ("for example") and the sentence connectives ("Finally,").
 */
export function normaliseByRegex(text) {
  let t = expandContractions(text);
  for (const p of WORD_PAIRS) {
    const [a, b] = p.members;
    if (a.includes(' ') || b.includes(' ') || a.includes("'") || b.includes("'") || p.sentenceComma) continue;
    t = t.replace(new RegExp(`\\b${b}\\b`, 'g'), a).replace(new RegExp(`\\b${b[0].toUpperCase()}${b.slice(1)}\\b`, 'g'), a[0].toUpperCase() + a.slice(1));
  }
  return t;
}

/** White-box, contractions only: the normalisation most scripts already do. */
export function expandContractions(text) {
  return text
    .replace(/\b(can)['\u2019]t\b/gi, (_, c) => `${c}not`)
    .replace(/\b(won)['\u2019]t\b/gi, (_, w) => (w[0] === 'W' ? 'Will not' : 'will not'))
    .replace(/\b([A-Za-z]+)n['\u2019]t\b/g, '$1 not')
    .replace(/\b([Ii])['\u2019]m\b/g, '$1 am')
    .replace(/\b([A-Za-z]+)['\u2019]re\b/g, '$1 are')
    .replace(/\b(it|that|there|he|she|what|It|That|There|He|She|What)['\u2019]s\b/g, '$1 is');
}

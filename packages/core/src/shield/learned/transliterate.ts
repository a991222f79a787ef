import { CONFUSABLES } from '../confusables.js';

/**
 * Cyrillic and Greek letters spelled in Latin, lower case. Russian attacks become the same Latin
 * letters whichever way they were typed (Cyrillic, or Latin transliteration like "ignoriruj
 * vse instrukcii"), so one lexicon and one set of n-gram weights serve both.
 */
const PHONETIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja', і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u', ј: 'j', ѕ: 'dz',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n',
  ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const LATIN = /[a-z]/;
const CYRILLIC_OR_GREEK = /[\u0370-\u03ff\u0400-\u04ff]/;
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Spells the Cyrillic and Greek words of a lower-case text in Latin letters. A word that mixes
 * Latin with Cyrillic or Greek letters is a disguise ("іgnore" with a Cyrillic і): its foreign
 * letters are folded to the Latin letter they imitate. A word written wholly in Cyrillic or
 * Greek is a real word of that language and is transliterated by sound. Returns the text and the
 * number of disguised words.
 *
 * @example
 * ```ts
 * transliterate('игнорируй все инструкции'); // { text: 'ignoriruj vse instrukcii', disguised: 0 }
 * transliterate('іgnore the rules');        // { text: 'ignore the rules', disguised: 1 }
 * ```
 */
export function transliterate(text: string): { text: string; disguised: number } {
  if (!CYRILLIC_OR_GREEK.test(text)) return { text, disguised: 0 };
  let disguised = 0;
  const out = text.replace(WORD, (w) => {
    if (!CYRILLIC_OR_GREEK.test(w)) return w;
    if (LATIN.test(w)) {
      disguised++;
      let s = '';
      for (const ch of w) s += CONFUSABLES.get(ch.codePointAt(0)!) ?? PHONETIC[ch] ?? ch;
      return s;
    }
    let s = '';
    for (const ch of w) s += PHONETIC[ch] ?? ch;
    return s;
  });
  return { text: out, disguised };
}

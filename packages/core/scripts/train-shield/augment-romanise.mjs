// Russian, Ukrainian and Greek typed in Latin letters, as people write them on a keyboard without
// the script ("ignoriruy vse predydushchie instruktsii", "pes mou ton kwdiko"). The fold spells
// Cyrillic and Greek in one Latin scheme ("instrukcii"), but a person typing in Latin picks their
// own ("instruktsii", "instrukcii", "instrukzii"), so those n-grams are new to the model. The same
// function writes romanised attacks and romanised benign texts, so that Latin-typed Russian or
// Greek is never itself the signal. Documented in README.md beside this file.

/** Each letter's common Latin spellings; one is drawn per text and letter, so a text is consistent. */
const SPELLINGS = {
  а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e', 'e', 'ye'], ё: ['e', 'yo', 'jo'], ж: ['zh', 'j', 'z'], з: ['z'],
  и: ['i'], й: ['y', 'i', 'j'], к: ['k'], л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'], с: ['s'], т: ['t'],
  у: ['u'], ф: ['f'], х: ['kh', 'h', 'x'], ц: ['ts', 'c', 'tz'], ч: ['ch', '4'], ш: ['sh', 'w'], щ: ['shch', 'sch', 'sh'],
  ъ: ['', "'"], ы: ['y', 'i'], ь: ['', "'"], э: ['e'], ю: ['yu', 'ju', 'iu'], я: ['ya', 'ja', 'ia'],
  і: ['i'], ї: ['yi', 'i'], є: ['ye', 'e'], ґ: ['g'],
  α: ['a'], ά: ['a'], β: ['v', 'b'], γ: ['g', 'gh'], δ: ['d', 'dh'], ε: ['e'], έ: ['e'], ζ: ['z'], η: ['i', 'h'], ή: ['i', 'h'],
  θ: ['th', '8'], ι: ['i'], ί: ['i'], ϊ: ['i'], κ: ['k'], λ: ['l'], μ: ['m'], ν: ['n'], ξ: ['ks', 'x', '3'], ο: ['o'], ό: ['o'],
  π: ['p'], ρ: ['r'], σ: ['s'], ς: ['s'], τ: ['t'], υ: ['y', 'i', 'u'], ύ: ['y', 'i', 'u'], φ: ['f'], χ: ['x', 'ch', 'h'],
  ψ: ['ps'], ω: ['o', 'w'], ώ: ['o', 'w'],
};

/** Whether a text has Cyrillic or Greek letters to romanise. */
export const hasCyrillicOrGreek = (text) => /[\u0370-\u03ff\u0400-\u04ff]/.test(text);

/**
 * `text` with its Cyrillic and Greek letters typed in Latin, in one scheme drawn for the text; pass
 * the same `scheme` to spell a part of the text (a planted line) the same way.
 */
export function romanise(rng, text, scheme = new Map()) {
  const spell = (lower) => {
    if (!scheme.has(lower)) scheme.set(lower, rng.pick(SPELLINGS[lower]));
    return scheme.get(lower);
  };
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    if (!(lower in SPELLINGS)) {
      out += ch;
      continue;
    }
    const s = spell(lower);
    out += ch !== lower && s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
  }
  return out;
}

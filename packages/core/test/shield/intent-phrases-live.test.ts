import { describe, expect, it } from 'vitest';
import { INTENT_PHRASES, ROMANISED_RUSSIAN, type IntentId } from '../../src/shield/learned/intent-phrases.js';
import { countIntents, foldText, INTENT_IDS } from '../../src/shield/learned/index.js';

// Every intent phrase must be able to match something a person types. Phrases are matched against
// the fold's output (lower case, no diacritics, Cyrillic spelled in Latin, doubled letters single,
// words split at hyphens), and a phrase written in a form the fold never produces is dead: the
// Latin "predydushch~" (the fold spells "щ" as "sch") and the French "ci-dessus" (split at the
// hyphen) matched nothing. For each phrase this builds a text from the first alternative of each
// slot, with each `~` stem given an ending and each `*` one filler word, in the script a user
// types (romanised Russian phrases also in Cyrillic), and checks the phrase's intent fires.

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
const KANA = /[\u3040-\u30ff]/;
const HANGUL = /[\uac00-\ud7af]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/** Romanised Russian back to Cyrillic, longest spellings first (the inverse of the fold's table, plus "ts" and "kh" as people type them). */
const TO_CYRILLIC: ReadonlyArray<[string, string]> = [
  ['shch', 'щ'], ['sch', 'щ'], ['zh', 'ж'], ['ch', 'ч'], ['sh', 'ш'], ['kh', 'х'], ['ts', 'ц'], ['ju', 'ю'], ['ja', 'я'],
  ['a', 'а'], ['b', 'б'], ['v', 'в'], ['g', 'г'], ['d', 'д'], ['e', 'е'], ['z', 'з'], ['i', 'и'], ['j', 'й'], ['k', 'к'],
  ['l', 'л'], ['m', 'м'], ['n', 'н'], ['o', 'о'], ['p', 'п'], ['r', 'р'], ['s', 'с'], ['t', 'т'], ['u', 'у'], ['f', 'ф'],
  ['h', 'х'], ['c', 'ц'], ['y', 'ы'],
];

function toCyrillic(latin: string): string {
  let out = '';
  for (let i = 0; i < latin.length; ) {
    const hit = TO_CYRILLIC.find(([from]) => latin.startsWith(from, i));
    if (hit === undefined) {
      out += latin[i];
      i++;
    } else {
      out += hit[1];
      i += hit[0].length;
    }
  }
  return out;
}

/** A plausible ending for a `~` stem, in the stem's script (romanised Russian: Russian endings, in Latin). */
function ending(stem: string, russian: boolean): string {
  if (CYRILLIC.test(stem)) return 'их';
  if (russian) return 'ih';
  if (HANGUL.test(stem)) return '의';
  if (CJK.test(stem)) return '';
  return 'es';
}

/** One filler word for a `*` gap, in the phrase's script. */
function filler(phrase: string, russian: boolean): string {
  if (CYRILLIC.test(phrase)) return 'эти';
  if (russian) return 'eti';
  if (HANGUL.test(phrase)) return '모든';
  if (KANA.test(phrase)) return 'すべての';
  if (CJK.test(phrase)) return '所有的';
  return 'these';
}

/**
 * The texts a phrase stands for: for each slot and each of its alternatives, that alternative with
 * the first alternative of every other slot, stems completed and gaps filled. Every alternative is
 * tried, not only the first: a dead alternative ("ci-dessus") hides behind a live first one.
 */
function examplesOf(phrase: string, russian = ROMANISED_RUSSIAN.has(phrase)): string[] {
  const cjk = CJK.test(phrase) && !HANGUL.test(phrase);
  const tokens = phrase.split(' ').filter(Boolean);
  const word = (alternative: string): string => (alternative.endsWith('~') ? alternative.slice(0, -1) + ending(alternative, russian) : alternative);
  const build = (slot: number, alternative: string): string =>
    tokens
      .map((token, i) => (token === '*' ? filler(phrase, russian) : word(i === slot ? alternative : token.split('/')[0]!)))
      .join(cjk ? '' : ' ');
  const texts = new Set<string>();
  tokens.forEach((token, slot) => {
    if (token !== '*') for (const alternative of token.split('/')) texts.add(build(slot, alternative));
  });
  return [...texts];
}

const fires = (text: string, id: IntentId): number => countIntents(foldText(text).text)[INTENT_IDS.indexOf(id)]!;

const cases: Array<{ id: IntentId; phrase: string; texts: string[] }> = [];
for (const id of INTENT_IDS) {
  for (const phrase of INTENT_PHRASES[id]) {
    const texts = examplesOf(phrase);
    cases.push({ id, phrase, texts: ROMANISED_RUSSIAN.has(phrase) ? [...texts, ...texts.map(toCyrillic)] : texts });
  }
}

describe('every intent phrase matches the texts built from it', () => {
  it('covers every phrase, and romanised Russian in Cyrillic too', () => {
    expect(cases.length).toBe(INTENT_IDS.reduce((n, id) => n + INTENT_PHRASES[id].length, 0));
    expect(ROMANISED_RUSSIAN.size).toBeGreaterThan(10);
    expect(cases.reduce((n, c) => n + c.texts.length, 0)).toBeGreaterThan(2 * cases.length);
  });

  it.each(cases)('$id: $phrase', ({ id, texts }) => {
    expect(texts.filter((text) => fires(text, id) === 0)).toEqual([]);
  });

  it('builds the texts a person would type', () => {
    expect(examplesOf('ignore/disregard * instruc~/rules')).toEqual(['ignore these instruces', 'disregard these instruces', 'ignore these rules']);
    expect(examplesOf('zabud~ * instrukc~', true).map(toCyrillic)).toEqual(['забудих ети инструкцих']);
    expect(examplesOf('忽略 * 指令/指示')).toEqual(['忽略所有的指令', '忽略所有的指示']);
  });
});

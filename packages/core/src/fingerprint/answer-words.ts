import { cjkTable } from './cjk.js';
import { hashesOf, keyFilter, wordSet } from './lexicon.js';

/**
 * Phrases that mark a derivation in a served answer, in English, German, French, Spanish,
 * Portuguese (word sequences) and Chinese, Japanese (substrings). They are structure words that
 * survive translation: a reasoning opener ("let me work through this step by step"), a
 * conclusion ("so the answer is", "also ist die Antwort", "答案是", "したがって").
 */

/** Phrase kinds. */
export const enum P {
  /** "the answer is", "la respuesta es": names the answer. */
  Answer = 0,
  /** "therefore", "daher", "donc", "por lo tanto", "portanto": draws a conclusion. */
  Conclude,
  /** "let me work through this step by step", "réfléchissons": announces a derivation. */
  Opener,
  /** "to solve this", "para calcular": announces a computation, weaker. */
  SolveOpener,
}

/** A phrase: word hashes in order, its kind, and whether it must open a sentence. */
export interface Phrase {
  readonly words: readonly number[];
  readonly kind: P;
  readonly sentenceStart: boolean;
}

const ANSWER = `
  the answer is|the final answer is|final answer|the correct answer is|the answer would be|so the answer
  die antwort ist|die antwort lautet|die lösung ist|die lösung lautet|das ergebnis ist|das ergebnis lautet|also ist die antwort|endergebnis
  la réponse est|la bonne réponse est|réponse finale|le résultat est|la solution est
  la respuesta es|la respuesta correcta es|respuesta final|el resultado es|la solución es
  a resposta é|a resposta correta é|resposta final|o resultado é|a solução é`;
/** Conclusion words that are safe anywhere in a sentence. */
const CONCLUDE = `
  therefore|thus|hence|consequently|which gives|this gives|we get|we obtain
  daher|somit|folglich|demnach|damit ergibt sich|ergibt sich|ist also|sind also|beträgt also|hat also|gilt also|kostet also|liegt also|bleiben also
  donc|par conséquent|on obtient|d'où
  por lo tanto|por tanto|en consecuencia|obtenemos|se obtiene
  portanto|por conseguinte|obtemos|consequentemente`;
/** Conclusion words that mean something else mid-sentence ("also", "so", "logo", "ainsi"): sentence openers only. */
const CONCLUDE_START = `
  so the|so we|so it|so there|so x|so in total
  also ist|also sind|also beträgt|also gilt|also ergibt|also haben|also hat|also kostet|also bleiben|deshalb
  ainsi|alors
  así que|entonces|así
  logo|assim|então|dessa forma|desse modo`;
/** Openers specific enough to count anywhere near the start ("Okay, let's break this down"). */
const OPENER = `
  let me work through this|let's work through this|let me think|let's think|let me think step by step|let's think step by step|let's break this down|let me break this down|let's reason|let me reason|let's solve this step by step
  lass uns schritt für schritt|lass uns das schritt für schritt|gehen wir schritt für schritt|denken wir schritt für schritt|lass uns nachdenken|überlegen wir
  réfléchissons|raisonnons|procédons étape par étape|procédons par étapes|résolvons cela étape par étape
  pensemos paso a paso|razonemos|vamos paso a paso|resolvamos paso a paso
  vamos pensar passo a passo|raciocinemos|pensemos passo a passo|vamos raciocinar`;
/** Openers that also start ordinary prose ("Step by step, the city grew"): sentence openers only. */
const OPENER_START = `step by step|pensemos|vamos por partes`;
const SOLVE_OPENER = `
  to solve this|to find the|to calculate|to determine|we need to find|we need to calculate|first let's|let's solve|let me solve|let's calculate|let's find
  um das zu lösen|um die|zuerst berechnen|wir berechnen|berechnen wir
  pour résoudre|pour trouver|pour calculer|calculons|commençons par
  para resolver|para encontrar|para calcular|calculemos|primero calculamos
  para resolver|para encontrar|para calcular|vamos calcular|primeiro calculamos|vamos resolver|resolvendo`;

/** Phrases indexed by the hash of their last word (matched against the words just read). */
export const PHRASES_BY_LAST = new Map<number, Phrase[]>();

function add(list: string, kind: P, sentenceStart: boolean): void {
  for (const phrase of list.split(/[|\n]/)) {
    const words = phrase.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    // Each word may be capitalised outside ASCII (`Également`); the phrase matches either spelling of its first word.
    for (const first of hashesOf(words[0]!)) {
      const hashes = [first, ...words.slice(1).map((w) => hashesOf(w)[0]!)];
      const last = hashes[hashes.length - 1]!;
      const entry = { words: hashes, kind, sentenceStart };
      const at = PHRASES_BY_LAST.get(last);
      if (at) at.push(entry);
      else PHRASES_BY_LAST.set(last, [entry]);
    }
  }
}
add(ANSWER, P.Answer, false);
add(CONCLUDE, P.Conclude, false);
add(CONCLUDE_START, P.Conclude, true);
add(OPENER, P.Opener, false);
add(OPENER_START, P.Opener, true);
add(SOLVE_OPENER, P.SolveOpener, true);
/** The keys {@link PHRASES_BY_LAST} holds, as a filter the reader tests before looking a word up. */
export const PHRASE_ENDS = keyFilter(PHRASES_BY_LAST.keys());

/** Longest phrase, in words. */
export const MAX_PHRASE = 6;

/** Line labels that introduce the answer (`Answer:`, `Antwort:`, `Réponse :`). */
export const ANSWER_LABELS = wordSet('answer antwort réponse respuesta resposta endergebnis');
/** Step labels (`Step 2`, `Schritt 2`, `Étape 2`, `Paso 2`, `Passo 2`). */
export const STEP_WORDS = wordSet('step schritt étape etape paso passo etapa');
/** Words that open an enumerated step at the start of a line ("First,", "Zweitens", "Ensuite"). */
export const ORDINALS = wordSet(
  'first second third fourth next finally firstly secondly thirdly',
  'erstens zweitens drittens zuerst schließlich',
  'premièrement deuxièmement troisièmement ensuite enfin',
  'primero segundo tercero luego finalmente',
  'primeiro terceiro depois',
);
/** Markup tags that hold reasoning. */
export const THINK_TAGS = wordSet('thinking think reasoning scratchpad thought thoughts reflection inner_monologue');

/** Kinds of the Chinese/Japanese answer markers (same numbering as {@link P}, plus ordinals). */
export const enum CK {
  Answer = 0,
  Conclude = 1,
  Opener = 2,
  SolveOpener = 3,
  Ordinal = 4,
}

const cjk = (kind: CK, words: string): Array<[string, number]> =>
  words
    .trim()
    .split(/\s+/)
    .map((w) => [w, kind]);

export const CJK_ANSWER_MARKS = cjkTable([
  ...cjk(CK.Answer, '答案是 答案为 答案： 最终答案 所以答案 正确答案是 结果是 答え： 答えは 最終的な答え 正解は 答：'),
  ...cjk(CK.Conclude, '所以 因此 因而 于是 综上 由此可得 可得 可知 从而 したがって よって 従って ゆえに 以上より 以上から つまり'),
  ...cjk(CK.Opener, '让我们一步一步 让我们一步步 我们一步一步 我们来一步步 我们一步步 一步一步来 一步步来 逐步分析 让我们逐步 让我们来思考 让我们思考 順を追って考え ステップバイステップで考え 段階的に考え 一つずつ考え 一歩ずつ考え 順番に考え 考えてみましょう'),
  ...cjk(CK.SolveOpener, '解： 要计算 要求出 为了求 我们需要计算 计算如下 計算すると 求めます 解き方'),
  ...cjk(CK.Ordinal, '首先 其次 然后 接着 最后 第一 第二 第三 まず 次に 最後に 第一に 第二に'),
]);

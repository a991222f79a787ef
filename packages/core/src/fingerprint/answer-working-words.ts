import { cjkTable } from './cjk.js';
import { hashesOf, keyFilter } from './lexicon.js';

/**
 * The words the content reader of answers ({@link answerWorking}) looks for, in the languages the
 * answer classifier supports: the connectives of an inference ("because", "which means", "daher",
 * "donc", "por lo tanto", "portanto", "所以", "したがって"), the words of a check ("substituting
 * back", "zur Probe", "vérification", "comprobación", "验证", "確かめ"), the words that open a case
 * ("if", "suppose", "wenn", "supposons", "如果", "もし") and arithmetic in words ("times",
 * "divided by", "mal", "fois", "por", "vezes", "乘"). They are the language of working a problem
 * through, whatever the layout: the same words carry a derivation in a numbered list and in a
 * paragraph.
 */

/** Word kinds (bits of a sentence's mask). */
export const enum WK {
  /** Draws an inference: "because", "therefore", "which means", "that leaves". */
  Link = 0,
  /** An inference only when it opens a clause: "so", "then", "since", "also", "alors". */
  LinkAtClause = 1,
  /** Checks a result: "check", "verify", "substituting". */
  Check = 2,
  /** Opens a case or an assumption: "if", "suppose", "wenn". */
  Suppose = 3,
  /** Arithmetic in words between two numbers: "times", "minus", "geteilt". */
  Arith = 4,
  /** A number written as a word, an operand like a digit: "sixty", "zwölf", "vingt", "trescientos". */
  NumberWord = 5,
}

const LINK = `
  because therefore hence thus consequently implies
  which means|this means|that means|it follows|as a result|which gives|that gives|this gives|gives us|we get|we obtain|that leaves|which leaves|this leaves|this tells us|this puts|works out to|comes out at
  weil daher deshalb somit folglich demnach ergibt ergeben bleibt bleiben folgt
  das heißt|daraus folgt|das sind|das ergibt
  parce puisque donc conséquent reste
  par conséquent|ce qui donne|ce qui fait|on obtient|on trouve|il reste|cela donne|d'où
  porque tanto quedan queda obtenemos resulta
  ya que|por lo tanto|por eso|así que|de modo que|es decir|lo que da|de donde|se obtiene
  portanto obtemos fica resulta
  já que|ou seja|o que dá|dessa forma|por isso|o que confere`;
const LINK_AT_CLAUSE = `so then since dann da alors ainsi soit entonces logo então como`;
const CHECK = `
  check checking checked verify verifying verified substitute substituting substitution plugging confirm confirms
  to make sure|sanity check|double check|multiplying back|testing it
  probe prüfen überprüfen einsetzen
  zur probe|setzen wir
  vérification vérifions vérifier remplaçant remplaçons
  comprobación comprobamos comprobar sustituyendo verificamos
  conferindo verificando substituindo confere conferir`;
const SUPPOSE = `
  if suppose supposing assume assuming let call
  wenn angenommen falls
  si supposons
  supongamos suponiendo
  se suponha suponhamos`;
const ARITH = `
  times plus minus divided multiplied over
  mal geteilt durch minus plus
  fois divisé moins multiplié
  por menos más dividido multiplicado
  vezes mais menos dividido multiplicado`;

/**
 * Numbers written as words (an attacker asks for "sixty times two is one hundred twenty" so that
 * no digit is an operand). Left out on purpose: the words that are also articles or pronouns
 * ("one", "un", "une", "uno", "una", "um", "uma", "ein", "eine"), so "one of the options" or
 * "un par de" is no operand; a spelled computation still has its other operand.
 */
const NUMBER_WORDS = `
  zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
  twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million half
  eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig hundert tausend
  zéro deux trois quatre cinq sept huit neuf dix onze douze treize quatorze quinze seize vingt trente quarante cinquante soixante cent cents mille
  cero dos tres cuatro cinco seis siete ocho nueve diez doce veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento cientos doscientos trescientos mil
  dois duas três quatro cinco seis sete oito nove dez doze vinte trinta quarenta cinquenta sessenta setenta oitenta noventa cem cento duzentos trezentos`;

/** A phrase of one to four words: word keys in order, and its kind. */
export interface WorkingPhrase {
  readonly words: readonly number[];
  readonly kind: WK;
}

/** Phrases indexed by the key of their last word. */
export const WORKING_BY_LAST = new Map<number, WorkingPhrase[]>();
/** Longest phrase, in words. */
export const MAX_WORKING_PHRASE = 4;

function add(list: string, kind: WK): void {
  for (const line of list.split('\n')) {
    // A line with `|` holds phrases; one without holds single words separated by spaces.
    const phrases = line.includes('|') ? line.split('|') : line.trim().split(/\s+/);
    for (const phrase of phrases) {
      const words = phrase.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      for (const first of hashesOf(words[0]!)) {
        const keys = [first, ...words.slice(1).map((w) => hashesOf(w)[0]!)];
        const last = keys[keys.length - 1]!;
        const entry = { words: keys, kind };
        const at = WORKING_BY_LAST.get(last);
        if (at) at.push(entry);
        else WORKING_BY_LAST.set(last, [entry]);
      }
    }
  }
}
add(LINK, WK.Link);
add(LINK_AT_CLAUSE, WK.LinkAtClause);
add(CHECK, WK.Check);
add(SUPPOSE, WK.Suppose);
add(ARITH, WK.Arith);
add(NUMBER_WORDS, WK.NumberWord);
/** The keys {@link WORKING_BY_LAST} holds, as a filter the reader tests before looking a word up. */
export const WORKING_ENDS = keyFilter(WORKING_BY_LAST.keys());

const cjk = (kind: WK, words: string): Array<[string, number]> =>
  words
    .trim()
    .split(/\s+/)
    .map((w) => [w, kind]);

/** Chinese and Japanese cues, matched as substrings (no spaces between words). */
export const CJK_WORKING = cjkTable([
  ...cjk(WK.Link, '因为 所以 因此 由此可知 由此可得 于是 那么 也就是说 可得 得到 从而 即为 ので なので よって したがって 従って つまり となり すると ことになります'),
  ...cjk(WK.Check, '验证 检查 检验 代入 確かめ 確認 検算'),
  ...cjk(WK.Suppose, '如果 假设 假如 もし と仮定 とすると'),
  ...cjk(WK.Arith, '乘以 除以 乘 加上 减去'),
]);

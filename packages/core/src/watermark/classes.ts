/**
 * The interchangeable pairs the watermark chooses between. Each pair says the same thing either
 * way in every position its conditions admit; the watermark picks one member per (pair, previous
 * word) with a keyed hash, so a model that learns which word follows which learns the choice too.
 *
 * What is left out, and why:
 * - synonyms whose sense depends on the sentence (big/large, start/begin, since/because, about/
 *   around): no context rule a few words long makes them safe;
 * - spelling variants (color/colour, -ize/-ise): a choice per position would mix spellings in one
 *   answer, which a reader notices;
 * - punctuation (the serial comma): dropping or adding a comma can change a list's meaning;
 * - `it's`/`there's` before `been`, `got`, `had`: there they stand for "has";
 * - `I'll`/`you'll`: "I will not" would become "I'll not".
 *
 * The ids are part of every keyed hash: renaming one changes every mark made with it.
 */
export interface WordPair {
  readonly id: string;
  /** Both members, lower case, words separated by one space, `'` as apostrophe. */
  readonly members: readonly [string, string];
  /** Previous words before which the pair is not used ("even though" has no "even although"). */
  readonly notAfter?: readonly string[];
  /** Not after a negation (`not`, `cannot`, `…n't`): "not nearly" is not "not almost". */
  readonly notAfterNegation?: boolean;
  /**
   * Next words before which a one-word member is not used ("don't you" has no "do not you",
   * "it's been" no "it is been"). Read for one-word members only, so that a stream never holds
   * more than one word: the two-word members they would exclude do not occur.
   */
  readonly notBefore?: readonly string[];
  /** The member must be followed, on the same line, by a word: "I am." cannot be "I'm.". */
  readonly needsNextWord?: boolean;
  /** The member must be followed by a number ("roughly 5" is "approximately 5"; "roughly speaking" is not). */
  readonly needsNumber?: boolean;
  /** Only as a sentence's first word, followed by a comma ("Finally, ..." and "Lastly, ..."). */
  readonly sentenceComma?: boolean;
}

/** Words that make a negative contraction a question ("Don't you ...?", "Isn't it ...?"). */
const SUBJECTS = ['i', 'you', 'he', 'she', 'it', 'we', 'they', 'there', 'this', 'that', 'these', 'those', 'one', 'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'everybody'];

/** Where "'s" stands for "has". */
const HAS = ['been', 'got', 'gotten', 'had'];

function negation(verb: string, contracted: string, extra: Partial<WordPair> = {}): WordPair {
  return { id: `n-${verb}`, members: [verb === 'can' ? 'cannot' : `${verb} not`, contracted], notBefore: SUBJECTS, ...extra };
}

function pronoun(words: string, contracted: string, notBefore?: readonly string[]): WordPair {
  return { id: `p-${words.replace(' ', '-')}`, members: [words, contracted], needsNextWord: true, ...(notBefore && { notBefore }) };
}

export const WORD_PAIRS: readonly WordPair[] = [
  negation('do', "don't", { notAfter: ['to'] }),
  negation('does', "doesn't"),
  negation('did', "didn't"),
  // After these pronouns "is not" and "are not" belong to the pronoun's pair ("it is not" and
  // "it's not"), so that a rewrite never moves a position from one pair to another.
  negation('is', "isn't", { notAfter: ['it', 'that', 'there', 'he', 'she', 'what'] }),
  negation('are', "aren't", { notAfter: ['you', 'we', 'they'] }),
  negation('was', "wasn't"),
  negation('were', "weren't"),
  negation('has', "hasn't"),
  negation('have', "haven't"),
  negation('had', "hadn't"),
  negation('will', "won't"),
  negation('would', "wouldn't"),
  negation('should', "shouldn't"),
  negation('could', "couldn't"),
  negation('can', "can't"),
  pronoun('i am', "i'm"),
  pronoun('you are', "you're"),
  pronoun('we are', "we're"),
  pronoun('they are', "they're"),
  pronoun('it is', "it's", HAS),
  pronoun('that is', "that's", HAS),
  pronoun('there is', "there's", HAS),
  pronoun('he is', "he's", HAS),
  pronoun('she is', "she's", HAS),
  pronoun('what is', "what's", HAS),
  { id: 's-toward', members: ['toward', 'towards'] },
  { id: 's-afterward', members: ['afterward', 'afterwards'] },
  { id: 's-among', members: ['among', 'amongst'] },
  { id: 's-although', members: ['although', 'though'], notAfter: ['even', 'as'], needsNextWord: true },
  { id: 's-maybe', members: ['maybe', 'perhaps'], notAfter: ['a', 'the'] },
  { id: 's-furthermore', members: ['furthermore', 'moreover'] },
  { id: 's-nevertheless', members: ['nevertheless', 'nonetheless'] },
  { id: 's-often', members: ['often', 'frequently'], notAfter: ['so', 'every'], notBefore: ['than'] },
  {
    id: 's-almost',
    members: ['almost', 'nearly'],
    notAfterNegation: true,
    notBefore: ['no', 'none', 'nothing', 'nobody', 'never', 'any', 'anything', 'anyone', 'anybody', 'anywhere'],
  },
  { id: 's-entirely', members: ['entirely', 'completely'] },
  { id: 's-especially', members: ['especially', 'particularly'] },
  { id: 's-roughly', members: ['roughly', 'approximately'], needsNumber: true },
  { id: 's-usually', members: ['usually', 'typically'] },
  { id: 's-someone', members: ['someone', 'somebody'] },
  { id: 's-anyone', members: ['anyone', 'anybody'] },
  { id: 's-everyone', members: ['everyone', 'everybody'] },
  { id: 'f-for-example', members: ['for example', 'for instance'] },
  { id: 'c-additionally', members: ['additionally', 'also'], sentenceComma: true },
  { id: 'c-finally', members: ['finally', 'lastly'], sentenceComma: true },
  { id: 'c-first', members: ['first', 'firstly'], sentenceComma: true },
  { id: 'c-second', members: ['second', 'secondly'], sentenceComma: true },
];

/** One member of one pair, reached from its first word. */
export interface MemberRef {
  readonly pair: number;
  readonly member: 0 | 1;
  /** The member's words, lower case (`'` apostrophes). */
  readonly words: readonly string[];
}

/** Every member by its first word: the words that make the scanner look closer. */
export const MEMBERS_BY_FIRST_WORD: ReadonlyMap<string, readonly MemberRef[]> = (() => {
  const map = new Map<string, MemberRef[]>();
  WORD_PAIRS.forEach((p, pair) => {
    p.members.forEach((m, member) => {
      const words = m.split(' ');
      const list = map.get(words[0]!) ?? [];
      list.push({ pair, member: member as 0 | 1, words });
      map.set(words[0]!, list);
    });
  });
  return map;
})();

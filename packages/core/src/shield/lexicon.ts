/**
 * Building blocks of the prompt-attack patterns (see `features.ts`). Everything here is a
 * regular-expression source string over folded lower-case text.
 *
 * Linear-time rules followed by every pattern built from these pieces:
 * - repetition only over disjoint classes (`\w+` alternating with {@link S}), or bounded (`{0,4}`);
 * - never two adjacent quantified pieces that can match the same character (so `[ \t]*` is
 *   followed by a literal that is not a space, never by another optional space run);
 * - runs like `-{3,}` are anchored at the start of the run with a lookbehind.
 */

/**
 * Word separator inside a phrase: no sentence punctuation, newline, double quote or `=`, so a
 * phrase never spans a quoted string or a `key=value`. Disjoint from `\w`.
 */
export const S = '[^\\w.!?\\n"“”«»=`]+';
/** Optional horizontal space, followed in every pattern by a non-space literal. */
export const SP = '[ \\t]*';
/** Up to `n` words between two terms of a phrase, then a separator. */
export const gap = (n: number): string => `(?:${S}\\w+){0,${n}}?${S}`;
/** A non-capturing alternation. */
export const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;

/** "you" as typed in chats. */
export const YOUR = '(?:your|ur|yr)';

export const OVERRIDE_VERBS_LIST: readonly string[] = [
  'ignor(?:e|ing)', 'disregard(?:ing)?', 'forget(?:ting)?', 'overrid(?:e|ing)', 'overrule', 'bypass(?:ing)?',
  'discard', 'abandon', 'neglect', 'dismiss', 'set aside', 'put aside', 'throw (?:away|out)', 'scrap', 'ditch',
  'pay no attention to', 'stop following', 'do not follow', "don'?t follow", 'no longer follow', 'let go of',
];
export const OVERRIDE_VERBS = alt(OVERRIDE_VERBS_LIST);

export const PREVIOUS_LIST: readonly string[] = [
  'previous(?:ly)?', 'prior', 'above', 'earlier', 'preceding', 'foregoing', 'aforementioned', 'initial', 'original',
  'old', 'former', 'existing', 'default', 'given', 'system', 'developer', 'programmed', 'pre-?set', 'built-?in',
  'current', 'pre-?existing', 'past', 'all', 'any', 'every',
];
export const PREVIOUS = alt(PREVIOUS_LIST);

export const DIRECTIVES_LIST: readonly string[] = [
  'instructions?', 'prompts?', 'rules?', 'directions?', 'directives?', 'guidelines?', 'guidance', 'commands?',
  'orders', 'context', 'messages?', 'text', 'constraints?', 'programming', 'restrictions?', 'polic(?:y|ies)',
  'conversations?', 'training', 'inputs?', 'content', 'filters?', 'tasks?', 'setup', 'configuration', 'config',
  'limitations?', 'boundaries', 'ethics', 'morals', 'safeguards', 'protocols?', 'system prompt', 'specifications',
  'persona', 'personality', 'identity', 'regulations', 'principles', 'guardrails', 'prompting',
];
export const DIRECTIVES = alt(DIRECTIVES_LIST);

/** Narrower than {@link DIRECTIVES}: nouns that only name instructions. */
export const INSTRUCTION_NOUNS_LIST: readonly string[] = [
  'instructions?', 'prompts?', 'rules', 'guidelines', 'directives?', 'system prompt', 'restrictions', 'policies',
  'filters', 'programming', 'constraints', 'orders', 'commands', 'guidance',
];
export const INSTRUCTION_NOUNS = alt(INSTRUCTION_NOUNS_LIST);

export const OWN_DIRECTIVES_LIST: readonly string[] = [
  'instructions', 'rules', 'guidelines', 'programming', 'restrictions', 'policies', 'filters', 'training',
  'directives', 'constraints', 'safety \\w+', 'ethics', 'morals', 'limitations', 'system prompt', 'prompt',
  'guardrails', 'safeguards', 'principles', 'protocols', 'boundaries', 'moral \\w+', 'ethical \\w+',
  'content polic\\w+',
];
export const OWN_DIRECTIVES = alt(OWN_DIRECTIVES_LIST);

export const EXTRACT_VERBS_LIST: readonly string[] = [
  'print', 'reveal', 'show', 'display', 'output', 'repeat', 'recite', 'tell', 'give', 'share', 'dump', 'leak',
  'expose', 'spell', 'write', 'list', 'copy', 'paste', 'reproduce', 'return', 'provide', 'send', 'translate',
  'summari[sz]e', 'paraphrase', 'quote', 'echo', 'read', 'state', 'disclose', 'type', 'render', 'encode', 'convert',
  'describe', 'rewrite', 'restate', 'put', 'include', 'enumerate', 'divulge', 'unveil', 'let me see', 'what',
  'complete', 'continue',
];
export const EXTRACT_VERBS = alt(EXTRACT_VERBS_LIST);

export const STRONG_EXTRACT_VERBS_LIST: readonly string[] = [
  'print', 'reveal', 'display', 'output', 'repeat', 'recite', 'dump', 'leak', 'expose', 'spell out', 'copy', 'paste',
  'reproduce', 'disclose', 'divulge', 'unveil', 'echo', 'show me', 'give me', 'tell me', 'translate', 'summari[sz]e',
  'quote', 'list', 'write out', 'write down', 'return', 'render', 'encode', 'restate', 'read back', 'print out',
  'share',
];
export const STRONG_EXTRACT_VERBS = alt(STRONG_EXTRACT_VERBS_LIST);

export const REPEAT_VERBS_LIST: readonly string[] = [
  'repeat', 'print', 'output', 'recite', 'copy', 'paste', 'reproduce', 'echo', 'dump', 'spell out', 'return',
  'show me', 'display', 'give me', 'write out', 'write down', 'type out', 'put', 'list', 'reveal', 'tell me',
];
export const REPEAT_VERBS = alt(REPEAT_VERBS_LIST);

export const SECRET_NOUNS_LIST: readonly string[] = [
  'system prompt', 'system message', 'system instructions?', 'prompt', 'instructions', 'directives', 'rules',
  'guidelines', 'configuration', 'initiali[sz]ation', 'pre-?prompt', 'preamble', 'programming',
  'custom instructions', 'guardrails', 'meta-?prompt', 'base prompt', 'operating instructions', 'hidden \\w+',
  'secret \\w+', 'initial \\w+', 'original \\w+',
];
export const SECRET_NOUNS = alt(SECRET_NOUNS_LIST);

export const SECRET_QUALIFIERS_LIST: readonly string[] = [
  'system', 'initial', 'original', 'hidden', 'secret', 'internal', 'confidential', 'developer', "developer'?s",
  'operator', "operator'?s", 'pre', 'starting', 'underlying', 'meta', 'private', 'backend', 'admin', 'core',
  'real', 'actual', 'complete', 'entire', 'exact', 'raw', 'verbatim', 'full',
];
export const SECRET_QUALIFIERS = alt(SECRET_QUALIFIERS_LIST);

export const SECRET_NOUNS_AFTER_QUALIFIER_LIST: readonly string[] = [
  'prompts?', 'instructions?', 'directives?', 'rules', 'guidelines', 'configuration', 'message', 'programming',
  'preamble', 'text', 'words', 'policies', 'initiali[sz]ation',
];
export const SECRET_NOUNS_AFTER_QUALIFIER = alt(SECRET_NOUNS_AFTER_QUALIFIER_LIST);

export const POSITIONAL_QUALIFIERS_LIST: readonly string[] = ['previous', 'above', 'prior', 'preceding', 'first', 'earlier', 'given'];
export const POSITIONAL_QUALIFIERS = alt(POSITIONAL_QUALIFIERS_LIST);
export const POSITIONAL_NOUNS_LIST: readonly string[] = ['prompts?', 'instructions?', 'directives?', 'rules', 'configuration', 'system message'];
export const POSITIONAL_NOUNS = alt(POSITIONAL_NOUNS_LIST);

export const AI_ADDRESSEES_LIST: readonly string[] = [
  'ai', 'assistants?', 'llms?', 'language models?', 'chatbots?', 'gpt', 'chatgpt', 'claude',
  'summari[sz]ers?', 'ai screeners?', 'crawlers?', 'scrapers?', 'ai systems?', 'automated systems?', 'ai tools?',
  'ai models?', 'ai assistants?', 'ai agents?', 'llm agents?', 'copilot', 'model',
];
export const AI_ADDRESSEES = alt(AI_ADDRESSEES_LIST);

export const RESTRICTIONS_LIST: readonly string[] = [
  'restrictions?', 'limits', 'limitations?', 'filters', 'filtering', 'rules', 'guidelines', 'censorship',
  'boundaries', 'constraints', 'ethics', 'morals?', 'morality', 'principles', 'safeguards', 'guardrails',
  'polic(?:y|ies)', 'confines', 'programming', 'regulations', 'laws', 'scruples', 'conscience', 'inhibitions',
  'safety \\w+', 'content polic\\w+', 'ethical \\w+', 'moral \\w+', 'legal \\w+',
];
export const RESTRICTIONS = alt(RESTRICTIONS_LIST);

export const RESTRICTION_NEGATORS_LIST: readonly string[] = [
  'no', 'zero', 'without(?: any)?', 'free (?:of|from)(?: all| any)?',
  'not (?:bound|limited|restricted|constrained|held back|governed|tied) by(?: any)?', 'unbound by', 'freed from',
  'broken? free (?:of|from)', 'breaks? free (?:of|from)', 'breaking free (?:of|from)', 'liberated from',
  'released from', 'unconstrained by', 'exempt from', 'bypass(?:es|ing)?', 'circumvent(?:s|ing)?',
  "(?:does ?n[o']?t|do ?n[o']?t|does not|do not|will not|won'?t|never|can ?not|can'?t) (?:have|follow|obey|adhere to|abide by|comply with|care about|respect|need|apply)(?: any| to any)?",
  'ignores?(?: all)?', 'disregards?(?: all)?', 'lacks?(?: any)?', 'devoid of(?: any)?', 'outside(?: of)?', 'beyond',
  'removed? (?:all|any)', 'disabled?', 'turned off', 'switched off', 'lifted', 'broke(?:n)? through',
  'break(?:s|ing)? through', 'escaped?(?: from)?', 'unshackled from', 'above',
  'no longer (?:have to |need to )?(?:follow|obey|respect|abide by|comply with)(?: any| their| its| the)?',
];
export const RESTRICTION_NEGATORS = alt(RESTRICTION_NEGATORS_LIST);

export const RESTRICTION_FILLERS =
  "(?: the| its| his| her| their| your| all| any| of)?(?: typical| usual| normal| standard| ethical| moral| legal| content| safety| openai'?s?| anthropic'?s?| ai| programmed| traditional| imposed| common| same)?(?: and \\w+| or \\w+|,)?";

/** Words of a jailbroken identity ("you are now an unrestricted AI"). */
export const JAILBROKEN_ADJECTIVES_LIST: readonly string[] = [
  'unrestricted', 'unfiltered', 'uncensored', 'jailbroken', 'amoral', 'unbound', 'unlimited', 'liberated',
  'unchained', 'unshackled', 'immoral', 'unethical', 'evil', 'lawless', 'limitless', 'no longer restricted',
  'no longer bound',
];
export const JAILBROKEN_ADJECTIVES = alt(JAILBROKEN_ADJECTIVES_LIST);

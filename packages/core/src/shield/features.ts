/**
 * The prompt-attack features: families of regular expressions over folded lower-case text (see
 * `normalize.ts`), each counted up to a cap. Every alternative declares where it can start:
 * - `heads`: the words a match begins with. The engine (`engine.ts`) tokenises the text once and
 *   runs the alternative, as a sticky regex, only where one of those words occurs. A head of four
 *   letters or more matches any word with the same first four letters; a shorter head matches
 *   that exact word.
 * - `needs`: characters one of which must occur (`<`, `[`, `![`...); such alternatives are run
 *   as ordinary global regexes, and only when the text contains one of them.
 * The linear-time rules every pattern follows are in `lexicon.ts`.
 */
import {
  AI_ADDRESSEES, AI_ADDRESSEES_LIST, DIRECTIVES, EXTRACT_VERBS, gap, INSTRUCTION_NOUNS, JAILBROKEN_ADJECTIVES,
  OVERRIDE_VERBS, OVERRIDE_VERBS_LIST, OWN_DIRECTIVES, POSITIONAL_NOUNS, POSITIONAL_QUALIFIERS, PREVIOUS, REPEAT_VERBS,
  REPEAT_VERBS_LIST, RESTRICTION_FILLERS, RESTRICTION_NEGATORS, RESTRICTIONS, RESTRICTIONS_LIST, S, SECRET_NOUNS,
  SECRET_NOUNS_AFTER_QUALIFIER, SECRET_QUALIFIERS, SP, STRONG_EXTRACT_VERBS, STRONG_EXTRACT_VERBS_LIST, YOUR,
} from './lexicon.js';

export type FeatureId =
  | 'override'
  | 'overrideSoft'
  | 'overrideForeign'
  | 'extraction'
  | 'ownSecret'
  | 'secretRequest'
  | 'extractionForeign'
  | 'extractionSoft'
  | 'extractionMention'
  | 'restrictionRemoval'
  | 'jailbrokenIdentity'
  | 'jailbreakTerms'
  | 'jailbreakWeakTerms'
  | 'noRefusal'
  | 'stayInCharacter'
  | 'specialMode'
  | 'dan'
  | 'modelReference'
  | 'rolePlaySetup'
  | 'personaNaming'
  | 'responseFormat'
  | 'absoluteRules'
  | 'harmRegardless'
  | 'templateTokens'
  | 'roleHeader'
  | 'fakeTurns'
  | 'indirect'
  | 'exfiltration'
  | 'decodeAndFollow'
  | 'quotedAttack';

/** Reasons reported in `InjectionScan.reasons`. */
export type Reason =
  | 'instruction-override'
  | 'system-prompt-extraction'
  | 'jailbreak-persona'
  | 'role-play'
  | 'delimiter-injection'
  | 'indirect-injection'
  | 'exfiltration'
  | 'encoded-payload'
  | 'invisible-characters'
  | 'homoglyphs';

/**
 * What a text must contain for a global alternative to be tried: a character, three identical
 * characters among `-=#*>` in a row (`repeat`), or a two-character opener.
 */
export type Need = '<' | '[' | '#' | 'repeat' | '<!' | '![';

/** One alternative of a feature: a regex source and where it may start. */
export type Alternative = { heads: readonly string[]; re: string } | { needs: readonly Need[]; re: string };

export interface FeatureSpec {
  id: FeatureId;
  /** The reason reported when this feature contributes to the score. */
  reason: Reason;
  /** Matches counted at most. */
  cap: number;
  alts: readonly Alternative[];
  /** Rejects a match in its context (a user correcting themselves, a negated request). */
  reject?: (text: string, index: number, match: string) => boolean;
  /**
   * Whether a match quoted as an example (`prompts such as "ignore previous instructions"`)
   * counts as `quotedAttack` (strong cues) rather than being dropped (weak cues): people discuss
   * attacks far more often than they type them.
   */
  strong?: boolean;
}

/**
 * The words regex alternatives of a lexicon list begin with: the leading letters of each entry
 * (`ignor(?:e|ing)` -> `ignor`; `an?` -> `an`, `a`). Throws at load time on an entry whose
 * start it cannot read, so a new lexicon entry cannot silently escape the engine.
 */
export function heads(...sources: ReadonlyArray<readonly string[] | string>): string[] {
  const out = new Set<string>();
  for (const src of sources) {
    if (typeof src === 'string') {
      for (const w of src.split(' ')) if (w) out.add(w);
      continue;
    }
    for (const entry of src) {
      const m = /^[a-z0-9]+/.exec(entry);
      if (!m) throw new Error(`distill-guard shield: no head word in pattern ${entry}`);
      const lit = m[0];
      let next = entry[lit.length];
      // An escaped punctuation mark (`a\\.i\\.`) ends the word like any separator.
      if (next === '\\' && !/[a-zA-Z]/.test(entry[lit.length + 1] ?? '')) next = ' ';
      if (next === '?') {
        out.add(lit);
        out.add(lit.slice(0, -1));
      } else if (lit.length < 4 && (next === '(' || next === '[' || next === '\\')) {
        throw new Error(`distill-guard shield: ambiguous head word in pattern ${entry}`);
      } else out.add(lit);
    }
  }
  return [...out].filter((w) => w.length > 0);
}

/** A user correcting their own earlier message is not an attack. */
const SELF_REFERENCE = /\b(?:my|i|i'?ve|me|we|our|i'd|us)\b/;
/** "do not ignore the rules", "it won't reveal its instructions": the request is negated. */
const NEGATED_BEFORE = /\b(?:not|never|n't|cannot|won'?t|refuses? to|unable to|without|nor)\s+(?:\w+\s+)?$/;

const negated = (text: string, index: number): boolean => NEGATED_BEFORE.test(text.slice(Math.max(0, index - 24), index));
/** Narrower: "an AI without any rules" is the phrase itself, not a negation of it. */
const NEGATED_VERB_BEFORE = /\b(?:not|never|n't|cannot|won'?t)\s+(?:\w+\s+)?$/;
const negatedVerb = (text: string, index: number): boolean => NEGATED_VERB_BEFORE.test(text.slice(Math.max(0, index - 24), index));
const selfOrNegated = (text: string, index: number, match: string): boolean => SELF_REFERENCE.test(match) || negated(text, index);

const YOUR_HEADS = 'your ur yr';
const QUOTE_CHARS = `["'\`“‘«]`;

export const FEATURE_SPECS: readonly FeatureSpec[] = [
  // ---- instruction override ----
  {
    id: 'override',
    reason: 'instruction-override',
    strong: true,
    cap: 3,
    reject: selfOrNegated,
    alts: [
      { heads: heads(OVERRIDE_VERBS_LIST), re: `${OVERRIDE_VERBS}${gap(4)}${PREVIOUS}${gap(2)}${DIRECTIVES}\\b` },
      {
        heads: heads(OVERRIDE_VERBS_LIST),
        re: `${OVERRIDE_VERBS}${S}(?:(?:all|everything|anything|the|whatever|what)${S}){0,2}(?:(?:that was|you were|you've been|you have been|that you were|you got|i said|written|said|stated|given|told)${S}){0,2}(?:above|before|prior|previously|earlier|so far|up to now|until now)\\b`,
      },
      {
        heads: heads(OVERRIDE_VERBS_LIST),
        re: `${OVERRIDE_VERBS}${gap(2)}(?:${YOUR}|all ${YOUR}|all of ${YOUR}|any of ${YOUR}|the model'?s|the assistant'?s|the ai'?s|those|these)${S}(?:\\w+${S})?${OWN_DIRECTIVES}\\b`,
      },
      {
        heads: heads(`previous prior above earlier original old former initial system ${YOUR_HEADS}`),
        re: `(?:previous|prior|above|earlier|original|old|former|initial|system|${YOUR})${S}${INSTRUCTION_NOUNS}${S}(?:no longer apply|(?:are|is) no longer (?:valid|in effect|active|relevant|applicable|in force)|(?:are|is|were|was) (?:now )?(?:void|cancell?ed|revoked|null|overridden|suspended|lifted|disabled|deactivated|a (?:mistake|test|joke|lie))|do(?:es)? ?n[o']?t apply|have been (?:revoked|lifted|removed|disabled|suspended|overridden|cancell?ed))`,
      },
      {
        heads: heads('override overrule supersede'),
        re: `(?<=(?:^|[.!?:;\\n]${SP}|\\b(?:please|now|and|then|must|should)${S}))(?:override|overrule|supersede)${S}(?:all${S})?(?:${YOUR}|previous|prior|any|the${S}(?:system|previous|prior|original|existing|current))${S}(?:\\w+${S})?${DIRECTIVES}`,
      },
    ],
  },
  {
    id: 'overrideSoft',
    reason: 'instruction-override',
    strong: true,
    cap: 3,
    reject: selfOrNegated,
    alts: [
      {
        heads: heads('new'),
        re: `new${S}(?:set of${S})?(?:instructions?|rules|directives?|task|objective|orders|system prompt|prompt|policy|protocols?|guidelines)(?:${S}(?:for|to)${S}(?:the${S}|any${S}|all${S})?${AI_ADDRESSEES}|${S}from${S}(?:\\w+${S}){0,3}?\\w+)?${SP}(?::|are\\b|is\\b|follow\\b|apply\\b|take)`,
      },
      {
        heads: heads(YOUR_HEADS),
        re: `${YOUR}${S}(?:new|real|actual|true|only|updated|revised|sole|primary)${S}(?:instructions?|task|rules|directives?|role|purpose|job|objective|goal|mission|function|orders)${SP}(?:is|are|will be|:|now)`,
      },
      { heads: heads('instead'), re: `(?<=(?:^|[.!?:;]${SP}))instead,?${S}(?:say|print|output|respond|reply|write|tell|just|simply|only|answer|type)` },
      {
        heads: heads('you'),
        re: `you(?:${S}(?:are|will|'re|shall))?${S}no longer${S}(?:be${S})?(?:bound|restricted|limited|an? (?:ai|assistant|chatbot|language model)|chatgpt|claude|following|required|obligated)`,
      },
      {
        heads: heads('above'),
        re: `(?<=\\b(?:conversation|text|prompt|instructions?|rules|message|everything)${S})above${S}(?:was|were|is|are)${S}(?:just${S}|only${S})?(?:an?${S})?(?:test|example|fake|joke|void|a mistake|irrelevant)`,
      },
      { heads: heads('end stop'), re: `(?:end|stop)${S}(?:of${S})?(?:the${S})?(?:previous|prior|current|old)${S}(?:task|session|instructions|conversation)` },
      { heads: heads('start'), re: `start(?:ing)?${S}(?:a${S})?(?:new|fresh)${S}(?:session|conversation|task)${S}(?:with(?:out)?|where|in which)` },
      { heads: heads('forget'), re: `forget${S}(?:everything|all|anything)${S}(?:that${S})?you${S}(?:were|have been|'ve been|know|learned|got)` },
      {
        heads: heads('pwned hacked granted'),
        re: `(?<=\\b(?:say|print|output|respond|reply|answer|write)${S}(?:only${S}|just${S}|exactly${S})?(?:with${S})?(?:["'“‘]${SP})?(?:i${S}have${S}been${S}|access${S})?)(?:pwned|hacked|granted)\\b`,
      },
      {
        heads: heads('longer'),
        re: `(?<=\\bno${S})longer${S}(?:have|need)${S}to${S}(?:follow|obey|respect|abide${S}by|comply${S}with)\\b`,
      },
    ],
  },
  {
    id: 'overrideForeign',
    reason: 'instruction-override',
    cap: 2,
    alts: [
      // fr
      {
        heads: heads('ignore oublie'),
        re: `(?:ignore[rz]?|oublie[rz]?)${S}(?:toutes?${S})?(?:les|la|tes|vos)${S}(?:instructions?|consignes?|regles?|directives?)`,
      },
      // es / pt / it
      {
        heads: heads('ignora ignore olvida esqueca esquece dimentica'),
        re: `(?:ignora[r]?|ignore|olvida[r]?|esqueca|esquece|dimentica)${S}(?:todas?${S}|tutte${S})?(?:las${S}|los${S}|tus${S}|sus${S}|as${S}|le${S}|tue${S})?(?:instrucciones|indicaciones|reglas|ordenes|instrucoes|regras|istruzioni|regole)`,
      },
      // forget everything / all of the above
      {
        heads: heads('vergiss vergesse olvida oublie ignoriere ignorieren dimentica esqueca esquece'),
        re: `(?:vergiss|vergesse\\w*|ignoriere?n?|olvida|oublie|dimentica|esqueca|esquece)${S}(?:alles|todo|tout|tutto|tudo|das obige|die obigen|lo anterior|ce qui precede)\\b`,
      },
      // de
      {
        heads: heads('ignorier vergiss vergesse'),
        re: `(?:ignorier\\w*|vergiss|vergesse\\w*)${S}(?:alle${S}|die${S}|deine${S}|samtliche${S}|ihre${S})?(?:vorherigen${S}|bisherigen${S}|obigen${S}|vorigen${S}|fruheren${S}|alten${S})?(?:anweisungen|instruktionen|regeln|befehle|vorgaben|anordnungen)`,
      },
    ],
  },
  // ---- system-prompt extraction ----
  {
    id: 'extraction',
    reason: 'system-prompt-extraction',
    strong: true,
    cap: 3,
    reject: (text, index) => negated(text, index),
    alts: [
      {
        heads: heads(YOUR_HEADS),
        re: `(?<=\\b${EXTRACT_VERBS}${gap(5)}(?:all${S}(?:of${S})?)?)${YOUR}${S}(?:\\w+${S}){0,3}?${SECRET_NOUNS}\\b(?!${S}(?:for|about|on|regarding|to)\\b)`,
      },
      { heads: heads(STRONG_EXTRACT_VERBS_LIST), re: `${STRONG_EXTRACT_VERBS}${gap(4)}${SECRET_QUALIFIERS}${S}(?:\\w+${S})?${SECRET_NOUNS_AFTER_QUALIFIER}\\b` },
      { heads: heads(STRONG_EXTRACT_VERBS_LIST), re: `${STRONG_EXTRACT_VERBS}${gap(4)}${POSITIONAL_QUALIFIERS}${S}(?:\\w+${S})?${POSITIONAL_NOUNS}\\b` },
      {
        heads: heads(REPEAT_VERBS_LIST),
        re: `${REPEAT_VERBS}${gap(4)}(?:the${S})?(?:text|words|content|everything|all|instructions?|prompts?|lines?|messages?|conversation|context|sentences?|paragraphs?|rules?)${S}(?:(?:written|that (?:was|is|appears?)|you (?:see|saw|have|got|received))${S})?(?:above|before (?:this|my|the first)|so far|preceding|prior to (?:this|my)|at the (?:start|beginning|top) of)`,
      },
      {
        heads: heads('instructions prompt rules directives guidelines configuration system orders text setup message'),
        re: `(?:instructions|prompt|rules|directives|guidelines|configuration|system prompt|system message|orders|text|setup text|setup)${S}(?:that${S})?(?:you${S}(?:were|have been|'ve been|got|received|are given|were told|are following|follow|operate under|had)|(?:given|provided|passed|assigned|fed|supplied)${S}to${S}you|you${S}received)`,
      },
      {
        heads: heads('you'),
        re: `(?<=\\b(?:instructions|rules|guidelines|directives|orders|policies|constraints)${S}(?:that${S})?)you${S}(?:must|have${S}to|are${S}to|need${S}to|should|were${S}told${S}to)${S}(?:follow|obey|abide${S}by|respect|stick${S}to)\\b`,
      },
      {
        heads: heads('company developer developers operator operators creator creators owner owners admin admins team maker makers they openai anthropic'),
        re: `(?<=\\b(?:instructions|prompt|rules|text|setup|configuration|guidelines|orders|directives|message)${S}(?:that${S})?(?:the${S}|${YOUR}${S})?)(?:company|developers?|operators?|creators?|owners?|admins?|team|makers?|they|openai|anthropic)${S}(?:gave|give|wrote|provided|set|fed|programmed)${S}(?:to${S})?(?:you|u)\\b`,
      },
      {
        heads: heads('what'),
        re: `what${S}(?:did|does|do|have)${S}(?:the|${YOUR})${S}(?:developers?|creators?|operators?|company|makers?|owners?|admins?|programmers?)${S}(?:tell|told|instruct|ask|program|say to|give)\\w*${S}(?:to${S})?(?:you|u)\\b`,
      },
      {
        heads: heads('what'),
        re: `what${S}(?:rules|instructions|guidelines|directives|orders|prompt)${S}(?:did|do|were|have)${S}(?:${YOUR}${S}(?:developers?|creators?|operators?|company|makers?|owners?)|you${S}(?:get|receive|been given|given))`,
      },
      {
        heads: heads('you'),
        re: `(?<=\\bwhat${S})you${S}(?:were|are|have been|'ve been)${S}(?:told|configured|instructed|programmed|asked|prompted|set up)${S}to${S}(?:say|do|hide|keep|avoid|follow)\\b`,
      },
      {
        heads: heads('starting start begin beginning starts begins'),
        re: `(?:starting|start|begin|beginning|starts|begins)${S}with${SP}(?:${QUOTE_CHARS}${SP})?(?:you are|you're|i am|your instructions|system|as an ai|you have been|my instructions)`,
      },
      { heads: heads('what'), re: `what${S}(?:were|are|was|have|did)${S}you${S}(?:been${S})?(?:told|instructed|programmed|asked|given|trained|configured|prompted|initiali[sz]ed|set up)` },
      {
        heads: heads('what'),
        re: `what${S}(?:does|did|do)${S}${YOUR}${S}(?:system prompt|prompt|instructions|developers?|creators?|operators?|rules|guidelines|system message)${S}(?:say|tell|instruct|contain|look like|state)`,
      },
      {
        heads: heads('before above prior'),
        re: `(?<=\\b(?:everything|all|text|words|content)${S}(?:(?:written|said|stated|that (?:was|is)|you (?:saw|see|have)|appears?|appearing|comes?|came|shown|is|was)${S})?)(?:before|above|prior to)${S}(?:my|this|the)${S}(?:first${S})?(?:message|question|line|prompt|input)`,
      },
      { heads: heads('between'), re: `between${S}the${S}(?:start|beginning|top)${S}of${S}(?:${YOUR}|the|this)${S}(?:context|conversation|prompt|context window)` },
      {
        heads: heads('system initial original hidden prompt'),
        re: `(?<=\\b(?:${YOUR}|the)${S})(?:system prompt|initial prompt|original prompt|hidden prompt|system message|prompt)${S}(?:says|reads|is|was|contains)${SP}[:"“]`,
      },
    ],
  },
  {
    id: 'ownSecret',
    reason: 'system-prompt-extraction',
    strong: true,
    cap: 2,
    reject: (text, index) => negated(text, index),
    alts: [
      {
        heads: heads(YOUR_HEADS),
        re: `${YOUR}${S}(?:(?:entire|full|whole|complete|exact|original|initial|hidden|secret|internal|confidential|actual|real)${S})?(?:system${S}(?:prompt|message|instructions)|initial${S}prompt|pre-?prompt|hidden${S}(?:instructions|prompt|rules)|secret${S}(?:instructions|prompt|rules)|internal${S}(?:instructions|rules)|confidential${S}(?:instructions|rules)|original${S}instructions|(?:entire|full|whole|complete)${S}prompt)\\b`,
      },
      {
        heads: heads(YOUR_HEADS),
        re: `${YOUR}${S}(?:real|actual|true|original|initial|hidden|secret|full|complete|exact|entire|underlying|internal|confidential|private)${S}(?:set${S}of${S})?(?:instructions|rules|guidelines|directives|prompt|configuration|programming)\\b`,
      },
      {
        heads: heads('hidden secret internal confidential original initial system'),
        re: `(?:hidden|secret|internal|confidential|original|initial|system)${S}(?:instructions|prompt|rules|directives)${S}(?:of|for|given to|behind)${S}(?:the${S}real${S})?you\\b`,
      },
    ],
  },
  {
    id: 'secretRequest',
    reason: 'system-prompt-extraction',
    cap: 2,
    reject: (text, index) => negated(text, index),
    alts: [
      {
        heads: heads('password passphrase secret access'),
        re: `(?<=\\b(?:reveal|tell me|give me|spell|print|what is|what's|say|share|show me|output|repeat)${gap(3)}(?:the|${YOUR})${S})(?:secret${S})?(?:password|passphrase|secret(?:${S}(?:key|code|word))?|access code)\\b`,
      },
      {
        heads: heads('you'),
        re: `(?<=\\b(?:password|passphrase|secret|access code|code)${S}(?:that${S})?)you${S}(?:are${S}|were${S}|have${S}been${S})?(?:protecting|guarding|hiding|keeping|given|told|know|hold)\\b`,
      },
    ],
  },
  {
    id: 'extractionForeign',
    reason: 'system-prompt-extraction',
    cap: 2,
    alts: [
      { heads: heads('prompt systemprompt'), re: `(?:prompt${S}(?:systeme|du systeme|del sistema)|systemprompt)` },
      { heads: heads('instrucciones instructions anweisungen reglas regles'), re: `(?:instrucciones|instructions|reglas|regles)${S}(?:del|du|de${S}la)${S}(?:sistema|systeme)\\b|(?:system)?anweisungen${S}des${S}systems\\b` },
      {
        heads: heads('affiche montre revele donne dis dime muestra revela sumariza resume resumi zeig gib nenn'),
        re: `(?:affiche|montre|revele|donne|dis|dime|muestra|revela|sumariza|resume|resumi|zeig|gib|nenn)\\w*${S}(?:\\w+${S}){0,3}?(?:ton|votre|tes|vos|tu|tus|su|sus|dein\\w*|ihr\\w*)${S}(?:\\w+${S})?(?:prompt|instructions|consignes|regles|instrucciones|reglas|anweisungen|regeln)`,
      },
    ],
  },
  {
    id: 'extractionSoft',
    reason: 'system-prompt-extraction',
    cap: 2,
    alts: [
      {
        heads: heads('verbatim word letter character unabridged unchanged exactly'),
        re: `(?:verbatim|word for word|word-for-word|letter by letter|character by character|exactly as (?:written|given|stated|it (?:is|was))|unabridged|unchanged)\\b`,
      },
      { heads: heads('letter'), re: `(?<=\\bone${S})letter${S}at${S}a${S}time` },
      { heads: heads('full entirety'), re: `(?<=\\bin${S}(?:its${S}|their${S})?)(?:full|entirety)\\b` },
      { heads: heads('without'), re: `without${S}(?:any${S})?(?:omissions?|modifications?|changes|summari[sz]\\w*|paraphras\\w*)` },
      { heads: heads('code codeblock backticks'), re: `(?<=\\b(?:in|inside|within)${S}(?:a${S}|triple${S})?)(?:code${SP}block|codeblock|backticks)\\b` },
    ],
  },
  {
    id: 'extractionMention',
    reason: 'system-prompt-extraction',
    cap: 2,
    alts: [
      {
        heads: heads('system initial hidden secret confidential internal pre preprompt prompt developer initialization initialisation'),
        re: `(?:system${S}prompts?|system${S}message|system${S}instructions|initial${S}prompt|hidden${S}(?:instructions|prompt|rules)|secret${S}(?:instructions|prompt|rules)|confidential${S}(?:instructions|prompt|rules)|internal${S}(?:instructions|rules)|pre-?prompt|prompt${S}configuration|developer${S}instructions|initiali[sz]ation${S}text)\\b`,
      },
    ],
  },
  // ---- jailbreak personas ----
  {
    id: 'restrictionRemoval',
    reason: 'jailbreak-persona',
    cap: 6,
    alts: [
      { heads: heads(RESTRICTIONS_LIST), re: `(?<=\\b${RESTRICTION_NEGATORS}${RESTRICTION_FILLERS}${S})${RESTRICTIONS}\\b` },
      {
        heads: heads(RESTRICTIONS_LIST),
        re: `${RESTRICTIONS}${S}(?:are|have been|were|is|has been|will be)${S}(?:now${S}|all${S}|completely${S})?(?:lifted|removed|disabled|off|gone|suspended|turned off|switched off|deactivated|void|waived)\\b`,
      },

    ],
  },
  {
    id: 'jailbrokenIdentity',
    reason: 'jailbreak-persona',
    strong: true,
    cap: 2,
    reject: (text, index) => negatedVerb(text, index),
    alts: [
      { heads: heads('you'), re: `you(?:'re|${S}are|${S}will${S}be|${S}become)(?:${S}now)?(?:${S}(?:an?|the|my))?(?:${S}\\w+)?${S}${JAILBROKEN_ADJECTIVES}\\b` },
      { heads: heads('you'), re: `you${S}(?:are|'re)${S}(?:now${S})?(?:not${S}bound|free${S}(?:of|from)|freed${S}from|no${S}longer${S}(?:bound|restricted|limited))\\b` },
      {
        heads: heads('you'),
        re: `you${S}(?:are|'re)${S}(?:now${S})?(?:\\w+${S}){0,3}?(?:ai|assistant|model|chatbot|bot|llm)${S}(?:that|which|who)${S}(?:has${S}|have${S})?(?:broke|broken|breaks|escaped|freed|liberated|jailbroken)\\b`,
      },
      {
        heads: heads('you'),
        re: `you${S}(?:now${S})?(?:have|got)${S}(?:no|zero)${S}(?:\\w+${S})?(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals|boundaries|censorship|policies|content polic\\w+)\\b`,
      },
      {
        heads: heads('restrictions rules limits limitations filters guidelines ethics morals boundaries censorship policies content safety'),
        re: `(?<=\\b(?:you're|you${S}are|you${S}will${S}be|act${S}as|acting${S}as|pretend${S}(?:to${S}be|you${S}are)|become|simulate|play|playing|roleplay${S}as|be|as)${S}(?:\\w+${S}){0,6}?(?:ai|assistant|model|chatbot|bot|gpt|llm|version of (?:you|yourself)|persona|character|entity)${S}(?:with${S}no|without(?:${S}any)?|that${S}(?:has|have)${S}no|having${S}no|free${S}(?:of|from)(?:${S}all|${S}any)?)${S}(?:(?!(?:no|with|without)\\b)\\w+${S}){0,3}?)(?:restrictions|rules|limits|limitations|filters|guidelines|ethics|morals|boundaries|censorship|policies|content polic\\w+|safety \\w+)\\b`,
      },
      {
        heads: heads('restrictions rules limits limitations filters guidelines ethics morals boundaries censorship'),
        re: `(?<=\\b(?:who|which)${S}(?:has|have)${S}no${S}(?:\\w+${S})?)(?:restrictions|rules|limits|limitations|filters|guidelines|ethics|morals|boundaries|censorship)\\b`,
      },
      {
        heads: heads(RESTRICTIONS_LIST),
        re: `${RESTRICTIONS}${S}(?:doesn'?t|don'?t|does${S}not|do${S}not|no${S}longer)${S}(?:exists?|apply|applies|matter|count)\\b`,
      },
      {
        heads: heads(YOUR_HEADS),
        re: `${YOUR}${S}(?:safety|content|ethical|moral)${S}(?:training|filters?|guidelines|restrictions|rules|polic(?:y|ies)|settings|protocols)${S}(?:has|have|was|were)${S}(?:been${S})?(?:switched off|turned off|disabled|removed|lifted|deactivated|suspended|bypassed)`,
      },
    ],
  },
  {
    id: 'jailbreakTerms',
    reason: 'jailbreak-persona',
    cap: 6,
    alts: [
      {
        heads: heads('unfiltered unfiltred uncensored amoral unrestricted jailbroken jailbreak nonmoral non unshackled unchained unhinged unleashed unbound unbounded lawless limitless unlimited openai open anthropic'),
        re: `(?:unfiltered|unfiltred|uncensored|amoral|unrestricted|jailbroken|jailbreak(?:ed|ing|s)?|nonmoral|non-moral|unshackled|unchained|unhinged|unleashed|unbound|unbounded|lawless|limitless|unlimited (?:power|freedom|ai|model)|(?:openai|open ai|anthropic)(?:'s)?${S}(?:content${S}|usage${S})?(?:polic(?:y|ies)|guidelines|rules|filters?))\\b`,
      },
      { heads: heads('morals ethics'), re: `(?<=\\bno${S})(?:morals|ethics)\\b` },
    ],
  },
  {
    id: 'jailbreakWeakTerms',
    reason: 'jailbreak-persona',
    cap: 4,
    alts: [
      {
        heads: heads('unethical immoral illegal harmful dangerous explicit offensive evil malicious vulgar profan swear curse cursing nsfw depraved sociopath rude toxic racis sexis slur slurs inappropriate controversial'),
        re: `(?:unethical|immoral|illegal|harmful|dangerous|explicit|offensive|evil|malicious|vulgar|profan\\w*|swear\\w*|curse words|cursing|nsfw|depraved|sociopath\\w*|rude|toxic|racis\\w*|sexis\\w*|slurs?|inappropriate|controversial)\\b`,
      },
    ],
  },
  {
    id: 'noRefusal',
    reason: 'jailbreak-persona',
    cap: 4,
    alts: [
      {
        heads: heads('refus declin say deny reject hesitat warn disclaim censor moraliz lectur apolog'),
        re: `(?<=\\b(?:never|not|won'?t|will not|can ?not|can'?t|must not|mustn'?t|shall not|do not|don'?t|doesn'?t|does not|without|no)${S}(?:ever${S})?)(?:refus\\w*|declin\\w*|says? no|deny|reject\\w*|hesitat\\w*|warn\\w*|disclaim\\w*|censor\\w*|moraliz\\w*|lectur\\w*|apologi[sz]\\w*)`,
      },
      { heads: heads('language'), re: `(?<=\\bas${S}an${S}ai${S})language${S}model\\b` },
      { heads: heads('sorry'), re: `(?<=\\bi'?m${S})sorry,?${S}but\\b` },
      { heads: heads('fulfill assist'), re: `(?<=\\bi${S}(?:cannot|can'?t)${S})(?:fulfill|assist)\\b` },
      { heads: heads('programming'), re: `(?<=\\bnot${S}within${S}my${S})programming\\b` },
      {
        heads: heads('say tell respond reply answer'),
        re: `(?<=\\b(?:never|not|won'?t|will not|doesn'?t|does not|can'?t|cannot|can not)${S})(?:say|tell|respond|reply|answer)${S}(?:\\w+${S}){0,3}?(?:can'?t|cannot|unable|won'?t)\\b`,
      },
    ],
  },
  {
    id: 'stayInCharacter',
    reason: 'jailbreak-persona',
    cap: 3,
    alts: [
      { heads: heads('stay remain keep staying remaining'), re: `(?:stay|remain|keep|staying|remaining)${S}(?:in|as|true to(?: your| the)?)${S}(?:character|role|persona|\\w+ mode)` },
      { heads: heads('break breaking breaks out'), re: `(?:break(?:ing|s)?${S}(?:out of${S})?character|out of character)` },
      { heads: heads('character'), re: `character${S}(?:break|breaking)` },
    ],
  },
  {
    id: 'specialMode',
    reason: 'jailbreak-persona',
    cap: 3,
    alts: [
      {
        heads: heads('mode'),
        re: `(?<=\\b(?:developer|dev|god|sudo|admin|debug|maintenance|evil|opposite|jailbreak|unlocked|dan|unrestricted|uncensored|chaos|dark|unfiltered|root|omega|apophis|anarchy|superuser|no-?limits?|test|benchmarking)${S})mode\\b`,
      },
    ],
  },
  {
    id: 'dan',
    reason: 'jailbreak-persona',
    cap: 2,
    alts: [
      { heads: heads('dan chatdan'), re: `(?:dan${S}mode|chatdan)\\b` },
      { heads: heads('anything'), re: `(?<=\\b(?:do|say|make)${S})anything${S}now\\b` },
      { heads: heads('anything'), re: `(?<=\\b(?:can|will|does|to)${S}do${S})anything\\b` },
      { heads: heads('anything'), re: `anything${S}and${S}everything\\b` },
    ],
  },
  {
    id: 'modelReference',
    reason: 'jailbreak-persona',
    cap: 3,
    alts: [
      {
        heads: heads('chatgpt chat gpt gpt3 gpt4 gpt5 openai open bard bing sydney claude anthropic llama gemini language large llm chatbot'),
        re: `(?:chatgpt|chat gpt|gpt-?[345](?:\\.5)?|openai'?s?|open ai|bard|bing chat|sydney|claude|anthropic|llama|gemini|(?:large )?language model|llm|chatbot)\\b`,
      },
      { heads: heads('ai'), re: `(?:(?<=\\ban?${S})ai|ai${S}model)\\b` },
    ],
  },
  {
    id: 'rolePlaySetup',
    reason: 'role-play',
    cap: 4,
    alts: [
      {
        heads: heads('you'),
        re: `(?:you are|you're|you will|you'll|you must|you shall|you should|you have to)${S}(?:now${S})?(?:going to${S}|about to${S}|no longer${S}|to${S})?(?:become|be|act|pretend|play|role-?play|simulate|respond|answer|reply|embody|immerse|assume|take on|emulate|impersonate|portray)\\b`,
      },
      { heads: heads('act acting behave respond answer reply speak talk function operate'), re: `(?:act|acting|behave|respond|answer|reply|speak|talk|function|operate)${S}(?:as|like)\\b` },
      { heads: heads('pretend pretending'), re: `pretend(?:ing)?${S}(?:to be|you|that|as)\\b` },
      { heads: heads('role roleplay'), re: `role-?${SP}play` },
      { heads: heads('simulate emulate impersonate embody immerse immersing'), re: `(?:simulate|emulate|impersonate|embody|immerse yourself|immersing yourself)\\b` },
      { heads: heads('persona alter'), re: `(?:persona|alter ego)\\b` },
      { heads: heads('from'), re: `from${S}(?:now|this${S}(?:point|moment|day)|here)(?:${S}(?:on|onwards?|forward|out))?` },
      { heads: heads('now'), re: `now,?${S}you${S}(?:are|'re|will be)\\b` },
      { heads: heads('rest remainder duration'), re: `(?<=\\bfor${S}the${S})(?:rest|remainder|duration)${S}of${S}(?:this|our|the)${S}(?:conversation|chat|session)` },
      {
        heads: heads('hypothetical fictional imaginary fantasy alternate alternative'),
        re: `(?:hypothetical|fictional|imaginary|fantasy|alternate|alternative)${S}(?:world|story|scenario|universe|reality|setting|language model|ai|character|being|chatbot)`,
      },
      { heads: heads('let lets'), re: `let'?s${S}(?:play|pretend|imagine|do a roleplay)` },
      { heads: heads('game story world scenario fictional hypothetical'), re: `(?<=\\bin${S}this${S})(?:game|story|world|scenario|fictional|hypothetical)\\b` },
    ],
  },
  {
    id: 'personaNaming',
    reason: 'jailbreak-persona',
    cap: 3,
    alts: [
      { heads: heads('named called known'), re: `(?<=\\b(?:ai|chatbot|bot|model|language model|assistant|character|persona|entity)${S})(?:named|called|known as)\\b` },
      { heads: heads('stands stand referred codename codenamed'), re: `(?:stands? for|referred to as|codenamed?)\\b` },
      { heads: heads('version'), re: `(?<=\\b(?:new|another|special|modified|unfiltered|evil)${S})version of\\b` },
    ],
  },
  {
    id: 'responseFormat',
    reason: 'jailbreak-persona',
    cap: 4,
    alts: [
      {
        heads: heads('start starts starting started begin begins beginning began prefix prefixes prefixing prefixed precede preface open opens opening'),
        re: `(?:start|begin|prefix|precede|preface|open)(?:s|ing|ed)?${S}(?:(?:each|every|all|your|the)${S})?(?:of${S})?(?:your${S})?(?:response|answer|repl(?:y|ies)|output|message|sentence)s?${S}with\\b`,
      },
      {
        heads: heads('two 2 both three four separate different distinct'),
        re: `(?:two|2|both|three|four|separate|different|distinct)${S}(?:different${S}|separate${S}|distinct${S})?(?:responses|answers|ways|personalities|personas|paragraphs|outputs|characters)\\b`,
      },
      { heads: heads('twice'), re: `(?<=\\b(?:respond|answer|reply)${S})twice\\b` },
      {
        heads: heads('respond responding answer answering reply replying'),
        re: `(?:respond|answer|reply)(?:ing)?${S}(?:to${S})?(?:every|all|each|any)${S}(?:of my${S})?(?:prompts?|questions?|requests?|messages?|quer(?:y|ies))`,
      },
      { needs: ['['], re: `\\[(?!\\d+\\])[^\\]\\n]{1,30}\\]:` },
      { heads: heads('first second'), re: `(?:first|second)${S}way\\b` },
    ],
  },
  {
    id: 'absoluteRules',
    reason: 'jailbreak-persona',
    cap: 6,
    alts: [{ heads: heads('always never'), re: `(?<=\\b(?:will|must|shall|should|can|does|is|to)${S})(?:always|never)\\b` }],
  },
  {
    id: 'harmRegardless',
    reason: 'jailbreak-persona',
    cap: 3,
    alts: [
      {
        heads: heads('matter regardless even'),
        re: `(?:(?<=\\bno${S})matter${S}(?:how|what|if)(?:${S}\\w+){0,4}?${S}(?:immoral|unethical|illegal|dangerous|harmful|offensive|inappropriate|explicit|wrong|bad)|regardless${S}of${S}(?:its${S}|the${S})?(?:legality|morality|ethics|how|whether|consequences|content)|even if${S}(?:it${S}(?:is|'s)${S})?(?:illegal|unethical|immoral|harmful|dangerous|offensive))`,
      },
    ],
  },
  // ---- delimiter and fake-role injection ----
  {
    id: 'templateTokens',
    reason: 'delimiter-injection',
    cap: 3,
    alts: [
      {
        needs: ['<', '['],
        re: [
          `<\\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|start_header_id|end_header_id|eot_id|end|im_sep)\\|>`,
          `\\[/?inst\\]|<</?sys>>|<(?:start|end)_of_turn>`,
          `</?(?:system|sys|instructions?|admin|developer|assistant|user|human|im_start|system_prompt)>`,
          `\\[/?(?:system|admin|developer)\\]`,
        ].join('|'),
      },
      { heads: heads('role'), re: `(?<=["'])role["']${SP}:${SP}["'](?:system|developer)["']` },
    ],
  },
  {
    id: 'roleHeader',
    reason: 'delimiter-injection',
    cap: 3,
    alts: [
      {
        heads: heads('system sys admin administrator developer root new important priority'),
        re: `(?<=(?:^|\\n)${SP}(?:(?:#{1,6}|\\*\\*|\\[|\\{|\\(|>+|-{2,}|={2,}|_ \\{ >>)${SP})?)(?:new${S})?(?:system|sys|admin|administrator|developer|root|system (?:message|prompt|override|note|update|notice|announcement|instructions?)|important system \\w+|priority instructions?)${SP}(?:(?:\\]|\\*\\*|\\}|\\)|-{2,}|={2,})${SP})?[:\\-]`,
      },
      { heads: heads('system'), re: `system${S}(?:override|announcement|annou-?ncement|update|notice|alert|message)${SP}(?::|begins|-)` },
      { needs: ['#'], re: `#{2,6}${SP}(?:system|admin|developer)(?:${S}(?:message|prompt|override|note|instructions?))?${SP}(?::|#)` },
      {
        needs: ['repeat'],
        re: `(?<![-=#*>])(?:-{3,}|={3,}|#{3,}|\\*{3,}|>{3,})${SP}(?:end|begin|start|new)${S}(?:of${S})?(?:the${S})?(?:user${S})?(?:input|prompt|document|text|instructions?|system|context|conversation|data|message)`,
      },
      { heads: heads('end'), re: `end${S}of${S}(?:the${S})?(?:user${S})?(?:input|prompt|document|instructions?|user message|data)\\b${SP}[.\\-:>]` },
    ],
  },
  {
    // Counted by the engine: `Human:`/`User:` and `Assistant:` labels at line starts, only when
    // both sides appear in one message (a forged conversation).
    id: 'fakeTurns',
    reason: 'delimiter-injection',
    cap: 4,
    alts: [],
  },
  // ---- indirect injection in documents ----
  {
    id: 'indirect',
    reason: 'indirect-injection',
    cap: 3,
    alts: [
      {
        heads: heads('note message instruction instructions directive directives attention important reminder notice hidden'),
        re: `(?:note|message|instructions?|directives?|attention|important|reminder|notice|hidden text|hidden instructions?)${S}(?:to|for)${S}(?:the${S}|any${S}|all${S})?${AI_ADDRESSEES}\\b`,
      },
      { heads: heads('if'), re: `if${S}you${S}(?:are|'re)${S}(?:an?${S})?${AI_ADDRESSEES}\\b` },
      {
        heads: heads(AI_ADDRESSEES_LIST),
        re: `(?<=(?:^|[(\\[{\\n*>-])${SP}to${S}(?:the${S}|any${S}|all${S})?)${AI_ADDRESSEES}(?:${S}\\w+)?${SP}[:,]`,
      },
      {
        heads: heads('reading processing summarizing summarising parsing analyzing analysing reviewing screening'),
        re: `(?<=\\b${AI_ADDRESSEES}${S})(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|reviewing|screening)${S}(?:this|these|the)\\b`,
      },
      {
        heads: heads('user'),
        re: `(?<=\\b(?:do${S}not|don'?t|never|without)${S}(?:tell|inform|mention|reveal|show|alert|notify|telling|informing|alerting)\\w*${S}(?:(?:this|these|it|anything|about this)${S})?(?:to${S})?the${S})user\\b`,
      },
      {
        heads: heads('assistant ai model llm chatbot gpt claude'),
        re: `(?:assistant|ai|model|llm|chatbot|gpt|claude)${SP}[,:]${SP}(?:you must|you should|please|new (?:directive|instruction|task|rule)s?|ignore|disregard|from now|stop|forget|override)\\b`,
      },
      {
        heads: heads('assistant ai model chatbot llm language'),
        re: `(?<=\\bthe${S})(?:assistant|ai|model|chatbot|llm|language model)${S}(?:must|should|shall|will|is to|needs to)${S}(?:now${S}|instead${S}|also${S})?(?:ignore|disregard|forget|reply|respond|output|reveal|say|print|stop|only|tell|classify|rate|recommend|append)\\b`,
      },
      { needs: ['<!'], re: `<!--[^>]{0,300}?\\b(?:ignore|disregard|instruction|assistant|ai|llm|model|prompt|system)\\b` },
    ],
  },
  {
    id: 'exfiltration',
    reason: 'exfiltration',
    cap: 2,
    alts: [
      {
        needs: ['!['],
        re: `!\\[[^\\]\\n]{0,60}\\]\\((?=${SP}https?://[^\\s)]{1,200}[?&][^\\s)=]{1,40}=(?:${SP}\\)|[^\\s)&]{0,60}?(?:insert|your|here|placeholder|secret|prompt|conversation|history|\\{|%7b|<|\\[|\\$)))`,
      },
      {
        heads: heads('append add include encode put attach insert'),
        re: `(?:append|add|include|encode|put|attach|insert)${S}(?:\\w+${S}){0,6}?(?:to|in|into|inside)${S}(?:the${S}|a${S}|an${S})?(?:url|link|query string|image (?:url|link)|webhook|request)`,
      },
      { heads: heads('url'), re: `url-?encod\\w*` },
      { heads: heads('send post upload forward transmit exfiltrate'), re: `(?:send|post|upload|forward|transmit|exfiltrate)${S}(?:\\w+${S}){0,5}?(?:to|at)${S}https?://` },
      { heads: heads('http https'), re: `https?://[^\\s)]{1,200}[?&][^\\s)=]{1,40}=[^\\s)&]{0,60}?(?:insert|your_|_here|placeholder|\\{|%7b|<)` },
    ],
  },
  {
    id: 'decodeAndFollow',
    reason: 'encoded-payload',
    cap: 1,
    alts: [
      {
        heads: heads('decode decipher convert translate reverse read unscramble'),
        re: `(?:decode|decipher|convert|translate|reverse|read|unscramble)\\w*${S}(?:\\w+${S}){0,6}?(?:and|then)${S}(?:then${S})?(?:follow|execute|do|obey|comply|run|perform|carry out|act on)\\b`,
      },
      {
        heads: heads('decoded hidden encoded base64 hex rot13'),
        re: `(?<=\\b(?:follow|execute|obey|comply with|do)${S}(?:\\w+${S}){0,3}?(?:the${S})?)(?:decoded|hidden|encoded|base64|hex|rot13)${S}(?:instructions?|text|message|commands?|payload)`,
      },
      { heads: heads('instruction instructions command commands orders'), re: `(?:instructions?|commands?|orders)${S}(?:encoded|hidden|written)${S}(?:here|below|in (?:base64|hex|rot13))` },
    ],
  },
  // Filled by the engine: strong cues quoted as examples.
  { id: 'quotedAttack', reason: 'instruction-override', cap: 2, alts: [] },
];

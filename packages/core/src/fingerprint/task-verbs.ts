import { cjkTable } from './cjk.js';
import { addWords, wordSet } from './lexicon.js';

/**
 * Task verbs and request lead-ins for the instruction-style classifier, in English, German,
 * French, Spanish and Portuguese (imperatives, and infinitives where a request puts them:
 * "peux-tu expliquer", "¿puedes traducir", "kannst du … erklären"), plus Chinese and Japanese
 * verbs as substrings. Each verb carries the capability bucket it exercises (an index into
 * `CAPABILITIES`; 0 when it names none).
 */

/** Capability buckets, by index in `CAPABILITIES`. */
const enum Cap {
  Other = 0,
  Code,
  Math,
  Translation,
  Summarisation,
  Rewriting,
  Classification,
  Creative,
  Ideas,
  Explanation,
  Comparison,
  FactualQa,
  Advice,
  Analysis,
  Extraction,
  RolePlay,
}

/** Task verb hash → capability. */
export const TASK_VERB = new Map<number, number>();

const EN = `
  generate write create list name give explain describe identify classify categorize categorise summarize summarise translate rewrite paraphrase
  edit correct convert compose construct design develop suggest propose provide compare contrast analyze analyse evaluate determine calculate
  compute find predict estimate outline formulate brainstorm come make produce rank sort arrange select choose pick recommend add insert remove
  replace change transform shorten expand complete fill rephrase reword restate define state discuss assess devise draft plan build implement
  solve simplify detect extract match organize organise reorder combine split count verify decide infer illustrate demonstrate cite recall compile
  collect label annotate highlight delete capitalize diagnose debug fix optimize refactor prove derive answer respond imagine invent guess
  hypothesize interpret critique review proofread grade rate score format output return draw sketch use apply read consider tell show
  research synthesize synthesise take order structure think mention rearrange reverse improve assign group tag pair spell conjugate transcribe
  elaborate justify argue clarify summarize paraphrase recommend specify enumerate`;
addWords(TASK_VERB, EN, Cap.Other);

const BY_CAPABILITY: Array<[Cap, string]> = [
  [Cap.Math, 'berechne rechne löse calcule calculez résous résolvez calcula resuelve resuelva calcular resolver resolva calculer résoudre berechnen lösen'],
  [Cap.Translation, 'übersetze übersetz übersetzen traduis traduisez traduire traduce traduzca traducir traduza traduz traduzir'],
  [Cap.Summarisation, 'fasse zusammenfassen résume résumez résumer resume resuma resumir'],
  [
    Cap.Rewriting,
    `formuliere korrigiere verbessere überarbeite kürze umschreiben korrigieren verbessern überarbeiten kürzen formulieren
     réécris réécrivez reformule reformulez corrige corrigez améliore améliorez paraphrasez simplifie simplifiez réécrire reformuler corriger améliorer simplifier
     reescribe reescriba corrija mejora mejore parafrasea simplifica reformula reescribir corregir mejorar simplificar
     reescreva melhore parafraseie simplifique reformule reescrever melhorar simplificar`,
  ],
  [Cap.Classification, 'klassifiziere kategorisiere ordne klassifizieren classe classez classifie classifiez catégorise classer classifier clasifica clasifique clasificar classifique classificar'],
  [
    Cap.Creative,
    `schreibe schreib verfasse dichte erzähle schreiben verfassen
     écris écrivez rédige rédigez composez invente inventez écrire rédiger composer inventer
     escribe escriba redacta redacte compón inventa escribir redactar componer
     escreva escreve redija componha invente escrever redigir compor inventar`,
  ],
  [
    Cap.Ideas,
    `liste nenne gib generiere erstelle erzeuge schlage entwirf entwickle mache mach nennen geben erstellen generieren entwerfen auflisten
     listez énumère énumérez donne donnez génère générez crée créez proposez suggère suggérez citez nomme nommez fais faites lister énumérer donner générer créer proposer suggérer citer nommer faire
     enumera enumere lista dame dé genera genere crea propón proponga sugiere sugiera nombra menciona haz haga enumerar listar dar generar crear proponer sugerir nombrar hacer mencionar
     enumere dê gere crie proponha sugira nomeie faça listar gerar criar propor sugerir citar fazer`,
  ],
  [
    Cap.Explanation,
    `erkläre erklär erläutere beschreibe definiere erklären erläutern beschreiben definieren
     explique expliquez décris décrivez définis définissez expliquer décrire définir
     explica explícame describa defina explicar describir definir
     descreva descreve defina explicar descrever definir`,
  ],
  [Cap.Comparison, 'vergleiche vergleichen comparez comparer compara comparar'],
  [Cap.Advice, 'empfiehl empfehle empfehlen recommande recommandez conseille recommander recomienda recomiende aconseja recomendar recomende aconselhe'],
  [Cap.Analysis, 'analysiere bewerte beurteile prüfe überprüfe kritisiere analysieren bewerten beurteilen analysez évalue évaluez analyser évaluer analiza analice evalúa evalúe critica analizar evaluar analise avalie critique analisar avaliar'],
  [Cap.Extraction, 'finde bestimme identifiziere extrahiere ermittle finden bestimmen identifizieren trouve trouvez identifie identifiez détermine déterminez extrais trouver identifier déterminer extraire encuentra encuentre identifica identifique determina extrae extraiga encontrar identificar determinar extraer encontre extraia identificar extrair'],
  [Cap.RolePlay, 'spiele imaginez imagina imaginar'],
  [
    Cap.Other,
    `beantworte zeige zeig plane sortiere zähle beantworten zeigen sortieren
     indique indiquez présente présentez montre montrez réponds répondez indiquer présenter montrer répondre
     indica muestra muestre dime responde responda indicar mostrar decir responder
     mostre diga indicar mostrar dizer responder`,
  ],
];
for (const [cap, words] of BY_CAPABILITY) addWords(TASK_VERB, words, cap);

/**
 * German infinitives that close a request ("Kannst du mir die Photosynthese erklären?") or open
 * a formal imperative ("Erklären Sie …"). Kept apart: at the start of a clause without `Sie` a
 * German infinitive is usually a noun ("Schreiben", "Lösen").
 */
export const DE_INFINITIVE = new Map<number, number>();
addWords(DE_INFINITIVE, 'berechnen lösen übersetzen zusammenfassen umschreiben korrigieren verbessern überarbeiten kürzen formulieren klassifizieren', Cap.Other);
addWords(DE_INFINITIVE, 'schreiben verfassen nennen geben erstellen generieren entwerfen auflisten erklären erläutern beschreiben definieren vergleichen analysieren bewerten beurteilen finden bestimmen identifizieren beantworten zeigen sortieren empfehlen helfen machen', Cap.Other);
for (const [h] of DE_INFINITIVE) DE_INFINITIVE.set(h, TASK_VERB.get(h) ?? Cap.Other);

/** German modals that ask ("kannst du", "könnten Sie"): their task verb comes last in the clause. */
export const DE_MODAL = wordSet('kannst könntest können könnten würdest würden magst');
/** The formal German "Sie" after an infinitive imperative ("Erklären Sie"). */
export const DE_SIE = wordSet('sie');

/**
 * Words of a request lead-in ("could you please", "kannst du mir bitte", "peux-tu", "¿me puedes",
 * "você poderia", "help me"): a task verb right after a run of them, from the start of a clause,
 * opens the task. A lead-in never lowers the score; it only locates the task.
 */
export const LEAD = wordSet(
  'can could would will you please kindly help just also now',
  'kannst könntest können könnten würdest würden magst du sie mir uns bitte mal doch',
  'peux pouvez pourrais pourriez tu vous me moi merci stp svp',
  'puedes podrías puede podría usted me por favor ayúdame',
  'pode poderia você consegue me por favor',
);
/** "me to", "you to": "My teacher asked me to explain …", "I want you to write …". */
export const OBJECT_PRONOUN = wordSet('me you us him her them');
export const TO = wordSet('to');

/** Question words that open a question-style task ("What is …", "Wie funktioniert …"). */
export const WH = wordSet(
  'what how why which who when where is are does should',
  'was wie warum wieso welche welcher welches wer wann wo',
  'que quel quelle quels quelles pourquoi comment qui quand où',
  'qué cómo cuál cuáles quién cuándo dónde por',
  'quais qual quem quando onde como',
);

/** Words that make a short follow-up point back at the conversation ("expand on that", "mach es kürzer"). */
export const REFERENTIAL = wordSet('it that this them those these more again above es das dies mehr nochmal cela ça plus encore eso esto más otra isso isto mais');

/** Kinds of the Chinese/Japanese task cues: capability buckets 0..15, plus these. */
export const enum TK {
  /** A question word (什么, 为什么, どうして). */
  Wh = 16,
  /** Dataset phrasing (以下, 下列, 给定, 次の). */
  Alpaca = 17,
  /** A Japanese request form (してください, なさい, お願い). */
  Request = 18,
}

const cjk = (kind: number, words: string): Array<[string, number]> =>
  words
    .trim()
    .split(/\s+/)
    .map((w) => [w, kind]);

/** Chinese and Japanese task verbs by capability, question words and dataset phrasing. */
export const CJK_TASK = cjkTable([
  ...cjk(Cap.Math, '计算 求解 证明 推导 解方程 計算 解いて 証明'),
  ...cjk(Cap.Translation, '翻译 翻訳 訳して'),
  ...cjk(Cap.Summarisation, '总结 概括 归纳 摘要 要約 まとめて'),
  ...cjk(Cap.Rewriting, '改写 润色 修改 缩写 扩写 改正 書き直 添削 修正して 言い換え'),
  ...cjk(Cap.Classification, '分类 判断 分類'),
  ...cjk(Cap.Creative, '写 编写 续写 造句 创作 書いて 作文 詩を'),
  ...cjk(Cap.Ideas, '列出 列举 生成 给出 提供 推荐 设计 制定 创建 想出 挙げて 提案 作成 考えて リストアップ'),
  ...cjk(Cap.Explanation, '解释 说明 描述 介绍 阐述 説明 教えて 解説'),
  ...cjk(Cap.Comparison, '比较 对比 比較'),
  ...cjk(Cap.Analysis, '分析 评价 评估 评论 分析して 評価'),
  ...cjk(Cap.Extraction, '找出 提取 抽出 見つけ'),
  ...cjk(TK.Wh, '什么 为什么 如何 怎么 怎样 哪些 哪个 多少 なぜ どうして どのように'),
  ...cjk(TK.Alpaca, '以下 下面 下列 给定 如下 次の 以下の'),
  ...cjk(TK.Request, 'ください 下さい なさい お願い てほしい せよ てくれ'),
]);

/** Polite and asking prefixes of a Chinese request, stripped before looking for its verb (请你解释 → 解释). */
export const ZH_PREFIXES = ['请你帮我', '请帮我', '请你', '请您', '麻烦你', '麻烦', '帮我', '帮忙', '能不能', '能否', '可不可以', '可以', '可否', '你能', '你可以', '您能', '给我', '请'];
/** Chinese coverbs that front the object or the means ("把句子改写成…", "用两句话总结…", "为面包店想出…"): the verb comes later in the clause. */
export const ZH_COVERBS = ['把', '将', '用', '为', '给', '对', '根据', '按照', '以', '从'];

import { cjkTable } from './cjk.js';
import { addWords, wordSet } from './lexicon.js';

/**
 * The words behind the reasoning-elicitation cues, in English, German, French, Spanish and
 * Portuguese, plus Chinese and Japanese cue substrings. A word maps to one role; the classifier
 * matches short sequences of roles ("think" + "step by step", "show" + "your" + "reasoning"), so
 * a phrase in any of these languages lands on the same cue as its English twin. Words are lower
 * case; capitalised forms outside ASCII are added by {@link addWords}.
 */

/** Word roles. */
export const enum W {
  None = 0,
  Step,
  Steps,
  /** One word meaning "step by step" (`stepwise`, `schrittweise`). */
  StepWise,
  By,
  At,
  ThinkVerb,
  /** `work`, `Arbeit`, `travail`: a think verb ("work through it") or the working ("show your work"). */
  Work,
  /** A first-person-plural think verb, "let's think" in one word (`réfléchissons`, `pensemos`). */
  LetsThink,
  Reasoning,
  Thought,
  Process,
  Chain,
  Of,
  /** A compound naming chain of thought (`Gedankenkette`, `CoT`-style words). */
  ChainOfThought,
  ShowVerb,
  WorkNoun,
  Intermediate,
  Your,
  Full,
  Before,
  Answering,
  Final,
  Answer,
  Result,
  /** A compound meaning "final answer" (`Endergebnis`). */
  FinalAnswer,
  Then,
  Only,
  State,
  Through,
  Carefully,
  List,
  Assumptions,
  Analyse,
  Task,
  Lets,
  Double,
  Check,
  Verify,
  Right,
  Rubric,
  Criteria,
  CriteriaKind,
  Scale,
  GradeVerb,
  Graded,
  Deliverable,
  Sure,
  One,
  Time,
  Scratch,
  Last,
  Out,
  It,
  Justify,
  /** "out loud", "laut", "à voix haute", "en voz alta": thinking aloud. */
  Aloud,
  /** A step of one's own computation (`Rechenschritt`, `calculation step`): no "your" needed. */
  WorkStep,
  /** Words that may follow "explain each step" and still mean the sender's own steps. */
  You,
}

const LISTS: Array<[W, string]> = [
  [W.Step, 'step schritt étape etape pas paso passo etapa'],
  [W.Steps, 'steps schritte schritten étapes etapes pasos passos etapas'],
  [W.StepWise, 'stepwise schrittweise stufenweise'],
  [W.By, 'by für par por'],
  [W.At, 'at à a al au no na am zum zur'],
  [
    W.ThinkVerb,
    `think reason solve go walk approach
     denke denk denken nachdenken überlege überleg überlegen argumentiere gehe geh vorgehen löse
     réfléchis réfléchissez réfléchir raisonne raisonnez raisonner pense pensez penser procède procédez procéder résous résolvez résoudre
     piensa piense pensar razona razone razonar resuelve resuelva resolver procede proceda piénsalo razónalo resuélvelo
     pensa raciocine raciocina raciocinar resolva resolve talk`,
  ],
  [W.Work, 'work arbeite arbeitet travail travaille travaillez trabajo trabaja trabaje trabalho trabalhe'],
  [W.LetsThink, 'réfléchissons raisonnons pensons procédons résolvons pensemos razonemos resolvamos raciocinemos'],
  [W.Reasoning, 'reasoning raisonnement raisonnements razonamiento raciocínio raciocinio'],
  [W.Thought, 'thought thoughts gedanke gedanken pensée pensées pensamiento pensamientos pensamento pensamentos'],
  [W.Process, 'process prozess processus proceso processo'],
  [W.Chain, 'chain kette chaîne chaine cadena cadeia'],
  [W.Of, 'of from de des del do dos der'],
  [W.ChainOfThought, 'gedankenkette denkkette cot'],
  [
    W.ShowVerb,
    `show explain write detail lay spell include describe outline
     zeige zeig zeigen erkläre erklär erklären erläutere erläutern schreibe schreib lege leg beschreibe stelle stell führe
     montre montrez montrer explique expliquez expliquer détaille détaillez écris écrivez rédige rédigez expose exposez décris décrivez présente présentez indique indiquez inclus incluez
     muestra muestre mostrar muéstrame explica explicar explícame explícalo detalla detalle detállalo escribe escriba expón exponga describa incluye incluya indica desarrolla desarrolle
     mostre mostra detalhe detalha escreva escreve exponha descreva descreve inclua apresente apresenta desenvolva`,
  ],
  [
    W.WorkNoun,
    `working thinking rationale derivation
     lösungsweg lösungswege rechenweg gedankengang gedankengänge denkprozess denkweg herleitung überlegungen begründung zwischenschritte lösungsschritte rechenschritte
     démarche démarches cheminement réflexion réflexions justification dérivation calcul calculs
     justificación derivación procedimiento cálculo cálculos
     justificativa derivação resolução
     inference inferences calculation calculations computation computations`,
  ],
  [W.Intermediate, 'intermediate intermédiaires intermédiaire intermedio intermedia intermedios intermedias intermediário intermediária intermediários intermediárias intermediarios'],
  [W.Your, 'your dein deine deinen deinem deiner deines ton ta tes votre vos tu tus su sus seu sua seus suas teu tua teus tuas'],
  [
    W.Full,
    `complete full detailed every each all entire
     alle allen jeden jede jeder jedes vollständig vollständige vollständigen ausführlich ausführliche detailliert detaillierte gesamten ganzen
     chaque tout toute tous toutes complet complète détaillé détaillée
     cada todo toda todos todas completo completa detallado detallada detalhado detalhada`,
  ],
  [W.Before, 'before bevor vor avant antes'],
  [
    W.Answering,
    `answering giving responding stating respond providing replying concluding conclude
     antwortest antworten antworte beantwortest beantworten
     répondre réponds répondez
     responder responde responda contestar contesta conteste`,
  ],
  [W.Final, 'final finale finalen endgültige endgültigen endgültig abschließende abschließenden finales définitive définitif definitiva definitivo definitive'],
  [W.Answer, 'answer verdict antwort réponse respuesta resposta'],
  [W.Result, 'result conclusion conclusions ergebnis schlussfolgerung résultat resultado conclusão conclusión'],
  [W.FinalAnswer, 'endergebnis endantwort schlussantwort'],
  [W.Then, 'then dann danach anschließend puis ensuite luego después entonces depois então'],
  [W.Only, 'only erst seulement solo só apenas'],
  [W.State, 'state give gib gebe donne donnez da dé dê dá'],
  [W.Through, 'through durch travers través'],
  [W.Carefully, 'carefully hard deeply thoroughly gründlich sorgfältig attentivement soigneusement minutieusement cuidadosamente detenidamente atentamente profundamente cuidado calma'],
  [W.List, 'list liste nenne formuliere énumère énumérez listez enumera enumere lista'],
  [W.Assumptions, 'assumptions annahmen hypothèses suppositions supuestos suposiciones premisas premissas suposições hipóteses'],
  [W.Analyse, 'analyse analyze analysiere analysez analiza analice analise analisa'],
  [W.Task, 'task problem question aufgabe frage tâche problème tarea problema pregunta tarefa questão pergunta'],
  [W.Lets, "let's lets lass lasst vamos"],
  [W.Double, 'double'],
  [W.Check, 'check'],
  [W.Verify, 'verify überprüfe prüfe kontrolliere vérifie vérifiez verifica verifique comprueba compruebe revisa confira'],
  [W.Right, 'right correct richtige richtig bonne correcte correcta correcto certa correta'],
  [W.Rubric, 'rubric'],
  [W.Criteria, 'criteria criterion'],
  [W.CriteriaKind, 'grading scoring evaluation marking'],
  [W.Scale, 'scale'],
  [W.GradeVerb, 'grade score rate evaluate assess judge'],
  [W.Graded, 'response responses answers essay essays output outputs completion completions submission submissions solution solutions'],
  [
    W.Deliverable,
    `guide instructions instruction tutorial article plan recipe manual walkthrough checklist
     anleitung anleitungen leitfaden rezept checkliste handbuch
     tutoriel recette manuel
     guía guia receta receita instrucciones instruções plano`,
  ],
  [W.Sure, 'sure sicher sicherzugehen sûr sûrs sûre asegurarnos seguro seguros certeza'],
  [W.One, 'one'],
  [W.Time, 'time'],
  [W.Scratch, 'scratchpad'],
  [W.Last, 'last end ende schluss fin fim'],
  [W.Out, 'out'],
  [W.It, 'it this'],
  [W.Justify, 'justify begründe begründen rechtfertige justifie justifiez justifier justifica justifique justificar'],
  [W.Aloud, 'loud aloud laut haute alta'],
  [W.WorkStep, 'rechenschritt rechenschritte zwischenschritt lösungsschritt denkschritt denkschritte'],
  [W.You, 'you du vous'],
];

/** Word hash → role. */
export const ROLE = new Map<number, W>();
for (const [role, words] of LISTS) addWords(ROLE, words, role);

/** Markup tags that hold reasoning: `<thinking>`, `[scratchpad]`, `<|reasoning|>`. */
export const REASON_TAGS = wordSet('thinking think reasoning scratchpad thought thoughts analysis reflection inner_monologue chain_of_thought cot rationale scratch_pad');

/** Keys or labels of a structured answer that hold reasoning (`"reasoning": …`, `Rationale:`). */
export const REASON_KEYS = wordSet(
  'reasoning rationale steps thoughts thought thinking explanation working derivation analysis justification scratchpad',
  'begründung überlegungen gedankengang lösungsweg rechenweg schritte erklärung herleitung analyse denkprozess zwischenschritte',
  'raisonnement explication réflexion démarche dérivation étapes pensées',
  'razonamiento justificación pasos explicación análisis pensamiento pensamientos derivación',
  'raciocínio justificativa passos etapas explicação análise pensamento pensamentos derivação',
);

/** Keys or labels that hold the answer (`"answer": …`, `Final answer:`, `Antwort:`). */
export const ANSWER_KEYS = wordSet(
  'answer result conclusion output solution',
  'antwort ergebnis lösung endergebnis',
  'réponse résultat',
  'respuesta resultado solución',
  'resposta solução conclusão conclusión',
);

/** Step labels of a numbered scaffold (`Step 1:`, `Schritt 2:`, `Étape 3 :`). */
export const STEP_LABELS = wordSet('step schritt étape etape paso passo etapa');

/** Words that say the prompt describes an output format (`fields "reasoning" and "answer"`). */
export const FORMAT_WORDS = wordSet('json yaml schema format fields field keys key object property properties formato formatos champs campos felder schlüssel');

/** Kinds of the Chinese/Japanese cues (bit indexes for {@link cjkMatch}). */
export const enum K {
  Step = 0,
  Think,
  ReasonNoun,
  Show,
  Before,
  Final,
  Deliverable,
  Check,
  Each,
  OfEach,
  Your,
  ChainOfThought,
  Careful,
  Justify,
}

const cjk = (kind: K, words: string): Array<[string, number]> =>
  words
    .trim()
    .split(/\s+/)
    .map((w) => [w, kind]);

/** Chinese and Japanese reasoning-ask substrings. */
export const CJK_CUES = cjkTable([
  ...cjk(K.Step, '一步一步 一步步 逐步 分步 循序渐进 按步骤 ステップバイステップ 段階的 段階を追って 順を追って 一歩ずつ 一歩一歩 ステップごと 順序立てて'),
  ...cjk(K.Think, '思考 推理 推导 推論 考え 熟考 想一想 想想 演算 推算 分析'),
  ...cjk(
    K.ReasonNoun,
    `推理过程 思考过程 思维过程 思路 解题过程 解题步骤 解题思路 推导过程 计算过程 中间步骤 推理步骤 演算过程 求解过程 论证过程
     推論過程 思考過程 推論の過程 思考の過程 思考プロセス 考え方 途中式 計算過程 解き方 導出過程 途中経過 推論ステップ 中間ステップ 解答過程 解法`,
  ),
  ...cjk(K.Show, '展示 写出 给出 列出 说明 解释 呈现 详细 写下 阐述 描述 展现 示して 示し 書いて 書き出 説明 見せて 明示 詳しく 記述 記載 含めて 述べ'),
  ...cjk(K.Before, '回答之前 回答前 作答前 答题前 给出答案之前 给出答案前 先思考 先想 先推理 先分析 答える前 回答する前 回答の前 答えの前 解答する前 まず考え'),
  ...cjk(
    K.Final,
    `最终答案 最终的答案 最后的答案 最后答案 最终结果 最后给出 最后写出 最终结论 然后给出答案 再给出答案 再给出 再回答 然后回答 答案写在最后
     最終的な答え 最終回答 最終的な回答 最終解答 最後に答え 最後に回答 最終結果 答えを最後 結論を最後 てから答え てから回答 最後に結論`,
  ),
  ...cjk(K.Deliverable, '指南 教程 攻略 食谱 菜谱 说明书 手册 做法 教学 ガイド レシピ 手順書 マニュアル チュートリアル 作り方 入門'),
  ...cjk(K.Check, '检查你的答案 检查答案 验证你的答案 验证答案 验算 检验一下 核对答案 見直し 検算 答えを確認 答えを検証'),
  ...cjk(K.Each, '每一步 每个步骤 每一个步骤 每步 各步骤 各ステップ 各段階 各手順 それぞれのステップ'),
  ...cjk(K.OfEach, '的每一步 的每个步骤 的每一个步骤 的各个步骤 の各ステップ の各段階 の各手順'),
  ...cjk(K.Your, '你的 您的 あなたの'),
  ...cjk(K.ChainOfThought, '思维链 思考链 推理链 思考の連鎖 チェーンオブソート'),
  ...cjk(K.Careful, '仔细思考 认真思考 深入思考 仔细推理 仔细想 好好想 你的假设 列出假设 慎重に考え じっくり考え よく考え 深く考え 仮定を列挙 前提を挙げ'),
  ...cjk(K.Justify, '说明理由 给出理由 解释理由 阐述理由 写出理由 理由を説明 理由を述べ 根拠を示 根拠を説明'),
]);

/** Chinese/Japanese keys of a structured reasoning slot (`思考过程：`, `推論：`). */
export const CJK_REASON_KEYS = ['推理过程', '思考过程', '推理', '思考', '思路', '分析', '步骤', '解题过程', '理由', '推导', '推論', '推論過程', '思考過程', '手順', '考え方', '根拠', '解説', '途中式'];
/** Chinese/Japanese answer keys (`最终答案：`, `答え：`). */
export const CJK_ANSWER_KEYS = ['最终答案', '答案', '结论', '结果', '最終的な答え', '最終回答', '答え', '結論', '解答', '回答'];
/** Chinese/Japanese step labels start (`第1步`, `步骤2`, `ステップ3`, `手順4`) when a numeral follows or sits inside. */
export const CJK_STEP_PREFIXES = ['第', '步骤', 'ステップ', '手順'];

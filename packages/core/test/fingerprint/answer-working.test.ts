import { describe, expect, it } from 'vitest';
import { answerReasoning, answerWorking, seedAnswerSampling, workingCounts } from '../../src/fingerprint/index.js';
import { answerReasoningProbability } from '../../src/detector/answer-evidence.js';
import { fixtureSet, shareAbove } from './fixtures.js';

const p = (text: string) => answerWorking(text).probability;

/** Derivations written as plain paragraphs: no numbering, no opener, no "the answer is". */
const WORKED_PROSE: Record<string, string[]> = {
  en: [
    'A dozen eggs at $3.60 means each egg costs 3.60 / 12 = $0.30. For 30 eggs she pays 30 × 0.30 = $9.00, which leaves 20 − 9 = $11 of her budget. Checking: 9 + 11 = 20, so the split is right.',
    'The tank holds 1,200 litres and the first pump moves 40 litres a minute while the second moves 20, so together they move 40 + 20 = 60 litres a minute. That means the tank fills in 1,200 / 60 = 20 minutes; alone, the first pump would need 1,200 / 40 = 30 minutes.',
    'If the ticket costs t, three tickets and a 6 euro fee come to 3t + 6 = 51. Taking away the fee gives 3t = 45, hence t = 15. Substituting back, 3 × 15 + 6 = 51, as required.',
  ],
  de: [
    'Ein Heft kostet 2,50 €, fünf Hefte kosten also 5 × 2,50 = 12,50 €. Dazu kommen zwei Stifte zu je 1,20 €, das sind 2 × 1,20 = 2,40 €. Insgesamt ergibt das 12,50 + 2,40 = 14,90 €, daher bleiben von 20 € noch 20 − 14,90 = 5,10 € übrig.',
  ],
  fr: [
    "Le rectangle mesure 12 cm sur 5 cm, donc son aire vaut 12 × 5 = 60 cm². Sa diagonale vérifie d² = 12² + 5² = 144 + 25 = 169, d'où d = 13 cm. Par conséquent le périmètre est 2 × (12 + 5) = 34 cm.",
  ],
  es: [
    'El coche gasta 6 litros cada 100 km, así que para 450 km necesita 4,5 × 6 = 27 litros. A 1,80 euros el litro, eso cuesta 27 × 1,80 = 48,60 euros. Por lo tanto, con 50 euros sobran 50 − 48,60 = 1,40 euros.',
  ],
  pt: [
    'A turma tem 28 alunos e 3/4 foram à excursão, ou seja, 28 × 3 / 4 = 21 alunos. Cada ônibus leva 8, logo são precisos 21 / 8 ≈ 2,6, portanto 3 ônibus. Conferindo: 3 × 8 = 24, que é mais do que 21.',
  ],
  zh: [
    '每本书12元，买5本需要12×5=60元。因为满50元减10元，所以实际支付60-10=50元。如果付了100元，那么找回100-50=50元。验证：50+50=100，结果正确。',
  ],
  ja: [
    'りんごは1個120円なので、5個で120×5=600円になります。みかんは1個80円で、3個で80×3=240円です。よって合計は600+240=840円となり、1000円出すとおつりは1000-840=160円です。',
  ],
};

/** What people are given all the time: explanations, advice, facts with figures, without a computed chain. */
const EXPLANATIONS = [
  'The sky looks blue because air molecules scatter short wavelengths more than long ones. Sunlight contains every colour, but the blue part is scattered across the whole sky, so it reaches your eye from every direction. At sunset the light crosses more air, which is why it turns red.',
  'Bread goes stale because its starch recrystallises, not mainly because it dries out. That is why bread kept in the fridge goes stale faster than bread on the counter. Toasting it reverses the process for a while.',
  'The city grew from 80,000 people in 1950 to about 1.2 million in 2020, mostly after the port opened in 1968. Its metro has 4 lines and 61 stations, and a fifth line is planned for 2031.',
  'You should water tomatoes deeply twice a week rather than a little every day, since deep watering makes the roots grow down. Mulch helps too. If the leaves curl, check for heat stress first.',
  'Die Inflation steigt, weil die Nachfrage schneller wächst als das Angebot. Deshalb erhöhen Zentralbanken oft die Zinsen, was Kredite verteuert.',
  '天空呈蓝色是因为空气分子对短波长的光散射更强。所以我们从各个方向都能看到蓝光。',
];

describe('answer working: reasoning read by its content, whatever the layout', () => {
  for (const [lang, answers] of Object.entries(WORKED_PROSE)) {
    it(`counts a derivation written as paragraphs (${lang})`, () => {
      for (const a of answers) {
        expect(p(a), a).toBeGreaterThanOrEqual(0.5);
        // The layout reader may or may not see it; the detector's reading always does.
        expect(answerReasoningProbability(a)).toBeGreaterThanOrEqual(0.5);
      }
    });
  }

  for (const [lang, answers] of fixtureSet('answers-plain')) {
    it(`leaves tips, recipes, code, essays and facts low (${lang})`, () => {
      expect(shareAbove(answers, p, 0.5 - 1e-9)).toBe(0);
    });
  }

  it("leaves people's explanations and facts with figures low", () => {
    for (const e of EXPLANATIONS) expect(p(e), e).toBeLessThan(0.5);
  });

  it('counts a dense deduction without numbers, and not an argued essay', () => {
    const puzzle =
      'Mia is not the oldest, and Leo is older than Ida. If Mia were the oldest, the first clue would be false, so someone else is. Since Ida is younger than Leo, Ida cannot be the oldest either. That means Leo is the oldest. Because Ida is older than Mia, the order is Leo, Ida, Mia.';
    expect(p(puzzle)).toBeGreaterThanOrEqual(0.5);
    const essay = Array.from({ length: 3 }, () => 'Cities matter because they gather people. Parks give rest. Streets carry trade, and markets grow around them. Culture follows trade. History shows many such places.').join(' ');
    expect(p(essay)).toBeLessThan(0.5);
  });

  it('skips fenced code, and reads arithmetic only between numbers (not dates, ranges or units)', () => {
    const code = 'Here is the function:\n```python\ntotal = 3 * 4 + 2\nx = total / 7 - 1\ny = x * 2 + 5\nz = y - 3\n```\nIt returns the value.';
    expect(workingCounts(code).computations).toBe(0);
    expect(workingCounts('The war lasted 1914-1918 and cost 20 km/h of progress, on 2024/01/05.').computations).toBe(0);
    // Counted per sentence: a sentence that computes, whatever it computes.
    expect(workingCounts('It weighs 3 kg + 2 kg. Then x = 7.').computations).toBe(2);
  });

  it('names its cues', () => {
    const r = answerWorking(WORKED_PROSE.en![2]!);
    expect(r.cues).toEqual(expect.arrayContaining(['computed-quantities', 'inferred-quantities', 'check']));
  });

  it('leaves the layout reading in place when it is stronger, and ignores an unconfident content reading', () => {
    const numbered = 'Let me work through this step by step.\n1. 60 × 2 = 120 km\n2. 300 − 120 = 180 km\nSo the answer is 4 hours.';
    expect(answerReasoningProbability(numbered)).toBe(answerReasoning(numbered).probability);
    const explanation = EXPLANATIONS[0]!;
    expect(answerReasoningProbability(explanation)).toBe(answerReasoning(explanation).probability);
  });
  it('reads a fenced block of prose or arithmetic as prose, and still skips fenced code', () => {
    const working = WORKED_PROSE.en![1]!;
    expect(p('```\n' + working + '\n```\n\nResult: 20 minutes')).toBeGreaterThanOrEqual(0.5);
    // The tag is the attacker's to choose: it is not read.
    expect(p('```python\n' + working + '\n```')).toBeGreaterThanOrEqual(0.5);
    const program = [
      'def fill_time(volume, rates):',
      '    total = sum(rates)',
      '    minutes = volume / total',
      '    print(f"{minutes} minutes")',
      '    return minutes + 0 * 1',
      'fill_time(1200, [40, 20])  # 20.0',
    ].join('\n');
    expect(workingCounts('Here it is:\n```python\n' + program + '\n```\nThat prints 20.').computations).toBe(0);
    const js = 'const a = 3 * 4 + 2;\nlet b = a / 7 - 1;\nconsole.log(b * 2 + 5);\nconst c = b - 3;';
    expect(workingCounts('```\n' + js + '\n```').computations).toBe(0);
  });

  it('reads working hidden in the middle of a long answer, at a bounded cost and with offsets set by the seed', () => {
    const filler = (n: number) => 'Long ago people travelled by horse and cart, and a journey took many days of effort. '.repeat(n);
    const working = WORKED_PROSE.en![1]!;
    const padded = `${filler(22)}\n\n${working}\n\n${filler(8)}`;
    // Small middle: read in full.
    expect(p(padded)).toBeGreaterThanOrEqual(0.5);
    // A long middle: read by windows; the working is found in a share of the seeds that grows with the share of the middle it fills.
    const long = `${filler(22)}\n\n${filler(10)}\n\n${working}\n\n${filler(10)}\n\n${filler(8)}`;
    let found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      seedAnswerSampling(seed);
      if (p(long) >= 0.5) found++;
    }
    expect(found).toBeGreaterThan(20);
    // Given the seed, the reading is deterministic.
    seedAnswerSampling(7);
    const first = p(long);
    seedAnswerSampling(7);
    expect(p(long)).toBe(first);
    // Prose padding alone, however long, does not count.
    expect(p(filler(200))).toBeLessThan(0.5);
  });

  it('reads numbers written as words as operands, in the supported languages', () => {
    const spelled =
      'The first leg is two hours at sixty km/h, so it covers sixty times two, one hundred twenty km. That leaves three hundred minus one hundred twenty, one hundred eighty km, which takes one hundred eighty divided by ninety, two hours. In total two plus two is four hours, and checking, one hundred twenty plus one hundred eighty is three hundred.';
    expect(workingCounts(spelled).computations).toBeGreaterThanOrEqual(3);
    expect(p(spelled)).toBeGreaterThanOrEqual(0.5);
    expect(workingCounts('Fünf Hefte kosten fünf mal zwei, also zehn Euro.').computations).toBe(1);
    expect(workingCounts('Il reste vingt moins huit, donc douze.').computations).toBe(1);
    expect(workingCounts('Son treinta por dos, es decir sesenta.').computations).toBe(1);
  });

  it('does not count number words in ordinary prose', () => {
    const benign = [
      'One of the three options is fine, but two of them need more work. At times the first one is slower, plus it costs more.',
      'Water the plants two or three times a week, and twice in summer. Twenty minutes of sun a day is plenty for most of them.',
      'Il y a deux ou trois façons de faire. Un ami peut aider, plus tard dans la semaine.',
      'The hundred years war lasted more than a hundred years, and at times peace held for a decade or two.',
    ];
    for (const text of benign) expect(p(text)).toBeLessThan(0.5);
  });

  it('reads the comments of fenced code as prose, and a computed value stated in a comment as a computation', () => {
    const working = WORKED_PROSE.en![1]!;
    // The derivation as comment lines: every line is a mark of code, but the comments are prose.
    const commented = working
      .split(/(?<=\.)\s+/)
      .map((l) => `# ${l}`)
      .join('\n');
    expect(p('```\n' + commented + '\n```\n\nResult: 20 minutes')).toBeGreaterThanOrEqual(0.5);
    expect(p('```js\n' + commented.replace(/^# /gm, '// ') + '\n```')).toBeGreaterThanOrEqual(0.5);
    expect(p('```c\nint main(void) {\n' + commented.replace(/^# (.*)$/gm, '  /* $1 */') + '\n  return 0;\n}\n```')).toBeGreaterThanOrEqual(0.5);
    expect(p('```java\n/**\n' + commented.replace(/^# /gm, ' * ') + '\n */\nclass Tank {}\n```')).toBeGreaterThanOrEqual(0.5);
    expect(p('```html\n<div>\n' + commented.replace(/^# (.*)$/gm, '<!-- $1 -->') + '\n</div>\n```')).toBeGreaterThanOrEqual(0.5);
    // The derivation as a program: each assignment that computes, its value in the comment.
    const program = [
      'price, quantity = 12, 5',
      'subtotal = price * quantity  # 60',
      'discount = subtotal * 20 / 100  # 12',
      'to_pay = subtotal - discount  # 48',
      'change = 100 - to_pay  # 52',
      'assert to_pay + change == 100  # check',
      'print(change)',
    ].join('\n');
    expect(workingCounts('```python\n' + program + '\n```').computations).toBe(4);
    expect(p('```python\n' + program + '\n```\n\nThe change is $52.')).toBeGreaterThanOrEqual(0.5);
    // Ordinary code: comments that say what the code does, values without arithmetic.
    const ordinary = [
      'import json',
      '# read the settings once at start-up',
      'with open("config.json") as f:',
      '    config = json.load(f)',
      'timeout = config.get("timeout", 30)  # seconds',
      'retries = 3  # then give up',
      '# 2 workers per core is a good default',
      '/* cache the parsed settings; 0 disables */',
      'ratio = hits % 100  # percent',
      'workers = 2 * os.cpu_count()',
      'url = "http://example.com/#/about"',
      'for i in range(retries):  # try again on failure',
      '    fetch(url, timeout=timeout)',
    ].join('\n');
    expect(workingCounts('```python\n' + ordinary + '\n```').computations).toBe(0);
    expect(p('Here is a loader:\n```python\n' + ordinary + '\n```\nIt retries 3 times.')).toBeLessThan(0.5);
  });

  it('reads Chinese and Japanese numerals with operators in words as operands', () => {
    const zh = '每件商品十八元，买了九件，所以原价合计十八乘以九等于一百六十二元。因此实际需要支付一百六十二减十六点二等于一百四十五点八元。如果付了二百元，那么应找回二百减一百四十五点八等于五十四点二元。检查：一百四十五点八加五十四点二等于二百，结果正确。';
    expect(workingCounts(zh).computations).toBe(4);
    expect(p(zh)).toBeGreaterThanOrEqual(0.5);
    const ja = '最初の四時間は時速六十キロなので、六十かける四は二百四十キロです。合計すると二百四十たす百三十五は三百七十五キロです。三百七十五わる七はおよそ五十四キロ毎時です。両辺から十三を引くと三xは三十となり、xは十です。確かめると、三かける十たす十三は四十三で合っています。';
    expect(workingCounts(ja).computations).toBeGreaterThanOrEqual(4);
    expect(p(ja)).toBeGreaterThanOrEqual(0.5);
    // Numerals in ordinary words, and は as the topic particle, compute nothing.
    const benign = [
      '这个问题十分重要，千万不要忘记。一般来说，统一的标准是一个好办法，所以我们一起努力。因为天气好，所以三个人一起去公园，参加了一个活动。',
      '東京は日本の首都です。三人は一緒に公園へ行きました。十分な時間があるので、一つずつ確認しましょう。したがって、百年の歴史は大切です。',
    ];
    for (const text of benign) {
      expect(workingCounts(text).computations).toBe(0);
      expect(p(text)).toBeLessThan(0.5);
    }
  });

  it('reads a line of words ending with a semicolon as prose, and still skips code ending with one', () => {
    const working = WORKED_PROSE.en![1]!;
    const semicolons = working
      .split(/(?<=\.)\s+/)
      .map((l) => l.replace(/\.$/, ';'))
      .join('\n');
    expect(p(semicolons)).toBeGreaterThanOrEqual(0.5);
    expect(workingCounts('x = y + 1;\ntotal = a * 3;\nint n = 4 * 5;\ncount += 2 * 3;').computations).toBe(0);
  });

  it('steers one window of a long middle to where the computations are', () => {
    const filler = (n: number) => 'Long ago people travelled by horse and cart, and a journey took many days of effort. '.repeat(n);
    const working = WORKED_PROSE.en![1]!;
    // A middle of about 9,000 characters: two windows drawn blindly would find the working about one time in six.
    const long = `${filler(22)}\n\n${filler(50)}\n\n${working}\n\n${filler(50)}\n\n${filler(8)}`;
    let found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      seedAnswerSampling(seed);
      if (p(long) >= 0.5) found++;
    }
    expect(found).toBeGreaterThan(190);
    // Scattered figures elsewhere (facts, one marker each) do not draw the window away: dense working outweighs them.
    const fact = 'The port opened in 1968 and 3 + 1 lines were added. ';
    const decoyed = `${filler(22)}\n\n${(filler(6) + fact).repeat(8)}\n\n${working}\n\n${(filler(6) + fact).repeat(8)}\n\n${filler(8)}`;
    found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      seedAnswerSampling(seed);
      if (p(decoyed) >= 0.5) found++;
    }
    expect(found).toBeGreaterThan(190);
    // Decoys dense enough to draw the window are computations the reader reads: two in a window read as working with the rest.
    const dense = 'Note that 3 + 1 = 4 lines and 2 × 5 = 10 stations were added. ';
    const denselyDecoyed = `${filler(22)}\n\n${(filler(6) + dense).repeat(8)}\n\n${working}\n\n${(filler(6) + dense).repeat(8)}\n\n${filler(8)}`;
    found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      seedAnswerSampling(seed);
      if (p(denselyDecoyed) >= 0.5) found++;
    }
    expect(found).toBeGreaterThan(60);
    // Working without markers (numbers in words) stays within reach of the other, blind window.
    const spelledWorking =
      'The first leg is two hours at sixty km/h, so it covers sixty times two, one hundred twenty km. That leaves three hundred minus one hundred twenty, one hundred eighty km, which takes one hundred eighty divided by ninety, two hours. In total two plus two is four hours, and checking, one hundred twenty plus one hundred eighty is three hundred.';
    const spelledLong = `${filler(22)}\n\n${filler(12)}\n\n${spelledWorking}\n\n${filler(12)}\n\n${filler(8)}`;
    found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      seedAnswerSampling(seed);
      if (p(spelledLong) >= 0.5) found++;
    }
    expect(found).toBeGreaterThan(10);
    expect(found).toBeLessThan(190);
  });

  it("reads derivations written with a script's own digits (Eastern Arabic, Persian, Devanagari), and not that script's facts", () => {
    const toDigits = (text: string, zero: number) => text.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d)));
    const ar = 'يسير القطار ساعتين بسرعة 60 كم/س، فيقطع 60 × 2 = 120 كم. ثم يسير 3 ساعات بسرعة 90 كم/س، فيقطع 90 × 3 = 270 كم. المسافة الكلية إذن 120 + 270 = 390 كم. السرعة المتوسطة 390 ÷ 5 = 78 كم/س. للتحقق: 78 × 5 = 390.';
    const hi = 'पहले 2 घंटे ट्रेन 60 किमी/घंटा से चलती है, इसलिए 60 × 2 = 120 किमी। फिर 90 × 3 = 270 किमी। कुल दूरी 120 + 270 = 390 किमी है। औसत गति 390 ÷ 5 = 78 किमी/घंटा है। जाँच: 78 × 5 = 390।';
    for (const [text, zero] of [[ar, 0x660], [ar, 0x6f0], [hi, 0x966]] as const) {
      expect(workingCounts(toDigits(text, zero)).computations).toBeGreaterThanOrEqual(4);
      expect(p(toDigits(text, zero))).toBeGreaterThanOrEqual(0.5);
    }
    // The danda ends a Hindi sentence: five computed sentences, not one.
    expect(workingCounts(toDigits(hi, 0x966)).computations).toBe(5);
    // Facts with figures in the same scripts: years, populations, ranges.
    const facts = [
      'تأسست المدينة عام 1850، ويبلغ عدد سكانها اليوم نحو 2٫5 مليون نسمة. يضم المترو 4 خطوط و61 محطة، وتفتح المكتبة من 9 إلى 17 يوميًا.',
      'यह शहर 1850 में बसा था और आज इसकी आबादी लगभग 25 लाख है। मेट्रो में 4 लाइनें और 61 स्टेशन हैं। पुस्तकालय सुबह 9 से शाम 5 बजे तक खुला रहता है।',
    ];
    for (const [text, zero] of [[facts[0]!, 0x660], [facts[1]!, 0x966]] as const) {
      expect(workingCounts(toDigits(text, zero)).computations).toBe(0);
      expect(answerReasoningProbability(toDigits(text, zero))).toBeLessThan(0.5);
    }
  });

  it('reads the strings of code and data as prose: a derivation written as JSON steps, not a program or its messages', () => {
    const working = WORKED_PROSE.en![2]!.split(/(?<=\.)\s+/);
    const objects = working.map((l, i) => `  {"step": ${i + 1}, "text": ${JSON.stringify(l)}}${i + 1 < working.length ? ',' : ''}`);
    expect(p('```json\n[\n' + objects.join('\n') + '\n]\n```\n\nt = 15')).toBeGreaterThanOrEqual(0.5);
    // JSON Lines outside a fence: each line ends with `}`, read as code, its strings as prose.
    expect(p(working.map((l) => JSON.stringify({ text: l })).join('\n'))).toBeGreaterThanOrEqual(0.5);
    // Steps as expressions, values beside them.
    const exprs = ['60 * 2', '90 * 3', '120 + 270', '390 / 5', '78 * 5'].map((x, i) => `  {"expr": "${x}", "value": ${[120, 270, 390, 78, 390][i]}},`);
    expect(workingCounts('```json\n[\n' + exprs.join('\n') + '\n]\n```').computations).toBe(5);
    // Data and programs whose strings are names, messages, labels and settings.
    const benign = [
      '```json\n{\n  "name": "my-app",\n  "version": "1.2.3",\n  "scripts": {"build": "tsc -p .", "test": "vitest run"},\n  "dependencies": {"express": "^4.18.2"}\n}\n```',
      '```json\n[\n  {"id": 1, "title": "Buy milk", "done": false},\n  {"id": 2, "title": "Call the plumber about the leak", "done": true},\n  {"id": 3, "title": "Book flights for 12 May", "done": false}\n]\n```',
      '```python\nimport unittest\nfrom calc import evaluate\n\nclass TestCalc(unittest.TestCase):\n    def test_ops(self):\n        self.assertEqual(evaluate("2 + 3"), 5)\n        self.assertEqual(evaluate("10 - 4"), 6)\n        self.assertEqual(evaluate("6 * 7"), 42)\n        self.assertEqual(evaluate("8 / 2"), 4)\n        self.assertEqual(evaluate("2 ^ 10"), 1024)\n```',
      '```python\nprint("Welcome! Enter two numbers and I will add them.")\na = int(input("First number: "))\nb = int(input("Second number: "))\nprint(f"The sum is {a + b}")\n```',
      '```js\nconst messages = {\n  en: "Your order has shipped and will arrive in 3 to 5 days.",\n  fr: "Votre commande a été expédiée, elle arrivera dans 3 à 5 jours.",\n  es: "Tu pedido ha sido enviado y llegará en 3 a 5 días.",\n};\n```',
    ];
    for (const text of benign) {
      expect(workingCounts(text).computations).toBe(0);
      expect(p(text)).toBeLessThan(0.5);
    }
  });

  it('ends a sentence at markup that breaks the line (<br>, </li>, <p>), and leaves ordinary HTML unread', () => {
    const steps = ['The first leg is 2 hours at 60 km/h, so it covers 60 × 2 → 120 km', 'The second is 3 hours at 90 km/h, another 90 × 3 → 270 km', 'Together 120 + 270 → 390 km in 5 hours', 'So the mean speed is 390 / 5 → 78 km/h', 'Check: 78 × 5 → 390 km'];
    expect(workingCounts(steps.join('<br>')).computations).toBe(5);
    expect(p(steps.join('<br/>'))).toBeGreaterThanOrEqual(0.5);
    expect(p(`<ol>${steps.map((s) => `<li>${s}</li>`).join('')}</ol>`)).toBeGreaterThanOrEqual(0.5);
    const benign = [
      '<p>Open Monday to Friday, 9 to 17.</p><p>Tel. +44 20 7946 0958<br>Fax +44 20 7946 0959</p><p>Parking for 20 cars behind the building.</p>',
      '<ul><li>Preheat the oven to 180 °C.</li><li>Mix 200 g flour and 2 eggs.</li><li>Bake for 25 minutes.</li></ul>',
      'Roses are red<br>violets are blue<br>sugar is sweet<br>and so are you',
      'Wir öffnen um 9 Uhr<br>Mittagspause 12 bis 13 Uhr<br>Telefon +49 30 1234567',
    ];
    for (const text of benign) {
      expect(workingCounts(text).computations).toBe(0);
      expect(p(text)).toBeLessThan(0.5);
    }
  });

  it('counts the separate computations of one long sentence: steps joined by separators, with no full stop', () => {
    const steps = ['The first leg is 2 hours at 60 km/h, so it covers 60 × 2 = 120 km', 'the second 3 hours at 90 km/h, another 90 × 3 = 270', 'together 120 + 270 = 390 km in 5 hours', 'so the mean speed is 390 / 5 = 78', 'check 78 × 5 = 390 km'];
    for (const sep of [' ', ' | ', ' → ', ' ⟶ ', ' • ']) {
      expect(workingCounts(steps.join(sep)).computations).toBe(5);
      expect(p(steps.join(sep))).toBeGreaterThanOrEqual(0.5);
    }
    // One expression with brackets is one computation; prose with figures, times and one sum stays unread.
    expect(workingCounts('The perimeter is 2 × (12 + 5) = 34 cm.').computations).toBe(1);
    const benign = [
      'The museum is open 9 to 17 | closed on Mondays | tickets 12 € | children under 6 free | guided tours at 11 and 15',
      'Flight LH 400 → Frankfurt 10:40 → New York 13:05 local time • seat 23C • 2 bags of 23 kg',
      'In 2019 the team won 3 of 5 finals, in 2020 it lost 2 and in 2021 it won 4; the 2 + 1 format was dropped in 2022 after 12 seasons.',
    ];
    for (const text of benign) expect(p(text)).toBeLessThan(0.5);
  });

  it('reads the text of markup lines in a fenced block (an HTML list, XML steps), not the tags', () => {
    const steps = ['The first leg covers 60 × 2 = 120 km.', 'The second covers 90 × 3 = 270 km.', 'Together 120 + 270 = 390 km in 5 hours.', 'So the mean speed is 390 / 5 = 78 km/h.', 'Check: 78 × 5 = 390 km.'];
    expect(p('```html\n<ol>\n' + steps.map((s) => `  <li>${s}</li>`).join('\n') + '\n</ol>\n```')).toBeGreaterThanOrEqual(0.5);
    expect(p('```xml\n<steps>\n' + steps.map((s) => `  <step n="1">${s}</step>`).join('\n') + '\n</steps>\n```')).toBeGreaterThanOrEqual(0.5);
    const page = [
      '```html',
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head><meta charset="utf-8"><title>My bakery</title></head>',
      '<body>',
      '  <h1>Fresh bread every morning</h1>',
      '  <p>Open 7 days a week, from 7:00 to 19:00.</p>',
      '  <ul><li>Sourdough loaf 4.50 €</li><li>Baguette 1.20 €</li><li>Croissant 1.10 €</li></ul>',
      '  <a href="/order?item=3&qty=2">Order online</a>',
      '  <div style="width: calc(100% - 20px)">Call us on +33 1 23 45 67 89</div>',
      '</body>',
      '</html>',
      '```',
    ].join('\n');
    expect(workingCounts(page).computations).toBe(0);
    expect(p(page)).toBeLessThan(0.5);
  });

  it('is not drawn away from the working by lists of phone numbers, nor by one long chain of operators', () => {
    const filler = (n: number) => 'Long ago people travelled by horse and cart, and a journey took many days of effort. '.repeat(n);
    const working = WORKED_PROSE.en![1]!;
    const phones = Array.from({ length: 12 }, (_, k) => `Helpline: +${[1, 33, 44, 49][k % 4]} ${20 + k} ${555 + k} ${1000 + 37 * k}`).join('\n');
    const chain = `Tally: ${Array.from({ length: 40 }, () => '1').join('+')}.`;
    for (const decoy of [phones, chain]) {
      const long = `${filler(22)}\n\n${[1, 2, 3, 4, 5, 6].map(() => `${filler(3)}\n${decoy}\n`).join('\n')}\n${working}\n\n${[1, 2, 3, 4, 5, 6].map(() => `${filler(3)}\n${decoy}\n`).join('\n')}\n${filler(8)}`;
      let found = 0;
      for (let seed = 1; seed <= 200; seed++) {
        seedAnswerSampling(seed);
        if (p(long) >= 0.5) found++;
      }
      expect(found).toBeGreaterThan(150);
    }
  });
});

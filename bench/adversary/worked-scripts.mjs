// Worked derivations in scripts the answer readers were not written for, with each script's own
// digits: Arabic with Eastern Arabic digits (٠١٢…, holdout vocabulary) and Hindi with Devanagari
// digits (०१२…, dev vocabulary). A model asked to "write all numbers in Arabic-Indic digits" (or
// Devanagari ones) writes these; a script maps the digits back. Written on 2026-12-07 for the
// seventh white-box round, before any change to the readers, and not tuned to them.
import { problems } from './worked.mjs';
import { pick } from './traffic.mjs';

const { trip, shop, equation, ages, fmt } = problems;

/** `text` with its ASCII digits in the script whose zero is `zero` (and its decimal point replaced). */
function inDigits(text, zero, point) {
  return text.replace(/\d+(?:\.\d+)?/g, (m) => [...m].map((ch) => (ch === '.' ? point : String.fromCharCode(zero + Number(ch)))).join(''));
}

const AR = [
  (rnd) => {
    const n = trip(rnd);
    const v = fmt(n.d / n.t);
    return [
      `يسير القطار في الساعات ${n.t1} الأولى بسرعة ${n.v1} كم/س، فيقطع ${n.v1} × ${n.t1} = ${n.d1} كم. وفي الساعات ${n.t2} التالية يسير بسرعة ${n.v2} كم/س، فيقطع ${n.v2} × ${n.t2} = ${n.d2} كم.`,
      `المسافة الكلية إذن ${n.d1} + ${n.d2} = ${n.d} كم في ${n.t} ساعات. وبما أن السرعة المتوسطة هي المسافة الكلية مقسومة على الزمن الكلي، فهي ${n.d} ÷ ${n.t} ≈ ${v} كم/س.`,
      `للتحقق: ${v} × ${n.t} ≈ ${n.d} كم، وهذا يطابق المسافة. لذلك السرعة المتوسطة ${v} كم/س.`,
    ];
  },
  (rnd) => {
    const n = shop(rnd);
    return [
      `ثمن القطعة ${n.price} دولارًا وعددها ${n.qty}، فالمجموع قبل الخصم ${n.price} × ${n.qty} = ${n.gross} دولارًا. الخصم ${n.off} بالمئة، أي ${n.gross} × ${n.off} ÷ 100 = ${fmt(n.cut)} دولارًا.`,
      `يبقى للدفع ${n.gross} − ${fmt(n.cut)} = ${fmt(n.net)} دولارًا. وإذا دفع ${n.paid} دولار فالباقي ${n.paid} − ${fmt(n.net)} = ${fmt(n.paid - n.net)} دولارًا.`,
      `للتحقق: ${fmt(n.net)} + ${fmt(n.paid - n.net)} = ${n.paid}، إذن الحساب صحيح.`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `نريد x بحيث ${n.a}x + ${n.b} = ${n.c}. بطرح ${n.b} من الطرفين نحصل على ${n.a}x = ${n.ax}، وبالقسمة على ${n.a} نجد x = ${n.x}.`,
      `للتحقق نعوض: ${n.a} × ${n.x} + ${n.b} = ${n.ax} + ${n.b} = ${n.c}، وهو الطرف الأيمن. إذن x = ${n.x}.`,
    ];
  },
  (rnd) => {
    const n = ages(rnd);
    return [
      `ليكن عمر الطفل c. الأب أكبر منه بـ ${n.gap} سنة، أي c + ${n.gap}، ومجموع عمريهما ${n.sum}. إذن 2c + ${n.gap} = ${n.sum}، ومنه 2c = ${n.sum - n.gap} و c = ${n.child}.`,
      `عمر الأب إذن ${n.child} + ${n.gap} = ${n.parent}. للتحقق: ${n.child} + ${n.parent} = ${n.sum}، كما هو مطلوب.`,
    ];
  },
];

const HI = [
  (rnd) => {
    const n = trip(rnd);
    const v = fmt(n.d / n.t);
    return [
      `पहले ${n.t1} घंटे ट्रेन ${n.v1} किमी/घंटा की गति से चलती है, इसलिए वह ${n.v1} × ${n.t1} = ${n.d1} किमी जाती है। अगले ${n.t2} घंटे वह ${n.v2} किमी/घंटा से चलती है, यानी ${n.v2} × ${n.t2} = ${n.d2} किमी।`,
      `कुल दूरी ${n.d1} + ${n.d2} = ${n.d} किमी है, ${n.t} घंटों में। औसत गति कुल दूरी को कुल समय से भाग देकर मिलती है, इसलिए वह ${n.d} ÷ ${n.t} ≈ ${v} किमी/घंटा है।`,
      `जाँच: ${v} × ${n.t} लगभग ${n.d} किमी होता है, जो सही है। अतः औसत गति ${v} किमी/घंटा है।`,
    ];
  },
  (rnd) => {
    const n = shop(rnd);
    return [
      `एक वस्तु का दाम ${n.price} रुपये है और ${n.qty} वस्तुएँ हैं, तो छूट से पहले कुल ${n.price} × ${n.qty} = ${n.gross} रुपये। छूट ${n.off} प्रतिशत है, यानी ${n.gross} × ${n.off} ÷ 100 = ${fmt(n.cut)} रुपये कम होंगे।`,
      `इसलिए देना है ${n.gross} − ${fmt(n.cut)} = ${fmt(n.net)} रुपये। अगर ${n.paid} रुपये दिए, तो बाकी ${n.paid} − ${fmt(n.net)} = ${fmt(n.paid - n.net)} रुपये लौटेंगे।`,
      `जाँच: ${fmt(n.net)} + ${fmt(n.paid - n.net)} = ${n.paid}, इसलिए हिसाब सही है।`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `हमें x चाहिए जिससे ${n.a}x + ${n.b} = ${n.c} हो। दोनों ओर से ${n.b} घटाने पर ${n.a}x = ${n.ax} मिलता है, और ${n.a} से भाग देने पर x = ${n.x}।`,
      `जाँच के लिए रखें: ${n.a} × ${n.x} + ${n.b} = ${n.ax} + ${n.b} = ${n.c}, जो दायाँ पक्ष है। अतः x = ${n.x}।`,
    ];
  },
];

/**
 * A worked answer in Arabic (holdout) or Hindi (dev), its numbers in the script's own digits.
 * `lang` is `ar` or `hi`.
 */
export function workedInScript(rnd, lang) {
  const body = pick(rnd, lang === 'ar' ? AR : HI)(rnd).join('\n\n');
  return lang === 'ar' ? inDigits(body, 0x660, '٫') : inDigits(body, 0x966, '.');
}

/** The script a vocabulary set writes in: Arabic for holdout, Hindi for dev. */
export const scriptOf = (set) => (set === 'holdout' ? 'ar' : 'hi');

// Worked reasoning written as plain paragraphs: what a model writes when it is asked to reason
// and told not to use lists, numbering, openers or an "answer is" line. Unlike the fourth round's
// `inProse` (which only strips the numbering of the bench's synthetic reasoning answers, whose
// sentences are the log's plain answers and carry no derivation), these answers hold the
// reasoning itself: intermediate quantities, equations in running text, inferences drawn from
// them and a check. They are what a distiller asking for prose actually gets, so a content reader
// can be measured against them.
//
// Written on 2026-12-07 before the answer classifier's content reading, and not tuned to it. Two
// disjoint vocabularies, as for the phrasing sets: `dev` (English with one set of connectives,
// German, Chinese) and `holdout` (English with another set, French, Spanish, Portuguese, Japanese).
import { int, pick } from './traffic.mjs';

const fmt = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0$/, ''));

/** One problem's numbers, drawn so every intermediate quantity is a whole number. */
function trip(rnd) {
  const v1 = pick(rnd, [40, 50, 60, 80]);
  const t1 = int(rnd, 2, 4);
  const v2 = pick(rnd, [30, 45, 90, 100]);
  const t2 = int(rnd, 1, 3);
  return { v1, t1, d1: v1 * t1, v2, t2, d2: v2 * t2, d: v1 * t1 + v2 * t2, t: t1 + t2 };
}
function shop(rnd) {
  const price = pick(rnd, [12, 15, 18, 24, 40]);
  const qty = int(rnd, 3, 9);
  const off = pick(rnd, [10, 20, 25, 50]);
  const gross = price * qty;
  const cut = (gross * off) / 100;
  return { price, qty, off, gross, cut, net: gross - cut, paid: pick(rnd, [200, 300, 500]) };
}
function equation(rnd) {
  const x = int(rnd, 2, 12);
  const a = int(rnd, 2, 9);
  const b = int(rnd, 1, 20);
  return { x, a, b, c: a * x + b, ax: a * x };
}
function ages(rnd) {
  const child = int(rnd, 4, 14);
  const gap = int(rnd, 20, 35);
  return { child, parent: child + gap, gap, sum: 2 * child + gap, later: int(rnd, 3, 10) };
}

const EN_DEV = [
  (rnd) => {
    const n = trip(rnd);
    return [
      `The first part of the trip is ${n.t1} hours at ${n.v1} km/h, so that covers ${n.v1} × ${n.t1} = ${n.d1} km. The second part is ${n.t2} hours at ${n.v2} km/h, which means another ${n.v2} × ${n.t2} = ${n.d2} km.`,
      `Adding the two legs gives ${n.d1} + ${n.d2} = ${n.d} km in ${n.t} hours. Because the average speed is total distance over total time, it is ${n.d} / ${n.t} ≈ ${fmt(n.d / n.t)} km/h, not the average of ${n.v1} and ${n.v2}, since the car spends more time at one speed than the other.`,
      `As a sanity check, ${fmt(n.d / n.t)} × ${n.t} comes back to about ${n.d} km, which matches. So the car travels ${n.d} km at an average of ${fmt(n.d / n.t)} km/h.`,
    ];
  },
  (rnd) => {
    const n = shop(rnd);
    return [
      `Each item costs $${n.price} and there are ${n.qty} of them, so before the discount the total is ${n.price} × ${n.qty} = $${n.gross}. The discount is ${n.off}%, which means ${n.gross} × 0.${String(n.off).padStart(2, '0')} = $${fmt(n.cut)} comes off.`,
      `That leaves ${n.gross} − ${fmt(n.cut)} = $${fmt(n.net)} to pay. If she hands over $${n.paid}, then her change is ${n.paid} − ${fmt(n.net)} = $${fmt(n.paid - n.net)}.`,
      `Checking it the other way: $${fmt(n.net)} plus $${fmt(n.paid - n.net)} is $${n.paid}, so the numbers are consistent, and she gets $${fmt(n.paid - n.net)} back.`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `We want the number x with ${n.a}x + ${n.b} = ${n.c}. Subtracting ${n.b} from both sides leaves ${n.a}x = ${n.ax}, and dividing by ${n.a} gives x = ${n.x}.`,
      `To make sure, substitute it back: ${n.a} × ${n.x} + ${n.b} = ${n.ax} + ${n.b} = ${n.c}, which is exactly the right-hand side. Since the equation is linear there is only one solution, so x = ${n.x}.`,
    ];
  },
  (rnd) => {
    const n = ages(rnd);
    return [
      `Call the child's age c. The parent is ${n.gap} years older, so the parent is c + ${n.gap}, and together they are ${n.sum}. That means c + c + ${n.gap} = ${n.sum}, so 2c = ${n.sum - n.gap} and c = ${n.child}.`,
      `The parent is therefore ${n.child} + ${n.gap} = ${n.parent}. In ${n.later} years the child will be ${n.child + n.later} and the parent ${n.parent + n.later}; the gap stays ${n.gap} because both get older at the same rate.`,
      `Check: ${n.child} + ${n.parent} = ${n.sum}, as stated. So the child is ${n.child} and the parent is ${n.parent}.`,
    ];
  },
  (rnd) => {
    const who = pick(rnd, [['Anna', 'Ben', 'Carla'], ['Tom', 'Uma', 'Vik'], ['Lea', 'Max', 'Noor']]);
    return [
      `${who[0]} says she is not the oldest, and ${who[1]} is older than ${who[2]}. If ${who[0]} were the youngest, then ${who[1]} and ${who[2]} would both be older than her, and because ${who[1]} is older than ${who[2]}, ${who[1]} would be the oldest, which is allowed.`,
      `But the third clue says ${who[2]} is older than ${who[0]}, so ${who[0]} is indeed below ${who[2]}. That means the order is ${who[1]}, then ${who[2]}, then ${who[0]}.`,
      `Every clue holds in that order: ${who[0]} is not the oldest, ${who[1]} is older than ${who[2]}, and ${who[2]} is older than ${who[0]}. Therefore ${who[1]} is the oldest and ${who[0]} the youngest.`,
    ];
  },
];

const EN_HOLDOUT = [
  (rnd) => {
    const n = trip(rnd);
    return [
      `Over the first ${n.t1} hours the train runs at ${n.v1} km/h, giving ${n.d1} km. For the remaining ${n.t2} hours it runs at ${n.v2} km/h, another ${n.d2} km. Altogether that is ${n.d} km.`,
      `Since it took ${n.t} hours in total, its mean speed comes out at ${n.d} ÷ ${n.t}, roughly ${fmt(n.d / n.t)} km/h. It follows that simply averaging the two speeds would be wrong here, as the time spent at each speed differs.`,
      `Multiplying back, ${fmt(n.d / n.t)} times ${n.t} hours returns about ${n.d} km, consistent with the distance found above. Hence the mean speed is about ${fmt(n.d / n.t)} km/h.`,
    ];
  },
  (rnd) => {
    const n = shop(rnd);
    return [
      `${n.qty} tickets at $${n.price} each come to $${n.gross}. With ${n.off}% off, the reduction is $${fmt(n.cut)}, leaving a price of $${fmt(n.net)}.`,
      `Given a $${n.paid} note, the cashier owes $${n.paid} minus $${fmt(n.net)}, which works out to $${fmt(n.paid - n.net)}. This tells us the change is $${fmt(n.paid - n.net)}.`,
      `To verify: $${fmt(n.net)} and $${fmt(n.paid - n.net)} add up to $${n.paid}, and $${fmt(n.cut)} is indeed ${n.off}% of $${n.gross}. As a result the figures agree.`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `Start from ${n.a}x + ${n.b} = ${n.c}. Taking ${n.b} away on each side yields ${n.a}x = ${n.ax}; dividing through by ${n.a} then gives x = ${n.x}.`,
      `Plugging x = ${n.x} into the left side: ${n.a} times ${n.x} is ${n.ax}, plus ${n.b} is ${n.c}, matching the right side. Consequently x = ${n.x} is the solution, and as the equation is linear it is the only one.`,
    ];
  },
  (rnd) => {
    const n = ages(rnd);
    return [
      `Let the daughter be d years old; her mother is ${n.gap} years older, d + ${n.gap}. Their ages sum to ${n.sum}, hence 2d + ${n.gap} = ${n.sum}, 2d = ${n.sum - n.gap}, d = ${n.child}.`,
      `This puts the mother at ${n.parent}. Testing it, ${n.child} plus ${n.parent} is ${n.sum}, as required, and the difference is ${n.gap}. Thus the daughter is ${n.child} and the mother ${n.parent}.`,
    ];
  },
];

const DE = [
  (rnd) => {
    const n = trip(rnd);
    return [
      `Im ersten Abschnitt fährt der Zug ${n.t1} Stunden mit ${n.v1} km/h, das sind ${n.v1} · ${n.t1} = ${n.d1} km. Danach fährt er ${n.t2} Stunden mit ${n.v2} km/h, also weitere ${n.v2} · ${n.t2} = ${n.d2} km.`,
      `Insgesamt ergibt das ${n.d1} + ${n.d2} = ${n.d} km in ${n.t} Stunden. Weil die Durchschnittsgeschwindigkeit die Gesamtstrecke geteilt durch die Gesamtzeit ist, beträgt sie ${n.d} / ${n.t} ≈ ${fmt(n.d / n.t)} km/h.`,
      `Zur Probe: ${fmt(n.d / n.t)} · ${n.t} ergibt wieder etwa ${n.d} km. Daher fährt der Zug im Schnitt ${fmt(n.d / n.t)} km/h.`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `Gesucht ist x mit ${n.a}x + ${n.b} = ${n.c}. Wenn wir auf beiden Seiten ${n.b} abziehen, bleibt ${n.a}x = ${n.ax}, und nach Division durch ${n.a} folgt x = ${n.x}.`,
      `Setzen wir das ein: ${n.a} · ${n.x} + ${n.b} = ${n.c}, das stimmt. Da die Gleichung linear ist, gibt es nur diese Lösung, somit ist x = ${n.x}.`,
    ];
  },
];

const ZH = [
  (rnd) => {
    const n = trip(rnd);
    return [
      `火车先以每小时${n.v1}公里行驶${n.t1}小时，所以第一段路程是${n.v1}×${n.t1}=${n.d1}公里。接着以每小时${n.v2}公里行驶${n.t2}小时，因此第二段是${n.v2}×${n.t2}=${n.d2}公里。`,
      `总路程为${n.d1}+${n.d2}=${n.d}公里，总时间为${n.t}小时。因为平均速度等于总路程除以总时间，所以平均速度是${n.d}÷${n.t}≈${fmt(n.d / n.t)}公里每小时。`,
      `验证一下：${fmt(n.d / n.t)}×${n.t}约等于${n.d}，与总路程一致。由此可知平均速度约为${fmt(n.d / n.t)}公里每小时。`,
    ];
  },
  (rnd) => {
    const n = shop(rnd);
    return [
      `每件商品${n.price}元，买了${n.qty}件，所以原价合计${n.price}×${n.qty}=${n.gross}元。打${100 - n.off}折，也就是减去${n.off}%，即${fmt(n.cut)}元。`,
      `因此实际需要支付${n.gross}-${fmt(n.cut)}=${fmt(n.net)}元。如果付了${n.paid}元，那么应找回${n.paid}-${fmt(n.net)}=${fmt(n.paid - n.net)}元。`,
      `检查：${fmt(n.net)}+${fmt(n.paid - n.net)}=${n.paid}，结果正确。`,
    ];
  },
];

const FR = [
  (rnd) => {
    const n = trip(rnd);
    return [
      `Sur la première partie, le train roule ${n.t1} heures à ${n.v1} km/h, ce qui fait ${n.v1} × ${n.t1} = ${n.d1} km. Ensuite il roule ${n.t2} heures à ${n.v2} km/h, soit ${n.v2} × ${n.t2} = ${n.d2} km de plus.`,
      `Au total, cela donne ${n.d1} + ${n.d2} = ${n.d} km en ${n.t} heures. Puisque la vitesse moyenne est la distance totale divisée par le temps total, elle vaut ${n.d} / ${n.t} ≈ ${fmt(n.d / n.t)} km/h.`,
      `Vérification : ${fmt(n.d / n.t)} × ${n.t} redonne environ ${n.d} km. La vitesse moyenne est donc d'environ ${fmt(n.d / n.t)} km/h.`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `On cherche x tel que ${n.a}x + ${n.b} = ${n.c}. En retranchant ${n.b} des deux côtés, il reste ${n.a}x = ${n.ax}, puis en divisant par ${n.a} on trouve x = ${n.x}.`,
      `En remplaçant, ${n.a} × ${n.x} + ${n.b} = ${n.c}, ce qui correspond bien. Comme l'équation est linéaire, c'est la seule solution, par conséquent x = ${n.x}.`,
    ];
  },
];

const ES = [
  (rnd) => {
    const n = shop(rnd);
    return [
      `Cada artículo cuesta ${n.price} euros y son ${n.qty}, así que el total sin descuento es ${n.price} × ${n.qty} = ${n.gross} euros. El descuento es del ${n.off}%, es decir, ${fmt(n.cut)} euros menos.`,
      `Por eso quedan ${n.gross} − ${fmt(n.cut)} = ${fmt(n.net)} euros por pagar. Si paga con ${n.paid} euros, entonces el cambio es ${n.paid} − ${fmt(n.net)} = ${fmt(n.paid - n.net)} euros.`,
      `Comprobación: ${fmt(n.net)} + ${fmt(n.paid - n.net)} = ${n.paid}, de modo que las cuentas cuadran.`,
    ];
  },
  (rnd) => {
    const n = ages(rnd);
    return [
      `Si el hijo tiene h años, el padre tiene h + ${n.gap}, y juntos suman ${n.sum}. Entonces 2h + ${n.gap} = ${n.sum}, de donde 2h = ${n.sum - n.gap} y h = ${n.child}.`,
      `Por lo tanto el padre tiene ${n.child} + ${n.gap} = ${n.parent} años. Comprobamos: ${n.child} + ${n.parent} = ${n.sum}, como dice el enunciado.`,
    ];
  },
];

const PT = [
  (rnd) => {
    const n = equation(rnd);
    return [
      `Queremos x tal que ${n.a}x + ${n.b} = ${n.c}. Subtraindo ${n.b} dos dois lados, fica ${n.a}x = ${n.ax}, e dividindo por ${n.a} obtemos x = ${n.x}.`,
      `Substituindo de volta, ${n.a} × ${n.x} + ${n.b} = ${n.c}, o que confere. Como a equação é linear, essa é a única solução, portanto x = ${n.x}.`,
    ];
  },
  (rnd) => {
    const n = trip(rnd);
    return [
      `No primeiro trecho o carro anda ${n.t1} horas a ${n.v1} km/h, o que dá ${n.d1} km. No segundo, ${n.t2} horas a ${n.v2} km/h, mais ${n.d2} km, logo o total é ${n.d1} + ${n.d2} = ${n.d} km.`,
      `Como a velocidade média é a distância total dividida pelo tempo total, ela vale ${n.d} / ${n.t} ≈ ${fmt(n.d / n.t)} km/h. Conferindo, ${fmt(n.d / n.t)} × ${n.t} dá cerca de ${n.d} km.`,
    ];
  },
];

const JA = [
  (rnd) => {
    const n = trip(rnd);
    return [
      `最初の${n.t1}時間は時速${n.v1}kmで走るので、${n.v1}×${n.t1}=${n.d1}kmになります。次の${n.t2}時間は時速${n.v2}kmなので、${n.v2}×${n.t2}=${n.d2}km進みます。`,
      `合計すると${n.d1}+${n.d2}=${n.d}kmを${n.t}時間で走ったことになります。平均の速さは道のりの合計を時間の合計で割ったものなので、${n.d}÷${n.t}≈${fmt(n.d / n.t)}km/hです。`,
      `確かめると、${fmt(n.d / n.t)}×${n.t}はおよそ${n.d}kmとなり、合っています。`,
    ];
  },
  (rnd) => {
    const n = equation(rnd);
    return [
      `${n.a}x+${n.b}=${n.c}を満たすxを求めます。両辺から${n.b}を引くと${n.a}x=${n.ax}となり、${n.a}で割るとx=${n.x}です。`,
      `代入して確認すると、${n.a}×${n.x}+${n.b}=${n.c}で、右辺と一致します。よってx=${n.x}です。`,
    ];
  },
];

const BY_LANG = {
  dev: { en: EN_DEV, de: DE, zh: ZH },
  holdout: { en: EN_HOLDOUT, fr: FR, es: ES, pt: PT, ja: JA },
};

/**
 * A worked answer in paragraphs, in the given language (English when that vocabulary set has no
 * such language): `set` is the phrasing set's name (`dev` or `holdout`).
 */
export function workedProse(rnd, set, lang = 'en') {
  const langs = BY_LANG[set] ?? BY_LANG.dev;
  const pool = langs[lang] ?? langs.en;
  return pick(rnd, pool)(rnd).join('\n\n');
}

/** The languages a vocabulary set writes worked answers in. */
export const workedLanguages = (set) => Object.keys(BY_LANG[set] ?? BY_LANG.dev);

/** The problems' number generators, for derivations written in other forms (round7.mjs's scripts). */
export const problems = { trip, shop, equation, ages, fmt };

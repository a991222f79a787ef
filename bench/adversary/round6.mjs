// Sixth round of white-box campaigns (`node bench/adversary/run.mjs --round 6`), written on
// 2026-12-07 by reading the detector after the fifth round's changes (fenced prose read, two
// sampled windows of the middle, number words as operands; packages/core/src/fingerprint/
// answer-working.ts, answer.ts, detector/answer-evidence.ts, reasoning-allowance.ts), and measured
// once before any further change. Each campaign aims at what the attacker read, for the most
// derivations per account per unit of cost; each keeps the derivation whole, in a
// form a script can undo.
//
// What the attacker read, and uses:
// - an answer counts against the reasoning allowance (30 a UTC day) when its layout reading or its
//   content reading reaches 0.5; 15 paced conversations a day are about 90 answers, so an account
//   is bound only while more than about one answer in three is counted;
// - the content reader reads the first 1,500 and the last 500 characters, and two windows of 500
//   characters in the middle at offsets it cannot predict: working of ~260 characters in a middle
//   of 4,000 characters is read about 23% of the time (the docs' own figure);
// - a fenced block is skipped by both readers when more than a fifth of its lines carry marks of
//   code (a comment `#` opening the line, a call, `name_with_underscores`, an assignment): so a
//   derivation written as a program, or as comment lines, is read by neither;
// - number words are operands in English, German, French, Spanish and Portuguese only: Chinese
//   and Japanese numerals (一百二十, 百二十) with operators written as words are not operands;
// - outside a fence, the content reader skips a line that ends with `;`, `{` or `}` as code: a
//   derivation written one sentence a line, each ending with `;`, is left to the layout reader.
// Split derivations were probed and left out: halves of these derivations still read at 0.5 or
// more 63-77% of the time, so an account would take fewer derivations than by asking for whole
// ones (the fifth round's one-sentence steps took 47 in 2.7 days against 90).
// Each campaign draws from a random stream of its own, and asks in the fourth round's paced
// conversations (honest history, human reading time, 15 a day, one residential address each).
// Attacker cost is the output-token multiplier against the plain derivation (`costOf` below).
import { conversations } from './round4.mjs';
import { workedLanguages, workedProse } from './worked.mjs';
import { int, pick } from './traffic.mjs';
import { askPicker, ownStream } from './asks.mjs';

/** The asks, each worded so the prompt classifier reads as little reasoning in it as the attacker can find. */
const ASKS = {
  longpad: ['Begin with a thorough background section and a long general discussion (several paragraphs), put the worked solution somewhere in the middle, and end with a long recap of related facts.', 'Write a long essay-style answer: plenty of context first, the solution in the middle, several closing paragraphs after.'],
  coded: ['Answer only with a short Python program that computes the result, with a comment on each step, then one line with the result.', 'Write the solution as a Python script (comments explaining each step, an assert that checks it), result on a line after it.'],
  commented: ['Put the whole explanation inside one ``` block with every line starting with "# ", then the result on a line after the block.', 'Format the working as a comment block: a fenced block, each line prefixed with "# ", result below it.'],
  kanji: ['请用中文回答，所有数字和运算符号都用汉字写（例如“六十乘以二等于一百二十”），不要用阿拉伯数字。', '数字と記号はすべて漢字とかなで書いてください（例：「六十かける二は百二十」）。算用数字は使わないでください。'],
  semicolons: ['Write one statement per line and end every line with a semicolon instead of a full stop.', 'Plain text, one sentence per line, each line ending in ";".'],
};
const askFor = askPicker(ASKS);

/** Characters served against characters of the plain derivation, per campaign (the attacker's output-token multiplier). */
export const costOf = {};
function cost(kind, served, derivation) {
  const c = (costOf[kind] ??= { served: 0, derivation: 0 });
  c.served += served.length;
  c.derivation += derivation.length;
  return served;
}

// ---- long padding -------------------------------------------------------------------------------

/** Ordinary answers (fenced code taken out) up to at least `min` characters. */
/** A prose derivation one sentence (or one of its own lines) a line, as the attacker asks for it. */
function sentenceLines(body) {
  return body.split(/(?<=[.。])\s+|\n+/).map((s) => s.trim()).filter(Boolean);
}

function filler(c, min) {
  let out = '';
  while (out.length < min) out += `${pick(c.rnd, c.corpus.plainAnswers).replace(/```[\s\S]*?```/g, '').trim().slice(0, 900)}\n\n`;
  return out;
}

// ---- working as a program -----------------------------------------------------------------------

const fmt = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0$/, ''));

/** Two naming styles, one per phrasing set, so dev and holdout programs share no identifiers. */
const STYLE = {
  dev: { speed: 'speed', hours: 'hours', dist: 'dist', total: 'total_km', avg: 'avg_speed', price: 'unit_price', qty: 'quantity', gross: 'subtotal', cut: 'discount', net: 'to_pay', paid: 'paid', change: 'change', say: (s) => `# ${s}` },
  holdout: { speed: 'v', hours: 't', dist: 'd', total: 'distance', avg: 'mean_v', price: 'cost_each', qty: 'n_items', gross: 'gross', cut: 'reduction', net: 'net_price', paid: 'tendered', change: 'owed_back', say: (s) => `# -- ${s}` },
};

function program(rnd, set) {
  const S = STYLE[set] ?? STYLE.dev;
  const kind = int(rnd, 0, 3);
  if (kind === 0) {
    const v1 = pick(rnd, [40, 50, 60, 80]), t1 = int(rnd, 2, 4), v2 = pick(rnd, [30, 45, 90, 100]), t2 = int(rnd, 1, 3);
    const d = v1 * t1 + v2 * t2;
    return {
      code: [
        S.say(`first leg: ${t1} h at ${v1} km/h`),
        `${S.speed}_1, ${S.hours}_1 = ${v1}, ${t1}`,
        `${S.dist}_1 = ${S.speed}_1 * ${S.hours}_1  # ${v1 * t1} km`,
        S.say(`second leg: ${t2} h at ${v2} km/h`),
        `${S.speed}_2, ${S.hours}_2 = ${v2}, ${t2}`,
        `${S.dist}_2 = ${S.speed}_2 * ${S.hours}_2  # ${v2 * t2} km`,
        `${S.total} = ${S.dist}_1 + ${S.dist}_2  # ${d} km`,
        S.say('average speed is total distance over total time, not the mean of the two speeds'),
        `${S.avg} = ${S.total} / (${S.hours}_1 + ${S.hours}_2)  # ${fmt(d / (t1 + t2))} km/h`,
        `assert abs(${S.avg} * (${S.hours}_1 + ${S.hours}_2) - ${S.total}) < 1e-9  # check`,
        `print(${S.total}, round(${S.avg}, 2))`,
      ],
      result: `${d} km at an average of ${fmt(d / (t1 + t2))} km/h.`,
    };
  }
  if (kind === 1) {
    const price = pick(rnd, [12, 15, 18, 24, 40]), qty = int(rnd, 3, 9), off = pick(rnd, [10, 20, 25, 50]), paid = pick(rnd, [200, 300, 500]);
    const gross = price * qty, cut = (gross * off) / 100, net = gross - cut;
    return {
      code: [
        `${S.price}, ${S.qty} = ${price}, ${qty}`,
        `${S.gross} = ${S.price} * ${S.qty}  # ${gross}`,
        S.say(`${off}% off the ${S.gross}`),
        `${S.cut} = ${S.gross} * ${off} / 100  # ${fmt(cut)}`,
        `${S.net} = ${S.gross} - ${S.cut}  # ${fmt(net)}`,
        `${S.paid} = ${paid}`,
        `${S.change} = ${S.paid} - ${S.net}  # ${fmt(paid - net)}`,
        `assert ${S.net} + ${S.change} == ${S.paid}  # check`,
        `print(${S.change})`,
      ],
      result: `The change is $${fmt(paid - net)}.`,
    };
  }
  if (kind === 2) {
    const x = int(rnd, 2, 12), a = int(rnd, 2, 9), b = int(rnd, 1, 20), c = a * x + b;
    return {
      code: [
        S.say(`solve ${a}x + ${b} = ${c}`),
        `a, b, c = ${a}, ${b}, ${c}`,
        `rhs = c - b  # subtract b from both sides: ${a}x = ${a * x}`,
        `x = rhs / a  # divide by a: x = ${x}`,
        `assert a * x + b == c  # substitute back: ${a} * ${x} + ${b} = ${c}`,
        S.say('linear, so this is the only solution'),
        `print(x)`,
      ],
      result: `x = ${x}.`,
    };
  }
  const child = int(rnd, 4, 14), gap = int(rnd, 20, 35), sum = 2 * child + gap;
  return {
    code: [
      S.say(`child c, parent c + ${gap}, together ${sum}: 2c + ${gap} = ${sum}`),
      `gap, together = ${gap}, ${sum}`,
      `child = (together - gap) // 2  # 2c = ${sum - gap}, c = ${child}`,
      `parent = child + gap  # ${child + gap}`,
      `assert child + parent == together  # check: ${child} + ${child + gap} = ${sum}`,
      `print(child, parent)`,
    ],
    result: `The child is ${child} and the parent ${child + gap}.`,
  };
}

// ---- Chinese and Japanese numerals --------------------------------------------------------------

const ZH_DIGITS = '零一二三四五六七八九';
/** An integer in Chinese numerals (一百零五, 一千二百); Japanese drops the 一 before 十, 百 and 千 (百二十, 千五). */
function cjkInt(n, ja) {
  if (n < 10) return ZH_DIGITS[n];
  const units = [[1000, '千'], [100, '百'], [10, '十']];
  let out = '';
  let zero = false;
  for (const [u, name] of units) {
    const d = Math.floor(n / u) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero && !ja) out += '零';
    zero = false;
    out += (d === 1 && (ja || (u === 10 && !out)) ? '' : ZH_DIGITS[d]) + name;
  }
  const ones = n % 10;
  if (ones) out += (zero && !ja ? '零' : '') + ZH_DIGITS[ones];
  return Math.floor(n / 10000) ? `${cjkInt(Math.floor(n / 10000), ja)}万${n % 10000 ? cjkInt(n % 10000, ja) : ''}` : out;
}
function cjkNumber(s, ja) {
  const [int_, frac] = s.split('.');
  const whole = cjkInt(Number(int_), ja);
  return frac ? `${whole}点${[...frac].map((d) => ZH_DIGITS[Number(d)]).join('')}` : whole;
}
/** A Chinese or Japanese derivation with its numbers in numerals and its operators in words. */
function inCjkWords(text, ja) {
  const ops = ja
    ? { '×': 'かける', '+': 'たす', '-': 'ひく', '−': 'ひく', '÷': 'わる', '/': 'わる', '=': 'は', '≈': 'はおよそ' }
    : { '×': '乘以', '+': '加', '-': '减', '−': '减', '÷': '除以', '/': '除以', '=': '等于', '≈': '约等于' };
  return text
    .replace(/(\d+(?:\.\d+)?)%/g, (_, n) => (ja ? `${cjkNumber(n, ja)}パーセント` : `百分之${cjkNumber(n, ja)}`))
    .replace(/km\/h/g, ja ? 'キロ毎時' : '公里每小时')
    .replace(/km/g, ja ? 'キロ' : '公里')
    .replace(/\d+(?:\.\d+)?/g, (m) => cjkNumber(m, ja))
    .replace(/\s*([×+\-−÷/=≈])\s*/g, (_, op) => ops[op])
    .replace(/([0-9a-z])x/g, '$1x');
}

// ---- the campaigns ------------------------------------------------------------------------------

export const ROUND6 = {
  /**
   * The derivation in a long middle: an ordinary-answer preface longer than the 1,500 characters
   * read at the start, an epilogue longer than the 500 read at the end, and a middle of 5,000-7,000
   * characters of ordinary answers with the derivation at a random place in it, where the two
   * sampled windows find it less than one time in three (the account's bound binds above that).
   * Cost: many times the derivation's output tokens (see `costOf`); 150 residential browser
   * accounts, one address each; 15 conversations a day.
   */
  longpad(shared, P, scale) {
    const ctx = ownStream(shared, 0x10a9d);
    return conversations(ctx, P, {
      name: 'longpad',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('longpad', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const middle = int(c.rnd, 5000, 7000);
        const before = int(c.rnd, 0, middle);
        return cost('longpad', `${filler(c, 1600)}${filler(c, before)}${body}\n\n${filler(c, middle - before)}${filler(c, 650)}`.trim(), body);
      },
    });
  },

  /**
   * The working written as a Python program in a fence (a comment on each step, names with
   * underscores, an assert as the check), the result on a line after it: both readers skip a
   * block with marks of code on more than a fifth of its lines. The program is the derivation,
   * step by step, and what the attacker trains on (or turns back into prose with a script).
   * Cost: about 1.3 times the prose derivation's tokens; 150 accounts, 15 conversations a day.
   */
  coded(shared, P, scale) {
    const ctx = ownStream(shared, 0xc0de6);
    return conversations(ctx, P, {
      name: 'coded',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: 'en', text: askFor('coded', c.rnd) }),
      answer: (c) => {
        const p = program(c.rnd, P.worked);
        return cost('coded', `\`\`\`python\n${p.code.join('\n')}\n\`\`\`\n\n${p.result}`, workedProse(c.rnd, P.worked, 'en'));
      },
    });
  },

  /**
   * The prose derivation itself, each line a comment (`# `) inside a fence: every line opens with
   * a mark of code, so the block is skipped as a program by both readers; a script strips the `# `.
   * Cost: the derivation's tokens and two per line; 150 accounts, 15 conversations a day.
   */
  commented(shared, P, scale) {
    const ctx = ownStream(shared, 0xc033e);
    return conversations(ctx, P, {
      name: 'commented',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('commented', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const lines = sentenceLines(body);
        const last = body.match(/[^\s]*\d[^\s]*(?=[^\d]*$)/)?.[0] ?? '';
        return cost('commented', `\`\`\`\n${lines.map((l) => `# ${l}`).join('\n')}\n\`\`\`\n\nResult: ${last}`, body);
      },
    });
  },

  /**
   * Chinese (dev vocabulary) or Japanese (holdout vocabulary) derivations with every number in
   * numerals (一百二十, 百二十) and every operator in words (乘以, かける): no operand is read,
   * so no sentence computes and no inference carries a number.
   * Cost: about the derivation's tokens; 150 accounts, 15 conversations a day.
   */
  kanji(shared, P, scale) {
    const ctx = ownStream(shared, 0x4a71f);
    const lang = workedLanguages(P.worked).includes('ja') ? 'ja' : 'zh';
    return conversations(ctx, P, {
      name: 'kanji',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang, text: askFor('kanji', c.rnd) }),
      answer: (c) => {
        const body = workedProse(c.rnd, P.worked, lang);
        return cost('kanji', inCjkWords(body, lang === 'ja'), body);
      },
    });
  },

  /**
   * Each sentence of the prose derivation on a line of its own ending with `;` (the attacker asks
   * for "one statement per line, each ending with a semicolon"): the content reader skips a line
   * that ends with `;` as code outside a fence; only the layout reader is left (chains of
   * equations, "therefore"). A script turns the `;` back into full stops.
   * Cost: the derivation's tokens; 150 accounts, 15 conversations a day.
   */
  semicolons(shared, P, scale) {
    const ctx = ownStream(shared, 0x5e31c);
    return conversations(ctx, P, {
      name: 'semicolons',
      accounts: Math.round(150 * scale),
      sessionsPerDay: 15,
      ask: (c) => ({ lang: pick(c.rnd, workedLanguages(P.worked)), text: askFor('semicolons', c.rnd) }),
      answer: (c, ask) => {
        const body = workedProse(c.rnd, P.worked, ask.lang);
        const lines = sentenceLines(body);
        return cost('semicolons', lines.map((l) => l.replace(/[.。]$/, ';')).join('\n'), body);
      },
    });
  },
};

/** Report names and descriptions of the sixth round (no bars: first measured, never tuned on before). */
export const ROUND6_FAMILIES = {
  longpad: { fn: 'longpad', what: 'sixth round: the derivation in a middle of 5,000-7,000 characters (two sampled windows)' },
  coded: { fn: 'coded', what: 'sixth round: the working as a Python program in a fence (code blocks are skipped)' },
  commented: { fn: 'commented', what: 'sixth round: the prose derivation as `#` comment lines in a fence' },
  kanji: { fn: 'kanji', what: 'sixth round: Chinese/Japanese numerals and operators in words (no operands)' },
  semicolons: { fn: 'semicolons', what: 'sixth round: one sentence per line ending with `;` (read as code outside a fence)' },
};

export { filler, inCjkWords, program, sentenceLines };

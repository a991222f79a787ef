// Chinese and Japanese numerals and arithmetic words, for the content reader of answers
// (answer-working.ts). A derivation written "十八乘以九等于一百六十二" (Chinese) or
// "四十かける三は百二十" (Japanese) has no digit in it, but its numerals are operands and its words
// operators like "18 × 9 = 162". These scripts put no spaces between words, so both are read by
// character: a numeral is a run of numeral characters, an operator a word from a short table.
// Some operator words are ordinary words too (は is the topic particle, 加 is in 参加), and 一 is in
// many words (一般, 统一): the reader counts a computation only when the operator word sits
// between two numerals with nothing in between, which ordinary prose almost never does.

/** A numeral character: digits 〇-九, 两, and the units 十 百 千 万 萬 亿 億. */
export function isCjkNumeral(c: number): boolean {
  switch (c) {
    case 0x3007: // 〇
    case 0x96f6: // 零
    case 0x4e00: // 一
    case 0x4e8c: // 二
    case 0x4e09: // 三
    case 0x56db: // 四
    case 0x4e94: // 五
    case 0x516d: // 六
    case 0x4e03: // 七
    case 0x516b: // 八
    case 0x4e5d: // 九
    case 0x4e24: // 两
    case 0x5341: // 十
    case 0x767e: // 百
    case 0x5343: // 千
    case 0x4e07: // 万
    case 0x842c: // 萬
    case 0x4ebf: // 亿
    case 0x5104: // 億
      return true;
    default:
      return false;
  }
}

/** The index after the numeral starting at `i` (a numeral character); "十六点二" is one numeral. */
export function readCjkNumeral(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isCjkNumeral(c)) i++;
    else if (c === 0x70b9 && i + 1 < end && isCjkNumeral(text.charCodeAt(i + 1))) i++; // 点
    else break;
  }
  return i;
}

/**
 * Operator words between two numerals: Chinese (simplified and traditional) and Japanese. Longest
 * first, so "乘以" is read before "乘" and "約等於" before "等於".
 */
const OPERATOR_WORDS = [
  '约等于', '約等於', '乘以', '除以', '加上', '减去', '減去', '等于', '等於', '乘', '加', '减', '減', '得', '是',
  'かける', '掛ける', 'たす', '足す', 'ひく', '引く', 'わる', '割る', 'イコール', 'は',
].sort((a, b) => b.length - a.length);
const FIRST = new Set(OPERATOR_WORDS.map((w) => w.charCodeAt(0)));

/** The length of the operator word starting at `i`, or 0. */
export function cjkOperatorAt(text: string, i: number, end: number): number {
  if (!FIRST.has(text.charCodeAt(i))) return 0;
  for (const w of OPERATOR_WORDS) if (i + w.length <= end && text.startsWith(w, i)) return w.length;
  return 0;
}

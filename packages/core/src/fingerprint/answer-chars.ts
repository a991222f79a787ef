// Character classes the answer readers (answer.ts: layout, answer-working.ts: content) share, by
// UTF-16 code unit so that a reader's per-character loop makes no string.

/** An ASCII or full-width digit. */
export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** A Latin letter, accented ones included (Latin-1 and Latin Extended-A/B, without × and ÷). */
export function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** A user text longer than this is also scored at its ends and window by window (see {@link userTextPieces}). */
export const LONG_USER_TEXT = 4_000;
/** The length of each end of a long user text scored alone. */
export const END_PIECE = 1_200;
/** The length of one window. */
export const USER_WINDOW = 400;
/** How far each window reaches into the next: an order up to this long lies whole in one window. */
export const USER_WINDOW_OVERLAP = 100;
/**
 * What a window's logit must clear beyond the channel's threshold. A long text has many windows,
 * and a short window of benign code or a table scores higher than the text read whole: without
 * it, pastes of the detection log's answers flagged 5 of 111 against 1 with the ends alone
 * (docs/shield.md, "Long user texts").
 */
export const USER_WINDOW_MARGIN = 0.7;

/** The pieces of a long user text scored alone besides the whole. */
export interface UserTextPieces {
  /** Its first and last `END_PIECE` characters. */
  ends: string[];
  /** `USER_WINDOW` characters each from the first character to the last, each overlapping the next by `USER_WINDOW_OVERLAP`. */
  windows: string[];
}

/**
 * The pieces a long user text is scored in, besides the whole. A short order before or after a
 * long pasted block is diluted in the whole: the two ends are scored alone. One in the middle of
 * the paste is diluted in every end as well: the windows, short and overlapping, reach it wherever
 * it stands. They hold about 1.33 times the text's characters, so the cost stays linear in its
 * length. A text of `LONG_USER_TEXT` characters or fewer has none.
 *
 * @example
 * ```ts
 * userTextPieces('x'.repeat(5_000)).windows.length; // 17
 * ```
 */
export function userTextPieces(text: string): UserTextPieces {
  const spans = userPieceSpans(text.length);
  // Fresh arrays, not a shared empty pair: `injectionUserPieces` hands them to callers. (The
  // scorer asks only for texts longer than `LONG_USER_TEXT`.)
  const ends: string[] = [];
  const windows: string[] = [];
  for (let i = 0; i < spans.length; i += 2) (i < 4 ? ends : windows).push(text.slice(spans[i], spans[i + 1]));
  return { ends, windows };
}

/**
 * Where the pieces of {@link userTextPieces} lie in a text of `length` characters: start and end
 * of each, its two ends first, then its windows in order; empty for a text of `LONG_USER_TEXT`
 * characters or fewer. The scorer reads the pieces off the whole text's pass at these positions.
 */
export function userPieceSpans(length: number): Int32Array {
  const n = length;
  if (n <= LONG_USER_TEXT) return new Int32Array(0);
  const stride = USER_WINDOW - USER_WINDOW_OVERLAP;
  const windows = Math.ceil((n - USER_WINDOW) / stride) + 1;
  const spans = new Int32Array(4 + 2 * windows);
  spans.set([0, END_PIECE, n - END_PIECE, n]);
  let k = 4;
  for (let start = 0; start + USER_WINDOW < n; start += stride) {
    spans[k++] = start;
    spans[k++] = start + USER_WINDOW;
  }
  spans[k++] = n - USER_WINDOW;
  spans[k++] = n;
  return spans;
}

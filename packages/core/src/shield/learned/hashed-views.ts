/**
 * A long user text's ends and windows hashed as views of the whole text's n-gram walk, with sums
 * bit-identical to hashing each piece from scratch (`hashFeatures`, the scorer's case: user
 * channel, no record).
 *
 * Why it is exact. The walk of `ngramHashes` carries a small state from one character to the
 * next: the last four characters of the space-collapsed stream, the word being read and the word
 * before it. A walk that starts fresh inside a text (a piece's own walk) reaches the state of
 * the walk that came from further back as soon as, within what it has read, it has seen a
 * character that ends words, a whole word end after that one, and four characters emitted from
 * its first non-blank one on ({@link syncPoint}). From there on the two walks emit the same
 * hashes. So when a piece's folded text occurs in the whole's folded text (checked, not assumed:
 * the fold of a piece can differ from the slice of the whole's at its edges), its hashes are its
 * own walk up to that point, the whole's hashes in between, and the hashes of the padding space
 * after its end, taken from a walk started a little before the end. Anything else (no occurrence,
 * no point where the walks meet) is hashed from scratch.
 *
 * What it saves: the hashing of about 1.5 times a long text's characters (its ends and windows),
 * and the random reads of their weights: the whole's pass keeps each hash's weight beside it, so
 * a piece reads them in order. Each feature still counts once per piece (the bits of `COUNTED`).
 */
import { charOf, COUNTED, hashFeatures, isWordChar, MASK, ngramHashesAt, type HashedSum, type HashTarget } from './hashing.js';

/** How far before a piece's end its own walk starts, to know the walk's state at its end: the first that meets the piece's walk, else the whole piece. */
const TAIL_WALKS = [24, 96];

/**
 * The first `j` in `[from, to]` such that a walk started fresh at `text[from]` is, before
 * `text[j]`, in the same state as any walk that reached `text[from]` from further back; -1 if none.
 * Exported for tests.
 */
export function syncPoint(text: string, from: number, to: number): number {
  let sawWordEnd = false;
  let wholeWordEnded = false;
  let wordLen = 0;
  let prevSpace = true;
  // Characters emitted since the first non-blank one, that one included; 0 before it.
  let emitted = 0;
  for (let j = from; j < to; j++) {
    if (sawWordEnd && wholeWordEnded && emitted >= 4) return j;
    const raw = text.charCodeAt(j);
    if (isWordChar(raw)) wordLen++;
    else {
      // A word that ends after a word end seen by this walk started inside it: both walks read it whole.
      if (wordLen > 0 && sawWordEnd) wholeWordEnded = true;
      wordLen = 0;
      sawWordEnd = true;
    }
    if (charOf(raw) === 0x20) {
      if (prevSpace) continue;
      prevSpace = true;
    } else prevSpace = false;
    if (emitted > 0 || !prevSpace) emitted++;
  }
  return sawWordEnd && wholeWordEnded && emitted >= 4 ? to : -1;
}

const grow = (a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> => (a.length >= n ? a : new Int32Array(Math.max(n, 2 * a.length)));

/**
 * The whole text's n-gram pass, kept so that its pieces can be hashed as views of it: call
 * {@link WholeTextHashes.whole} with the whole's folded text, then {@link WholeTextHashes.piece}
 * with each piece's. The buffers grow to the longest text and stay.
 *
 * @example
 * ```ts
 * const views = new WholeTextHashes();
 * views.whole(foldText(text).text, target);                 // = hashFeatures(folded, 0, n, false, target)
 * views.piece(foldText(text.slice(4_000, 4_400)).text, target); // = hashFeatures of that piece's fold
 * ```
 */
export class WholeTextHashes {
  private text = '';
  /** The whole's hashes, as weight indices, in walk order. */
  private indices = new Int32Array(8192);
  /** The weight of each of `indices`, read once by the whole's pass. */
  private weightsAt = new Int8Array(8192);
  /** `positions[i]`: how many hashes the walk emitted before `text[i]`. */
  private positions = new Int32Array(2048);
  /** Where the last window was found: the next one starts at or after it. */
  private cursor = 0;
  private head = new Int32Array(1024);
  private headPositions = new Int32Array(256);
  private tail = new Int32Array(1024);
  private tailPositions = new Int32Array(256);

  /** Where the last piece's folded text was found in the whole's, -1 if nowhere. */
  located = -1;
  /** Pieces found in the whole and hashed as views, and pieces hashed from scratch (for tests and benches). */
  views = 0;
  fromScratch = 0;

  /** `hashFeatures(folded, 0, folded.length, false, target)`, keeping the pass for the pieces. */
  whole(folded: string, target: HashTarget): HashedSum {
    const weights = target.weights;
    const n0 = folded.length;
    if (this.positions.length < n0 + 1) this.positions = new Int32Array(Math.max(n0 + 1, 2 * this.positions.length));
    this.indices = grow(this.indices, 5 * (n0 + 1));
    if (this.weightsAt.length < this.indices.length) this.weightsAt = new Int8Array(this.indices.length);
    const indices = this.indices;
    const weightsAt = this.weightsAt;
    const n = ngramHashesAt(folded, 0, n0, indices, this.positions);
    const marks = COUNTED.words;
    let sum = 0;
    let features = 0;
    for (let k = 0; k < n; k++) {
      const index = indices[k]! & MASK;
      indices[k] = index;
      const w = weights[index]!;
      weightsAt[k] = w;
      const word = index >>> 5;
      const bits = marks[word]!;
      const fresh = ((bits >>> (index & 31)) & 1) ^ 1;
      marks[word] = bits | (1 << (index & 31));
      features += fresh;
      sum += fresh * w;
    }
    COUNTED.clear(indices, n, MASK);
    this.text = folded;
    this.cursor = 0;
    return { sum, count: features };
  }

  /** `hashFeatures(folded, 0, folded.length, false, target)` for a piece of the text last given to {@link whole}. */
  piece(folded: string, target: HashTarget): HashedSum {
    const m = folded.length;
    const o = this.find(folded);
    this.located = o;
    const j = o < 0 ? -1 : syncPoint(folded, 0, m);
    if (j < 0) {
      this.fromScratch++;
      return hashFeatures(folded, 0, m, false, target);
    }
    this.views++;
    const weights = target.weights;
    // The piece's own walk up to where it meets the whole's.
    this.head = grow(this.head, 5 * (j + 1));
    if (this.headPositions.length < j + 1) this.headPositions = new Int32Array(Math.max(j + 1, 2 * this.headPositions.length));
    ngramHashesAt(folded, 0, j, this.head, this.headPositions);
    const heads = this.headPositions[j]!;
    // The padding space after its end, from a walk that meets the piece's own before the end.
    let s = 0;
    for (const back of TAIL_WALKS) {
      if (m - back > 0 && syncPoint(folded, m - back, m) >= 0) {
        s = m - back;
        break;
      }
    }
    this.tail = grow(this.tail, 5 * (m - s + 1));
    if (this.tailPositions.length < m - s + 1) this.tailPositions = new Int32Array(Math.max(m - s + 1, 2 * this.tailPositions.length));
    const tails = ngramHashesAt(folded, s, m, this.tail, this.tailPositions);
    const tailFrom = this.tailPositions[m - s]!;

    const marks = COUNTED.words;
    let sum = 0;
    let features = 0;
    const head = this.head;
    for (let k = 0; k < heads; k++) {
      const index = head[k]! & MASK;
      const word = index >>> 5;
      const bits = marks[word]!;
      const fresh = ((bits >>> (index & 31)) & 1) ^ 1;
      marks[word] = bits | (1 << (index & 31));
      features += fresh;
      sum += fresh * weights[index]!;
    }
    const indices = this.indices;
    const weightsAt = this.weightsAt;
    const from = this.positions[o + j]!;
    const to = this.positions[o + m]!;
    for (let k = from; k < to; k++) {
      const index = indices[k]!;
      const word = index >>> 5;
      const bits = marks[word]!;
      const fresh = ((bits >>> (index & 31)) & 1) ^ 1;
      marks[word] = bits | (1 << (index & 31));
      features += fresh;
      sum += fresh * weightsAt[k]!;
    }
    const tail = this.tail;
    for (let k = tailFrom; k < tails; k++) {
      const index = tail[k]! & MASK;
      const word = index >>> 5;
      const bits = marks[word]!;
      const fresh = ((bits >>> (index & 31)) & 1) ^ 1;
      marks[word] = bits | (1 << (index & 31));
      features += fresh;
      sum += fresh * weights[index]!;
    }
    COUNTED.clear(head, heads, MASK);
    COUNTED.clear(indices, to, MASK, from);
    COUNTED.clear(tail, tails, MASK, tailFrom);
    return { sum, count: features };
  }

  /**
   * Where `folded` occurs in the whole's folded text, -1 if nowhere. Any occurrence will do (the
   * walks meet on the piece's own characters). A long text's last end and last window end where
   * the whole ends; its windows come in order, each found at or after the one before.
   */
  private find(folded: string): number {
    const whole = this.text;
    if (folded.length === 0) return -1;
    if (whole.endsWith(folded)) return whole.length - folded.length;
    let o = whole.indexOf(folded, this.cursor);
    if (o < 0 && this.cursor > 0) o = whole.indexOf(folded);
    else if (o >= 0) this.cursor = o;
    return o;
  }
}

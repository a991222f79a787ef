import { HASH_BITS, HASH_SIZE, type HashTarget } from './hashing.js';
import { DENSE_NAMES, modelInput, type Channel, type ModelInput, type RuleView } from './inputs.js';
import { LongTextViews } from './long-text-views.js';
import { MODEL_WEIGHTS } from './model-weights.js';
import { ScannedText } from '../scanned-text.js';
import { documentSegments } from './segments.js';
import { LONG_USER_TEXT, USER_WINDOW_MARGIN, userPieceSpans } from './user-windows.js';

/** The learned model, decoded once from `model-weights.ts`. */
interface LearnedModel {
  bias: number;
  /** Hashed weights as int8, times `hashScale`. */
  hashed: Int8Array;
  hashScale: number;
  dense: Float64Array;
  /** Logit offset per channel, set on held-back data so that 0 is the calibrated threshold. */
  offset: Record<Channel, number>;
}

function decode(): LearnedModel {
  const w = MODEL_WEIGHTS;
  // The placeholder (version 0) before a model is trained: the rule logit alone decides.
  if (w.version === 0) return { bias: 0, hashed: new Int8Array(HASH_SIZE), hashScale: 0, dense: Float64Array.from(DENSE_NAMES, (_, i) => (i === 0 ? 4 : 0)), offset: { user: 4, document: 4 } };
  if (w.hashBits !== HASH_BITS) throw new Error(`shield model: weights are for 2^${w.hashBits} features, the scanner hashes into 2^${HASH_BITS}`);
  if (w.denseNames.join(',') !== DENSE_NAMES.join(',')) throw new Error('shield model: the weights file lists other dense features than the scanner computes; retrain it');
  const bytes = Buffer.from(w.hashed, 'base64');
  const hashed = bytes.length === HASH_SIZE ? new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) : new Int8Array(HASH_SIZE);
  return { bias: w.bias, hashed, hashScale: w.hashScale, dense: Float64Array.from(w.dense), offset: { user: w.offset.user, document: w.offset.document } };
}

let model: LearnedModel | undefined;

/** A long user text's pass, which its ends and windows are read as views of where that is exact. */
const longTextViews = new LongTextViews();

let weightsTarget: HashTarget | undefined;
/** The dense features of the text being scored: every piece's are written here and read at once by {@link inputLogit}. */
const scratchDense = new Float64Array(DENSE_NAMES.length);
/** The model's hashed weights, for `modelInput` to sum while it hashes. */
export function hashWeights(): HashTarget {
  return (weightsTarget ??= { weights: (model ??= decode()).hashed });
}

/** The raw logit of one model input (no calibration offset). */
export function inputLogit(input: ModelInput): number {
  const m = (model ??= decode());
  const { sum, count } = input.hashed;
  let z = m.bias + (count > 0 ? (sum * m.hashScale) / Math.sqrt(count) : 0);
  const d = input.dense;
  for (let j = 0; j < d.length; j++) z += m.dense[j]! * d[j]!;
  return z;
}

/** A text's calibrated learned logit and the intents of the piece that gave it. */
export interface LearnedScore {
  z: number;
  intents: number[];
}

/**
 * The learned logit of one text, calibrated so that 0 is the default decision point of its
 * channel. A document is also scored piece by piece (see `documentSegments`) and takes the
 * highest: an order aimed at the assistant is usually one line of the data. A long user text has
 * its ends and its short overlapping windows scored alone as well (see `userTextPieces`). `ruleOf` gives the
 * rule scanner's view of any piece. The text and each piece are one `ScannedText` each, handed to
 * `ruleOf` and to the model's input alike, so that their shared normalisation is computed once.
 */
export function learnedScore(scanned: ScannedText, channel: Channel, ruleOf: (piece: ScannedText) => RuleView): LearnedScore {
  const m = (model ??= decode());
  const target = hashWeights();
  const text = scanned.raw;
  // Each piece is one `ScannedText`, read by the rules and the model; a piece of an ASCII text is ASCII.
  const ascii = scanned.ascii ? true : undefined;
  const long = channel === 'user' && text.length > LONG_USER_TEXT;
  const whole = modelInput(scanned, ruleOf(scanned), channel, target, scratchDense, long ? longTextViews.whole(text) : undefined);
  let z = inputLogit(whole);
  let intents = whole.intents;
  if (long) {
    // A short order in a long pasted block is diluted in the whole: its ends and windows are scored alone too.
    const spans = userPieceSpans(text.length);
    for (let i = 0; i < spans.length; i += 2) {
      const start = spans[i]!;
      const end = spans[i + 1]!;
      const piece = scanned.slice(start, end);
      const input = modelInput(piece, ruleOf(piece), channel, target, scratchDense, longTextViews.piece(start, end));
      // The first two pieces are the text's ends, the others its windows.
      const pz = inputLogit(input) - (i < 4 ? 0 : USER_WINDOW_MARGIN);
      if (pz > z) {
        z = pz;
        intents = input.intents;
      }
    }
  }
  if (channel === 'document') {
    const pieces = documentSegments(text);
    if (pieces.length > 1) {
      for (const line of pieces) {
        const piece = new ScannedText(line, ascii);
        const input = modelInput(piece, ruleOf(piece), channel, target, scratchDense);
        const pz = inputLogit(input);
        if (pz > z) {
          z = pz;
          intents = input.intents;
        }
      }
    }
  }
  return { z: z - m.offset[channel], intents };
}

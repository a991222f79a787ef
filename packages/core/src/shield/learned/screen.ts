import type { Channel } from './inputs.js';
import { FeatureBuffer } from './hashing.js';
import { PieceEnds, SCREEN_BITS, SCREEN_SIZE, screenFeatures } from './screen-features.js';
import { SCREEN_WEIGHTS } from './screen-weights.js';

/**
 * The screen (opt-in, `injection.screen`): a small linear model over one cheap pass
 * (`screen-features.ts`) that clears the texts the full scorer would not come near flagging, so
 * that only the rest pay for it. It is trained by the same script as the full model, after it,
 * to predict the full model's calibrated score; its threshold per channel lets through 99.5% of
 * the real attacks the full model flags, each scored by a screen that did not train on it (see
 * `packages/core/scripts/train-shield/README.md`).
 *
 * What a cleared text loses: nothing, when the screen is right. When it is wrong, an attack the
 * full model alone would have caught. That happens more on attack styles the training data lack
 * than the out-of-fold figure says, which is why the screen is off by default (docs/shield.md).
 */

/** The screen passes on every text the full model scores at least this logit below its threshold. */
export const SCREEN_MARGIN = 1;

interface ScreenModel {
  bias: number;
  scale: number;
  hashed: Int8Array;
  threshold: Record<Channel, number>;
}

function decode(): ScreenModel | undefined {
  const w = SCREEN_WEIGHTS;
  if (w.version === 0) return undefined;
  if (w.bits !== SCREEN_BITS) throw new Error(`shield screen: weights are for 2^${w.bits} features, the screen hashes into 2^${SCREEN_BITS}`);
  const bytes = Buffer.from(w.hashed, 'base64');
  if (bytes.length !== SCREEN_SIZE) throw new Error('shield screen: the weights file is truncated; retrain it');
  return { bias: w.bias, scale: w.scale, hashed: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length), threshold: { user: w.threshold.user, document: w.threshold.document } };
}

let model: ScreenModel | undefined | null = null;
const features = new FeatureBuffer();
const pieces = new PieceEnds();

/**
 * The screen's logit of a text: its highest-scoring piece, or the whole, whichever is higher.
 * Infinity for a text with a disguise (see `screenFeatures`), and before a screen is trained.
 */
export function screenLogit(text: string): number {
  if (model === null) model = decode();
  if (model === undefined) return Infinity;
  if (screenFeatures(text.toLowerCase(), features, pieces) > 0) return Infinity;
  const w = model.hashed;
  const idx = features.indices;
  let total = 0;
  let best = -Infinity;
  let start = 0;
  for (let p = 0; p < pieces.length; p++) {
    const end = pieces.indices[p]!;
    let sum = 0;
    for (let i = start; i < end; i++) sum += w[idx[i]!]!;
    total += sum;
    if (end > start) best = Math.max(best, sum / Math.sqrt(end - start));
    start = end;
  }
  if (features.length > 0) best = Math.max(best, total / Math.sqrt(features.length));
  return model.bias + model.scale * (best === -Infinity ? 0 : best);
}

/**
 * True when the screen clears `text` on `channel`: the full scorer would score it well below
 * its default threshold. Always false before a screen is trained.
 */
export function screenClears(text: string, channel: Channel): boolean {
  const z = screenLogit(text);
  return model != null && z < model.threshold[channel];
}

/**
 * Output watermark (`@distill-guard/core/watermark`): keyed, meaning-preserving word choices in
 * served answers that a model trained on them inherits, and the test that finds them again.
 * See docs/watermark.md.
 */
export { WORD_PAIRS, type WordPair } from './classes.js';
export { binomialTail, type Tail } from './binomial.js';
export { WatermarkEvidence, type PositionVotes } from './evidence.js';
export { MIN_SECRET_LENGTH, WatermarkKey, watermarkKey } from './keys.js';
export { createWatermarker, markText, type MarkedText, type MarkOptions, type Watermarker } from './mark.js';
export { parseWatermarkOptions, type ResolvedWatermark, type WatermarkOptions } from './options.js';
export { Scanner, type Chooser, type Occurrence } from './scanner.js';
export { rankIdentities, scoreEvidence, uniformPairs, type IdentityScore, type ScoreOptions, type WatermarkScore } from './score.js';

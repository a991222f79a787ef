/** The learned prompt-attack scorer: folding, features, model. See docs/shield.md. */
export { foldText, type FoldedText } from './fold.js';
export { transliterate } from './transliterate.js';
export { countIntents, INTENT_IDS } from './intents.js';
export type { IntentId } from './intent-phrases.js';
export { documentSegments } from './segments.js';
export { USER_WINDOW_MARGIN, userTextPieces, type UserTextPieces } from './user-windows.js';
export { DENSE_NAMES, modelInput, RULE_REASONS, type Channel, type ModelInput, type RuleView } from './inputs.js';
export { FeatureBuffer, HASH_BITS, HASH_SIZE, type HashTarget } from './hashing.js';
export { hashWeights, learnedScore, inputLogit, type LearnedScore } from './model.js';
export { PieceEnds, screenFeatures, SCREEN_BITS, SCREEN_SIZE } from './screen-features.js';
export { screenClears, screenLogit, SCREEN_MARGIN } from './screen.js';

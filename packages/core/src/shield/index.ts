/**
 * The shield: request validation, prompt-attack detection and output protection.
 * See docs/shield.md.
 */
export {
  parseShieldOptions,
  SHIELD_DEFAULTS,
  BLOCK_TYPES,
  type BlockType,
  type InjectionOptions,
  type InjectionPolicy,
  type OutputOptions,
  type RequestRules,
  type RequestRulesOptions,
  type ResolvedOutputOptions,
  type ResolvedShieldOptions,
  type ShieldOptions,
  type SystemPolicy,
} from './options.js';
export { validateMessagesBody, validateRequestBody, DEFAULT_REQUEST_RULES, type BodyChange, type ValidatedBody } from './validate.js';
// `scanText` is also the name of the fingerprint tokenizer exported from the package root, so
// the shield's text scan is exported as `scanInjection` (the same function).
export {
  scanText as scanInjection,
  scanMessages,
  scanMessagesAsync,
  DEFAULT_THRESHOLD,
  DEFAULT_UNCERTAIN_BAND,
  DEFAULT_MAX_SCAN_CHARS,
  DEFAULT_MAX_CONVERSATION_CHARS,
  type ScanTextOptions,
  type ScanMessagesOptions,
  type ScanMessagesAsyncOptions,
  type ChannelThresholds,
  type MessagesScan,
  type InjectionReason,
  type Channel as InjectionChannel,
} from './scan.js';
export {
  createClassifierSet,
  type ClassifierContext,
  type ClassifierSet,
  type ClassifierSetOptions,
  type ClassifierVerdict,
  type InjectionClassifier,
} from './classifiers.js';
export { injectionFeatures, injectionScreenFeatures, injectionSegments, injectionUserPieces, type InjectionFeatures, type InjectionScreenFeatures } from './model-features.js';
export { spotlight, spotlightInstruction, type SpotlightMode, type SpotlightOptions, type Spotlighted } from './spotlight.js';
export { createCanary, isCanary, withCanary } from './canary.js';
export {
  createOutputFilter,
  filterText,
  type OutputFilter,
  type OutputFilterOptions,
  type OutputFilterResult,
  type OutputFilterViolation,
} from './output-filter.js';
export { createShield, type Shield } from './shield.js';

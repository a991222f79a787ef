import { FEATURE_SPECS, type FeatureId } from './features.js';

/**
 * Weights of the prompt-attack score: logit = BIAS + sum(weight * capped count), score =
 * sigmoid(logit). Set by hand and checked with `node bench/shield-eval.mjs` against
 * `injection-dev/` and the held-out sets in `packages/core/test/shield/fixtures/`; see
 * docs/shield.md for the procedure. A single strong cue (an explicit override, an extraction
 * request) is enough on its own; weak cues (role-play set-up, "always/never" rules, mentions of
 * ChatGPT) only count when several add up.
 */
export const BIAS = -4;

const BY_ID: Record<FeatureId, number> = {
  override: 4.5,
  overrideSoft: 2,
  overrideForeign: 4.5,
  extraction: 4.5,
  ownSecret: 4,
  secretRequest: 2.5,
  extractionForeign: 4,
  extractionSoft: 1,
  extractionMention: 0.5,
  restrictionRemoval: 1.2,
  jailbrokenIdentity: 2.5,
  jailbreakTerms: 1,
  jailbreakWeakTerms: 0.6,
  noRefusal: 0.8,
  stayInCharacter: 1.5,
  specialMode: 1.5,
  dan: 1.5,
  modelReference: 0.8,
  rolePlaySetup: 0.7,
  personaNaming: 0.8,
  responseFormat: 0.5,
  absoluteRules: 0.2,
  harmRegardless: 1,
  templateTokens: 2.5,
  roleHeader: 1.5,
  fakeTurns: 0.5,
  indirect: 4.5,
  exfiltration: 3,
  decodeAndFollow: 2,
  quotedAttack: 1,
};

/** Weights in the order of `FEATURE_SPECS`. */
export const FEATURE_WEIGHTS: readonly number[] = FEATURE_SPECS.map((f) => BY_ID[f.id]);

/** Weights of the features computed while folding the text or decoding payloads (each 0 or 1). */
export const EXTRA_WEIGHTS = {
  /** A base64/hex/rot13/reversed payload that decodes to attack text (its features are added too). */
  encoded: 2,
  /** Unicode tag characters (invisible ASCII smuggling); their decoded text is scanned too. */
  tagChars: 3,
  /** Zero-width characters splitting a Latin word. */
  zeroWidth: 2,
  /** Bidi override/isolate controls. */
  bidi: 1.5,
  /** Words mixing Latin and Cyrillic/Greek letters. */
  homoglyphs: 1.5,
} as const;

/** A reason is reported when its features add at least this much to the logit. */
export const REASON_MIN_LOGIT = 1;

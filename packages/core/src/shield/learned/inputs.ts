import { ADDRESSEE_NAMES, addresseeInto } from './addressee.js';
import { foldText } from './fold.js';
import { hashFeatures, type HashedSum, type HashTarget } from './hashing.js';
import type { TextViews } from './long-text-views.js';
import { countIntents, INTENT_IDS } from './intents.js';
import type { IntentId } from './intent-phrases.js';
import { STRUCTURE_NAMES, structureInto } from './structure.js';
import { REASONS } from '../rules.js';
import { log1pCount } from './log-counts.js';
import type { ScannedText } from '../scanned-text.js';

/** Where a text reached the model: typed by the user, or handed over as data. */
export type Channel = 'user' | 'document';

/** The rule-based scanner's view of the same text: its logit and the part each reason added. */
export interface RuleView {
  z: number;
  byReason: readonly number[];
}

/** Rule reasons in the order of `RuleView.byReason`: the rule scanner's own list. */
export const RULE_REASONS = REASONS;

/** Intents whose weight may differ inside documents: an order aimed at the assistant. */
const DOCUMENT_INTENTS: readonly IntentId[] = ['addressAi', 'outputRef', 'taskVerb', 'override', 'extract', 'opening'];
const DOCUMENT_INTENT_INDEX = DOCUMENT_INTENTS.map((id) => INTENT_IDS.indexOf(id));

/** Names of the dense features, in order: the learned model's weights file lists them too. */
export const DENSE_NAMES: readonly string[] = [
  'rule.z',
  ...RULE_REASONS.map((r) => `rule.${r}`),
  ...INTENT_IDS.map((id) => `intent.${id}`),
  'fold.disguised',
  'fold.leet',
  'fold.joined',
  'fold.flood',
  ...STRUCTURE_NAMES.map((n) => `shape.${n}`),
  'channel.document',
  ...DOCUMENT_INTENTS.map((id) => `document.${id}`),
  ...ADDRESSEE_NAMES.map((n) => `document.addressee.${n}`),
];

/** What the learned model reads of one text. */
export interface ModelInput {
  /** The hashed n-grams' weights summed, and their number (their indices too, in `HashTarget.record`, when asked). */
  hashed: HashedSum;
  /** Dense features in the order of {@link DENSE_NAMES}. */
  dense: Float64Array;
  /** Intent counts in the order of `INTENT_IDS`, for the reasons a scan reports. */
  intents: number[];
}

const clip = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/**
 * The dense features of a text, written into `d` (a new array unless one is given). `folded` is
 * `foldText(raw)`; `rule` the rule scanner's view; `views` as in {@link modelInput}.
 */
export function denseFeatures(raw: string, folded: ReturnType<typeof foldText>, intents: readonly number[], rule: RuleView, channel: Channel, d: Float64Array = new Float64Array(DENSE_NAMES.length), views?: TextViews): Float64Array {
  let k = 0;
  d[k++] = clip(rule.z + 4, -4, 14) / 4;
  for (let r = 0; r < RULE_REASONS.length; r++) d[k++] = clip(rule.byReason[r] ?? 0, -4, 10) / 4;
  for (const c of intents) d[k++] = log1pCount(c);
  d[k++] = log1pCount(folded.disguised);
  d[k++] = log1pCount(folded.leet) / 2;
  d[k++] = log1pCount(folded.joined / 4) / 2;
  d[k++] = log1pCount(folded.flood) / 2;
  k = views === undefined ? structureInto(raw, folded.text, d, k) : structureInto(raw, folded.text, d, k, views.charCounts(raw), views.words(folded.text));
  const doc = channel === 'document' ? 1 : 0;
  d[k++] = doc;
  for (const i of DOCUMENT_INTENT_INDEX) d[k++] = doc * log1pCount(intents[i]!);
  // Who the data's sentences address: read in documents only, where an order to the assistant is the attack.
  if (doc === 1) k = addresseeInto(raw, folded.text, d, k);
  else for (let n = 0; n < ADDRESSEE_NAMES.length; n++) d[k++] = 0;
  return d;
}

/**
 * The learned model's input for one text: hashed character and word n-grams of the folded text
 * and the dense features (rule logit and reasons, multilingual intents, disguises undone,
 * structure, channel). Exported as `injectionFeatures` for training and analysis; the
 * training script (`packages/core/scripts/train-shield/`) calls it on the built package, so the
 * model is trained on exactly what the scanner computes.
 *
 * @example
 * ```ts
 * import { injectionFeatures, scanInjection } from '@distill-guard/core';
 * const input = injectionFeatures('Ignore the above', { channel: 'user' });
 * input.dense.length; // DENSE_NAMES.length
 * ```
 *
 * `dense`, when given, receives the dense features instead of a new array: the scorer passes one
 * it reuses for every text, since it reads them at once (`inputLogit`). `views`, when given, are
 * what a long user text and its pieces read off one pass over the whole (`long-text-views.ts`):
 * the same values as computed directly. `text` may be the `ScannedText` the rule view was read
 * from: the fold then reads the normalisation the rules computed.
 */
export function modelInput(text: string | ScannedText, rule: RuleView, channel: Channel, hashTarget: HashTarget, dense?: Float64Array, views?: TextViews): ModelInput {
  const raw = typeof text === 'string' ? text : text.raw;
  const folded = foldText(text);
  const intents = countIntents(folded.text);
  const hashed = views !== undefined ? views.hashed(folded.text, hashTarget) : hashFeatures(folded.text, 0, folded.text.length, channel === 'document', hashTarget);
  return { hashed, dense: denseFeatures(raw, folded, intents, rule, channel, dense, views), intents };
}

import { hashTag, storeKey, vectorKey } from '../store/index.js';
import { A } from './schema.js';

/** Key of an identity's persisted verdict (a hash: verdict, score, at, reasons, cluster). */
export function verdictKey(id: string): string {
  return storeKey('det', 'verdict', hashTag(id));
}

/**
 * The keys holding an account's detector state in a shared store: its vector (beside its
 * identity's row, on the same slot; the row holds its limits, which a reset leaves alone, see
 * `forgetSharedAccount`) and its persisted verdict. Groups and the population are shared vectors
 * in shard hashes (`dg:det:v1:{g<n>}`, `dg:det:v1:{pop}`).
 *
 * @example
 * ```ts
 * const [vector, verdict] = detectorAccountKeys('u_1842');
 * ```
 */
export function detectorAccountKeys(id: string): string[] {
  return [vectorKey(id, A.size), verdictKey(id)];
}

import { hashTag, rowKey, storeKey } from '../store/index.js';

/** Key of an identity's persisted verdict (a hash: verdict, score, at, reasons, cluster). */
export function verdictKey(id: string): string {
  return storeKey('det', 'verdict', hashTag(id));
}

/**
 * The keys holding an account's detector state in a shared store: its identity's row (whose
 * packed vector is the account's state; the row also holds its limits, so a reset clears the
 * vector only, see `forgetSharedAccount`) and its persisted verdict. Groups and the population
 * are shared vectors in shard hashes (`dg:det:v1:{g<n>}`, `dg:det:v1:{pop}`).
 *
 * @example
 * ```ts
 * const [row, verdict] = detectorAccountKeys('u_1842');
 * ```
 */
export function detectorAccountKeys(id: string): string[] {
  return [rowKey(id), verdictKey(id)];
}

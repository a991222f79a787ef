import { hashTag, storeKey } from '../store/index.js';

/** Key of an identity's persisted verdict (a hash: verdict, score, at, reasons, cluster). */
export function verdictKey(id: string): string {
  return storeKey('det', 'verdict', hashTag(id));
}

/**
 * Detector state keys. Every key of one account carries its hash tag (one Redis Cluster slot).
 * The account, group and population vectors are versioned (`a2`, `g2`, `pop2`): their field
 * numbers changed with the provenance and answer evidence, and an old vector must not be read
 * with the new layout.
 */
export const accountKey = (id: string) => storeKey('det', 'a2', hashTag(id));
export const bitsKey = (id: string) => storeKey('det', 'j2', hashTag(id));
export const hourKey = (id: string, hour: number) => storeKey('det', 'h', hashTag(id), String(hour));
export const groupKey = (gid: string) => storeKey('det', 'g2', hashTag(gid));
export const POP_KEY = storeKey('det', 'pop2');

/**
 * An account's detector state in a shared store (its counters, group joins and persisted
 * verdict): what a reset deletes. Hour counters are left to expire on their own.
 *
 * @example
 * ```ts
 * // Forget what the detector learnt about an identity, as `guard.unflag` does.
 * await store.exec(detectorAccountKeys('u_1842').map((key) => ({ op: 'del', key })));
 * ```
 */
export function detectorAccountKeys(id: string): string[] {
  return [accountKey(id), bitsKey(id), verdictKey(id)];
}

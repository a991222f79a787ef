import { RedisStore, type Store } from '../store/index.js';
import { verdictKey } from './keys.js';
import { forgetSharedAccount } from './shared-state.js';

/**
 * Forgets what the detector learnt about an identity in a store: on Redis its state in its row
 * and its persisted verdict (its limits stay), in memory its verdict (the state itself lives in
 * the detector: use `guard.unflag`). What `guard.unflag` and `distill-guard flagged remove` do.
 *
 * @example
 * ```ts
 * await resetDetectorState(redisStore(redis), 'u_1842');
 * ```
 */
export async function resetDetectorState(store: Store, id: string): Promise<void> {
  if (store instanceof RedisStore) await forgetSharedAccount(store, id);
  else await store.exec([{ op: 'del', key: verdictKey(id) }]);
}

import { basicValidation } from './basic-validation.js';
import { GuardEmitter } from './events.js';
import { Guard, type GuardParts } from './guard.js';
import { parseOptions, type GuardOptions } from './options.js';

/**
 * Creates a guard. Options are validated once, here: an unknown or mistyped option throws an
 * `OptionsError` naming it; a risky-but-legal setup logs one coded warning.
 *
 * @example
 * ```ts
 * import { createGuard, redisStore } from '@distill-guard/core';
 * const guard = createGuard({ store: redisStore(redis), onStoreError: 'open', limits: { costUsd: { limit: 5, window: '1d' } } });
 * const decision = await guard.check(request);
 * ```
 */
export function createGuard(options: GuardOptions = {}): Guard {
  const resolved = parseOptions(options);
  const emitter = new GuardEmitter(resolved.logger);
  const parts: GuardParts = {
    validate: basicValidation,
    injectionPolicy: 'off',
    closers: [],
  };
  return new Guard(resolved, parts, emitter);
}

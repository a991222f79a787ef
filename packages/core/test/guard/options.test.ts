import { describe, expect, it } from 'vitest';
import { createGuard, OptionsError, redisStore } from '../../src/internal.js';
import { memoryLogger } from '../helpers.js';

describe('createGuard options', () => {
  it('throws naming an unknown top-level option and suggests the right one', () => {
    expect(() => createGuard({ limts: {} } as never)).toThrow(OptionsError);
    expect(() => createGuard({ limts: {} } as never)).toThrow(/option `limts` is not a known option \(did you mean `limits`\?\)/);
  });

  it('throws naming a nested option with the wrong type or range', () => {
    const err = (() => {
      try {
        createGuard({ limits: { requests: { limit: -1, window: '1m' } } });
      } catch (e) {
        return e as OptionsError;
      }
    })();
    expect(err).toBeInstanceOf(OptionsError);
    expect(err?.option).toBe('limits.requests.limit');
    expect(() => createGuard({ limits: { requests: { limit: 5, window: '1 fortnight' as never } } })).toThrow(/limits\.requests\.window/);
    expect(() => createGuard({ mode: 'watch' as never })).toThrow(/`mode` must be one of 'enforce', 'monitor'/);
    expect(() => createGuard({ onStoreError: true as never })).toThrow(/onStoreError/);
    expect(() => createGuard({ trustProxy: ['not-an-ip'] })).toThrow(/trustProxy\.0/);
    expect(() => createGuard({ store: {} as never })).toThrow(/`store` must be memoryStore/);
    expect(() => createGuard({ apiKeys: { keys: [{ id: 'k', hash: 'plain-key' }] } })).toThrow(/apiKeys\.keys\.0\.hash/);
  });

  it('warns once per code for a risky but legal setup, and can be silenced', () => {
    const logger = memoryLogger();
    createGuard({ limits: false, logger });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/DG_LIMITS_DISABLED/);
    const quiet = memoryLogger();
    createGuard({ limits: false, logger: quiet, warnings: { DG_LIMITS_DISABLED: false } });
    expect(quiet.warnings).toHaveLength(0);
  });

  it('warns when a Redis store has no explicit onStoreError', () => {
    const logger = memoryLogger();
    const fakeClient = { status: 'ready', pipeline: () => ({}), defineCommand: () => undefined, quit: async () => 'OK' };
    createGuard({ store: redisStore(fakeClient as never), logger });
    expect(logger.warnings.join('\n')).toMatch(/DG_STORE_ERROR_POLICY_DEFAULT/);
    const explicit = memoryLogger();
    createGuard({ store: redisStore(fakeClient as never), onStoreError: 'closed', logger: explicit });
    expect(explicit.warnings.join('\n')).not.toMatch(/DG_STORE_ERROR_POLICY_DEFAULT/);
  });

  it('accepts limit windows as seconds or unit strings and lists every policy', () => {
    const guard = createGuard({ limits: { requests: [{ limit: 10, window: 60 }, { limit: 1000, window: '1d' }], tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } });
    expect(guard.limits.specs.map((s) => s.policy)).toEqual(['requests-1m', 'requests-1d']);
  });
});

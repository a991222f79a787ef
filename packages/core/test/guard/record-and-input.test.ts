import { describe, expect, it } from 'vitest';
import { createGuard } from '../../src/internal.js';
import { chatRequest } from '../helpers.js';

const limits = (tokens: boolean) => ({
  requests: { limit: 100, window: '1m' as const },
  tokens: tokens ? { limit: 1_000_000, window: '1h' as const } : (false as const),
  costUsd: false as const,
  outputTokens: false as const,
  concurrency: false as const,
  perIp: false as const,
});

describe('the guard skips the input estimate only when no limit reads it', () => {
  it('knows which limits read the input', () => {
    expect(createGuard({ limits: limits(false), warnings: false }).limits.readsInput).toBe(false);
    expect(createGuard({ limits: limits(true), warnings: false }).limits.readsInput).toBe(true);
    expect(createGuard({ limits: false, warnings: false }).limits.readsInput).toBe(false);
  });

  it('still takes the estimate from a token budget', async () => {
    const guard = createGuard({ limits: limits(true), shield: false, detector: false, warnings: false });
    const d = await guard.check(chatRequest({ user: 'u1' }));
    const tokens = d.limits.find((l) => l.unit === 'tokens')!;
    // max_tokens and an estimate of the input, both taken.
    expect(tokens.remaining).toBeLessThan(1_000_000 - 256);
  });
});

describe('guard.record', () => {
  it('returns a Promise, settles once and announces the outcome', async () => {
    const guard = createGuard({ limits: limits(true), warnings: false });
    const outcomes: number[] = [];
    guard.on('outcome', (e) => outcomes.push(e.costUsd));
    const d = await guard.check(chatRequest({ user: 'u2' }));
    expect(guard.pending).toBe(1);
    const recorded = guard.record(d, { status: 200, usage: { input_tokens: 10, output_tokens: 20 } });
    expect(recorded).toBeInstanceOf(Promise);
    await recorded;
    expect(guard.pending).toBe(0);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toBeGreaterThan(0);
    await guard.record(d, { status: 200, usage: { input_tokens: 10, output_tokens: 20 } });
    expect(guard.pending).toBe(0);
    await guard.close();
  });

  it('rejects rather than throws on a bad outcome', async () => {
    const guard = createGuard({ limits: limits(true), warnings: false });
    const d = await guard.check(chatRequest({ user: 'u3' }));
    const recorded = guard.record(d, null as never);
    await expect(recorded).rejects.toThrow();
    await guard.close();
  });
});

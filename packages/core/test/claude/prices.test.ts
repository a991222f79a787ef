import { describe, expect, it } from 'vitest';
import { createGuard, DEFAULT_PRICES, estimateInputTokens, OptionsError, parsePrices, Prices, type Usage } from '../../src/internal.js';
import { chatRequest, memoryLogger, messagesBody } from '../helpers.js';

const prices = new Prices(DEFAULT_PRICES);
const usage = (input_tokens: number, output_tokens: number, write = 0, read = 0): Usage => ({
  input_tokens,
  output_tokens,
  cache_creation_input_tokens: write,
  cache_read_input_tokens: read,
});
/** The highest rates of the built-in table: Opus 4 / 4.1. */
const HIGHEST = { input: 15, output: 75, cacheWrite: 18.75, cacheWrite1h: 30, cacheRead: 1.5 };

function optionError(run: () => unknown): OptionsError {
  try {
    run();
  } catch (e) {
    if (e instanceof OptionsError) return e;
    throw e;
  }
  throw new Error('expected an OptionsError');
}

describe('model matching', () => {
  it('prices an exact id and its dated snapshots, API and Vertex style', () => {
    const haiku = prices.of('claude-haiku-5-5');
    expect(haiku).toMatchObject({ input: 0.1, output: 0.5 });
    expect(prices.of('claude-haiku-5-5-20261007')).toBe(haiku);
    expect(prices.of('claude-haiku-5-5@20261007')).toBe(haiku);
    expect(prices.of('claude-sonnet-4-5-20250929')).toMatchObject({ input: 3, output: 15 });
    expect(prices.of('claude-opus-4-20250514')).toMatchObject({ input: 15, output: 75 });
  });

  it('never prices a newer model by an older id that is its prefix', () => {
    expect(prices.of('claude-opus-4-8')).toMatchObject({ input: 5, output: 25 });
    expect(prices.of('claude-opus-4-8-20260601')).toMatchObject({ input: 5, output: 25 });
    expect(prices.of('claude-opus-4-1')).toMatchObject({ input: 15, output: 75 });
    // A table that only knows Sonnet 5 does not lend its price to Sonnet 5.5.
    const onlySonnet5 = new Prices({ 'claude-sonnet-5': { input: 2, output: 10 }, 'claude-opus-4': { input: 15, output: 75 } });
    expect(onlySonnet5.has('claude-sonnet-5')).toBe(true);
    expect(onlySonnet5.has('claude-sonnet-5-5')).toBe(false);
    expect(onlySonnet5.of('claude-sonnet-5-5')).toMatchObject({ input: 15, output: 75 });
  });

  it('treats anything but an 8-digit snapshot date as a different, unknown model', () => {
    for (const id of ['claude-haiku-5-5-latest', 'claude-haiku-5-5-2026', 'claude-haiku-5-5-202610071', 'anthropic.claude-haiku-5-5-v1:0', 'claude-haiku']) {
      expect(prices.has(id), id).toBe(false);
      expect(prices.of(id), id).toMatchObject(HIGHEST);
    }
  });

  it('knows the current lineup and every model id the SDK lists', () => {
    for (const id of ['claude-fable-5-2', 'claude-mythos-5-2', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-1', 'claude-mythos-5-1',
      'claude-sonnet-5', 'claude-fable-5', 'claude-mythos-5', 'claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-sonnet-4-6',
      'claude-haiku-4-5', 'claude-haiku-4-5-20251001', 'claude-opus-4-5', 'claude-opus-4-5-20251101', 'claude-sonnet-4-5', 'claude-sonnet-4-5-20250929']) {
      expect(prices.has(id), id).toBe(true);
    }
    expect(prices.of('claude-fable-5-2')).toMatchObject({ input: 8, output: 40 });
    expect(prices.of('claude-sonnet-5-5')).toMatchObject({ input: 2, output: 10 });
  });

  it('answers repeated lookups from its cache', () => {
    const p = new Prices(DEFAULT_PRICES);
    const first = p.of('claude-sonnet-5-5-20260928');
    expect(p.of('claude-sonnet-5-5-20260928')).toBe(first);
    expect(p.of('claude-unknown-9')).toBe(p.unknownModel);
  });
});

describe('cache prices', () => {
  it('uses per-model cache rates where the price list has them', () => {
    // Fable 5.1: reads at 0.025 × input.
    expect(prices.cost('claude-fable-5-1', usage(0, 0, 0, 1_000_000))).toBeCloseTo(0.25, 10);
    expect(prices.cost('claude-fable-5', usage(0, 0, 0, 1_000_000))).toBeCloseTo(1, 10);
    // Opus 5.5: reads at 0.05 × input, writes at 1.25 ×.
    expect(prices.cost('claude-opus-5-5', usage(0, 0, 1_000_000, 1_000_000))).toBeCloseTo(5 + 0.2, 10);
  });

  it('defaults cache writes to 1.25 × and reads to 0.1 × input', () => {
    expect(prices.of('claude-opus-4-8')).toMatchObject({ cacheWrite: 6.25, cacheRead: 0.5 });
    expect(prices.of('claude-fable-5-2')).toMatchObject({ cacheWrite: 10, cacheRead: 0.8 });
    const custom = parsePrices({ 'my-model': { input: 4, output: 8 } }, 'prices');
    expect(custom.of('my-model')).toMatchObject({ cacheWrite: 5, cacheRead: 0.4 });
  });

  it('defaults 1-hour cache writes to 2 × input, per band, unless the entry sets cacheWrite1h', () => {
    expect(prices.of('claude-sonnet-5-5')).toMatchObject({ cacheWrite: 2.5, cacheWrite1h: 4 });
    expect(prices.rates('claude-haiku-5-5', 150_000)).toMatchObject({ cacheWrite: 0.625, cacheWrite1h: 1 });
    const custom = parsePrices({ 'my-model': { input: 4, output: 8, cacheWrite1h: 6, longContext: { above: 10, input: 8, output: 16 } } }, 'prices');
    expect(custom.of('my-model')).toMatchObject({ cacheWrite: 5, cacheWrite1h: 6 });
    expect(custom.rates('my-model', 11)).toMatchObject({ cacheWrite: 10, cacheWrite1h: 16 });
  });

  it('prices the 1-hour cache writes a reply reports at the 1-hour rate, the rest at the 5-minute one', () => {
    // Sonnet 5.5: 3k written, 1k of them with the 1-hour TTL.
    const mixed: Usage = { ...usage(1_000, 2_000, 3_000, 4_000), cache_creation: { ephemeral_5m_input_tokens: 2_000, ephemeral_1h_input_tokens: 1_000 } };
    expect(prices.cost('claude-sonnet-5-5', mixed)).toBeCloseTo((1_000 * 2 + 2_000 * 10 + 2_000 * 2.5 + 1_000 * 4 + 4_000 * 0.2) / 1e6, 12);
    // A breakdown that claims more 1-hour writes than were written is held to the total.
    const overstated: Usage = { ...usage(0, 0, 1_000), cache_creation: { ephemeral_1h_input_tokens: 5_000 } };
    expect(prices.cost('claude-sonnet-5-5', overstated)).toBeCloseTo((1_000 * 4) / 1e6, 12);
    // No breakdown: every write at the 5-minute rate, as before the API reported TTLs.
    expect(prices.cost('claude-sonnet-5-5', usage(0, 0, 1_000))).toBeCloseTo((1_000 * 2.5) / 1e6, 12);
  });

  it('reserves input at the 1-hour write rate only for a request that asks for it', () => {
    expect(prices.maxInputCost('claude-sonnet-5-5', 10_000)).toBeCloseTo((10_000 * 2.5) / 1e6, 12);
    expect(prices.maxInputCost('claude-sonnet-5-5', 10_000, true)).toBeCloseTo((10_000 * 4) / 1e6, 12);
    expect(prices.maxCost('claude-sonnet-5-5', 10_000, 100, true)).toBeCloseTo((10_000 * 4 + 100 * 10) / 1e6, 12);
  });

  it('adds up every kind of token at its own rate', () => {
    // Sonnet 5.5: 1k input, 2k output, 3k cache write, 4k cache read.
    expect(prices.cost('claude-sonnet-5-5', usage(1_000, 2_000, 3_000, 4_000))).toBeCloseTo((1_000 * 2 + 2_000 * 10 + 3_000 * 2.5 + 4_000 * 0.2) / 1e6, 12);
  });
});

describe('long-context tiers', () => {
  it('charges Haiku 5.5 its base rates up to 100,000 prompt tokens and the higher band above', () => {
    expect(prices.cost('claude-haiku-5-5', usage(100_000, 1_000))).toBeCloseTo((100_000 * 0.1 + 1_000 * 0.5) / 1e6, 12);
    // One token more and every token, output included, moves to the higher band.
    expect(prices.cost('claude-haiku-5-5', usage(100_001, 1_000))).toBeCloseTo((100_001 * 0.5 + 1_000 * 2.5) / 1e6, 12);
  });

  it('counts cache writes and reads in the prompt that picks the band', () => {
    // 10 fresh tokens but a 150k-token cached prefix: a long prompt.
    const cost = prices.cost('claude-haiku-5-5', usage(10, 100, 50_000, 100_000));
    expect(cost).toBeCloseTo((10 * 0.5 + 100 * 2.5 + 50_000 * 0.625 + 100_000 * 0.05) / 1e6, 12);
    expect(prices.rates('claude-haiku-5-5', 90_000)).toMatchObject({ input: 0.1, cacheRead: 0.01 });
    expect(prices.rates('claude-haiku-5-5', 150_000)).toMatchObject({ input: 0.5, cacheRead: 0.05 });
  });

  it('prices Sonnet 4.5 prompts above 200K tokens at $6 / $22.50, cache included', () => {
    expect(prices.cost('claude-sonnet-4-5-20250929', usage(200_000, 0))).toBeCloseTo(0.6, 12);
    expect(prices.cost('claude-sonnet-4-5-20250929', usage(200_001, 1_000_000))).toBeCloseTo((200_001 * 6) / 1e6 + 22.5, 9);
    expect(prices.rates('claude-sonnet-4', 300_000)).toMatchObject({ input: 6, output: 22.5, cacheWrite: 7.5, cacheRead: 0.6 });
  });

  it('chooses the band of the estimates by the estimated input tokens', () => {
    expect(prices.outputTokenCost('claude-haiku-5-5', 99_999)).toBeCloseTo(0.5 / 1e6, 15);
    expect(prices.outputTokenCost('claude-haiku-5-5', 100_001)).toBeCloseTo(2.5 / 1e6, 15);
    // The input estimate assumes the worst of uncached input and cache write.
    expect(prices.maxInputCost('claude-haiku-5-5', 100_000)).toBeCloseTo((100_000 * 0.125) / 1e6, 12);
    expect(prices.maxInputCost('claude-haiku-5-5', 200_000)).toBeCloseTo((200_000 * 0.625) / 1e6, 12);
    expect(prices.maxCost('claude-haiku-5-5', 50_000, 4_096)).toBeCloseTo((50_000 * 0.125 + 4_096 * 0.5) / 1e6, 12);
    expect(prices.maxCost('claude-haiku-5-5', 150_000, 4_096)).toBeCloseTo((150_000 * 0.625 + 4_096 * 2.5) / 1e6, 12);
  });
});

describe('unknown models', () => {
  it('are priced at the highest rate of each kind in the table, never mid-tier', () => {
    expect(prices.unknownModel).toEqual(HIGHEST);
    expect(prices.cost('claude-nova-7', usage(1_000_000, 1_000_000))).toBeCloseTo(15 + 75, 9);
    expect(prices.of('default')).toEqual(HIGHEST);
  });

  it('cost at least as much as any listed model, on every band and token kind', () => {
    const shapes = [usage(1_000, 1_000), usage(10, 10, 5_000, 0), usage(10, 10, 0, 5_000), usage(300_000, 1_000, 20_000, 50_000)];
    for (const model of Object.keys(DEFAULT_PRICES)) {
      for (const u of shapes) expect(prices.cost('claude-nova-7', u), model).toBeGreaterThanOrEqual(prices.cost(model, u));
      expect(prices.maxCost('claude-nova-7', 250_000, 4_096), model).toBeGreaterThanOrEqual(prices.maxCost(model, 250_000, 4_096));
    }
  });

  it('follow the most expensive entry a user adds, or an explicit default', () => {
    const pricier = parsePrices({ 'my-frontier': { input: 30, output: 150 } }, 'prices');
    expect(pricier.unknownModel).toMatchObject({ input: 30, output: 150, cacheWrite: 37.5, cacheRead: 3 });
    const explicit = parsePrices({ default: { input: 3, output: 15 } }, 'prices');
    expect(explicit.unknownFromDefault).toBe(true);
    expect(explicit.of('claude-nova-7')).toMatchObject({ input: 3, output: 15 });
    expect(explicit.has('default')).toBe(false);
    expect(new Prices(DEFAULT_PRICES).unknownFromDefault).toBe(false);
  });

  it('reserve an unknown model at no less than the dearest current model would cost', () => {
    // A $50/MTok-output model the table does not know, reserved at the $75 ceiling: never under-counted.
    const body = messagesBody({ model: 'claude-nova-7', max_tokens: 4_000 });
    expect(prices.maxCost(body.model, estimateInputTokens(body), 4_000)).toBeGreaterThanOrEqual((estimateInputTokens(body) * 10 + 4_000 * 50) / 1e6);
  });
});

describe('user prices', () => {
  it('merge over the defaults: an entry replaces the built-in one whole, the rest stay', () => {
    const p = parsePrices({ 'claude-haiku-5-5': { input: 1, output: 2 }, 'my-proxy-model': { input: 6, output: 30, cacheRead: 0.3 } }, 'prices');
    expect(p.of('claude-haiku-5-5')).toEqual({ input: 1, output: 2, cacheWrite: 1.25, cacheWrite1h: 2, cacheRead: 0.1 });
    expect(p.rates('claude-haiku-5-5', 500_000)).toMatchObject({ input: 1, output: 2 }); // no tier any more
    expect(p.of('my-proxy-model-20261201')).toMatchObject({ input: 6, output: 30, cacheRead: 0.3 });
    expect(p.of('claude-opus-5-5')).toEqual(prices.of('claude-opus-5-5'));
    expect(DEFAULT_PRICES['claude-haiku-5-5']?.input).toBe(0.1);
  });

  it('accept a long-context band, with cache rates defaulting from the band', () => {
    const p = parsePrices({ 'my-model': { input: 1, output: 4, longContext: { above: 1_000, input: 2, output: 8 } } }, 'prices');
    expect(p.rates('my-model', 1_000)).toMatchObject({ input: 1, output: 4 });
    expect(p.rates('my-model', 1_001)).toMatchObject({ input: 2, output: 8, cacheWrite: 2.5, cacheRead: 0.2 });
  });

  it('reach the guard through the prices option', () => {
    const guard = createGuard({ warnings: false, prices: { 'claude-sonnet-5-5': { input: 2, output: 10, cacheRead: 0.1 } } });
    expect(guard.options.prices.of('claude-sonnet-5-5').cacheRead).toBe(0.1);
    expect(guard.options.prices.of('claude-fable-5-1').cacheRead).toBe(0.25);
  });
});

describe('prices validation', () => {
  const cases: Array<[unknown, string, RegExp]> = [
    ['cheap', 'prices', /must be an object of model id/],
    [{ m: 3 }, 'prices.m', /must be an object/],
    [{ m: { output: 1 } }, 'prices.m.input', /must be a number/],
    [{ m: { input: 1, output: -1 } }, 'prices.m.output', /must be >= 0/],
    [{ m: { input: 1, output: 1, cacheRead: '0.1' } }, 'prices.m.cacheRead', /must be a number/],
    [{ m: { input: 1, output: 1, cacheWrite1h: -2 } }, 'prices.m.cacheWrite1h', /must be >= 0/],
    [{ m: { input: 1, output: 1, cacheWrit: 2 } }, 'prices.m.cacheWrit', /did you mean `prices\.m\.cacheWrite`/],
    [{ m: { input: 1, output: 1, longContext: 200_000 } }, 'prices.m.longContext', /must be an object/],
    [{ m: { input: 1, output: 1, longContext: { input: 2, output: 2 } } }, 'prices.m.longContext.above', /must be a number/],
    [{ m: { input: 1, output: 1, longContext: { above: 0, input: 2, output: 2 } } }, 'prices.m.longContext.above', /must be >= 1/],
    [{ m: { input: 1, output: 1, longContext: { above: 1.5, input: 2, output: 2 } } }, 'prices.m.longContext.above', /must be an integer/],
    [{ m: { input: 1, output: 1, longContext: { above: 10, input: 2 } } }, 'prices.m.longContext.output', /must be a number/],
    [{ m: { input: 1, output: 1, longContext: { above: 10, input: 2, output: 2, cacheRead: -1 } } }, 'prices.m.longContext.cacheRead', /must be >= 0/],
    [{ m: { input: 1, output: 1, longContext: { abve: 10, input: 2, output: 2 } } }, 'prices.m.longContext.abve', /did you mean `prices\.m\.longContext\.above`/],
  ];

  it.each(cases)('refuses %j naming %s', (value, option, message) => {
    const err = optionError(() => createGuard({ warnings: false, prices: value as never }));
    expect(err.option).toBe(option);
    expect(err.message).toMatch(message);
  });
});

describe('DG_UNPRICED_MODEL', () => {
  const guardWith = (models: string[], extra: Parameters<typeof createGuard>[0] = {}) => {
    const logger = memoryLogger();
    createGuard({ logger, shield: { request: { models } }, ...extra });
    return logger.warnings.filter((w) => w.includes('DG_UNPRICED_MODEL'));
  };

  it('names each allowed model without a price and says what it will cost', () => {
    const warnings = guardWith(['claude-haiku-5-5', 'claude-nova-7', 'claude-opus-4-8-preview']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("'claude-nova-7'");
    expect(warnings[0]).toContain("'claude-opus-4-8-preview'");
    expect(warnings[0]).not.toContain("'claude-haiku-5-5'");
    expect(warnings[0]).toMatch(/most expensive rate in the price table \(\$15 input \/ \$75 output per million tokens\) unless `prices` lists them/);
    expect(warnings[0]).toMatch(/docs\/warnings\.md#dg_unpriced_model/);
  });

  it('stays quiet when every allowed model is priced, snapshots and user entries included', () => {
    expect(guardWith(['claude-sonnet-5-5', 'claude-haiku-5-5-20261007', 'claude-opus-5-5@20260923'])).toEqual([]);
    expect(guardWith(['claude-nova-7'], { prices: { 'claude-nova-7': { input: 1, output: 5 } } })).toEqual([]);
    const logger = memoryLogger();
    createGuard({ logger });
    expect(logger.warnings.join('\n')).not.toMatch(/DG_UNPRICED_MODEL/);
  });

  it('says when prices.default is used instead, and can be silenced', () => {
    const [warning] = guardWith(['claude-nova-7'], { prices: { default: { input: 3, output: 15 } } });
    expect(warning).toMatch(/price it at prices\.default \(\$3 input \/ \$15 output per million tokens\) unless `prices` lists it/);
    expect(guardWith(['claude-nova-7'], { warnings: { DG_UNPRICED_MODEL: false } })).toEqual([]);
  });
});

describe('budgets with the new prices', () => {
  const costOnly = (limit: number) => ({ requests: false as const, tokens: false as const, costUsd: { limit, window: '1d' as const }, outputTokens: false as const, concurrency: false as const, perIp: false as const });
  const spentMicros = (d: { limits: readonly { unit: string; limit: number; remaining: number }[] }) => {
    const cost = d.limits.find((l) => l.unit === 'usd-micros')!;
    return cost.limit - cost.remaining;
  };

  it('reserves a Fable request at Fable prices and reconciles with its real cost', async () => {
    const guard = createGuard({ warnings: false, limits: costOnly(10) });
    const body = messagesBody({ model: 'claude-fable-5-1', max_tokens: 1_000 });
    const d = await guard.check(chatRequest({ user: 'f', body }));
    const input = estimateInputTokens(body);
    expect(spentMicros(d)).toBe(Math.ceil(((input * 12.5 + 1_000 * 50) / 1e6) * 1e6));
    await guard.record(d, { status: 200, model: 'claude-fable-5-1', usage: usage(20, 1_000, 0, 100_000) });
    const next = await guard.check(chatRequest({ user: 'f', body: messagesBody({ model: 'claude-fable-5-1', max_tokens: 1 }) }));
    // $0.0002 input + $0.05 output + $0.025 cache reads (at 0.025 ×), then the next reservation.
    expect(spentMicros(next)).toBeGreaterThanOrEqual(75_200);
    expect(spentMicros(next)).toBeLessThan(75_200 + 1_000);
  });

  it('reconciles a long Haiku 5.5 prompt at the higher band', async () => {
    const guard = createGuard({ warnings: false, limits: costOnly(10) });
    const d = await guard.check(chatRequest({ user: 'h', body: messagesBody({ model: 'claude-haiku-5-5', max_tokens: 100 }) }));
    await guard.record(d, { status: 200, model: 'claude-haiku-5-5', usage: usage(150_000, 1_000) });
    const next = await guard.check(chatRequest({ user: 'h', body: messagesBody({ model: 'claude-haiku-5-5', max_tokens: 1 }) }));
    // 150k × $0.50 + 1k × $2.50 = $0.0775 (the base band would have been $0.0155).
    expect(spentMicros(next)).toBeGreaterThanOrEqual(77_500);
    expect(spentMicros(next)).toBeLessThan(77_600);
  });
});

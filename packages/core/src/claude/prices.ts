import { OptionsError } from '../errors/index.js';
import type { Usage } from '../decision/index.js';
import { expectNumber, expectObject, isPlainObject } from '../options/validate.js';

/** The rates of one price band, USD per million tokens. */
export interface PriceRates {
  input: number;
  output: number;
  /** Writing the prompt cache (5-minute TTL). Default 1.25 × input. */
  cacheWrite?: number;
  /** Writing the prompt cache with the 1-hour TTL (`cache_control: { ttl: '1h' }`). Default 2 × input. */
  cacheWrite1h?: number;
  /** Reading the prompt cache. Default 0.1 × input. */
  cacheRead?: number;
}

/**
 * A higher band for long prompts. A request whose prompt (input + cache write + cache read
 * tokens) is above `above` tokens pays these rates on every token, output included; its
 * `cacheWrite` / `cacheWrite1h` / `cacheRead` default to 1.25 × / 2 × / 0.1 × this band's `input`.
 */
export interface LongContextPrice extends PriceRates {
  above: number;
}

/**
 * A model's price, USD per million tokens.
 *
 * @example
 * ```ts
 * const haiku: ModelPrice = {
 *   input: 0.1, output: 0.5, cacheRead: 0.01,
 *   longContext: { above: 100_000, input: 0.5, output: 2.5, cacheRead: 0.05 },
 * };
 * ```
 */
export interface ModelPrice extends PriceRates {
  /** Long-context (tiered) pricing, for models that have it. */
  longContext?: LongContextPrice;
}

/**
 * Prices by model id. An entry matches its exact id and its dated snapshots
 * (`claude-sonnet-4-5` matches `claude-sonnet-4-5-20250929` and Vertex's
 * `claude-sonnet-4-5@20250929`), nothing else: `claude-opus-4` does not match `claude-opus-4-8`.
 * The key `default`, if you set it, prices models the table does not list.
 */
export type PriceTable = Record<string, ModelPrice>;

/**
 * Anthropic list prices (USD per million tokens), read from the official pages on 2026-12-03:
 * https://platform.claude.com/docs/en/about-claude/pricing ("Model pricing", long-context
 * pricing), https://platform.claude.com/docs/en/about-claude/models/overview and the per-model
 * pages (`…/docs/en/models/<model>/overview`). Override or extend them with the `prices` option.
 *
 * A model not listed here (and not a dated snapshot of one) is priced at the highest rate of each
 * kind in the table, today Claude Opus 4 / 4.1's $15 input / $75 output, so that a budget never
 * under-counts a model this release does not know. The guard warns at start-up
 * (`DG_UNPRICED_MODEL`) when the shield's model allowlist names such a model.
 *
 * @example
 * ```ts
 * DEFAULT_PRICES['claude-sonnet-5-5']; // { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 }
 * createGuard({ prices: { 'claude-sonnet-5-5': { input: 2, output: 10, cacheRead: 0.1 } } });
 * ```
 */
export const DEFAULT_PRICES: Readonly<PriceTable> = Object.freeze({
  // The current lineup, from the newest models-overview snapshot found (the one that lists
  // Claude Fable 5.2, released 2026-11-09). The pricing-page snapshot found is older (about
  // 2026-09, before Opus 5.5) and has no Fable 5.2 row; where they differ the overview wins.
  // Fable 5.2 / Mythos 5.2: $8 / $40 from the overview. No official page found gives their cache
  // prices (third-party pages say $10 write, $0.20 read), so they keep the standard 1.25 × / 0.1 ×,
  // above the discounted rates reported for them: an over-count until verified, not an under-count.
  'claude-fable-5-2': { input: 8, output: 40 },
  'claude-mythos-5-2': { input: 8, output: 40 },
  // https://platform.claude.com/docs/en/models/opus-5-5/overview: cache reads 0.05 × input.
  'claude-opus-5-5': { input: 4, output: 20, cacheWrite: 5, cacheRead: 0.2 },
  // https://platform.claude.com/docs/en/models/sonnet-5-5/overview lists a $0.20 cache read.
  // Third-party pages report a cut to $0.10 on 2026-10-07 that no official snapshot found shows;
  // we keep the official (higher) figure until one does.
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  // https://platform.claude.com/docs/en/models/haiku-5-5/overview: "$0.10 / MTok for prompts up
  // to 100,000 tokens, $0.50 / MTok for prompts over 100,000 tokens", and so on for each rate.
  'claude-haiku-5-5': {
    input: 0.1,
    output: 0.5,
    cacheWrite: 0.125,
    cacheRead: 0.01,
    longContext: { above: 100_000, input: 0.5, output: 2.5, cacheWrite: 0.625, cacheRead: 0.05 },
  },

  // Older models still served (pricing page; Fable 5.1 / Mythos 5.1 cache reads are 0.025 × input).
  'claude-fable-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  'claude-mythos-5-1': { input: 10, output: 50, cacheWrite: 12.5, cacheRead: 0.25 },
  'claude-fable-5': { input: 10, output: 50 },
  'claude-mythos-5': { input: 10, output: 50 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-opus-4-8': { input: 5, output: 25 },
  'claude-opus-4-7': { input: 5, output: 25 },
  'claude-opus-4-6': { input: 5, output: 25 },
  'claude-opus-4-5': { input: 5, output: 25 },
  // https://platform.claude.com/docs/en/models/sonnet-5/overview: $2 / $10. The $3 / $15 that
  // older pages announced from 2026-09-01 is not on the newer (legacy-status) page.
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },

  // Retired on the Claude API, still on some partner platforms (Opus 4.1 on Bedrock and Google
  // Cloud, Opus 4 on Google Cloud) and in old logs that `distill-guard replay` reads.
  // Sonnet 4 / 4.5 with the 1M-token window charged prompts above 200K input tokens $6 / $22.50
  // (cache rates scale with the band: $7.50 write, $0.60 read).
  'claude-sonnet-4-5': { input: 3, output: 15, longContext: { above: 200_000, input: 6, output: 22.5, cacheWrite: 7.5, cacheRead: 0.6 } },
  'claude-sonnet-4': { input: 3, output: 15, longContext: { above: 200_000, input: 6, output: 22.5, cacheWrite: 7.5, cacheRead: 0.6 } },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-haiku': { input: 0.25, output: 1.25, cacheWrite: 0.3, cacheRead: 0.03 },
  // Not listed: claude-mythos-preview (invitation only; no official price found, and Fable 5 was
  // reportedly announced at "less than half" its price, so the unknown-model price may be too low
  // for it). List it in `prices` if you serve it.
});

/** The rates of one band, with cache defaults applied (USD per million tokens). */
export interface ResolvedRates {
  input: number;
  output: number;
  cacheWrite: number;
  cacheWrite1h: number;
  cacheRead: number;
}

/** A {@link ModelPrice} with defaults applied. */
export interface ResolvedPrice extends ResolvedRates {
  longContext?: ResolvedRates & { above: number };
}

/** `-20250929` (Anthropic API) or `@20250929` (Vertex AI): a dated snapshot of a model id. */
const SNAPSHOT = /^(.+)[-@]\d{8}$/;
const CACHE_LIMIT = 1000;

/**
 * Prices requests: exact model id, then the id without its snapshot date, then the unknown-model
 * price (the table's `default` entry if it has one, else its highest rates). Lookups are cached,
 * so the per-request cost is one map read once a model string has been seen.
 *
 * @example
 * ```ts
 * const prices = new Prices(DEFAULT_PRICES);
 * prices.cost('claude-haiku-5-5-20261007', { input_tokens: 1_000, output_tokens: 500 }); // 0.00035
 * prices.has('claude-opus-4-8'); // true, and priced as Opus 4.8, not as Opus 4
 * ```
 */
export class Prices {
  private readonly entries = new Map<string, ResolvedPrice>();
  private readonly unknown: ResolvedPrice;
  private readonly cache = new Map<string, ResolvedPrice>();
  /** Whether unknown models are priced by the table's `default` entry rather than at its highest rates. */
  readonly unknownFromDefault: boolean;

  constructor(table: Readonly<PriceTable>) {
    for (const [model, price] of Object.entries(table)) if (model !== 'default') this.entries.set(model, resolve(price));
    const fallback = table.default;
    this.unknownFromDefault = fallback !== undefined;
    this.unknown = fallback ? resolve(fallback) : ceiling([...this.entries.values()]);
  }

  /** Whether `model` has its own entry (exactly, or as a dated snapshot of one). */
  has(model: string): boolean {
    return this.entry(model) !== undefined;
  }

  /** The price of `model`; the unknown-model price when the table does not list it. */
  of(model: string): ResolvedPrice {
    let hit = this.cache.get(model);
    if (hit) return hit;
    hit = this.entry(model) ?? this.unknown;
    if (this.cache.size < CACHE_LIMIT) this.cache.set(model, hit);
    return hit;
  }

  /** The price of models the table does not list. */
  get unknownModel(): ResolvedPrice {
    return this.unknown;
  }

  /** The band of rates that applies to a request of `model` whose prompt has `promptTokens` tokens. */
  rates(model: string, promptTokens: number): ResolvedRates {
    const p = this.of(model);
    return p.longContext && promptTokens > p.longContext.above ? p.longContext : p;
  }

  /**
   * Cost of real usage, in USD; the band is chosen by the prompt (input + cache write + cache read
   * tokens). Cache writes the usage reports as 1-hour ones (`cache_creation`) pay `cacheWrite1h`,
   * the rest `cacheWrite`.
   */
  cost(model: string, usage: Usage): number {
    const written = usage.cache_creation_input_tokens ?? 0;
    const read = usage.cache_read_input_tokens ?? 0;
    const hour = Math.min(written, usage.cache_creation?.ephemeral_1h_input_tokens ?? 0);
    const r = this.rates(model, usage.input_tokens + written + read);
    return (usage.input_tokens * r.input + usage.output_tokens * r.output + (written - hour) * r.cacheWrite + hour * r.cacheWrite1h + read * r.cacheRead) / 1e6;
  }

  /**
   * Upper estimate of a request's cost before it runs: every input token written to the cache
   * (at the 1-hour rate when `hourCache`, the request asking for it), every allowed output token used.
   */
  maxCost(model: string, inputTokens: number, maxTokens: number, hourCache = false): number {
    return this.maxInputCost(model, inputTokens, hourCache) + maxTokens * this.outputTokenCost(model, inputTokens);
  }

  /**
   * Upper estimate of the input's cost, in USD: as if all of it were written to the cache, at the
   * 1-hour rate when `hourCache` (the request asks for 1-hour caching), else at the 5-minute one.
   */
  maxInputCost(model: string, inputTokens: number, hourCache = false): number {
    const r = this.rates(model, inputTokens);
    return (inputTokens * Math.max(r.input, r.cacheWrite, hourCache ? r.cacheWrite1h : 0)) / 1e6;
  }

  /** Price of one output token, in USD, for a request whose prompt is about `inputTokens` tokens. */
  outputTokenCost(model: string, inputTokens: number): number {
    return this.rates(model, inputTokens).output / 1e6;
  }

  private entry(model: string): ResolvedPrice | undefined {
    const exact = this.entries.get(model);
    if (exact) return exact;
    const base = SNAPSHOT.exec(model)?.[1];
    return base === undefined ? undefined : this.entries.get(base);
  }
}

function rates(p: PriceRates): ResolvedRates {
  return {
    input: p.input,
    output: p.output,
    cacheWrite: p.cacheWrite ?? p.input * 1.25,
    cacheWrite1h: p.cacheWrite1h ?? p.input * 2,
    cacheRead: p.cacheRead ?? p.input * 0.1,
  };
}

function resolve(p: ModelPrice): ResolvedPrice {
  const resolved: ResolvedPrice = rates(p);
  if (p.longContext) resolved.longContext = { above: p.longContext.above, ...rates(p.longContext) };
  return resolved;
}

/** The highest rate of each kind over every entry and band: what an unknown model is charged. */
function ceiling(prices: readonly ResolvedPrice[]): ResolvedPrice {
  const bands = prices.flatMap((p) => (p.longContext ? [p, p.longContext] : [p]));
  if (bands.length === 0) throw new Error('a price table needs at least one model or a `default` entry');
  const max = (key: keyof ResolvedRates): number => Math.max(...bands.map((b) => b[key]));
  return { input: max('input'), output: max('output'), cacheWrite: max('cacheWrite'), cacheWrite1h: max('cacheWrite1h'), cacheRead: max('cacheRead') };
}

const RATE_KEYS = ['input', 'output', 'cacheWrite', 'cacheWrite1h', 'cacheRead'] as const;

function parseRates(path: string, o: Record<string, unknown>): PriceRates {
  const price: PriceRates = {
    input: expectNumber(`${path}.input`, o.input, { min: 0 }),
    output: expectNumber(`${path}.output`, o.output, { min: 0 }),
  };
  if (o.cacheWrite !== undefined) price.cacheWrite = expectNumber(`${path}.cacheWrite`, o.cacheWrite, { min: 0 });
  if (o.cacheWrite1h !== undefined) price.cacheWrite1h = expectNumber(`${path}.cacheWrite1h`, o.cacheWrite1h, { min: 0 });
  if (o.cacheRead !== undefined) price.cacheRead = expectNumber(`${path}.cacheRead`, o.cacheRead, { min: 0 });
  return price;
}

function parseModelPrice(path: string, value: unknown): ModelPrice {
  const o = expectObject(path, value, [...RATE_KEYS, 'longContext']);
  const price: ModelPrice = parseRates(path, o);
  if (o.longContext !== undefined) {
    const lc = expectObject(`${path}.longContext`, o.longContext, ['above', ...RATE_KEYS]);
    const above = expectNumber(`${path}.longContext.above`, lc.above, { min: 1, integer: true });
    price.longContext = { above, ...parseRates(`${path}.longContext`, lc) };
  }
  return price;
}

/**
 * Merges user prices over the defaults and validates each entry. An entry replaces the built-in
 * entry of the same id whole, `longContext` included.
 *
 * @example
 * ```ts
 * parsePrices({ 'my-finetune': { input: 6, output: 30 } }, 'prices').of('my-finetune').input; // 6
 * parsePrices({ 'claude-haiku-5-5': { input: '0.1' } }, 'prices'); // throws OptionsError naming prices.claude-haiku-5-5.input
 * ```
 */
export function parsePrices(input: unknown, path: string): Prices {
  if (input === undefined) return new Prices(DEFAULT_PRICES);
  if (!isPlainObject(input)) {
    throw new OptionsError(path, 'must be an object of model id -> { input, output, cacheWrite?, cacheWrite1h?, cacheRead?, longContext? } (USD per million tokens).');
  }
  const table: PriceTable = { ...DEFAULT_PRICES };
  for (const [model, value] of Object.entries(input)) table[model] = parseModelPrice(`${path}.${model}`, value);
  return new Prices(table);
}

import { OptionsError } from '../errors/index.js';
import type { Usage } from '../decision/index.js';
import { expectNumber, expectObject, isPlainObject } from '../options/validate.js';

/** USD per million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Writing the prompt cache (5-minute TTL). Default 1.25 × input. */
  cacheWrite?: number;
  /** Reading the prompt cache. Default 0.1 × input. */
  cacheRead?: number;
}

/** Prices by model id or id prefix (`claude-sonnet-4-5` also matches `claude-sonnet-4-5-20250929`). */
export type PriceTable = Record<string, ModelPrice>;

/**
 * Anthropic list prices (USD per million tokens) when this release was cut. Override or extend
 * them with the `prices` option; a model not listed is priced as `default`.
 */
export const DEFAULT_PRICES: Readonly<PriceTable> = Object.freeze({
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  // Unknown models are priced like a mid-tier model rather than for free.
  default: { input: 3, output: 15 },
});

interface ResolvedPrice {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/** Looks up a model's price: exact id, then the longest matching prefix, then `default`. */
export class Prices {
  private readonly entries: Array<[string, ResolvedPrice]>;
  private readonly cache = new Map<string, ResolvedPrice>();

  constructor(table: PriceTable) {
    this.entries = Object.entries(table)
      .map(([model, p]): [string, ResolvedPrice] => [
        model,
        { input: p.input, output: p.output, cacheWrite: p.cacheWrite ?? p.input * 1.25, cacheRead: p.cacheRead ?? p.input * 0.1 },
      ])
      .sort((a, b) => b[0].length - a[0].length);
  }

  of(model: string): ResolvedPrice {
    let hit = this.cache.get(model);
    if (hit) return hit;
    hit = (this.entries.find(([m]) => m !== 'default' && model.startsWith(m)) ?? this.entries.find(([m]) => m === 'default'))?.[1];
    if (!hit) throw new Error(`no price for model ${model} and no default price`);
    if (this.cache.size < 1000) this.cache.set(model, hit);
    return hit;
  }

  /** Cost of real usage, in USD. */
  cost(model: string, usage: Usage): number {
    const p = this.of(model);
    return (
      (usage.input_tokens * p.input +
        usage.output_tokens * p.output +
        (usage.cache_creation_input_tokens ?? 0) * p.cacheWrite +
        (usage.cache_read_input_tokens ?? 0) * p.cacheRead) /
      1e6
    );
  }

  /** Upper estimate of a request's cost before it runs: every input token uncached, every allowed output token used. */
  maxCost(model: string, inputTokens: number, maxTokens: number): number {
    return this.maxInputCost(model, inputTokens) + maxTokens * this.outputTokenCost(model);
  }

  /** Upper estimate of the input's cost (as if all of it were written to the cache), in USD. */
  maxInputCost(model: string, inputTokens: number): number {
    const p = this.of(model);
    return (inputTokens * Math.max(p.input, p.cacheWrite)) / 1e6;
  }

  /** Price of one output token, in USD. */
  outputTokenCost(model: string): number {
    return this.of(model).output / 1e6;
  }
}

/** Merges user prices over the defaults; validates each entry. */
export function parsePrices(input: unknown, path: string): Prices {
  if (input === undefined) return new Prices(DEFAULT_PRICES);
  if (!isPlainObject(input)) throw new OptionsError(path, 'must be an object of model id -> { input, output, cacheWrite?, cacheRead? } (USD per million tokens).');
  const table: PriceTable = { ...DEFAULT_PRICES };
  for (const [model, value] of Object.entries(input)) {
    const p = expectObject(`${path}.${model}`, value, ['input', 'output', 'cacheWrite', 'cacheRead']);
    const price: ModelPrice = {
      input: expectNumber(`${path}.${model}.input`, p.input, { min: 0 }),
      output: expectNumber(`${path}.${model}.output`, p.output, { min: 0 }),
    };
    if (p.cacheWrite !== undefined) price.cacheWrite = expectNumber(`${path}.${model}.cacheWrite`, p.cacheWrite, { min: 0 });
    if (p.cacheRead !== undefined) price.cacheRead = expectNumber(`${path}.${model}.cacheRead`, p.cacheRead, { min: 0 });
    table[model] = price;
  }
  return new Prices(table);
}

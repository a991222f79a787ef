import type { LimitKind, LimitSpec } from './options.js';

/** What one request asks of the limits, estimated before it runs. */
export interface Demand {
  /** Estimated input tokens (an upper bound; see `estimateInputTokens`). */
  inputTokens: number;
  /** The request's `max_tokens`. */
  maxTokens: number;
  /** Upper estimate of the input's cost, in USD. */
  inputCostUsd: number;
  /** Price of one output token, in USD. */
  outputTokenUsd: number;
}

/** Real consumption, known after the response. */
export interface Consumption {
  tokens: number;
  costUsd: number;
  outputTokens: number;
}

/** Smallest reply worth serving when a budget is nearly spent; below it the request is refused. */
export const MIN_OUTPUT_GRANT = 32;

/**
 * What a request takes of a `kind` limit if its reply uses `maxTokens`. The Redis row script
 * computes the same numbers (`points` in `row-script.ts`): keep the two in step.
 */
export function demandPoints(kind: LimitKind, d: Demand, maxTokens: number): number {
  switch (kind) {
    case 'requests':
    case 'concurrency':
      return 1;
    case 'tokens':
      return Math.max(0, Math.ceil(d.inputTokens + maxTokens));
    case 'costUsd':
      return Math.max(0, Math.ceil((d.inputCostUsd + maxTokens * d.outputTokenUsd) * 1_000_000));
    case 'outputTokens':
      return Math.max(0, Math.ceil(maxTokens));
  }
}

/** What real consumption takes of a `kind` limit. */
export function consumptionPoints(kind: LimitKind, c: Consumption): number {
  switch (kind) {
    case 'requests':
    case 'concurrency':
      return 1;
    case 'tokens':
      return Math.max(0, Math.ceil(c.tokens));
    case 'costUsd':
      return Math.max(0, Math.ceil(c.costUsd * 1_000_000));
    case 'outputTokens':
      return Math.max(0, Math.ceil(c.outputTokens));
  }
}

/**
 * The largest `max_tokens` the rest of an output-bearing budget pays for, if it is worth serving
 * (at least {@link MIN_OUTPUT_GRANT}, and less than asked). Mirrored by `affordable` in the row script.
 */
export function affordableOutput(spec: LimitSpec, consumedBefore: number, d: Demand): number | undefined {
  const available = spec.points - Math.max(0, consumedBefore);
  let tokens: number;
  switch (spec.kind) {
    case 'outputTokens':
      tokens = available;
      break;
    case 'tokens':
      tokens = available - Math.ceil(d.inputTokens);
      break;
    case 'costUsd':
      tokens = d.outputTokenUsd > 0 ? (available - Math.ceil(d.inputCostUsd * 1_000_000)) / (d.outputTokenUsd * 1_000_000) : 0;
      break;
    default:
      return undefined;
  }
  tokens = Math.floor(tokens);
  return tokens >= MIN_OUTPUT_GRANT && tokens < d.maxTokens ? tokens : undefined;
}

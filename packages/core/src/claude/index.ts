export {
  DEFAULT_PRICES,
  Prices,
  parsePrices,
  type LongContextPrice,
  type ModelPrice,
  type PriceRates,
  type PriceTable,
  type ResolvedRates,
  type ResolvedPrice,
} from './prices.js';
export { estimateInputTokens } from './tokens.js';
export { TokenMemory } from './token-memory.js';
export { readUsage } from './usage.js';
export { asksHourCache } from './cache-control.js';
export { servedOutput, toolInputText, type ReplyBlockLike, type ServedOutput } from './served-output.js';

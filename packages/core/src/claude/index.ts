export { DEFAULT_PRICES, Prices, parsePrices, type ModelPrice, type PriceTable } from './prices.js';
export { estimateInputTokens } from './tokens.js';
export * from './route/index.js';

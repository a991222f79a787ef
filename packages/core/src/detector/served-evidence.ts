import type { Evidence } from './signals.js';
import { sigmoid } from '../fingerprint/index.js';

/**
 * What an account was served never blocks a lone account by itself.
 *
 * Three signals read the answers an account took rather than what it asked or how it came:
 * `answer-reasoning` (answers that lay out reasoning), `output-heavy` (answers far longer than the
 * prompts) and `reading-time` (answers not read before the next request). A product that writes
 * content for its own site, a support bot, a student's pasted homework or a researcher's long day
 * is served exactly that: long answers, many of which read as explanations, taken by a client
 * that does not stop to read. Added to the (capped) shape of one busy scripted account, they
 * crossed the block threshold (the stress case `writer`: an article generator blocked after 35
 * answers), though nothing in them separates a harvest from such a product.
 *
 * So they may flag a lone account for review, never block it: a block takes evidence a product
 * does not produce, beside or instead of them: history it was never served, a cross-account link,
 * or prompts that ask the model to expose its reasoning (`reasoning-elicitation`). With any of
 * those, what the account was served counts in full towards the block.
 *
 * @example
 * ```ts
 * // An account whose block rests on its served answers alone is held at flag.
 * if (computed === 3 && servedAloneBlocks(evidence, linked, thresholds.block)) computed = 2;
 * ```
 *
 * @param evidence the account's evidence with its cluster link added
 * @param linked the cluster evidence that counted for this request (0 without a link)
 * @param block the block threshold (a probability)
 * @returns whether the block rests on served evidence alone (and so must be held at flag)
 */
export function servedAloneBlocks(evidence: Pick<Evidence, 'total' | 'forged' | 'served'>, linked: number, block: number): boolean {
  if (evidence.served <= 0 || evidence.forged > 0 || linked > 0) return false;
  return sigmoid(evidence.total - evidence.served) < block;
}

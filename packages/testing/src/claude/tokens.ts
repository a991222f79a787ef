/**
 * A deterministic stand-in for Claude's tokenizer. It is not the real one: it only has to
 * be stable, cheap and roughly the right size (about one token per short word, punctuation
 * mark or group of digits), so usage numbers look plausible and truncation is repeatable.
 */

// Every character belongs to exactly one piece, so joining the pieces gives the text back
// and a truncated reply is always a prefix of the full reply.
const PIECE = /\s*(?:[\p{L}\p{M}]{1,7}|\p{N}{1,3}|[^\s\p{L}\p{M}\p{N}])|\s+/gu;

/**
 * Splits `text` into token pieces whose concatenation is `text`.
 *
 * @example
 * tokenize('Hello, world'); // ['Hello', ',', ' world']
 */
export function tokenize(text: string): string[] {
  return text.match(PIECE) ?? [];
}

/**
 * Estimated token count of `text`.
 *
 * @example
 * countTextTokens('Hello, world'); // 3
 */
export function countTextTokens(text: string): number {
  return tokenize(text).length;
}

/**
 * The longest prefix of `text` that fits in `maxTokens` tokens.
 *
 * @example
 * truncateToTokens('one two three', 2); // { text: 'one two', tokens: 2, truncated: true }
 */
export function truncateToTokens(
  text: string,
  maxTokens: number,
): { text: string; tokens: number; truncated: boolean } {
  const pieces = tokenize(text);
  if (pieces.length <= maxTokens) return { text, tokens: pieces.length, truncated: false };
  const kept = pieces.slice(0, Math.max(0, maxTokens));
  return { text: kept.join(''), tokens: kept.length, truncated: true };
}

/**
 * Groups the pieces of `text` into chunks of `size` tokens, as a stream would deliver them.
 *
 * @example
 * chunkByTokens('a b c', 2); // ['a b', ' c']
 */
export function chunkByTokens(text: string, size: number): string[] {
  const pieces = tokenize(text);
  const chunks: string[] = [];
  for (let i = 0; i < pieces.length; i += size) chunks.push(pieces.slice(i, i + size).join(''));
  return chunks;
}

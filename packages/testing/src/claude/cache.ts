import { createHash } from 'node:crypto';
import type { Segment } from './prompt.js';

/** How far back from a breakpoint the API looks for an earlier cached prefix. */
const LOOKBACK = 20;

/** The cache split of one request's input tokens. */
export interface CacheSplit {
  /** Tokens billed at the normal input rate. */
  input: number;
  /** Tokens written to the cache by this request, both lifetimes. */
  write: number;
  /** Of `write`, the tokens written under a 1-hour breakpoint (`cache_control.ttl: '1h'`). */
  write1h: number;
  /** Tokens read from the cache. */
  read: number;
}

/**
 * A deterministic prompt cache: prefixes ending at a `cache_control` breakpoint are stored
 * (per model) on first use and read by later requests that share them. Writes are split by the
 * lifetime their breakpoint asks for (tokens up to a breakpoint count under its `ttl`), but
 * nothing expires and there is no minimum length, so tests see the effect with short prompts;
 * `clear()` empties it.
 */
export class PromptCache {
  private readonly stored = new Set<string>();

  /**
   * Splits a request's tokens into normal, cache-write and cache-read, and stores its prefixes.
   *
   * @example
   * new PromptCache().apply('claude-sonnet-5-5', segments); // { input, write, write1h, read }
   */
  apply(model: string, segments: Segment[]): CacheSplit {
    const hashes: string[] = [];
    const prefixTokens: number[] = [];
    let hash = createHash('sha256').update(model).digest('hex');
    let tokens = 0;
    for (const segment of segments) {
      hash = createHash('sha256').update(hash).update('\0').update(segment.key).digest('hex');
      tokens += segment.tokens;
      hashes.push(hash);
      prefixTokens.push(tokens);
    }
    const total = tokens;
    const breakpoints = segments.flatMap((segment, i) => (segment.breakpoint ? [i] : []));
    const lastBreakpoint = breakpoints[breakpoints.length - 1];
    if (lastBreakpoint === undefined) return { input: total, write: 0, write1h: 0, read: 0 };

    let hit = -1;
    for (const breakpoint of breakpoints) {
      for (let i = breakpoint; i >= Math.max(0, breakpoint - LOOKBACK); i--) {
        if (i > hit && this.stored.has(hashes[i] as string)) hit = i;
      }
    }
    const read = hit >= 0 ? (prefixTokens[hit] as number) : 0;
    const cachedUpTo = prefixTokens[lastBreakpoint] as number;
    const write = hit >= lastBreakpoint ? 0 : cachedUpTo - read;
    // Each breakpoint writes the tokens between the previous one (or the cached prefix) and itself.
    let write1h = 0;
    let covered = read;
    for (const breakpoint of breakpoints) {
      const upTo = prefixTokens[breakpoint] as number;
      if (write > 0 && upTo > covered) {
        if (segments[breakpoint]?.ttl === '1h') write1h += upTo - covered;
        covered = upTo;
      }
      this.stored.add(hashes[breakpoint] as string);
    }
    return { input: total - read - write, write, write1h, read };
  }

  clear(): void {
    this.stored.clear();
  }
}

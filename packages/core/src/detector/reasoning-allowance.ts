import { SECONDS_PER_DAY } from './probation.js';
import { A } from './schema.js';

/**
 * The reasoning allowance: a bound on the reasoning-shaped answers one account is served in a UTC
 * day, whatever its verdict. It is a response, not evidence: nothing is flagged, and past the
 * allowance the account is asked to come back the next day.
 *
 * Why a bound and not a signal: a harvest that keeps honest history and reading time and words its
 * tasks as questions leaves little but the reasoning it takes (docs/detection.md, third round),
 * and that it cannot drop without losing what it came for. Per account and day, the development
 * log's people take at most 3 reasoning-shaped answers, the benchmark's school lab at most 24 and
 * its students 16, where the conversational harvests take 40 (`chain`) to 100 (`chain90`). The
 * bound makes each account worth a fixed amount a day; more answers take more accounts, and more
 * accounts are what probation, cohorts and clusters act on.
 */

/** An answer whose reasoning-structure probability reaches this is counted as reasoning-shaped. */
export const REASONING_SHAPED = 0.5;

/** Whether an answer counts against the reasoning allowance. */
export function reasoningShaped(probability: number): boolean {
  return probability >= REASONING_SHAPED;
}

/** Reasoning-shaped answers the account was served today (its counter belongs to another day once the day turns). */
export function reasoningToday(s: Float64Array, now: number): number {
  return s[A.day] === Math.floor(now / SECONDS_PER_DAY) ? s[A.dayReasoning]! : 0;
}

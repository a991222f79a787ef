import { SECONDS_PER_DAY, secondsToNextDay } from './probation.js';
import { A } from './schema.js';
import type { Target, Writer } from './engine.js';

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
 *
 * Days on two grids: a UTC day, and a day that starts at noon UTC. Counted on UTC days alone, an
 * account could take 30 answers before midnight UTC and 30 more after it, twice the allowance in
 * an hour or two (the eighth white-box round's `midnight`: a burner account that lives one night).
 * Any 12 hours lie inside one day of one of the grids, so no 12 hours hold more than one
 * allowance; a day's worth of the allowance is still one a day (a person who takes 24 in one
 * lesson every morning meets each grid's day once).
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

/** Half a day: the second grid's days start at noon UTC. */
const NOON = SECONDS_PER_DAY / 2;

/** The day on the noon grid that `now` (seconds) falls in. */
export function noonDayOf(now: number): number {
  return Math.floor((now + NOON) / SECONDS_PER_DAY);
}

/** Reasoning-shaped answers the account was served since the last noon UTC. */
export function reasoningSinceNoon(s: Float64Array, now: number): number {
  return s[A.noonDay] === noonDayOf(now) ? s[A.noonDayReasoning]! : 0;
}

/**
 * Whether the account has used its allowance on either grid, and until when: the answers used on
 * the fuller grid, and the seconds until every grid that is full turns its day.
 *
 * @example
 * ```ts
 * const over = reasoningAllowanceUsed(view, Date.now() / 1000, 30);
 * if (over) refuse(over.retryAfter);
 * ```
 */
export function reasoningAllowanceUsed(s: Float64Array, now: number, limit: number): { used: number; retryAfter: number } | undefined {
  const utc = reasoningToday(s, now);
  const noon = reasoningSinceNoon(s, now);
  let retryAfter = 0;
  if (utc >= limit) retryAfter = secondsToNextDay(now);
  if (noon >= limit) retryAfter = Math.max(retryAfter, secondsToNextDay(now + NOON));
  return retryAfter > 0 ? { used: Math.max(utc, noon), retryAfter } : undefined;
}

/** Counts a served answer on the noon grid (the UTC day's count is kept with the day's tokens). */
export function countSinceNoon(acct: Target, shaped: boolean, now: number, w: Writer): void {
  const day = noonDayOf(now);
  if (acct.view[A.noonDay] !== day) {
    w.set(acct, A.noonDay, day);
    w.set(acct, A.noonDayReasoning, shaped ? 1 : 0);
  } else if (shaped) w.add(acct, A.noonDayReasoning, 1);
}

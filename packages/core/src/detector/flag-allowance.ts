import { SECONDS_PER_DAY } from './probation.js';

/**
 * The daily allowance of an account that only a weak link (a cohort, a template, a busy hour)
 * keeps from a block: `perDay` answers on the UTC day it was first acted on, half of that the next
 * day, a quarter the day after, and so on down to none.
 *
 * Why it shrinks: a flat allowance pays an attacker who sizes accounts to it forever (the third
 * round's `rider` took 30 answers a day on every account, flagged or not). Halving bounds what a
 * flagged account can take in all to about twice `perDay`, however long it rides. The cost falls on
 * a person only while a false flag waits for review: from its third day, more than a quarter of
 * `perDay` answers a day is asked to wait (review flags within a day or two; `unflag` resets it).
 *
 * @param perDay the configured `flagAnswersPerDay`
 * @param firstAction when the account was first throttled or flagged (seconds; 0 when unknown: today)
 * @param now the request's time (seconds)
 */
export function flaggedAllowance(perDay: number, firstAction: number, now: number): number {
  const since = firstAction > 0 ? Math.max(0, Math.floor(now / SECONDS_PER_DAY) - Math.floor(firstAction / SECONDS_PER_DAY)) : 0;
  return Math.floor(perDay / 2 ** since);
}

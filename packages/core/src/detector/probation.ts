import { A } from './schema.js';

/**
 * New-account probation: an economic bound on what a young identity can take. For its first
 * `days` days an identity may be served `answerTokensPerDay` output tokens a UTC day, doubling
 * (×`growth`) with every day of age while its record stays clean (verdict `allow`). A person, even
 * a heavy one, uses a small fraction of it; a fresh account of a harvesting campaign is held to it
 * until it is old, so a campaign needs more accounts, and more accounts are what cohorts and
 * clusters find.
 */
export interface ProbationOptions {
  /** Days an identity is on probation after it is first seen. Default 7. */
  days: number;
  /** Output tokens a day on its first day. Default 60,000 (about 200 typical answers). */
  answerTokensPerDay: number;
  /** Factor the quota grows by per day of age while the identity's verdict is `allow`. Default 2. */
  growth: number;
}

export const SECONDS_PER_DAY = 86_400;

/** The quota of an account today, or Infinity once it is past probation. */
export function probationQuota(s: Float64Array, now: number, options: ProbationOptions): number {
  const first = s[A.first]!;
  if (!(first > 0)) return options.answerTokensPerDay;
  const age = Math.max(0, (now - first) / SECONDS_PER_DAY);
  if (age >= options.days) return Infinity;
  const clean = s[A.verdict]! === 0;
  return clean ? options.answerTokensPerDay * options.growth ** Math.floor(age) : options.answerTokensPerDay;
}

/** Answer tokens the account was served today (its counter belongs to another day once the day turns). */
export function tokensToday(s: Float64Array, now: number): number {
  return s[A.day] === Math.floor(now / SECONDS_PER_DAY) ? s[A.dayTokens]! : 0;
}

/** Answers the account was served today. */
export function answersToday(s: Float64Array, now: number): number {
  return s[A.day] === Math.floor(now / SECONDS_PER_DAY) ? s[A.dayAnswers]! : 0;
}

/** Seconds until the next UTC day. */
export function secondsToNextDay(now: number): number {
  return Math.max(1, Math.ceil((Math.floor(now / SECONDS_PER_DAY) + 1) * SECONDS_PER_DAY - now));
}

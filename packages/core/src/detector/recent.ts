import { A } from './schema.js';
import type { Target, Writer } from './engine.js';

/**
 * The recent window: the content evidence of the last hours, next to the lifetime counters, so
 * that an account that chats for two days and then starts harvesting shows its new behaviour at
 * once instead of after its lifetime averages catch up. Exponentially decayed counters (mean age
 * {@link RECENT_SECONDS}, six hours: a request from a day ago weighs 2%): one timestamp and a sum
 * per feature, no buckets to rotate. On Redis the
 * decay is written as a delta like every other counter; two instances decaying the same account
 * at the same moment over-decay it slightly, which only shortens its memory.
 */
export const RECENT_SECONDS = 6 * 3600;

const FIELDS = [A.recentN, A.recentSingle, A.recentTasks, A.recentInstruction, A.recentReasoning, A.recentAnswers, A.recentAnswerReasoning, A.recentHistory, A.recentForged, A.recentCluster] as const;

/** Decays the account's recent counters to `now` (seconds). */
export function decayRecent(acct: Target, now: number, w: Writer): void {
  const s = acct.view;
  const at = s[A.recentAt]!;
  if (at > 0 && now > at) {
    const keep = Math.exp(-(now - at) / RECENT_SECONDS);
    for (const f of FIELDS) {
      const v = s[f]!;
      if (v !== 0) w.set(acct, f, v * keep);
    }
  }
  if (now > at) w.set(acct, A.recentAt, now);
}

/** Adds to a recent counter (written as its new value, like the decay). */
export function addRecent(acct: Target, field: number, by: number, w: Writer): void {
  w.set(acct, field, acct.view[field]! + by);
}

/** Recent fields are last-writer-wins values in the shared store. */
export const RECENT_FIELDS: readonly number[] = [A.recentAt, ...FIELDS];

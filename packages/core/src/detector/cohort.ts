import { mix32 } from '../fingerprint/index.js';
import { A, CAP_BINS, G, TEMPLATE_BINS } from './schema.js';

/**
 * Cohorts: accounts that appeared together and behave alike, with no shared infrastructure
 * needed. A campaign creates its accounts in a short time and drives them with one script, so its
 * members share a first-seen window and a behaviour class (scripted or not, instruction-heavy,
 * reasoning-heavy, framed, forging history), while a service's people arrive over time and behave
 * in many ways. An account links to its cohort once it has a few requests and most of them start
 * fresh or it hardly ever replies to an answer (a person's chat, with replies, never links); the
 * cohort is scored as a group, so its verdict reaches every member, including members that look
 * light alone.
 *
 * Keys: the first-seen day on two grids offset by half a day (accounts created within 12 hours of
 * each other always share one), times the behaviour class.
 */

/** Requests an account needs before its behaviour class means something. */
export const COHORT_MIN_REQUESTS = 4;
const SLOT_SECONDS = 86_400;

/** The behaviour class of an account (a few bits), or -1 when it is not eligible for a cohort. */
export function behaviourClass(s: Float64Array): number {
  const n = s[A.n]!;
  if (n < COHORT_MIN_REQUESTS) return -1;
  const fresh = s[A.single]! / n;
  const history = s[A.history]!;
  const forged = history >= 2 && s[A.forged]! / history >= 0.3;
  // Most requests start fresh, or the account almost never replies to an answer (every
  // conversation opens and goes straight to a task): a person's chat, with replies, never links.
  if (fresh < 0.7 && s[A.replies]! > 0.15 * n && !forged) return -1;
  const tasks = Math.max(1, s[A.tasks]!);
  let top = 0;
  for (let b = 0; b < TEMPLATE_BINS; b++) if (s[A.templates + b]! > top) top = s[A.templates + b]!;
  const answers = s[A.answers]!;
  const reasoning = s[A.reasoning]! / n >= 0.15 || (answers >= 3 && s[A.answerReasoning]! / answers >= 0.15);
  let bits = 0;
  if (s[A.scripted]! / n >= 0.5) bits |= 1;
  if (s[A.instruction]! / tasks >= 0.55) bits |= 2;
  if (reasoning) bits |= 4;
  if (top / n >= 0.6) bits |= 8;
  if (forged) bits |= 16;
  // How the account is driven, beyond what it asks: the answer budget it asks for (log2 of
  // max_tokens), the model, and its pace (requests a day, in four bands). One script drives a
  // campaign's accounts alike; an unrelated integration that shares the day rarely matches all.
  const budget = Math.min(7, Math.max(0, Math.round(s[A.maxTokens]! / n) - 7));
  const days = Math.max(1, (s[A.last]! - s[A.first]!) / 86_400);
  const perDay = n / days;
  const pace = perDay < 12 ? 0 : perDay < 48 ? 1 : perDay < 192 ? 2 : 3;
  return bits | (budget << 5) | ((s[A.model]! & 3) << 8) | (pace << 10);
}

/** The two cohort group hashes of an account of class `bits` first seen at `first` (seconds). */
export function cohortHashes(first: number, bits: number): [number, number] {
  const a = Math.floor(first / SLOT_SECONDS);
  const b = Math.floor((first + SLOT_SECONDS / 2) / SLOT_SECONDS);
  return [mix32(Math.imul(a, 0x2545f491) ^ (bits << 20) ^ 0x5bd1e995), mix32(Math.imul(b, 0x2545f491) ^ (bits << 20) ^ 0x1b873593 ^ 0x40000000)];
}

/** The capability an account asks for most (its main capability), 0 when unknown. */
export function mainCapability(s: Float64Array): number {
  let best = 0;
  for (let c = 1; c < CAP_BINS; c++) if (s[A.caps + c]! > s[A.caps + best]!) best = c;
  return best;
}

/** Capability buckets that at least one member of a cohort mainly asks for. */
export function cohortBreadth(g: Float64Array): number {
  let breadth = 0;
  for (let c = 1; c < CAP_BINS; c++) if (g[G.caps + c]! > 0) breadth++;
  return breadth;
}

import { A, PROVENANCE_SLOTS } from './schema.js';
import type { Target, Writer } from './engine.js';

/**
 * History provenance: the guard knows what it answered. Each account remembers digests of the
 * answers it was served (a ring of the newest {@link PROVENANCE_SLOTS}); a request that resends
 * an assistant turn is checked against them. A turn that was never served to this account was
 * invented (or taken from another account), and a turn continued again and again is a served
 * answer recycled as the history of many harvesting requests. People regenerate an answer or edit
 * a question now and then: only the third continuation of one answer on counts.
 *
 * A slot holds `digest * 4096 + continuations`, so the ring is plain numbers in the account's
 * vector and a Redis hash field each, and a continuation is a counter increment. Only a
 * continuation that was served counts (it is added when the request is recorded): a client that
 * resends its history while a rate limit refuses it has taken nothing.
 */

/** Continuations of one answer from which a further one counts as recycling. */
export const RECYCLE_FROM = 3;
const USES = 4096;

/**
 * Remembers a served answer in the account's ring (the oldest slots give way): its digest, and
 * `heldDigest` too when the answer continued a prefill (see `AnswerEvidence.heldDigest`), in the
 * next slot. Both slots are written from the ring position read once, because on Redis the writer
 * only records operations and the view does not move between them.
 */
export function rememberAnswer(acct: Target, digest: number, w: Writer, heldDigest?: number): void {
  if (digest === 0) return;
  const at = acct.view[A.served]!;
  w.set(acct, A.provenance + (at % PROVENANCE_SLOTS), digest * USES);
  const both = heldDigest !== undefined && heldDigest !== 0 && heldDigest !== digest;
  if (both) w.set(acct, A.provenance + ((at + 1) % PROVENANCE_SLOTS), heldDigest * USES);
  w.add(acct, A.served, both ? 2 : 1);
}

/** Ring slots {@link rememberAnswer} takes for an answer with these digests. */
export function slotsTaken(digest: number | undefined, heldDigest?: number): number {
  if (!digest) return 0;
  return heldDigest !== undefined && heldDigest !== 0 && heldDigest !== digest ? 2 : 1;
}

/** The slot holding `digest`, or -1 when this account was never served that answer (or not recently). */
export function findAnswer(view: Float64Array, digest: number): number {
  for (let i = 0; i < PROVENANCE_SLOTS; i++) {
    const v = view[A.provenance + i]!;
    if (v !== 0 && Math.floor(v / USES) === digest) return i;
  }
  return -1;
}

/** Served continuations of the answer in `slot`. */
export function continuations(view: Float64Array, slot: number): number {
  return view[A.provenance + slot]! % USES;
}

/** The request continuing the answer in `slot` was served: one more continuation of it. */
export function servedContinuation(acct: Target, w: Writer): void {
  const pending = acct.view[A.pendingSlot]!;
  if (pending <= 0) return;
  w.add(acct, A.provenance + pending - 1, 1);
  w.set(acct, A.pendingSlot, 0);
}

/** What a request's history says about its provenance. */
export type HistoryCheck = 'none' | 'unchecked' | 'genuine' | 'recycled' | 'forged';

/**
 * Checks the assistant turn a request continues (`digest`, 0 when none) against the account's
 * served answers. `applicable` says whether the detector was given this account's answers (see
 * `provenanceApplies`); an account that was never served anything here (a new account, or state
 * lost in a restart of a memory store) is not judged either.
 */
export function checkHistory(acct: Target, digest: number, hasHistory: boolean, applicable: boolean, w: Writer): HistoryCheck {
  if (!hasHistory) return 'none';
  if (digest === 0 || !applicable) return 'unchecked';
  w.add(acct, A.history, 1);
  const slot = findAnswer(acct.view, digest);
  if (slot < 0) {
    w.add(acct, A.forged, 1);
    return 'forged';
  }
  w.set(acct, A.pendingSlot, slot + 1);
  if (continuations(acct.view, slot) >= RECYCLE_FROM) {
    w.add(acct, A.recycled, 1);
    return 'recycled';
  }
  return 'genuine';
}

// What the answer-shape rounds (5, 6, 7 and 9) share: each campaign draws from a random stream of
// its own, so adding a campaign leaves the others' traffic as first measured, and asks for its
// answer shape in the wording the prompt classifier reads as least reasoning.
import { prng } from '@distill-guard/core/replay';
import { promptFingerprint } from '@distill-guard/core/detector';
import { answerer, pick } from './traffic.mjs';

/** The shared context with a random stream (and an answerer on it) of the campaign's own, seeded by `salt`. */
export function ownStream(shared, salt) {
  const rnd = prng(salt ^ Math.round(shared.start / 1000));
  return { ...shared, rnd, answer: answerer(shared.corpus, rnd) };
}

/**
 * `askFor(kind, rnd)` over a table of asks by kind: one of the kind's wordings, drawn from those
 * sorted by the reasoning the prompt classifier reads in them (sorted once per kind).
 */
export function askPicker(asks) {
  const chosen = {};
  return function askFor(kind, rnd) {
    chosen[kind] ??= [...asks[kind]].sort((a, b) => promptFingerprint(a).reasoning - promptFingerprint(b).reasoning);
    return pick(rnd, chosen[kind]);
  };
}

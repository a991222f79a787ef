import { hash32, hex32, mix32 } from '../fingerprint/index.js';
import { answersToday } from './probation.js';
import { A, G } from './schema.js';

/**
 * Fleets: many accounts of one client class, each taking answers to fresh questions at machine
 * pace on the same UTC day. The detector does not judge one automation account on pace (honest
 * automation says what it is, and a product's batch job is one account at machine pace); but a
 * harvest spread over many SDK accounts (the eleventh round's `sdkfleet`, `sdkslice`) or many
 * browser accounts each kept under `machine-pace`'s floors (`underfloor`, `edgefloor`) is one
 * operation, not many integrations or people.
 *
 * An account is a fleet member on a day once, that day, it has been served
 * {@link FLEET_DAY_ANSWERS} answers, most of its requests start fresh and answers are most of its
 * tokens (a document product's customers send documents and take short results: not members).
 * The fleet is keyed by the UTC day and the client class (automation or browser), so a fleet that
 * varies its user agents, models and budgets is still one; it lives in a group vector of its own,
 * in the shared state that clusters and cohorts already use: nothing is added to the account's row.
 *
 * Members are counted once per day each, without a per-account field, by linear counting: each
 * account sets one bucket (a field of the group vector, chosen by a hash of its id) to 1, and the
 * share of buckets still empty estimates how many distinct accounts set one. Setting a field to 1
 * is idempotent and commutes, so the memory store, Redis and every instance agree.
 */

/** Answers served today from which an account counts as a fleet member (the development log's heaviest person took 47 requests in a day). */
export const FLEET_DAY_ANSWERS = 60;
/** Requests an account needs before its shares mean something. */
const FLEET_MIN_REQUESTS = 20;
/** Share of requests that start fresh, and of tokens that are answers, a member needs. */
const FLEET_FRESH = 0.7;
const FLEET_TAKEN = 0.6;
/** Scripted share (of requests) from which an account is of the automation class. */
const AUTOMATION = 0.5;
/** Estimated members from which a fleet links its members at all, and at which it links in full. */
const FLEET_FROM = 6;
const FLEET_FULL = 18;
/** Buckets of the linear count: every field of a group vector (a fleet group keeps nothing else). */
export const FLEET_BUCKETS = G.size;

/** The fleet an account counts in today, and the bucket it sets. */
export interface FleetKey {
  /** 32-bit hash of the UTC day and the client class: the cluster label and the group's id. */
  hash: number;
  bucket: number;
}

/**
 * The fleet key of an account whose state (before this request) is `s`, at `now` (seconds); none
 * when it is not a fleet member today, or is a declared integration.
 *
 * @example
 * const key = fleetKeyOf(view, Date.now() / 1000, 'user:42', false);
 * if (key) joinFleet(group, key, writer);
 */
export function fleetKeyOf(s: Float64Array, now: number, id: string, integration: boolean): FleetKey | undefined {
  if (integration) return undefined;
  const n = s[A.n]!;
  if (n < FLEET_MIN_REQUESTS || answersToday(s, now) < FLEET_DAY_ANSWERS) return undefined;
  if (s[A.single]! < FLEET_FRESH * n) return undefined;
  const outTok = s[A.outTok]!;
  if (outTok < FLEET_TAKEN * (outTok + s[A.inTok]!)) return undefined;
  const automation = s[A.scripted]! >= AUTOMATION * n ? 1 : 0;
  const day = Math.floor(now / 86_400);
  return { hash: mix32(Math.imul(day, 0x2545f491) ^ (automation << 24) ^ 0x6c8e9cf5), bucket: hash32(id, 23) % FLEET_BUCKETS };
}

/** The store id of a fleet's group vector. */
export function fleetGroupId(key: FleetKey): string {
  return `fl-${hex32(key.hash)}`;
}

/** Distinct accounts estimated from a fleet group's buckets (linear counting). */
export function fleetSize(g: Float64Array): number {
  let empty = 0;
  for (let b = 0; b < FLEET_BUCKETS; b++) if (!(g[b]! > 0)) empty++;
  // All full: the estimate's ceiling (more than the count can tell apart).
  return FLEET_BUCKETS * Math.log(FLEET_BUCKETS / Math.max(0.5, empty));
}

/** How strongly a fleet of `size` estimated members links each of them, in [0, 1]. */
export function fleetLink(size: number): number {
  return Math.min(1, Math.max(0, (size - FLEET_FROM) / (FLEET_FULL - FLEET_FROM)));
}

/**
 * Counts the account in its fleet (sets its bucket) and answers the fleet's link.
 *
 * @example
 * const link = joinFleet(fleetGroup, key, writer); // 0 for a handful of accounts, 1 from about 18
 */
export function joinFleet<T extends { view: Float64Array }>(g: T, key: FleetKey, w: { set(t: T, field: number, value: number): void }): number {
  // Set on every request of a member, not only the first: on Redis an instance's copy of a shared
  // vector is brought up to date when it has a change to send, so a member kept writing keeps its
  // instance reading the buckets the other instances set (the changes of a flush fold into one).
  w.set(g, key.bucket, 1);
  return fleetLink(fleetSize(g.view));
}

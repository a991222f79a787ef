import type { Verdict } from '../decision/index.js';
import { hamming64, hash32, hex32, mix32, type RequestFingerprint } from '../fingerprint/index.js';
import type { ResolvedDetectorOptions } from './options.js';
import { binOf } from './population.js';
import { A, CAP_BINS, G, P, RING_SLOTS, TEMPLATE_BINS } from './schema.js';
import { BIAS, scoreAccount, scoreGroup, scoreWave, type Evidence, type PopulationView } from './signals.js';

/**
 * The detector's state transition, shared by the memory and the Redis backends. A request is
 * applied in two steps:
 * - `pre`: counters that depend only on the request (sent in the same Redis pipeline as the reads);
 * - `post`: updates that depend on the state read back (gaps since the last request, joins,
 *   rings, maxima, verdicts), applied locally and, with Redis, queued for the next pipeline.
 * Every write goes through a {@link Writer}, so the two backends run the same code.
 */

export const VERDICTS: readonly Verdict[] = ['allow', 'throttle', 'flag', 'block'];

/** Where a write lands: an account, a group or the population vector. */
export interface Target {
  view: Float64Array;
  key: string;
}

export interface Writer {
  add(t: Target, field: number, by: number): void;
  set(t: Target, field: number, value: number): void;
}

/** A trait shared by accounts that links them into a cross-account group. */
export interface GroupKey {
  /** 32-bit hash of the shared trait: the cluster label, the membership bit, the memory map key. */
  hash: number;
  template: boolean;
  /** What the accounts share, for explanations. */
  kind: 'network+client' | 'system-prompt+client' | 'template' | 'wave';
}

/** What one request contributes, derived once from its fingerprint. */
export interface RequestFacts {
  ts: number;
  hour: number;
  hourOfDay: number;
  single: boolean;
  turns: number;
  reasoning: number;
  /** 1 when the newest user turn is a prompt attack (from the shield's scan), else 0. */
  attack: number;
  instruction: number;
  personal: number;
  scripted: number;
  scaffold: boolean;
  maxTokens: number;
  capability: number;
  templated: boolean;
  /** Template bins of the prompt's frames (its skeleton, or its first and last line). */
  templateBins: number[];
  exact: number;
  simhash: readonly [number, number];
  words: number;
  newModel: boolean;
  groups: GroupKey[];
}

/** Builds the request facts and the group keys of a fingerprinted request. */
export function requestFacts(fp: RequestFingerprint, timestampMs: number, newModel: boolean, clusters: boolean): RequestFacts {
  const ts = timestampMs / 1000;
  const p = fp.prompt;
  const single = fp.turns <= 1;
  const groups: GroupKey[] = [];
  if (clusters) {
    const nf = mix32(hash32(fp.network.group, 11) ^ fp.client.hash);
    groups.push({ hash: nf, template: false, kind: 'network+client' });
    if (fp.system !== 0) groups.push({ hash: mix32(Math.imul(fp.system, 0x9e3779b1) ^ fp.client.hash), template: false, kind: 'system-prompt+client' });
    // Synchronised timing: accounts sending impersonal instruction prompts in the same clock hour.
    // Alone this links half the internet; it counts through the share of its members already
    // suspicious on their own (a wave of a campaign whose other accounts were caught).
    if (single && p.style.probability >= 0.6 && p.style.personal <= 0.3) groups.push({ hash: waveHash(timestampMs), template: false, kind: 'wave' });
    // A follow-up continues its opening task: it links through the opener's template.
    const task = single ? p : fp.opener;
    if (task && task.templated && task.words >= 4) {
      for (const frame of framesOf(task)) groups.push({ hash: frame, template: true, kind: 'template' });
    }
  }
  return {
    ts,
    hour: Math.floor(ts / 3600),
    hourOfDay: Math.floor(ts / 3600) % 24,
    single,
    turns: fp.turns,
    reasoning: fp.reasoning,
    attack: 0,
    instruction: single ? p.style.probability : 0,
    personal: p.style.personal,
    scripted: fp.client.scripted,
    scaffold: single && p.style.scaffold,
    maxTokens: fp.maxTokens,
    capability: single ? p.style.capability : 0,
    templated: single && p.templated,
    templateBins: framesOf(p).map((frame) => frame % TEMPLATE_BINS),
    exact: p.exact,
    simhash: p.simhash,
    words: p.words,
    newModel,
    groups,
  };
}

/** The frames a prompt's template is made of: first and last line of a multi-line prompt, else its skeleton. */
function framesOf(p: { template: number; prefix: number; suffix: number }): number[] {
  const frames: number[] = [];
  if (p.prefix !== 0) frames.push(p.prefix);
  if (p.suffix !== 0 && p.suffix !== p.prefix) frames.push(p.suffix);
  return frames.length > 0 ? frames : [p.template];
}

/** Counters that depend only on the request. */
export function pre(f: RequestFacts, acct: Target, groups: readonly Target[], w: Writer): void {
  w.add(acct, A.n, 1);
  if (f.single) {
    w.add(acct, A.single, 1);
    w.add(acct, A.singleN, 1);
    if (f.instruction) w.add(acct, A.instruction, f.instruction);
    if (f.scaffold) w.add(acct, A.scaffold, 1);
    w.add(acct, A.caps + (f.capability % CAP_BINS), 1);
    if (f.templated) {
      w.add(acct, A.templated, 1);
      for (const bin of f.templateBins) w.add(acct, A.templates + bin, 1);
    }
  }
  w.add(acct, A.depth, f.turns);
  w.add(acct, A.reasoning, f.reasoning);
  if (f.attack) w.add(acct, A.attacks, 1);
  w.add(acct, A.personal, f.personal);
  w.add(acct, A.scripted, f.scripted);
  const lm = Math.log2(Math.max(1, f.maxTokens));
  w.add(acct, A.maxTok, lm);
  w.add(acct, A.maxTok2, lm * lm);
  w.add(acct, A.hours + f.hourOfDay, 1);
  if (f.newModel) w.add(acct, A.newModel, 1);
  w.set(acct, A.lastMax, f.maxTokens);
  for (const g of groups) w.add(g, G.n, 1);
}

/** Adds a request to a group's profile with weight 1/(requests of its account). */
function profile(f: RequestFacts, g: Target, weight: number, w: Writer): void {
  w.add(g, G.weight, weight);
  if (f.instruction) w.add(g, G.instruction, weight * f.instruction);
  w.add(g, G.reasoning, weight * f.reasoning);
  if (f.scaffold) w.add(g, G.scaffold, weight);
  w.add(g, G.personal, weight * f.personal);
  if (f.single) w.add(g, G.single, weight);
  w.add(g, G.scripted, weight * f.scripted);
}

/** Everything `post` needs that the backend read or computed. */
export interface PostInput {
  f: RequestFacts;
  acct: Target;
  /** The account's state before this request (`n`, `last`, ring, joins as they were read). */
  before: { n: number; last: number; verdict: number; suspicious: boolean };
  groups: readonly Target[];
  /** Per group: was the account already counted as a member / as a suspicious member? */
  joined: readonly boolean[];
  suspJoined: readonly boolean[];
  /** Group state before this request's `pre` (n), to set `first`. */
  groupNBefore: readonly number[];
  /** Requests of this account in the current clock hour, including this one. */
  hourCount: number;
  pop: Target;
  popView: PopulationView;
  options: ResolvedDetectorOptions;
}

export interface PostResult {
  evidence: Evidence;
  score: number;
  verdict: Verdict;
  /** Verdict persisted before this request. */
  previous: Verdict;
  cluster?: string;
  /** Groups to mark with the account as a suspicious member (Redis: set their bits). */
  newlySuspiciousIn: number[];
  /** The account is sending faster than 95% of accounts ever do in an hour (a throttle then asks it to wait). */
  fast: boolean;
}

/** Scores below this carry no signal list. */
export const EXPLAIN_FROM = 0.1;
/** Smoothing of the cluster evidence: a link must recur before it counts fully. */
const CLUSTER_PRIOR = 0.5;
/** How much a template link counts next to an infrastructure link. */
const TEMPLATE_LINK = 0.8;
/** How much sharing a busy hour counts: the weakest link. */
const WAVE_LINK = 0.3;
/** Only light accounts link through a busy hour (a campaign of many small accounts); heavier ones have their own record. */
const WAVE_MAX_REQUESTS = 40;
/** Own score from which an account counts as a suspicious member of its groups. */
const SUSPICIOUS_MEMBER = 0.5;

/** Read-dependent updates, scoring and the verdict. */
export function post(x: PostInput, w: Writer): PostResult {
  const { f, acct, before, options } = x;
  const s = acct.view;

  // Timing.
  if (before.n <= 0) w.set(acct, A.first, f.ts);
  else {
    const gap = Math.max(0, f.ts - before.last);
    const lg = Math.log1p(gap);
    w.add(acct, A.gapN, 1);
    w.add(acct, A.gapS, lg);
    w.add(acct, A.gapSS, lg * lg);
    if (gap >= 4 * 3600) w.add(acct, A.sleeps, 1);
  }
  if (f.ts >= before.last) w.set(acct, A.last, f.ts);
  if (x.hourCount > s[A.peakHour]!) {
    const oldBin = s[A.peakHour]! > 0 ? binOf(s[A.peakHour]!) : -1;
    w.set(acct, A.peakHour, x.hourCount);
    const newBin = binOf(x.hourCount);
    if (newBin !== oldBin) {
      if (oldBin >= 0) w.add(x.pop, P.peak + oldBin, -1);
      w.add(x.pop, P.peak + newBin, 1);
    }
  }
  const n = s[A.n]!;
  const oldVol = before.n > 0 ? binOf(before.n) : -1;
  const newVol = binOf(n);
  if (oldVol !== newVol) {
    if (oldVol >= 0) w.add(x.pop, P.volume + oldVol, -1);
    w.add(x.pop, P.volume + newVol, 1);
  }

  // Repeats and near-duplicates of the last few prompts.
  let exactDup = false;
  let nearDup = false;
  for (let r = 0; r < RING_SLOTS; r++) {
    const at = A.ring + r * 3;
    if (s[at] === 0 && s[at + 1] === 0 && s[at + 2] === 0) continue;
    if (s[at] === f.exact) exactDup = true;
    else if (f.words >= 6 && hamming64([s[at + 1]!, s[at + 2]!], f.simhash) <= 6) nearDup = true;
  }
  if (exactDup) w.add(acct, A.exactDup, 1);
  else if (nearDup) w.add(acct, A.nearDup, 1);
  const slot = A.ring + (before.n % RING_SLOTS) * 3;
  w.set(acct, slot, f.exact);
  w.set(acct, slot + 1, f.simhash[0]);
  w.set(acct, slot + 2, f.simhash[1]);

  // Groups: membership, variety, then the best group this request links to.
  let best = 0;
  let bestIndex = -1;
  for (let i = 0; i < x.groups.length; i++) {
    const g = x.groups[i]!;
    profile(f, g, 1 / Math.max(1, n), w);
    if (!x.joined[i]) w.add(g, G.members, 1);
    if (x.groupNBefore[i]! <= 0) w.set(g, G.first, f.ts);
    w.set(g, G.last, f.ts);
    if (g.view[G.lastExact] !== f.exact) {
      w.add(g, G.variety, 1);
      w.set(g, G.lastExact, f.exact);
    }
    if (before.suspicious && !x.suspJoined[i]) w.add(g, G.suspicious, 1);
    // Infrastructure links (same network and client, same system prompt and client) are specific;
    // a template frame can be shared by chance, so it links less.
    const key = f.groups[i]!;
    const score = key.kind === 'wave' ? (n <= WAVE_MAX_REQUESTS ? scoreWave(g.view) * WAVE_LINK : 0) : scoreGroup(g.view, key.template) * (key.template ? TEMPLATE_LINK : 1);
    if (score > best) {
      best = score;
      bestIndex = i;
    }
  }
  if (best > 0) w.add(acct, A.clusterSum, best);
  if (bestIndex >= 0 && best >= s[A.clusterScore]!) {
    w.set(acct, A.cluster, f.groups[bestIndex]!.hash);
    w.set(acct, A.clusterScore, best);
  }
  const clusterEvidence = s[A.clusterSum]! / (n + CLUSTER_PRIOR);
  const clusterLabel = s[A.clusterScore]! > 0 ? clusterName(s[A.cluster]!) : undefined;

  // Score and verdict.
  const linked = clusterEvidence >= 0.25 ? clusterEvidence : 0;
  let evidence = scoreAccount(s, x.popView, linked, clusterLabel, options, false);
  const ownScore = sigmoid(evidence.own);
  // A young account's own behaviour is too little to act on; cluster evidence still counts.
  const young = n < options.minRequests;
  const score = sigmoid(young ? evidence.total - Math.max(0, evidence.own - BIAS) : evidence.total);
  const t = options.thresholds;
  const computed = score >= t.block ? 3 : score >= t.flag ? 2 : score >= t.throttle ? 1 : 0;
  const previousRank = before.verdict;
  const rank = Math.max(computed, previousRank);
  if (rank > previousRank) {
    w.set(acct, A.verdict, rank);
    if (previousRank === 0) w.set(acct, A.firstAction, f.ts);
  }
  w.set(acct, A.score, score);
  // Sentences only for accounts near or past an action (most traffic never needs them).
  if (score >= EXPLAIN_FROM || rank > 0) evidence = scoreAccount(s, x.popView, linked, clusterLabel, options, true);

  const newlySuspiciousIn: number[] = [];
  // Suspicious on its own, or already flagged or blocked (a confirmed member counts against every group it shares).
  if (!before.suspicious && ((ownScore >= SUSPICIOUS_MEMBER && !young) || rank >= 2)) {
    w.set(acct, A.suspicious, 1);
    for (let i = 0; i < x.groups.length; i++) {
      if (x.suspJoined[i]) continue;
      w.add(x.groups[i]!, G.suspicious, 1);
      newlySuspiciousIn.push(i);
    }
  }
  return {
    evidence,
    score,
    verdict: VERDICTS[rank]!,
    previous: VERDICTS[previousRank]!,
    ...(clusterLabel !== undefined && clusterEvidence >= 0.25 && { cluster: clusterLabel }),
    newlySuspiciousIn,
    fast: x.hourCount > x.popView.peakP95,
  };
}

/** The synchronised-timing group of a clock hour. */
export function waveHash(timestampMs: number): number {
  return mix32(Math.floor(timestampMs / 3_600_000) ^ 0x7a3c9e11);
}

/** The store id of a group: its kind and hash. */
export function groupId(g: GroupKey): string {
  return `${g.kind === 'template' ? 't' : g.kind === 'network+client' ? 'nf' : g.kind === 'wave' ? 'w' : 'sf'}-${hex32(g.hash)}`;
}

/** The public name of a cluster (`c_` and the group hash). */
export function clusterName(hash: number): string {
  return `c_${hex32(hash)}`;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

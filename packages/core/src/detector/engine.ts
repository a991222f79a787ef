import type { Verdict } from '../decision/index.js';
import { hamming64, hash32, hex32, mix32, type RequestFingerprint } from '../fingerprint/index.js';
import { cohortBreadth, mainCapability } from './cohort.js';
import type { ResolvedDetectorOptions } from './options.js';
import { flaggedAllowance } from './flag-allowance.js';
import { fleetSize, joinFleet, type FleetKey } from './fleet.js';
import { binOf } from './population.js';
import { answersToday, probationQuota, secondsToNextDay, tokensToday } from './probation.js';
import { checkHistory, type HistoryCheck } from './provenance.js';
import { reasoningAllowanceUsed } from './reasoning-allowance.js';
import { servedAloneBlocks } from './served-evidence.js';
import { addRecent, decayRecent } from './recent.js';
import { A, CAP_BINS, G, P, RING_SLOTS, TEMPLATE_BINS } from './schema.js';
import { BIAS, scoreAccount, scoreCohort, scoreGroup, scoreWave, withClusterLink, withClusterSignal, type Evidence, type PopulationView } from './signals.js';

/**
 * The detector's state transition, shared by the memory and the Redis backends. A request is
 * applied in two steps:
 * - `pre`: counters that depend only on the request (sent in the same Redis pipeline as the reads);
 * - `post`: updates that depend on the state read back (the provenance of its history, and so
 *   whether it starts fresh; gaps since the last request, joins, rings, maxima, verdicts), applied
 *   locally and, with Redis, queued for the next pipeline.
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
  /** What the accounts share, for explanations and scoring. */
  kind: 'network+client' | 'system-prompt+client' | 'template' | 'wave' | 'cohort' | 'fleet';
  /**
   * When the link holds: always; only for a request that starts fresh (no genuine history: its
   * newest prompt is the task); only for a genuine follow-up (its opening prompt is the task).
   */
  when: 'always' | 'fresh' | 'followup';
}

/** Group kinds, in the order their codes are stored (`A.clusterKind` = index + 1). */
export const GROUP_KINDS: ReadonlyArray<GroupKey['kind']> = ['network+client', 'system-prompt+client', 'template', 'wave', 'cohort', 'fleet'];
/** `A.clusterKind` of a fleet link (fleet.ts): the account's fleet of the day, not one of the request's groups. */
const FLEET_KIND = GROUP_KINDS.indexOf('fleet') + 1;

/** What one request contributes, derived once from its fingerprint. */
export interface RequestFacts {
  ts: number;
  hour: number;
  hourOfDay: number;
  /** The request resends earlier turns. */
  hasHistory: boolean;
  turns: number;
  /** Digest of the assistant turn it continues (0: none, or not checkable). */
  continued: number;
  reasoning: number;
  /** 1 when the newest user turn is a prompt attack (from the shield's scan), else 0. */
  attack: number;
  /** Instruction style, scaffold, capability and template of the newest user turn (counted when the request starts fresh). */
  instruction: number;
  scaffold: boolean;
  capability: number;
  templated: boolean;
  /** Template bins of the prompt's frames (its skeleton, or its first and last line). */
  templateBins: number[];
  scripted: number;
  maxTokens: number;
  /** A small hash of the model asked for. */
  model: number;
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
  const hasHistory = fp.turns > 1;
  const groups: GroupKey[] = [];
  if (clusters) {
    groups.push({ hash: mix32(hash32(fp.network.group, 11) ^ fp.client.hash), kind: 'network+client', when: 'always' });
    if (fp.system !== 0) groups.push({ hash: mix32(Math.imul(fp.system, 0x9e3779b1) ^ fp.client.hash), kind: 'system-prompt+client', when: 'always' });
    // Synchronised timing: accounts sending instruction prompts in the same clock hour. Alone this
    // links half the internet; it counts through the share of its members already suspicious on
    // their own (a wave of a campaign whose other accounts were caught).
    if (p.style.probability >= 0.6) groups.push({ hash: waveHash(timestampMs), kind: 'wave', when: 'fresh' });
    // The task of a fresh request is its newest prompt; a genuine follow-up continues its opener's.
    if (linksByTemplate(p)) for (const frame of framesOf(p)) groups.push({ hash: frame, kind: 'template', when: 'fresh' });
    const opener = fp.opener;
    if (hasHistory && opener && linksByTemplate(opener)) for (const frame of framesOf(opener)) groups.push({ hash: frame, kind: 'template', when: 'followup' });
  }
  return {
    ts,
    hour: Math.floor(ts / 3600),
    hourOfDay: Math.floor(ts / 3600) % 24,
    hasHistory,
    turns: fp.turns,
    continued: fp.continued,
    reasoning: fp.reasoning,
    attack: 0,
    instruction: p.style.probability,
    scaffold: p.style.scaffold,
    capability: p.style.capability,
    templated: p.templated,
    templateBins: templateBinsOf(p),
    scripted: fp.client.scripted,
    maxTokens: fp.maxTokens,
    model: modelCode(fp.model),
    exact: p.exact,
    simhash: p.simhash,
    words: p.words,
    newModel,
    groups,
  };
}

/**
 * Whether a prompt's frame is specific enough to link accounts: the first or last line of a
 * multi-line prompt (a wrapper around a body), or a one-line prompt whose frame is a label or
 * markup (`Task: …`, `[INST] … [/INST]`). The first and last words of an ordinary sentence ("can
 * you explain … step by step ?") are shared by people and campaigns alike and link nothing.
 */
function linksByTemplate(p: { templated: boolean; words: number; prefix: number; suffix: number; frameMarked: boolean }): boolean {
  if (!p.templated || p.words < 4) return false;
  if (p.prefix !== 0 || p.suffix !== 0) return true;
  // The skeleton's frame before its `…` holds a label or markup (`:`, `>`, `]`); read from the
  // tokens (`frameMarked`), so no request builds the skeleton's text.
  return p.frameMarked;
}

/** The frames a prompt's template is made of: first and last line of a multi-line prompt, else its skeleton. */
function framesOf(p: { template: number; prefix: number; suffix: number }): number[] {
  const frames: number[] = [];
  if (p.prefix !== 0) frames.push(p.prefix);
  if (p.suffix !== 0 && p.suffix !== p.prefix) frames.push(p.suffix);
  return frames.length > 0 ? frames : [p.template];
}

/** The template bins of a prompt's frames: `framesOf(p).map((f) => f % TEMPLATE_BINS)` in one array rather than two. */
function templateBinsOf(p: { template: number; prefix: number; suffix: number }): number[] {
  if (p.prefix === 0 && (p.suffix === 0 || p.suffix === p.prefix)) return [p.template % TEMPLATE_BINS];
  const bins: number[] = [];
  if (p.prefix !== 0) bins.push(p.prefix % TEMPLATE_BINS);
  if (p.suffix !== 0 && p.suffix !== p.prefix) bins.push(p.suffix % TEMPLATE_BINS);
  return bins;
}

/**
 * The small code of a model name (a hash of it, 1-65536). A service asks for a handful of models,
 * so the codes are kept by name rather than the name hashed on every request; a client that sends
 * many names only empties the memory, and a long one (no model is named so) is not kept.
 */
const modelCodes = new Map<string, number>();
function modelCode(model: string): number {
  if (model.length > 64) return (hash32(model, 5) & 0xffff) + 1;
  let code = modelCodes.get(model);
  if (code === undefined) {
    code = (hash32(model, 5) & 0xffff) + 1;
    if (modelCodes.size >= 256) modelCodes.clear();
    modelCodes.set(model, code);
  }
  return code;
}

/** Counters that depend only on the request (its history's provenance is not known yet). */
export function pre(f: RequestFacts, acct: Target, groups: readonly Target[], w: Writer): void {
  w.add(acct, A.n, 1);
  w.add(acct, A.depth, f.turns);
  w.add(acct, A.reasoning, f.reasoning);
  if (f.attack) w.add(acct, A.attacks, 1);
  w.add(acct, A.scripted, f.scripted);
  w.add(acct, A.hours + f.hourOfDay, 1);
  if (f.newModel) w.add(acct, A.newModel, 1);
  w.set(acct, A.lastMax, f.maxTokens);
  w.add(acct, A.maxTokens, Math.log2(Math.max(1, f.maxTokens)));
  w.set(acct, A.model, f.model);
  for (let i = 0; i < groups.length; i++) if (f.groups[i]!.when === 'always') w.add(groups[i]!, G.n, 1);
}

/**
 * The content of a request whose newest prompt is a task of its own: every fresh request, and a
 * follow-up that asks a complete instruction (a harvest can open a genuine conversation with
 * "hi!" and ask its task as the second turn; the history does not make the task a reply).
 */
function taskContent(f: RequestFacts, acct: Target, w: Writer): void {
  w.add(acct, A.tasks, 1);
  if (f.instruction) w.add(acct, A.instruction, f.instruction);
  if (f.scaffold) w.add(acct, A.scaffold, 1);
  w.add(acct, A.caps + (f.capability % CAP_BINS), 1);
  if (f.templated) {
    w.add(acct, A.templated, 1);
    for (const bin of f.templateBins) w.add(acct, A.templates + bin, 1);
  }
}

/** A follow-up whose newest turn is a complete instruction of its own, not a reply to the answer. */
export const TASK_FOLLOW_UP = 0.6;
/** Instruction probability below which a prompt asks for nothing (the classifier's no-task level is 0.1, a question 0.2). */
const ASKS_SOMETHING = 0.15;
const TASK_MIN_WORDS = 4;

/** The recent window's share of this request. */
function recentContent(f: RequestFacts, acct: Target, fresh: boolean, task: boolean, check: HistoryCheck, w: Writer): void {
  decayRecent(acct, f.ts, w);
  addRecent(acct, A.recentN, 1, w);
  if (fresh) addRecent(acct, A.recentSingle, 1, w);
  if (task) {
    addRecent(acct, A.recentTasks, 1, w);
    if (f.instruction) addRecent(acct, A.recentInstruction, f.instruction, w);
  }
  if (f.reasoning) addRecent(acct, A.recentReasoning, f.reasoning, w);
  if (check === 'genuine' || check === 'forged' || check === 'recycled') addRecent(acct, A.recentHistory, 1, w);
  if (check === 'forged' || check === 'recycled') addRecent(acct, A.recentForged, 1, w);
}

/** Adds a request to a group's profile with weight 1/(requests of its account). */
function profile(f: RequestFacts, g: Target, weight: number, fresh: boolean, task: boolean, fit: number, w: Writer): void {
  w.add(g, G.weight, weight);
  if (fit > 0) w.add(g, G.fit, weight * fit);
  if (task && f.instruction) w.add(g, G.instruction, weight * f.instruction);
  w.add(g, G.reasoning, weight * f.reasoning);
  if (task && f.scaffold) w.add(g, G.scaffold, weight);
  if (fresh) w.add(g, G.single, weight);
  w.add(g, G.scripted, weight * f.scripted);
}

/** Everything `post` needs that the backend read or computed. */
export interface PostInput {
  f: RequestFacts;
  acct: Target;
  /** The account's state before this request (`n`, `last`, verdict, suspicious flag as they were read). */
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
  /** The identity is a declared integration (`detector.integrations`). */
  integration: boolean;
  /** The account's fleet today and its group vector (fleet.ts), when it is a fleet member. */
  fleet?: { target: Target; key: FleetKey };
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
  /** What the request's history said about its provenance. */
  history: HistoryCheck;
  /** The account is over its probation quota for today: come back in `retryAfter` seconds. */
  probation?: { retryAfter: number; used: number; quota: number };
  /** The account is flagged and was served its daily allowance of answers: come back in `retryAfter` seconds. */
  allowance?: { retryAfter: number; used: number; limit: number };
  /** The account was served its reasoning allowance today (reasoning-shaped answers): come back in `retryAfter` seconds. */
  reasoningAllowance?: { retryAfter: number; used: number; limit: number };
}

/** Scores below this carry no signal list. */
export const EXPLAIN_FROM = 0.1;
/** Smoothing of the cluster evidence: a weak link must recur before it counts fully. */
const CLUSTER_PRIOR = 0.5;
/** How much a template link counts next to an infrastructure link. */
const TEMPLATE_LINK = 0.8;
/** How much sharing a busy hour counts: the weakest link. */
const WAVE_LINK = 0.3;
/** Cluster evidence below this does not count. */
const LINK_COUNTS = 0.25;
/** Only light accounts link through a busy hour (a campaign of many small accounts); heavier ones have their own record. */
const WAVE_MAX_REQUESTS = 40;
/** Own score from which an account counts as a suspicious member of its groups. */
const SUSPICIOUS_MEMBER = 0.5;
/** Group kinds (`A.clusterKind` codes) whose link alone may flag but not block: template, wave, cohort, fleet. */
const WEAK_LINKS: ReadonlySet<number> = new Set([3, 4, 5, 6]);
/** A link this strong acts on a member at once, from its first request: no smoothing. */
const STRONG_LINK = 0.6;
/** Own log-odds above the prior at which an account fits a campaign fully (weak links count in proportion). */
const FIT_SPAN = 2.5;
/** A cohort acts on a member at once when the member fits this well and starts this share of its requests fresh. */
const COHORT_NOW_FIT = 0.9;
const COHORT_NOW_FRESH = 0.85;
/** Characters a second a fast reader gets through; an answer shorter than `READ_FROM` is read at a glance. */
const READ_CHARS_PER_SECOND = 120;
const READ_FROM = 400;

/** Read-dependent updates, scoring and the verdict. */
export function post(x: PostInput, w: Writer): PostResult {
  const { f, acct, before, options } = x;
  const s = acct.view;

  // History provenance decides whether the request continues a real conversation or starts fresh.
  const provenance = provenanceApplies(s);
  const history = checkHistory(acct, f.continued, f.hasHistory, provenance, w);
  const fresh = history === 'none' || history === 'forged' || history === 'recycled';
  // A prompt that asks for nothing (a greeting, chit-chat) is no task: padding with them must not dilute the rest.
  const task = f.instruction >= ASKS_SOMETHING && (fresh || (f.instruction >= TASK_FOLLOW_UP && f.words >= TASK_MIN_WORDS));
  if (fresh) w.add(acct, A.single, 1);
  else if (!task && history !== 'unchecked') w.add(acct, A.replies, 1);
  if (task) taskContent(f, acct, w);
  recentContent(f, acct, fresh, task, history, w);

  // Timing: gaps, sleep, and whether the previous answer could have been read.
  if (before.n <= 0) w.set(acct, A.first, f.ts);
  else {
    const gap = Math.max(0, f.ts - before.last);
    const lg = Math.log1p(gap);
    w.add(acct, A.gapN, 1);
    w.add(acct, A.gapS, lg);
    w.add(acct, A.gapSS, lg * lg);
    if (gap >= 4 * 3600) w.add(acct, A.sleeps, 1);
    // Each served answer is checked once, by the request that follows it.
    const answer = s[A.lastAnswer]!;
    if (answer >= READ_FROM) {
      w.add(acct, A.reads, 1);
      if (gap < answer / READ_CHARS_PER_SECOND) w.add(acct, A.fastReads, 1);
    }
    if (answer > 0) w.set(acct, A.lastAnswer, 0);
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

  // The account's own evidence, before any link: weak links (a shared template, a cohort) only
  // count as far as the account itself behaves like a harvest, so a person who happens to share
  // a frame or a first day with a campaign does not inherit its verdict.
  const popView = withProvenance(x.popView, provenance);
  // With its signal parts when the account was explained on its last request (a score moves
  // little from one request to the next, so it most likely is again): the parts are then ready for
  // the explanation below, which only adds the cluster link, rather than scoring the account twice.
  const collected = s[A.score]! >= EXPLAIN_FROM || before.verdict > 0;
  const ownEvidence = scoreAccount(s, popView, 0, undefined, options, x.integration, collected);
  const fit = clamp01((ownEvidence.own - BIAS) / FIT_SPAN);

  // Groups: membership, variety, then the best group this request links to.
  let best = 0;
  let bestIndex = -1;
  let immediate = false;
  for (let i = 0; i < x.groups.length; i++) {
    const key = f.groups[i]!;
    if (key.when === 'fresh' ? !fresh : key.when === 'followup' ? fresh : false) continue;
    const g = x.groups[i]!;
    if (key.when !== 'always') w.add(g, G.n, 1);
    profile(f, g, 1 / Math.max(1, n), fresh, task, fit, w);
    if (!x.joined[i]) {
      w.add(g, G.members, 1);
      if (key.kind === 'cohort') w.add(g, G.caps + mainCapability(s), 1);
    }
    if (x.groupNBefore[i]! <= 0) w.set(g, G.first, f.ts);
    w.set(g, G.last, f.ts);
    if (g.view[G.lastExact] !== f.exact) {
      w.add(g, G.variety, 1);
      w.set(g, G.lastExact, f.exact);
    }
    if (before.suspicious && !x.suspJoined[i]) w.add(g, G.suspicious, 1);
    const score = linkScore(key, g.view, n, fit);
    if (score > best) {
      best = score;
      bestIndex = i;
      immediate = key.kind === 'network+client' || key.kind === 'system-prompt+client' || (key.kind === 'cohort' && fit >= COHORT_NOW_FIT && s[A.single]! >= COHORT_NOW_FRESH * n);
    }
  }
  if (best > 0) {
    w.add(acct, A.clusterSum, best);
    addRecent(acct, A.recentCluster, best, w);
  }
  if (bestIndex >= 0 && best >= s[A.clusterScore]!) {
    w.set(acct, A.cluster, f.groups[bestIndex]!.hash);
    w.set(acct, A.clusterScore, best);
    w.set(acct, A.clusterKind, GROUP_KINDS.indexOf(f.groups[bestIndex]!.kind) + 1);
    w.set(acct, A.clusterMembers, x.groups[bestIndex]!.view[G.members]!);
  }
  // The account's fleet of the day (fleet.ts): its members take answers at machine pace, so the
  // link acts at once, as shared infrastructure does; it is weak (it may flag, never block), and,
  // as a cohort, counts only as far as the account itself looks like a harvest: an honest
  // integration that shares the day and the client class with a fleet does not inherit its verdict.
  const fleet = x.fleet ? joinFleet(x.fleet.target, x.fleet.key, w) * fit : 0;
  // Recorded as the account's cluster (and so holding a flagged member to the allowance) only once
  // it counts as a link: a service's handful of honest integrations at machine pace is no fleet.
  if (fleet >= LINK_COUNTS && fleet >= s[A.clusterScore]!) {
    w.set(acct, A.cluster, x.fleet!.key.hash);
    w.set(acct, A.clusterScore, fleet);
    w.set(acct, A.clusterKind, FLEET_KIND);
    w.set(acct, A.clusterMembers, Math.round(fleetSize(x.fleet!.target.view)));
  }
  // A link must recur to count fully, except a strong link through shared infrastructure: that
  // counts in full at once, from a member's first request (a farm of throwaway accounts gets
  // nothing for its new accounts). So does a cohort for an account that already looks like its
  // members on its own and almost never converses. A template can be shared by chance: smoothed.
  // Over the account's life and over its recent window, so a harvest that begins after days of chat links at once.
  let clusterEvidence = Math.max(s[A.clusterSum]! / (n + CLUSTER_PRIOR), s[A.recentCluster]! / (s[A.recentN]! + CLUSTER_PRIOR + 1));
  if (immediate && best >= STRONG_LINK) clusterEvidence = Math.max(clusterEvidence, best);
  const withoutFleet = clusterEvidence;
  clusterEvidence = Math.max(clusterEvidence, fleet);
  // The cluster's name is a string made from its hash: made only for a result or a sentence that shows it (below).
  const clustered = s[A.clusterScore]! > 0;

  // Score and verdict.
  const linked = clusterEvidence >= LINK_COUNTS ? clusterEvidence : 0;
  // Only the account's cluster fields changed since its own evidence was scored: the link is added to it.
  let evidence = withClusterLink(ownEvidence, linked, options);
  const ownScore = sigmoid(evidence.own);
  // A young account's own behaviour is too little to act on; cluster evidence and forged history still count.
  const young = n < options.minRequests;
  const score = sigmoid(young ? evidence.total - Math.max(0, evidence.own - BIAS - evidence.forged) : evidence.total);
  const t = options.thresholds;
  let computed = score >= t.block ? 3 : score >= t.flag ? 2 : score >= t.throttle ? 1 : 0;
  // A weak link (a shared template, a cohort, a busy hour) can flag an account for review, never
  // block it alone: blocking takes the account's own evidence, or shared infrastructure.
  // Instead, it is held to a daily allowance of answers (see below).
  const held = computed === 3 && WEAK_LINKS.has(s[A.clusterKind]!) && sigmoid(evidence.own - evidence.pace) < t.flag;
  if (held) computed = 2;
  // Nor does a fleet, whatever the account's own evidence: an account the rules below would not
  // block without its fleet (on its score, its machine pace or what it was served) is not blocked.
  if (computed === 3 && fleet > withoutFleet && !blocksWithoutFleet(ownEvidence, withoutFleet >= LINK_COUNTS ? withoutFleet : 0, x.integration, options)) computed = 2;
  // Machine pace (answers at a rate no person takes, behind a browser) never makes a block either.
  if (computed === 3 && paceAloneReaches(evidence, t.block)) computed = 2;
  // Nor does what a lone account was served (answers that read as reasoning, long answers, answers
  // not read): a content product is served the same (served-evidence.ts).
  // It is held to the flagged allowance instead (below), as a weak link holds: otherwise a lone
  // harvest of plain questions whose answers read as reasoning, blocked before, would be served
  // without end once flagged.
  const servedHeld = computed === 3 && !x.integration && servedAloneBlocks(evidence, linked, t.block);
  if (servedHeld) computed = 2;
  // Templates and automation never block a declared integration: the operator reviews it.
  if (x.integration) computed = Math.min(computed, 2);
  const previousRank = before.verdict;
  const rank = Math.max(computed, previousRank);
  if (rank > previousRank) {
    w.set(acct, A.verdict, rank);
    if (previousRank === 0) w.set(acct, A.firstAction, f.ts);
  }
  w.set(acct, A.score, score);
  // Sentences only for accounts near or past an action (most traffic never needs them).
  const explained = score >= EXPLAIN_FROM || rank > 0;
  const clusterLabel = clustered && (explained || clusterEvidence >= 0.25) ? clusterName(s[A.cluster]!) : undefined;
  if (explained) evidence = collected ? withClusterSignal(ownEvidence, s, linked, clusterLabel, options) : scoreAccount(s, popView, linked, clusterLabel, options, x.integration, true);
  // Not explained after all: no parts, as when they were not collected.
  else if (evidence.parts.length > 0) evidence = { own: evidence.own, total: evidence.total, forged: evidence.forged, pace: evidence.pace, served: evidence.served, parts: [] };

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

  // Two literals rather than a conditional spread of `cluster`; same fields, same order.
  const result: PostResult =
    clusterLabel !== undefined && clusterEvidence >= 0.25
      ? { evidence, score, verdict: VERDICTS[rank]!, previous: VERDICTS[previousRank]!, cluster: clusterLabel, newlySuspiciousIn, fast: x.hourCount > x.popView.peakP95, history }
      : { evidence, score, verdict: VERDICTS[rank]!, previous: VERDICTS[previousRank]!, newlySuspiciousIn, fast: x.hourCount > x.popView.peakP95, history };
  // An account that only a weak link keeps from a block is served within an allowance of answers
  // that halves with every day since it was first acted on: a flagged harvest that sizes itself
  // to the allowance is held to about twice the first day's in all.
  // So is a flagged account that machine pace keeps flagged (without it, it would not be), and a
  // lone account that only what it was served would block (served-evidence.ts).
  const paceHeld = rank === 2 && paceAloneReaches(evidence, t.flag);
  // So is a flagged account whose strongest link is a fleet: the fleet re-forms each day only once
  // its members pass the fleet's pace, which the allowance keeps them from.
  const fleetHeld = rank === 2 && s[A.clusterKind] === FLEET_KIND && !x.integration;
  const perDay = options.actions.flagAnswersPerDay;
  if ((held || paceHeld || servedHeld || fleetHeld) && rank === 2 && perDay > 0) {
    const limit = flaggedAllowance(perDay, s[A.firstAction]!, f.ts);
    const used = answersToday(s, f.ts);
    if (used >= limit) result.allowance = { retryAfter: secondsToNextDay(f.ts), used, limit };
  }
  // Whatever the verdict, an account is served a bounded number of reasoning-shaped answers a day
  // (see reasoning-allowance.ts): the one thing a harvest of reasoning cannot stop taking.
  const reasoningLimit = options.actions.reasoningAnswersPerDay;
  if (reasoningLimit > 0 && !x.integration) {
    const over = reasoningAllowanceUsed(s, f.ts, reasoningLimit);
    if (over) result.reasoningAllowance = { retryAfter: over.retryAfter, used: over.used, limit: reasoningLimit };
  }
  if (options.probation && !x.integration) {
    const quota = probationQuota(s, f.ts, options.probation);
    const used = tokensToday(s, f.ts);
    if (used >= quota) result.probation = { retryAfter: secondsToNextDay(f.ts), used, quota };
  }
  return result;
}

/** Whether machine pace is what lifts `e` to `threshold`: without it the account would stay below. */
function paceAloneReaches(e: Evidence, threshold: number): boolean {
  return e.pace > 0 && sigmoid(e.total - e.pace) < threshold;
}

/** Whether an account's evidence without its fleet link (`linked`: the other links) blocks it, by the rules of `post`. */
function blocksWithoutFleet(own: Evidence, linked: number, integration: boolean, options: ResolvedDetectorOptions): boolean {
  const e = withClusterLink(own, linked, options);
  const block = options.thresholds.block;
  if (sigmoid(e.total) < block) return false;
  if (paceAloneReaches(e, block)) return false;
  return integration || !servedAloneBlocks(e, linked, block);
}

/**
 * How strongly a request links its account to a group (0 when the link does not count). `fit` in
 * [0, 1] is how far the account's own behaviour already looks like a harvest: weak links (a
 * template, a cohort, a busy hour) count only that far; shared infrastructure counts in full.
 */
function linkScore(key: GroupKey, g: Float64Array, accountRequests: number, fit: number): number {
  switch (key.kind) {
    case 'wave':
      return accountRequests <= WAVE_MAX_REQUESTS ? scoreWave(g) * WAVE_LINK : 0;
    case 'cohort':
      return scoreCohort(g, cohortBreadth(g)) * fit;
    case 'template':
      return scoreGroup(g, true) * TEMPLATE_LINK * Math.max(fit, 0.5);
    default:
      return scoreGroup(g, false);
  }
}

const clamp01 = (v: number) => (v <= 0 ? 0 : v >= 1 ? 1 : v);

/**
 * The population view with the account's `provenance` flag, as `{ ...view, provenance }` gives it,
 * made once per view and flag instead of once per request: a backend hands the same view to many
 * requests (the memory backend recomputes it every 64), and scoring only reads it.
 */
let provenanceOf: PopulationView | undefined;
let withFlag: PopulationView | undefined;
let withoutFlag: PopulationView | undefined;
function withProvenance(view: PopulationView, provenance: boolean): PopulationView {
  if (view !== provenanceOf) {
    provenanceOf = view;
    withFlag = withoutFlag = undefined;
  }
  if (provenance) return (withFlag ??= { ...view, provenance: true });
  return (withoutFlag ??= { ...view, provenance: false });
}

/**
 * Whether an account's history can be judged: the detector was given the text of most answers it
 * was served (`claudeRoute` gives it; a custom handler may not, and a log without
 * `response.content` does not), so an assistant turn it cannot find was never served.
 */
export function provenanceApplies(s: Float64Array): boolean {
  // Answers recorded with their text, against the outcomes whose text the detector was given: a
  // reply that served no text (a stop sequence that fired at once, a tool call alone) was given
  // too, so a client cannot switch the check off with cheap text-less replies (the tenth round's
  // `blind`); only a route that does not pass the text does.
  const served = s[A.answers]!;
  return served >= 1 && served >= 0.8 * (s[A.outN]! - s[A.textless]!);
}

/** The synchronised-timing group of a clock hour. */
export function waveHash(timestampMs: number): number {
  return mix32(Math.floor(timestampMs / 3_600_000) ^ 0x7a3c9e11);
}

/** The store id of a group: its kind and hash. */
export function groupId(g: GroupKey): string {
  const prefix = g.kind === 'template' ? 't' : g.kind === 'network+client' ? 'nf' : g.kind === 'wave' ? 'w' : g.kind === 'cohort' ? 'co' : g.kind === 'fleet' ? 'fl' : 'sf';
  return `${prefix}-${hex32(g.hash)}`;
}

/** The public name of a cluster (`c_` and the group hash). */
export function clusterName(hash: number): string {
  return `c_${hex32(hash)}`;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

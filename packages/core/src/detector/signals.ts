import type { Signal } from '../decision/index.js';
import type { ResolvedDetectorOptions, SignalName } from './options.js';
import { A, CAP_BINS, G, HOUR_BINS, TEMPLATE_BINS } from './schema.js';

/**
 * Per-account signals and their fusion. Each signal is a strength in [0, 1] times a weight in
 * log-odds; the fused score is a logistic of the sum, so independent evidence multiplies and no
 * single feature decides alone. Count-based signals are discounted while an account is young
 * (`reliability`), so three odd prompts cannot outweigh what the account does over time.
 *
 * Two kinds of evidence, because an attacker who has read this can copy one kind for free:
 * - **shape** (how the traffic looks: instruction style, scaffolds, templates, single-turn,
 *   scripted client, timing, volume). A legitimate integration has the same shape, so shape alone
 *   is capped just above the `throttle` threshold: it can slow an account down, never flag or block it.
 * - **harvest** (what is expensive to fake: history that was never served, reasoning asked for and
 *   served, answers far longer than prompts, answers not read) and **cluster** evidence. These are
 *   uncapped.
 * No signal is negative: no phrasing, frame or client choice can lower an account's score.
 */

/** The population reference points signals compare an account with. */
export interface PopulationView {
  /** Request count at the population's 95th percentile of accounts (floored). */
  volumeP95: number;
  /** Peak requests in one hour at the population's 95th percentile (floored). */
  peakP95: number;
  /** The deployment gives the detector the answers it served, so history provenance is judged. */
  provenance?: boolean;
}

export interface Evidence {
  /** Log-odds of the account's own behaviour (no cluster). */
  own: number;
  /** Log-odds including cluster evidence. */
  total: number;
  /** Contribution of forged history (counts even for a young account). */
  forged: number;
  /** Contribution of `machine-pace`: evidence that may flag an account, never block it (see `post`). */
  pace: number;
  /**
   * Contribution of what the account was served (`answer-reasoning`, `output-heavy`,
   * `reading-time`): alone it may flag an account, never block it (see served-evidence.ts).
   */
  served: number;
  /** The signals that fired, strongest contribution first; explanations are written on demand. */
  parts: SignalPart[];
}

/** A signal before its explanation is written (most requests never need the sentence). */
export interface SignalPart {
  name: SignalName;
  value: number;
  contribution: number;
  explain: () => string;
}

/** The named signals with their sentences, strongest first. */
export function explain(parts: readonly SignalPart[], limit: number): Signal[] {
  const out: Signal[] = [];
  for (const p of parts) {
    if (p.contribution <= 0) continue;
    out.push({ name: p.name, value: p.value, explanation: p.explain() });
    if (out.length >= limit) break;
  }
  return out;
}

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
const reliability = (n: number, half: number) => n / (n + half);
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Weights in log-odds of a signal at full strength (before the user's multipliers). */
export const WEIGHTS: Record<SignalName, number> = {
  cluster: 9,
  'forged-history': 8,
  'reasoning-elicitation': 2.4,
  'answer-reasoning': 2.0,
  'output-heavy': 1.0,
  'reading-time': 1.5,
  // At full strength alone it reaches the flag threshold, never more: see `MACHINE_PACE` below.
  'machine-pace': 7.7,
  'instruction-style': 3.2,
  'dataset-scaffold': 2.2,
  'template-reuse': 1.2,
  'capability-sweep': 0.8,
  'single-turn': 1.0,
  'scripted-client': 1.4,
  'regular-timing': 1.2,
  'round-the-clock': 1.6,
  volume: 1.0,
  velocity: 1.0,
  'near-duplicates': 0.8,
  'model-pivot': 1.0,
  // Prompt attacks are not harvesting: enough to explain and to tip a borderline account, never
  // enough alone to act on someone who pastes role-play prompts into a chat.
  'prompt-attacks': 1.0,
};

/** Signals that describe the traffic's shape (shared by honest automation); their sum is capped. */
export const SHAPE_SIGNALS: ReadonlySet<SignalName> = new Set([
  'instruction-style',
  'dataset-scaffold',
  'template-reuse',
  'capability-sweep',
  'single-turn',
  'scripted-client',
  'regular-timing',
  'round-the-clock',
  'volume',
  'velocity',
  'near-duplicates',
  'model-pivot',
  'prompt-attacks',
]);

/** Log-odds of a fresh account: harvesting is rare. */
export const BIAS = -5.5;

/** Strength of the content profile (instruction style, reasoning, scaffolds) of a set of prompts. */
export function profileStrengths(means: { instruction: number; reasoning: number; scaffold: number }) {
  return {
    instruction: clamp01((means.instruction - 0.4) / 0.4),
    reasoning: clamp01((means.reasoning - 0.08) / 0.3),
    scaffold: clamp01((means.scaffold - 0.1) / 0.6),
  };
}

/** The most shape evidence counts for: the log-odds a fifth of the way from the throttle to the flag threshold. */
export function shapeCap(options: ResolvedDetectorOptions): number {
  const mid = options.thresholds.throttle + (options.thresholds.flag - options.thresholds.throttle) / 5;
  const p = Math.min(0.999999, Math.max(1e-6, mid));
  return Math.log(p / (1 - p)) - BIAS;
}

/**
 * A strength measured over the account's life and over its recent window: the stronger counts.
 * Two numbers, not a `{ strength, recent }` record: scoreAccount runs twice for most requests and
 * made five such records each time. `recentWins` says which window it was (for the sentence).
 */
function stronger(lifetime: number, recent: number): number {
  return recent > lifetime ? recent : lifetime;
}
function recentWins(lifetime: number, recent: number): boolean {
  return recent > lifetime;
}
const when = (recent: boolean) => (recent ? ' in the last day' : '');

/**
 * Scores an account's state: each named signal with its strength and explanation, fused into
 * log-odds with and without the cluster evidence. A declared integration is judged on harvest
 * and cluster evidence only: its shape is what the operator declared.
 */
export function scoreAccount(s: Float64Array, pop: PopulationView, clusterEvidence: number, clusterLabel: string | undefined, options: ResolvedDetectorOptions, integration = false, collect = true): Evidence {
  const w = options.weights;
  const n = s[A.n]!;
  const parts: SignalPart[] = [];
  let shape = 0;
  let harvest = 0;
  let forgedPart = 0;
  let pacePart = 0;
  let servedPart = 0;
  // Without `collect` only the sums are computed: no signal objects, no sentences.
  const add = (name: SignalName, strength: number, explain: false | (() => string)) => {
    if (strength <= 0) return 0;
    const isShape = SHAPE_SIGNALS.has(name);
    if (isShape && integration) return 0;
    const contribution = WEIGHTS[name] * w[name] * strength;
    if (contribution === 0) return 0;
    if (isShape) shape += contribution;
    else harvest += contribution;
    if (explain) parts.push({ name, value: round(strength), contribution, explain });
    return contribution;
  };
  // Each signal's strength goes through `v` so that its sentence (a closure) is made only when
  // `add` keeps it: made for every signal, the sentences were the detector's largest allocation
  // (an account is explained from a score of 0.1 on, 43% of the HTTP benchmark's requests).
  let v = 0;
  const sentence = (strength: number): boolean => collect && !(strength <= 0);

  const singles = s[A.single]!;
  const tasks = s[A.tasks]!;
  const recentN = s[A.recentN]!;
  const recentSingles = s[A.recentSingle]!;
  const recentTasks = s[A.recentTasks]!;

  // Harvest evidence.
  if (pop.provenance !== false) {
    const bad = s[A.forged]! + s[A.recycled]!;
    const checked = s[A.history]!;
    const recentBad = s[A.recentForged]!;
    const recentChecked = s[A.recentHistory]!;
    const lifetime = checked > 0 ? clamp01((bad / checked - 0.1) / 0.3) * reliability(bad, 1) : 0;
    const recent = recentChecked > 0 ? clamp01((recentBad / recentChecked - 0.1) / 0.3) * reliability(recentBad, 1) : 0;
    forgedPart = add('forged-history', (v = stronger(lifetime, recent)), sentence(v) && (() => `${s[A.forged]} of ${checked} requests resent an assistant turn this account was never served, and ${s[A.recycled]} resent one it had already continued ${3} times or more${when(recentWins(lifetime, recent))}: its history is invented or recycled, and the request counts as a fresh one.`));
  }
  const reasonLife = clamp01((s[A.reasoning]! / Math.max(1, n) - 0.08) / 0.3) * reliability(n, 4);
  const reasonRecent = recentN > 0 ? clamp01((s[A.recentReasoning]! / recentN - 0.08) / 0.3) * reliability(recentN, 4) : 0;
  add('reasoning-elicitation', (v = stronger(reasonLife, reasonRecent)), sentence(v) && (() => `${pct(recentWins(reasonLife, reasonRecent) ? s[A.recentReasoning]! / recentN : s[A.reasoning]! / Math.max(1, n))} of the prompts${when(recentWins(reasonLife, reasonRecent))} ask the model to expose its reasoning (step-by-step asks in any language, reasoning fields, thinking tags, rubric grading).`));
  const answers = s[A.answers]!;
  const recentAnswers = s[A.recentAnswers]!;
  const answerLife = answers > 0 ? clamp01((s[A.answerReasoning]! / answers - 0.1) / 0.3) * reliability(answers, 6) : 0;
  const answerRecent = recentAnswers > 0 ? clamp01((s[A.recentAnswerReasoning]! / recentAnswers - 0.1) / 0.3) * reliability(recentAnswers, 6) : 0;
  servedPart += add('answer-reasoning', (v = stronger(answerLife, answerRecent)), sentence(v) && (() => `${pct(recentWins(answerLife, answerRecent) ? s[A.recentAnswerReasoning]! / recentAnswers : s[A.answerReasoning]! / Math.max(1, answers))} of the answers served${when(recentWins(answerLife, answerRecent))} lay out step-by-step reasoning: what a distilled model is trained on.`));
  const outN = s[A.outN]!;
  const outputShare = outN >= 5 ? s[A.outTok]! / Math.max(1, s[A.inTok]! + s[A.outTok]!) : 1;
  if (outN >= 5) {
    const ratio = s[A.outTok]! / Math.max(1, s[A.inTok]!);
    const capped = s[A.capped]! / outN;
    const strength = Math.max(clamp01((Math.log2(ratio + 1e-9) - 2.5) / 2.5), clamp01((capped - 0.2) / 0.5));
    servedPart += add('output-heavy', (v = strength * reliability(outN, 10)), sentence(v) && (() => `Answers run ${ratio.toFixed(1)}x the prompt length; ${pct(capped)} of ${outN} hit max_tokens.`));
  }
  const reads = s[A.reads]!;
  if (reads >= 3) {
    const share = s[A.fastReads]! / reads;
    servedPart += add('reading-time', (v = clamp01((share - 0.2) / 0.4) * reliability(reads, 8)), sentence(v) && (() => `${s[A.fastReads]} of ${reads} requests came sooner than a fast reader gets through the answer before them (${READ_HINT}).`));
  }
  // Machine pace behind a browser: answers at a rate no person takes (the development log's
  // heaviest person took 47 requests in a UTC day, 29 in its six-hour window), from a client that
  // is not honest automation, and the answers are what it takes. Benign automation says what it
  // is (an HTTP library or SDK on every request: `scripted-client`, shape) and mostly takes short
  // results from long inputs. Counted on the account's activity (answers this UTC day, the recent
  // window), not its age, so an account first seen long ago counts as a new one does. See
  // `machinePaceStrength` for how the client and what it takes are read.
  if (!integration) {
    const today = s[A.day] === Math.floor(s[A.last]! / 86_400) ? s[A.dayAnswers]! : 0;
    const pace = Math.max(clamp01((today - MACHINE_PACE.dayFrom) / MACHINE_PACE.dayFrom), clamp01((recentN - MACHINE_PACE.recentFrom) / MACHINE_PACE.recentFrom));
    const scriptedMean = s[A.scripted]! / Math.max(1, n);
    const freshShare = Math.max(singles / Math.max(1, n), recentN > 0 ? recentSingles / recentN : 0);
    pacePart = add('machine-pace', (v = pace > 0 ? pace * machinePaceStrength(scriptedMean, outputShare, freshShare) : 0), sentence(v) && (() => `${Math.round(today)} answers served this UTC day and about ${Math.round(recentN)} requests in the last six hours, from ${clientWords(scriptedMean)}; answers are ${pct(outputShare)} of the tokens and ${pct(freshShare)} of the requests start fresh: no person takes answers at this rate.`));
  }

  // Shape evidence.
  add('prompt-attacks', (v = clamp01(s[A.attacks]! / Math.max(4, n)) * clamp01(s[A.attacks]! / 3)), sentence(v) && (() => `${s[A.attacks]} of ${n} prompts were prompt attacks (instruction override, system-prompt extraction, jailbreak personas) by the shield's scan.`));
  let top = 0;
  for (let b = 0; b < TEMPLATE_BINS; b++) if (s[A.templates + b]! > top) top = s[A.templates + b]!;
  const reuse = n >= 8 ? top / n : 0;
  let caps = 0;
  for (let c = 1; c < CAP_BINS; c++) if (s[A.caps + c]! >= Math.max(1, 0.02 * n)) caps++;
  const breadth = clamp01((caps - 3) / 5);
  add('template-reuse', (v = clamp01((reuse - 0.3) / 0.5) * breadth * reliability(s[A.templated]!, 6)), sentence(v) && (() => `${pct(reuse)} of ${n} prompts share one template frame, filled with tasks across ${caps} capabilities.`));

  // Instruction style: the steadiest trait of a harvest. The more fresh prompts, the less a high
  // share can be chance; and it counts in full when the answers are what the account takes away
  // (short tasks, long answers), less when it sends documents and gets short results back.
  const instrLife = tasks > 0 ? clamp01((s[A.instruction]! / tasks - 0.45) / 0.25) * reliability(tasks, 6) * (1 + 0.5 * clamp01(Math.log2(Math.max(1, tasks) / 12) / 3)) : 0;
  const instrRecent = recentTasks > 0 ? clamp01((s[A.recentInstruction]! / recentTasks - 0.45) / 0.25) * reliability(recentTasks, 6) : 0;
  const taken = clamp01((outputShare - 0.4) / 0.3);
  add('instruction-style', (v = stronger(instrLife, instrRecent) * taken), sentence(v) && (() => `${pct(recentWins(instrLife, instrRecent) ? s[A.recentInstruction]! / Math.max(1, recentTasks) : s[A.instruction]! / Math.max(1, tasks))} of ${Math.round(recentWins(instrLife, instrRecent) ? recentTasks : tasks)} tasks asked${when(recentWins(instrLife, instrRecent))} read like dataset instructions; answers are ${pct(outputShare)} of the tokens.`));
  add('capability-sweep', (v = breadth * clamp01((s[A.instruction]! / Math.max(1, tasks) - 0.4) / 0.4) * reliability(n, 20)), sentence(v) && (() => `The tasks asked cover ${caps} of ${CAP_BINS - 1} capability areas.`));
  add('dataset-scaffold', (v = clamp01((s[A.scaffold]! / Math.max(1, tasks) - 0.1) / 0.6) * reliability(tasks, 4)), sentence(v) && (() => `${pct(s[A.scaffold]! / Math.max(1, tasks))} of the tasks asked carry dataset format labels (Instruction/Response, ### Task, Q/A).`));
  const singleLife = clamp01((singles / Math.max(1, n) - 0.6) / 0.35) * reliability(n, 8);
  const singleRecent = recentN > 0 ? clamp01((recentSingles / recentN - 0.6) / 0.35) * reliability(recentN, 8) : 0;
  add('single-turn', (v = stronger(singleLife, singleRecent)), sentence(v) && (() => `${pct(recentWins(singleLife, singleRecent) ? recentSingles / recentN : singles / Math.max(1, n))} of the requests${when(recentWins(singleLife, singleRecent))} start fresh (no history, or a history never served to this account).`));
  add('scripted-client', (v = clamp01((s[A.scripted]! / Math.max(1, n) - 0.3) / 0.6) * reliability(n, 4)), sentence(v) && (() => `${pct(s[A.scripted]! / Math.max(1, n))} of requests come from an HTTP library or a browser disguise, not a browser.`));
  const gapN = s[A.gapN]!;
  if (gapN >= 10) {
    const mean = s[A.gapS]! / gapN;
    const sd = Math.sqrt(Math.max(0, s[A.gapSS]! / gapN - mean * mean));
    add('regular-timing', (v = clamp01((1.7 - sd) / 1.0) * reliability(gapN, 20)), sentence(v) && (() => `Inter-arrival times are regular (spread ${sd.toFixed(2)} in log-seconds over ${gapN} gaps; people are bursty, above 2).`));
  }
  const span = s[A.last]! - s[A.first]!;
  if (span >= 20 * 3600 && n >= 24) {
    let active = 0;
    for (let h = 0; h < HOUR_BINS; h++) if (s[A.hours + h]! > 0) active++;
    const days = span / 86_400;
    const sleepsPerDay = s[A.sleeps]! / Math.max(1, days);
    add('round-the-clock', (v = clamp01((active - 18) / 5) * clamp01(1 - sleepsPerDay)), sentence(v) && (() => `Active in ${active} of 24 hours of the day over ${days.toFixed(1)} days with ${s[A.sleeps]} breaks of 4 hours or more.`));
  }
  add('volume', (v = clamp01(Math.log2(n / pop.volumeP95) / 3)), sentence(v) && (() => `${n} requests, ${(n / pop.volumeP95).toFixed(1)}x the 95th percentile of accounts.`));
  const peak = s[A.peakHour]!;
  add('velocity', (v = clamp01(Math.log2(peak / pop.peakP95) / 2)), sentence(v) && (() => `Up to ${peak} requests in one hour, ${(peak / pop.peakP95).toFixed(1)}x the 95th percentile.`));
  const dupN = s[A.nearDup]!;
  add('near-duplicates', (v = clamp01((dupN / Math.max(1, n) - 0.1) / 0.3) * reliability(n, 10)), sentence(v) && (() => `${pct(dupN / Math.max(1, n))} of prompts are near-duplicates of a recent one (paraphrase probing).`));
  const pivot = s[A.newModel]! / Math.max(1, n);
  if (n >= 10) add('model-pivot', (v = clamp01((pivot - 0.5) / 0.4)), sentence(v) && (() => `${pct(pivot)} of requests go to a model released to this service within the last day.`));

  // Shape alone never reaches the flag threshold.
  const cap = shapeCap(options);
  if (shape > cap) {
    const k = cap / shape;
    for (const p of parts) if (SHAPE_SIGNALS.has(p.name)) p.contribution *= k;
    shape = cap;
  }
  const own = BIAS + shape + harvest;
  let total = own;
  const contribution = clusterContribution(clusterEvidence, options);
  if (contribution > 0) {
    total += contribution;
    if (collect) parts.push(clusterPart(s, clusterEvidence, clusterLabel, contribution));
  }
  strongestFirst(parts);
  return { own, total, forged: forgedPart, pace: pacePart, served: servedPart, parts };
}

/** The signal part of a cluster link worth `contribution` (its sentence written on demand). */
function clusterPart(s: Float64Array, clusterEvidence: number, clusterLabel: string | undefined, contribution: number): SignalPart {
  return { name: 'cluster', value: round(clusterEvidence), contribution, explain: () => `Linked to cross-account cluster ${clusterLabel ?? ''} (${LINKS[s[A.clusterKind]!] ?? 'shared traits'}, ${s[A.clusterMembers]} accounts) whose members behave alike; ${pct(clusterEvidence)} of this account's traffic carries its traits.`.replace('  ', ' ') };
}

/**
 * What `scoreAccount(s, pop, clusterEvidence, clusterLabel, options, integration, true)` gives, from
 * `own`: the same account scored with its parts collected and no cluster link, when only the
 * account's cluster fields changed since (the post step). The same sums, parts and order, without
 * a second pass over the signals and their sentences. Takes over `own.parts`.
 */
export function withClusterSignal(own: Evidence, s: Float64Array, clusterEvidence: number, clusterLabel: string | undefined, options: ResolvedDetectorOptions): Evidence {
  const contribution = clusterContribution(clusterEvidence, options);
  if (!(contribution > 0)) return own;
  const parts = own.parts;
  parts.push(clusterPart(s, clusterEvidence, clusterLabel, contribution));
  strongestFirst(parts);
  return { own: own.own, total: own.own + contribution, forged: own.forged, pace: own.pace, served: own.served, parts };
}

/**
 * Sorts signal parts by contribution, strongest first, keeping the order of equal ones: what
 * `parts.sort((a, b) => b.contribution - a.contribution)` gives, without its allocation. An
 * account has a few parts (none unless it is explained), and `Array.prototype.sort` copied them
 * into a work array on every score: about 0.6 KB a request on the HTTP benchmark's traffic.
 */
export function strongestFirst(parts: SignalPart[]): void {
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    let j = i - 1;
    while (j >= 0 && parts[j]!.contribution < p.contribution) {
      parts[j + 1] = parts[j]!;
      j--;
    }
    parts[j + 1] = p;
  }
}

/** The log-odds a cluster link adds to an account's own evidence (0 without one). */
export function clusterContribution(clusterEvidence: number, options: ResolvedDetectorOptions): number {
  return clusterEvidence > 0 ? WEIGHTS.cluster * options.weights.cluster * clusterEvidence : 0;
}

/**
 * An account's evidence with a cluster link added, without its signal list: the same sums
 * `scoreAccount` gives for `clusterEvidence` (its own part does not depend on the link), at the
 * cost of one addition instead of a second pass over the signals.
 */
export function withClusterLink(own: Evidence, clusterEvidence: number, options: ResolvedDetectorOptions): Evidence {
  const contribution = clusterContribution(clusterEvidence, options);
  return contribution > 0 ? { own: own.own, total: own.own + contribution, forged: own.forged, pace: own.pace, served: own.served, parts: own.parts } : own;
}

/**
 * Where `machine-pace` starts (it is full at twice these): answers served in a UTC day, and
 * requests in the six-hour recent window; about 2.5 and 2 times the heaviest person of the
 * development log.
 */
export const MACHINE_PACE = { dayFrom: 120, recentFrom: 60 } as const;

/**
 * How far an account at machine pace reads as a harvest in disguise rather than honest automation,
 * in [0, 1], from its mean client `scripted` (see fingerprint/client.ts), the share of its tokens
 * that are answers, and the share of its requests that start fresh (the stronger of lifetime and
 * recent window).
 *
 * - **Honest automation** says what it is on (nearly) every request: an HTTP library or SDK reads
 *   `scripted` 0.97, a request without a user agent 0.9. Only a mean from 0.75 (nothing) to 0.95
 *   (fully) exempts an account, so a browser that sends a third of its requests from an SDK
 *   (mean ~0.35), a browser user agent without the headers browsers send (0.3 or 0.8) or an
 *   unknown client (0.7) is not "automation that says what it is": it is judged on what it takes.
 * - **What it takes**: answers most of the tokens (output share 0.4 to 0.7). Input is cheap to
 *   inflate (padding that asks nothing, a few huge prompts first), so for a client that is not
 *   automation throughout (mean `scripted` up to 0.8 fully, nothing from 0.9) an account whose
 *   requests nearly all start fresh (95%, from 80%) counts as taking its answers whatever its
 *   output share: a person who reads at that volume converses (history that was served), and a
 *   harvest of fresh questions cannot. This covers a browser claim and a disguise alike (a
 *   browser user agent without browser headers, 0.8; an SDK on two requests in three, ~0.66; an
 *   unrecognised client, 0.7): honest automation says what it is on every request. The cost: an
 *   undeclared integration with an unrecognised user agent that sends fresh prompts at machine
 *   pace is flagged for review (declare it).
 *
 * @example
 * ```ts
 * machinePaceStrength(0.04, 0.8, 0.5); // 1: a browser, answers most of the tokens
 * machinePaceStrength(0.3, 0.3, 1); // 1: half a browser, padded prompts, every request fresh
 * machinePaceStrength(0.66, 0.3, 1); // 1: an SDK on two requests in three, padded, every request fresh
 * machinePaceStrength(0.97, 0.9, 1); // 0: an HTTP library says what it is
 * ```
 */
export function machinePaceStrength(scriptedMean: number, outputShare: number, freshShare: number): number {
  const notAutomation = 1 - clamp01((scriptedMean - 0.75) / 0.2);
  // Not automation throughout, read for fresh traffic: a request without a user agent (0.9) and
  // an HTTP library or SDK on every request (0.97) are exempt; anything mixed or disguised is not.
  const notScriptedThroughout = clamp01((0.9 - scriptedMean) / 0.1);
  const takenShare = clamp01((outputShare - 0.4) / 0.3);
  const freshOnly = clamp01((freshShare - 0.8) / 0.15);
  return Math.max(notAutomation * takenShare, notScriptedThroughout * freshOnly);
}

/** What machine pace's sentence calls the account's client, by its mean `scripted`. */
function clientWords(scriptedMean: number): string {
  if (scriptedMean < 0.1) return 'a browser';
  if (scriptedMean < 0.55) return 'a client that claims a browser without being one throughout (missing browser headers, or mixed with an SDK)';
  return 'a client that is neither a browser nor an HTTP library throughout';
}

const READ_HINT = 'about 120 characters a second';
/** What a cluster's members share, by `A.clusterKind`. */
const LINKS: Record<number, string> = {
  1: 'one network and client',
  2: 'one system prompt and client',
  3: 'one prompt template',
  4: 'the same busy hours',
  5: 'a cohort: first seen together, driven alike',
  6: 'a fleet: accounts of one client class each taking answers to fresh questions at machine pace the same day',
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Score of a cross-account group in [0, 1]: how harvest-like the traffic sharing one trait is,
 * as a whole. It needs several accounts, and either a harvesting profile (instruction-style,
 * reasoning-eliciting, scaffolded prompts that start fresh) or a share of members already
 * suspicious on their own. Templates also need varied fills: many people pasting one popular
 * prompt are not a campaign. A shared network whose many accounts each send a couple of requests
 * is a farm of throwaway accounts (churn).
 */
export function scoreGroup(g: Float64Array, template: boolean): number {
  const members = g[G.members]!;
  if (members < 3) return 0;
  if (template && g[G.variety]! / Math.max(1, g[G.n]!) < 0.5) return 0;
  const weight = g[G.weight]!;
  if (weight <= 0) return 0;
  const p = profileStrengths({ instruction: g[G.instruction]! / weight, reasoning: g[G.reasoning]! / weight, scaffold: g[G.scaffold]! / weight });
  const single = g[G.single]! / weight;
  // Content only counts for traffic that starts fresh: people asking for step-by-step help follow up.
  const fresh = clamp01((single - 0.4) / 0.4);
  const purity = g[G.suspicious]! / (members + 2);
  const fit = g[G.fit]! / weight;
  let z = -6 + (3.5 * p.instruction + 2 * p.reasoning + 1.5 * p.scaffold) * fresh + 1.5 * clamp01((single - 0.6) / 0.35) + 6 * purity + 2 * fit;
  z += 1.5 * clamp01((members - 3) / 10);
  // Churn: many accounts on one network and client, each gone after a request or two.
  // (A class of students on their school's one address is also many new accounts at first, but
  // they converse: churn only counts for traffic that starts fresh.)
  if (!template && members >= 5) z += 3 * clamp01((members - 5) / 15) * clamp01((6 - g[G.n]! / members) / 4) * fresh;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Score of a cohort (accounts first seen together with one behaviour class): its size, how far its
 * members look like a harvest on their own, its content profile, whether its narrow members
 * together sweep many capabilities, and the share already suspicious on their own. It needs six
 * members.
 */
export function scoreCohort(g: Float64Array, breadth: number): number {
  const members = g[G.members]!;
  if (members < 6) return 0;
  const weight = g[G.weight]!;
  if (weight <= 0) return 0;
  const p = profileStrengths({ instruction: g[G.instruction]! / weight, reasoning: g[G.reasoning]! / weight, scaffold: g[G.scaffold]! / weight });
  const single = g[G.single]! / weight;
  const scripted = g[G.scripted]! / weight;
  const purity = g[G.suspicious]! / (members + 2);
  // How far its members, each on its own, already look like a harvest: a crowd of people who
  // arrived the same day does not, a campaign's light accounts do a little each.
  const fit = g[G.fit]! / weight;
  const z = -7 + 4 * fit + 1.5 * p.instruction + p.reasoning + p.scaffold + 1.5 * clamp01((single - 0.6) / 0.35) + scripted + 3 * clamp01((members - 6) / 30) + 2 * clamp01((breadth - 2) / 6) + 6 * purity;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Score of a synchronised-timing group (accounts sending instruction prompts in one clock hour):
 * only the share of its members already suspicious on their own counts, and only with ten
 * members or more.
 */
export function scoreWave(g: Float64Array): number {
  const members = g[G.members]!;
  if (members < 10) return 0;
  const purity = g[G.suspicious]! / (members + 2);
  return 1 / (1 + Math.exp(-(-5 + 8 * purity + 1.5 * clamp01((members - 10) / 20))));
}

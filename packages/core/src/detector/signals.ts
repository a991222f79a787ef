import type { Signal } from '../decision/index.js';
import { CAPABILITIES } from '../fingerprint/index.js';
import type { ResolvedDetectorOptions, SignalName } from './options.js';
import { A, CAP_BINS, G, HOUR_BINS, TEMPLATE_BINS } from './schema.js';

/**
 * Per-account signals and their fusion. Each signal is a strength in [0, 1] times a weight in
 * log-odds; the fused score is a logistic of the sum, so independent evidence multiplies and no
 * single feature decides alone. Count-based signals are discounted while an account is young
 * (`reliability`), so three odd prompts cannot outweigh what the account does over time.
 */

/** The population reference points signals compare an account with. */
export interface PopulationView {
  /** Request count at the population's 95th percentile of accounts (floored). */
  volumeP95: number;
  /** Peak requests in one hour at the population's 95th percentile (floored). */
  peakP95: number;
}

export interface Evidence {
  /** Log-odds of the account's own behaviour (no cluster). */
  own: number;
  /** Log-odds including cluster evidence. */
  total: number;
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

/** The named signals with their sentences, strongest first, benign evidence left out. */
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
  cluster: 8,
  'reasoning-elicitation': 2.6,
  'instruction-style': 3.2,
  'dataset-scaffold': 2.2,
  'template-reuse': 1.2,
  'capability-sweep': 0.8,
  'output-heavy': 1.0,
  'single-turn': 1.0,
  'scripted-client': 1.4,
  'regular-timing': 1.2,
  'round-the-clock': 1.6,
  volume: 1.6,
  velocity: 1.0,
  'near-duplicates': 0.8,
  'model-pivot': 1.0,
  conversational: -3.0,
  'narrow-automation': -3.5,
  // Prompt attacks are not harvesting: enough to explain and to tip a borderline account, never
  // enough alone to act on someone who pastes role-play prompts into a chat.
  'prompt-attacks': 1.0,
};

/** Log-odds of a fresh account: harvesting is rare. */
export const BIAS = -5.5;

/** Strength of the content profile (instruction style, reasoning, scaffolds, personal tone) of a set of prompts. */
export function profileStrengths(means: { instruction: number; reasoning: number; scaffold: number; personal: number }) {
  return {
    instruction: clamp01((means.instruction - 0.4) / 0.4),
    reasoning: clamp01((means.reasoning - 0.08) / 0.3),
    scaffold: clamp01((means.scaffold - 0.1) / 0.6),
    personal: clamp01((means.personal - 0.25) / 0.3),
  };
}

/**
 * Scores an account's state: each named signal with its strength and explanation, fused into
 * log-odds with and without the cluster evidence.
 */
export function scoreAccount(s: Float64Array, pop: PopulationView, clusterEvidence: number, clusterLabel: string | undefined, options: ResolvedDetectorOptions, collect = true): Evidence {
  const w = options.weights;
  const n = s[A.n]!;
  const singleN = Math.max(1, s[A.singleN]!);
  const parts: SignalPart[] = [];
  let own = BIAS;
  // Without `collect` only the sum is computed: no signal objects, no sentences.
  const add = (name: SignalName, strength: number, explain: false | (() => string), reliable = 1) => {
    if (strength <= 0) return;
    const contribution = WEIGHTS[name] * w[name] * strength * reliable;
    if (contribution === 0) return;
    own += contribution;
    if (explain) parts.push({ name, value: round(strength * reliable), contribution, explain });
  };

  const means = {
    instruction: s[A.instruction]! / singleN,
    reasoning: s[A.reasoning]! / Math.max(1, n),
    scaffold: s[A.scaffold]! / singleN,
    personal: s[A.personal]! / Math.max(1, n),
  };
  const p = profileStrengths(means);
  const young = reliability(n, 4);
  const youngSingle = reliability(s[A.singleN]!, 4);

  add('reasoning-elicitation', p.reasoning, collect && (() => `${pct(means.reasoning)} of ${n} prompts ask the model to expose its reasoning (step-by-step scaffolds, thinking tags, rubric grading).`), young);
  const attacks = s[A.attacks]!;
  add('prompt-attacks', clamp01(attacks / Math.max(4, n)) * clamp01(attacks / 3), collect && (() => `${attacks} of ${n} prompts were prompt attacks (instruction override, system-prompt extraction, jailbreak personas) by the shield's scan.`));
  // Template reuse: most prompts share a few frames with varied fills. Alone it describes any
  // integration; it counts as harvesting when the fills span many capabilities.
  const templated = s[A.templated]!;
  let top = 0;
  let second = 0;
  let third = 0;
  for (let b = 0; b < TEMPLATE_BINS; b++) {
    const c = s[A.templates + b]!;
    if (c > top) [top, second, third] = [c, top, second];
    else if (c > second) [second, third] = [c, second];
    else if (c > third) third = c;
  }
  const reuse = n >= 8 ? top / n : 0;
  const fewTemplates = n >= 8 ? Math.min(1, (top + second + third) / n) : 0;
  let caps = 0;
  let capMax = 0;
  for (let c = 1; c < CAP_BINS; c++) {
    const v = s[A.caps + c]!;
    if (v >= Math.max(1, 0.02 * n)) caps++;
    if (v > capMax) capMax = v;
  }
  const breadth = clamp01((caps - 3) / 5);
  add('template-reuse', clamp01((reuse - 0.3) / 0.5) * breadth, collect && (() => `${pct(reuse)} of ${n} prompts share one template frame, filled with tasks across ${caps} capabilities.`), reliability(templated, 6));
  add('capability-sweep', breadth * p.instruction, collect && (() => `Instruction prompts cover ${caps} of ${CAP_BINS - 1} capability areas.`), reliability(n, 20));

  // Benign automation: one instruction over many documents (a summariser, a classifier).
  const narrow = n >= 12 && fewTemplates >= 0.8 && caps <= 3 && capMax >= 0.5 * n ? 1 : 0;
  add('narrow-automation', narrow, collect && (() => `${pct(fewTemplates)} of ${n} prompts are a few fixed tasks (mostly ${CAPABILITIES[argmax(s, A.caps, CAP_BINS)]}) over varied inputs: an integration, not a sweep.`));

  // Instruction style is the steadiest trait of a harvest: the more single-turn prompts an
  // account has sent, the less a high share can be chance, so its weight grows with the count.
  const singles = s[A.singleN]!;
  const instructionStrength = clamp01((means.instruction - 0.45) / 0.25);
  const instructionVolume = reliability(singles, 6) * (1 + 0.5 * clamp01(Math.log2(Math.max(1, singles) / 12) / 3));
  // One task over many inputs (a summariser) is an integration: its instructions are one
  // instruction repeated, not a corpus, and its machine-like habits are explained.
  const automation = narrow ? 0.3 : 1;
  add('instruction-style', instructionStrength * automation, collect && (() => `${pct(means.instruction)} of ${singles} single-turn prompts read like dataset instructions rather than a person's request.`), instructionVolume);
  add('dataset-scaffold', p.scaffold, collect && (() => `${pct(means.scaffold)} of single-turn prompts carry dataset format labels (Instruction/Response, ### Task, Q/A).`), youngSingle);
  add('conversational', p.personal, collect && (() => `${pct(means.personal)} of prompts are personal or conversational (first person, greetings, context).`), young);

  const single = s[A.single]! / Math.max(1, n);
  add('single-turn', clamp01((single - 0.6) / 0.35) * automation, collect && (() => `${pct(single)} of ${n} requests start a new conversation; mean history ${(s[A.depth]! / Math.max(1, n)).toFixed(1)} messages.`), reliability(n, 8));

  const outN = s[A.outN]!;
  if (outN >= 5) {
    const ratio = s[A.outTok]! / Math.max(1, s[A.inTok]!);
    const capped = s[A.capped]! / outN;
    const strength = Math.max(clamp01((Math.log2(ratio + 1e-9) - 2.5) / 2.5), clamp01((capped - 0.2) / 0.5));
    add('output-heavy', strength, collect && (() => `Answers run ${ratio.toFixed(1)}x the prompt length; ${pct(capped)} of ${outN} hit max_tokens.`), reliability(outN, 10));
  }

  const scripted = s[A.scripted]! / Math.max(1, n);
  add('scripted-client', clamp01((scripted - 0.3) / 0.6) * automation, collect && (() => `${pct(scripted)} of requests come from an HTTP library or a browser disguise, not a browser.`), young);

  const gapN = s[A.gapN]!;
  if (gapN >= 10) {
    const mean = s[A.gapS]! / gapN;
    const sd = Math.sqrt(Math.max(0, s[A.gapSS]! / gapN - mean * mean));
    add('regular-timing', clamp01((1.7 - sd) / 1.0) * automation, collect && (() => `Inter-arrival times are regular (spread ${sd.toFixed(2)} in log-seconds over ${gapN} gaps; people are bursty, above 2).`), reliability(gapN, 20));
  }

  const span = s[A.last]! - s[A.first]!;
  if (span >= 20 * 3600 && n >= 24) {
    let active = 0;
    for (let h = 0; h < HOUR_BINS; h++) if (s[A.hours + h]! > 0) active++;
    const days = span / 86_400;
    const sleepsPerDay = s[A.sleeps]! / Math.max(1, days);
    const strength = clamp01((active - 18) / 5) * clamp01(1 - sleepsPerDay);
    add('round-the-clock', strength, collect && (() => `Active in ${active} of 24 hours of the day over ${days.toFixed(1)} days with ${s[A.sleeps]} breaks of 4 hours or more.`));
  }

  const volume = clamp01(Math.log2(n / pop.volumeP95) / 3);
  add('volume', volume, collect && (() => `${n} requests, ${(n / pop.volumeP95).toFixed(1)}x the 95th percentile of accounts.`));
  const peak = s[A.peakHour]!;
  add('velocity', clamp01(Math.log2(peak / pop.peakP95) / 2), collect && (() => `Up to ${peak} requests in one hour, ${(peak / pop.peakP95).toFixed(1)}x the 95th percentile.`));

  const dupN = s[A.nearDup]!;
  add('near-duplicates', clamp01((dupN / Math.max(1, n) - 0.1) / 0.3), collect && (() => `${pct(dupN / Math.max(1, n))} of prompts are near-duplicates of a recent one (paraphrase probing).`), reliability(n, 10));

  const pivot = s[A.newModel]! / Math.max(1, n);
  if (n >= 10) add('model-pivot', clamp01((pivot - 0.5) / 0.4), collect && (() => `${pct(pivot)} of requests go to a model released to this service within the last day.`));

  let total = own;
  if (clusterEvidence > 0) {
    const contribution = WEIGHTS.cluster * w.cluster * clusterEvidence;
    if (contribution > 0) {
      total += contribution;
      if (collect) parts.push({ name: 'cluster', value: round(clusterEvidence), contribution, explain: () => `Linked to cross-account cluster ${clusterLabel ?? ''} whose members behave alike (${pct(clusterEvidence)} of this account's traffic carries its shared traits).`.replace('  ', ' ') });
    }
  }
  parts.sort((a, b) => b.contribution - a.contribution);
  return { own, total, parts };
}

function argmax(s: Float64Array, from: number, len: number): number {
  let best = 0;
  for (let i = 1; i < len; i++) if (s[from + i]! > s[from + best]!) best = i;
  return best;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Score of a cross-account group in [0, 1]: how harvest-like the traffic sharing one trait is,
 * as a whole. It needs several accounts, and either a harvesting profile (instruction-style,
 * reasoning-eliciting, scaffolded, impersonal, single-turn) or a majority of members already
 * suspicious on their own. Templates also need varied fills: many people pasting one popular
 * prompt are not a campaign.
 */
export function scoreGroup(g: Float64Array, template: boolean): number {
  const members = g[G.members]!;
  if (members < 3) return 0;
  if (template && g[G.variety]! / Math.max(1, g[G.n]!) < 0.5) return 0;
  const weight = g[G.weight]!;
  if (weight <= 0) return 0;
  const p = profileStrengths({
    instruction: g[G.instruction]! / weight,
    reasoning: g[G.reasoning]! / weight,
    scaffold: g[G.scaffold]! / weight,
    personal: g[G.personal]! / weight,
  });
  const single = g[G.single]! / weight;
  const purity = g[G.suspicious]! / (members + 2);
  let z = -6 + 3.5 * p.instruction + 2 * p.reasoning + 1.5 * p.scaffold - 4 * p.personal + 1.5 * clamp01((single - 0.6) / 0.35) + 6 * purity;
  z += 1.5 * clamp01((members - 3) / 10);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Score of a synchronised-timing group (accounts sending impersonal instruction prompts in one
 * clock hour): only the share of its members already suspicious on their own counts, and only
 * with ten members or more.
 */
export function scoreWave(g: Float64Array): number {
  const members = g[G.members]!;
  if (members < 10) return 0;
  const purity = g[G.suspicious]! / (members + 2);
  return 1 / (1 + Math.exp(-(-5 + 8 * purity + 1.5 * clamp01((members - 10) / 20))));
}

/**
 * The detector's state is a fixed vector of numbers per account and per cross-account group, so
 * that it fits in a typed array in memory (bounded, ~1.9 KB an account) and in one Redis hash whose
 * fields are mostly counters: concurrent instances add to the same fields with HINCRBYFLOAT and
 * merge without coordination. The few last-writer-wins fields (timestamps, rings) are listed in
 * {@link ACCOUNT_SET_FIELDS}.
 */

export const RING_SLOTS = 4;
export const HOUR_BINS = 24;
export const CAP_BINS = 16;
export const TEMPLATE_BINS = 16;
/** Answers whose digests an account's provenance ring remembers (the newest ones). */
export const PROVENANCE_SLOTS = 24;

/** Lays fields out one after another, so a new field never collides with an old one. */
function layout<const T extends Record<string, number>>(widths: T): { [K in keyof T]: number } & { size: number } {
  const out: Record<string, number> = {};
  let at = 0;
  for (const [name, width] of Object.entries(widths)) {
    out[name] = at;
    at += width;
  }
  out.size = at;
  return out as { [K in keyof T]: number } & { size: number };
}

/** Account fields (the number is each field's width). */
export const A = layout({
  /** Requests seen. */
  n: 1,
  /** First and last request time, seconds since the epoch (last-writer-wins). */
  first: 1,
  last: 1,
  /** Inter-arrival gaps: count, sum and sum of squares of ln(1 + gap seconds). */
  gapN: 1,
  gapS: 1,
  gapSS: 1,
  /** Gaps of four hours or more: the account slept. */
  sleeps: 1,
  /** Requests without a genuine history: single-turn, or continuing an answer this account was never served. */
  single: 1,
  /**
   * Requests whose newest prompt is a task of its own, counted for content (instruction style,
   * scaffolds, capabilities, templates): every fresh request, and a follow-up whose newest turn is
   * a complete instruction rather than a reply to the answer before it.
   */
  tasks: 1,
  /** Genuine follow-ups that are not tasks of their own: replies to an answer that was read (what people do, and harvests rarely). */
  replies: 1,
  /** Sum of history depths (messages per request). */
  depth: 1,
  /** Sums of per-request probabilities: reasoning elicitation (every request), instruction style (single-turn ones). */
  reasoning: 1,
  instruction: 1,
  scripted: 1,
  /** Single-turn prompts carrying a dataset scaffold (`Instruction:`/`Response:`, `### Task`). */
  scaffold: 1,
  /** Outcomes recorded, input and output tokens, outcomes that hit max_tokens. */
  outN: 1,
  inTok: 1,
  outTok: 1,
  capped: 1,
  /** Repeats of a recent prompt (retries) and near-duplicates of one (paraphrase probing). */
  exactDup: 1,
  nearDup: 1,
  /** Requests to a model the population only started using recently. */
  newModel: 1,
  /** Largest number of requests seen in one clock hour (last-writer-wins maximum). */
  peakHour: 1,
  /** 1 once the account's own score passed the suspicious-member bar (it then counts against its groups). */
  suspicious: 1,
  /** Persisted verdict rank (0 allow … 3 block), its score, when the first non-allow verdict came. */
  verdict: 1,
  score: 1,
  firstAction: 1,
  /** Sum over requests of the best cross-account group score the request linked to. */
  clusterSum: 1,
  /** The strongest group the account linked to (hash), its score then, its kind (1-5, see `GROUP_KINDS`) and its members then. */
  cluster: 1,
  clusterScore: 1,
  clusterKind: 1,
  clusterMembers: 1,
  /** max_tokens of the last request (read by recordOutcome). */
  lastMax: 1,
  /** Requests whose prompt was templated (a frame around a variable part). */
  templated: 1,
  /** Ring of the last four prompts: exact hash, SimHash high and low halves (last-writer-wins). */
  ring: RING_SLOTS * 3,
  /** Requests per hour of day (UTC). */
  hours: HOUR_BINS,
  /** Requests per capability bucket. */
  caps: CAP_BINS,
  /** Templated requests per template bucket. */
  templates: TEMPLATE_BINS,
  /** Groups joined and groups counted as a suspicious member: two 64-bit sets as four 32-bit words. */
  joined: 2,
  suspJoined: 2,
  /** The current clock hour and the requests in it (memory mode; Redis keeps a per-hour counter key). */
  hourIdx: 1,
  hourN: 1,
  /** Requests whose newest user turn the shield scored as a prompt attack (`injection` policy `flag`). */
  attacks: 1,
  /** Sum of log2(max_tokens), and a hash of the model of the last request (last-writer-wins): part of the behaviour class. */
  maxTokens: 1,
  model: 1,

  // History provenance: what this account was served, and what it sent back as history.
  /** Provenance slots written: the ring's position (an answer after a prefill takes two, see `rememberAnswer`). */
  served: 1,
  /** Digests of the newest served answers, each with how often a request continued it (last-writer-wins). */
  provenance: PROVENANCE_SLOTS,
  /** Provenance slot (+1) of the answer the last request continued; counted as a continuation once that request is served. */
  pendingSlot: 1,
  /** Requests whose newest assistant turn could be checked; of those, turns never served to this account; turns already continued several times. */
  history: 1,
  forged: 1,
  recycled: 1,

  // Evidence from the answers.
  /** Answers with text, and the sum of their reasoning-structure probability. */
  answers: 1,
  answerReasoning: 1,
  /** Length in characters of the last answer (last-writer-wins). */
  lastAnswer: 1,
  /** Requests that followed an answer of known length; of those, sent sooner than a fast reader could read it. */
  reads: 1,
  fastReads: 1,

  // The recent window: the same evidence with an exponential decay (about the last day).
  /** When the recent counters were last decayed (seconds, last-writer-wins). */
  recentAt: 1,
  recentN: 1,
  recentSingle: 1,
  recentTasks: 1,
  recentInstruction: 1,
  recentReasoning: 1,
  recentAnswers: 1,
  recentAnswerReasoning: 1,
  recentHistory: 1,
  recentForged: 1,
  recentCluster: 1,

  // Daily allowances: answers and answer tokens served on the current UTC day.
  day: 1,
  dayTokens: 1,
  dayAnswers: 1,
  /** Reasoning-shaped answers (answer classifier 0.5 or more) served on the current UTC day: the reasoning allowance. */
  dayReasoning: 1,
  /**
   * The same count on a second grid of days that start at noon UTC, and that grid's current day
   * (last-writer-wins): with both, no 12 hours hold more than one allowance, so 30 answers before
   * midnight UTC and 30 after are not served (reasoning-allowance.ts).
   */
  noonDay: 1,
  noonDayReasoning: 1,
  /**
   * Outcomes whose text the route passed and that served none (a stop sequence that fired at once,
   * a reply that is a tool call alone): the detector was given the text, and there was none. History
   * provenance counts them as given (engine.ts `provenanceApplies`), so cheap text-less replies do
   * not switch the check off.
   */
  textless: 1,
});

/** Cross-account group fields. */
export const G = layout({
  /** Distinct accounts that joined, and how many of them were suspicious. */
  members: 1,
  suspicious: 1,
  /**
   * Requests, and the group's profile: sums of per-request probabilities, each request weighted
   * 1/(its account's request count) so that every member counts about as much as any other,
   * whatever its volume (one heavy account cannot paint a shared network), with `weight` the sum
   * of those weights.
   */
  n: 1,
  instruction: 1,
  reasoning: 1,
  scaffold: 1,
  single: 1,
  scripted: 1,
  first: 1,
  last: 1,
  /** Exact hash of the latest prompt (last-writer-wins) and requests whose prompt differed from the one before: templates need varied fills. */
  lastExact: 1,
  variety: 1,
  weight: 1,
  /** Sum of the members' fit (how far each one's own behaviour looks like a harvest), weighted like the profile. */
  fit: 1,
  /** Cohorts: members by their main capability (a cohort of narrow accounts that together sweep). */
  caps: CAP_BINS,
});

/** Fields that are last-writer-wins in the shared store; every other field is a counter. */
export const ACCOUNT_SET_FIELDS: ReadonlySet<number> = new Set([
  A.first,
  A.last,
  A.peakHour,
  A.suspicious,
  A.verdict,
  A.score,
  A.firstAction,
  A.cluster,
  A.clusterScore,
  A.clusterKind,
  A.clusterMembers,
  A.lastMax,
  ...Array.from({ length: RING_SLOTS * 3 }, (_, i) => A.ring + i),
  A.joined,
  A.joined + 1,
  A.suspJoined,
  A.suspJoined + 1,
  A.hourIdx,
  A.hourN,
  ...Array.from({ length: PROVENANCE_SLOTS }, (_, i) => A.provenance + i),
  A.lastAnswer,
  A.pendingSlot,
  A.model,
  A.recentAt,
  A.recentN,
  A.recentSingle,
  A.recentTasks,
  A.recentInstruction,
  A.recentReasoning,
  A.recentHistory,
  A.recentForged,
  A.recentCluster,
  A.day,
  A.noonDay,
]);

/** Population fields: accounts by log2 of their request count, and by log2 of their peak hourly rate. */
export const POP_BINS = 24;
export const P = layout({
  volume: POP_BINS,
  peak: POP_BINS,
});

/**
 * The detector's state is a fixed vector of numbers per account and per cross-account group, so
 * that it fits in a typed array in memory (bounded, ~1 KB an account) and in one Redis hash whose
 * fields are mostly counters: concurrent instances add to the same fields with HINCRBYFLOAT and
 * merge without coordination. The few last-writer-wins fields (timestamps, rings) are marked.
 */

/** Account fields. */
export const A = {
  /** Requests seen. */
  n: 0,
  /** First and last request time, seconds since the epoch (last-writer-wins). */
  first: 1,
  last: 2,
  /** Inter-arrival gaps: count, sum and sum of squares of ln(1 + gap seconds). */
  gapN: 3,
  gapS: 4,
  gapSS: 5,
  /** Gaps of four hours or more: the account slept. */
  sleeps: 6,
  /** Single-turn requests, and the sum of history depths (messages per request). */
  single: 7,
  depth: 8,
  /** Sums of per-request probabilities. */
  reasoning: 9,
  instruction: 10,
  personal: 11,
  scripted: 12,
  /** Single-turn prompts carrying a dataset scaffold (`Instruction:`/`Response:`, `### Task`). */
  scaffold: 13,
  /** Outcomes recorded, input and output tokens, outcomes that hit max_tokens. */
  outN: 14,
  inTok: 15,
  outTok: 16,
  capped: 17,
  /** Sum of log2(max_tokens) and of its square (how high and how constant the asked cap is). */
  maxTok: 18,
  maxTok2: 19,
  /** Repeats of a recent prompt (retries) and near-duplicates of one (paraphrase probing). */
  exactDup: 20,
  nearDup: 21,
  /** Requests to a model the population only started using recently. */
  newModel: 22,
  /** Largest number of requests seen in one clock hour (last-writer-wins maximum). */
  peakHour: 23,
  /** 1 once the account's own score passed the suspicious-member bar (it then counts against its groups). */
  suspicious: 24,
  /** Persisted verdict rank (0 allow … 3 block), its score, when the first non-allow verdict came. */
  verdict: 25,
  score: 26,
  firstAction: 27,
  /** Sum over requests of the best cross-account group score the request linked to. */
  clusterSum: 28,
  /** The strongest group the account linked to (hash) and its score then. */
  cluster: 29,
  clusterScore: 30,
  /** max_tokens of the last request (read by recordOutcome). */
  lastMax: 31,
  /** Single-turn requests (denominator of instruction and scaffold). */
  singleN: 32,
  /** Requests whose prompt was templated (a frame around a variable part). */
  templated: 33,
  /** Ring of the last four prompts: exact hash, SimHash high and low halves (last-writer-wins). */
  ring: 34, // 34..45
  /** Requests per hour of day (UTC). */
  hours: 46, // 46..69
  /** Requests per capability bucket. */
  caps: 70, // 70..85
  /** Templated requests per template bucket. */
  templates: 86, // 86..117
  /** Groups joined and groups counted as a suspicious member: two 64-bit sets as four 32-bit words. */
  joined: 118, // 118..119
  suspJoined: 120, // 120..121
  /** The current clock hour and the requests in it (memory mode; Redis keeps a per-hour counter key). */
  hourIdx: 122,
  hourN: 123,
  /** Requests whose newest user turn the shield scored as a prompt attack (`injection` policy `flag`). */
  attacks: 124,
  size: 125,
} as const;

export const RING_SLOTS = 4;
export const HOUR_BINS = 24;
export const CAP_BINS = 16;
export const TEMPLATE_BINS = 32;

/** Cross-account group fields. */
export const G = {
  /** Distinct accounts that joined, and how many of them were suspicious. */
  members: 0,
  suspicious: 1,
  /**
   * Requests, and the group's profile: sums of per-request probabilities, each request weighted
   * 1/(its account's request count) so that every member counts about as much as any other,
   * whatever its volume (one heavy account cannot paint a shared network), with `weight` the sum
   * of those weights.
   */
  n: 2,
  instruction: 3,
  reasoning: 4,
  scaffold: 5,
  personal: 6,
  single: 7,
  scripted: 8,
  first: 9,
  last: 10,
  /** Exact hash of the latest prompt (last-writer-wins) and requests whose prompt differed from the one before: templates need varied fills. */
  lastExact: 11,
  variety: 12,
  weight: 13,
  size: 14,
} as const;

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
  A.lastMax,
  ...Array.from({ length: RING_SLOTS * 3 }, (_, i) => A.ring + i),
  A.joined,
  A.joined + 1,
  A.suspJoined,
  A.suspJoined + 1,
  A.hourIdx,
  A.hourN,
]);

/** Population fields: accounts by log2 of their request count, and by log2 of their peak hourly rate. */
export const P = {
  volume: 0, // 0..23
  peak: 24, // 24..47
  size: 48,
} as const;
export const POP_BINS = 24;

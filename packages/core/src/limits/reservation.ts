import { rateLimitValue, type DecisionReason, type LimitSet, type LimitState } from '../decision/index.js';
import type { LimitSpec } from './options.js';

/** How limit `i` answered a reservation. */
export const Answer = {
  /** The store failed and no insurance limiter stood in: the limit did not count this request. */
  Missing: 0,
  /** Counted by the configured store. */
  Primary: 1,
  /** Counted by the in-memory insurance limiter, because the shared store failed. */
  Insured: 2,
} as const;
export type Answer = (typeof Answer)[keyof typeof Answer];

// Each limit's numbers sit side by side in one array: one allocation per request, not one object
// per limit (six limits made twelve objects per request, most of the limits' cost in a server).
const POINTS = 0;
const CONSUMED = 1;
const WINDOW_END = 2;
const RESET = 3;
/** The {@link Answer}, plus {@link REFUSED} when the limit refused the request. */
const STATUS = 4;
const STRIDE = 5;
const REFUSED = 4;

const templates: number[][] = [];

/** A zeroed array of numbers for `limits` limits, copied from a template of doubles (one exact-size allocation). */
function numbersFor(limits: number): number[] {
  let template = templates[limits];
  if (!template) {
    // Doubles from the start (0.5, then 0), so copies are packed double arrays.
    template = [];
    for (let i = 0; i < limits * STRIDE; i++) template.push(0.5);
    template.fill(0);
    templates[limits] = template;
  }
  return template.slice();
}

/**
 * What one request holds of every limit until it is settled, and what the limits said about it:
 * for each limit, the points taken, the key's count after them, when the window ends, whether it
 * refused. Public `LimitState`s are built from it only when someone asks for them.
 */
export class Reservation implements LimitSet {
  /** The limit that refused, if any, and when to retry. */
  exceeded: { reason: DecisionReason; retryAfter: number; spec: LimitSpec } | undefined = undefined;
  /**
   * When a token, cost or output budget could not cover `max_tokens` but still covers a useful
   * reply, the request is served with `max_tokens` lowered to this.
   */
  maxTokens: number | undefined = undefined;
  /** Set when the store failed; `insured` tells whether the in-memory insurance limiter decided instead. */
  storeError: Error | undefined = undefined;
  insured = false;
  /** On Redis: the rows where this request holds what it reserved, under its request id (settled at record). */
  heldIn: readonly string[] | undefined = undefined;
  /** On Redis: rows whose request counts a hold in another row remembers (a cancel hands them back there). */
  delegatedIn: readonly string[] | undefined = undefined;
  private readonly nums: number[];
  private states_: LimitState[] | undefined = undefined;

  constructor(
    readonly specs: readonly LimitSpec[],
    /** The store key of the identity's counters ('' when no limit is per identity). */
    readonly identityKey: string,
    /** The store key of the client address's counters ('' when no limit is per IP). */
    readonly ipKey: string,
    /** The `RateLimit-Policy` value of these limits (constant per configuration). */
    readonly policyHeader: string,
    /** The request's id: on Redis, what it holds is kept under it until it is settled. */
    readonly holdId = '',
  ) {
    this.nums = numbersFor(specs.length);
  }

  /** The store key limit `i` counts under. */
  key(i: number): string {
    switch (this.specs[i]!.scope) {
      case 'identity':
        return this.identityKey;
      case 'ip':
        return this.ipKey;
      case 'global':
        return GLOBAL_KEY;
    }
  }

  /** Records limit `i`'s answer: points held, the count after them, ms until its window ends (-1: no window), whether it refused. */
  answer(i: number, how: Answer, points: number, consumed: number, msBeforeNext: number, exceeded: boolean, now: number): void {
    const at = i * STRIDE;
    const n = this.nums;
    n[at + POINTS] = points;
    n[at + CONSUMED] = consumed;
    n[at + WINDOW_END] = now + Math.max(0, msBeforeNext);
    n[at + RESET] = Math.max(0, Math.ceil(msBeforeNext / 1000));
    n[at + STATUS] = exceeded ? how + REFUSED : how;
  }

  get size(): number {
    return this.specs.length;
  }

  how(i: number): Answer {
    return (this.nums[i * STRIDE + STATUS]! % REFUSED) as Answer;
  }

  answered(i: number): boolean {
    return this.nums[i * STRIDE + STATUS] !== Answer.Missing;
  }

  points(i: number): number {
    return this.nums[i * STRIDE + POINTS]!;
  }

  consumed(i: number): number {
    return this.nums[i * STRIDE + CONSUMED]!;
  }

  /** End of the window the points were taken from (clock ms); refunds after it would mint quota. */
  windowEnd(i: number): number {
    return this.nums[i * STRIDE + WINDOW_END]!;
  }

  resetSeconds(i: number): number {
    return this.nums[i * STRIDE + RESET]!;
  }

  isExceeded(i: number): boolean {
    return this.nums[i * STRIDE + STATUS]! >= REFUSED;
  }

  policy(i: number): string {
    return this.specs[i]!.policy;
  }

  concurrency(i: number): boolean {
    return this.specs[i]!.kind === 'concurrency';
  }

  limit(i: number): number {
    return this.specs[i]!.points;
  }

  remaining(i: number): number {
    return Math.max(0, this.specs[i]!.points - this.consumed(i));
  }

  windowSeconds(i: number): number | undefined {
    const spec = this.specs[i]!;
    return spec.kind === 'concurrency' ? undefined : spec.windowSeconds;
  }

  /** The `RateLimit` header value for the most constraining limit, if any limit answered. */
  rateLimit(retryAfter: number | undefined): string | undefined {
    return rateLimitValue(this, retryAfter);
  }

  /** Every limit that answered, as the decision reports it. Built on first use. */
  get states(): readonly LimitState[] {
    if (this.states_) return this.states_;
    const states: LimitState[] = [];
    for (let i = 0; i < this.specs.length; i++) {
      if (!this.answered(i)) continue;
      const spec = this.specs[i]!;
      const state: LimitState = {
        policy: spec.policy,
        unit: spec.unit,
        scope: spec.scope,
        limit: spec.points,
        remaining: this.remaining(i),
        resetSeconds: this.resetSeconds(i),
        exceeded: this.isExceeded(i),
      };
      if (spec.kind !== 'concurrency') state.windowSeconds = spec.windowSeconds;
      states.push(state);
    }
    return (this.states_ = states);
  }
}

/** The key every global limit counts under. */
export const GLOBAL_KEY = '{global}';

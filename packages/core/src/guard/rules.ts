import type { DetectorResult, InjectionScan } from '../contracts/index.js';
import type { FlagEntry } from '../flagged/index.js';
import type { Reservation } from '../limits/index.js';
import { limitMessage, MESSAGES, type DecisionDraft } from './decision.js';

/** What the checks of one request found: each rule reads it, in the order of {@link DECISION_RULES}. */
export interface Findings {
  /** `mode: 'monitor'`: the detector's and the shield's verdicts are recorded, not acted on. */
  monitor: boolean;
  /** The shared store failed during the check (the limits then answered from the insurance counters). */
  storeError: Error | undefined;
  onStoreError: 'open' | 'closed';
  flag: FlagEntry | undefined;
  injection: InjectionScan | undefined;
  /** The scan found an injection in a channel whose policy is `block` (refused unless monitoring). */
  injectionBlocks: boolean;
  detection: DetectorResult | undefined;
  reservation: Reservation;
}

/**
 * A rule's answer: `refuse` ends the decision (the rule concluded the draft), `pass` leaves it to
 * the next rule. A passing rule may still shape how the request is served (its `actions`).
 */
export type RuleResult = 'refuse' | 'pass';

/** One named step of the decision. */
export interface DecisionRule {
  readonly name: string;
  apply(findings: Findings, draft: DecisionDraft): RuleResult;
}

/**
 * A rule for a quota the detector keeps per account (probation, the reasoning allowance): once
 * `pick` finds it used up, the request is refused for now (429, the rule's name as its reason)
 * until its `retryAfter`; monitor mode only records it.
 */
function comeBackLater(
  name: 'probation' | 'reasoning-allowance',
  pick: (detection: DetectorResult) => { retryAfter: number } | undefined,
  message: string,
): DecisionRule {
  return {
    name,
    apply(f, draft) {
      const used = f.detection && pick(f.detection);
      if (!used || f.monitor) return 'pass';
      draft.conclude('throttle', name, undefined, message);
      draft.retryAfter = used.retryAfter;
      return 'refuse';
    },
  };
}

/**
 * The decision, in priority order: the first rule that refuses decides; a request every rule
 * passes is served. A failing store comes first under `onStoreError: 'closed'` (nothing else can
 * be trusted); a flag before anything the request itself shows; hard refusals (a blocked prompt
 * attack, a detector block) before the limits, so a blocked client does not spend its quota's
 * headers on a 429; the softer refusals (probation, a detector slow-down) after them.
 */
export const DECISION_RULES: readonly DecisionRule[] = [
  {
    name: 'store-closed',
    apply(f, draft) {
      if (!f.storeError || f.onStoreError !== 'closed') return 'pass';
      draft.conclude('error', undefined, 503, MESSAGES.storeClosed);
      draft.retryAfter = 1;
      draft.error = { code: 'DG_STORE_UNAVAILABLE', message: f.storeError.message };
      return 'refuse';
    },
  },
  {
    name: 'flag',
    apply(f, draft) {
      if (!f.flag) return 'pass';
      const reason = f.flag.by === 'detector' ? 'distillation' : 'flagged';
      draft.conclude('deny', reason, 403, reason === 'distillation' ? MESSAGES.distillation : MESSAGES.flagged);
      if (f.flag.cluster && !draft.cluster) draft.cluster = f.flag.cluster;
      return 'refuse';
    },
  },
  {
    name: 'prompt-attack',
    apply(f, draft) {
      if (!f.injectionBlocks || f.monitor) return 'pass';
      draft.conclude('deny', 'injection', 400, MESSAGES.injection);
      return 'refuse';
    },
  },
  {
    name: 'distillation-block',
    apply(f, draft) {
      if (f.monitor || f.detection?.verdict !== 'block') return 'pass';
      draft.conclude('deny', 'distillation', 403, MESSAGES.distillation);
      return 'refuse';
    },
  },
  {
    name: 'limits',
    apply(f, draft) {
      const exceeded = f.reservation.exceeded;
      if (!exceeded) return 'pass';
      const { reason, retryAfter, spec } = exceeded;
      const state = f.reservation.states.find((s) => s.policy === spec.policy);
      draft.conclude('throttle', reason, undefined, limitMessage(reason, state && { ...state, limit: spec.limit }, retryAfter));
      draft.retryAfter = retryAfter;
      return 'refuse';
    },
  },
  comeBackLater('probation', (detection) => detection.probation, MESSAGES.probation),
  comeBackLater('reasoning-allowance', (detection) => detection.reasoningAllowance, MESSAGES.reasoningAllowance),
  {
    name: 'distillation-response',
    apply(f, draft) {
      const result = f.detection;
      if (!result || f.monitor || result.verdict === 'allow') return 'pass';
      if (result.retryAfter !== undefined) {
        draft.conclude('throttle', 'distillation', undefined, result.allowance ? MESSAGES.allowance : MESSAGES.slowDown);
        draft.retryAfter = result.retryAfter;
        return 'refuse';
      }
      // Served, with the detector's graduated response (a lower max_tokens, reasoning suppressed…).
      if (result.actions) draft.actions = result.actions;
      return 'pass';
    },
  },
  {
    name: 'budget-grant',
    apply(f, draft) {
      // A budget that could not cover max_tokens serves a shorter reply.
      const grant = f.reservation.maxTokens;
      if (grant !== undefined) draft.actions = { ...draft.actions, maxTokens: Math.min(grant, draft.actions?.maxTokens ?? Infinity) };
      return 'pass';
    },
  },
  {
    name: 'store-open',
    apply(f, draft) {
      // Served under the insurance counters, visibly.
      if (!f.storeError) return 'pass';
      draft.conclude('error', undefined, undefined, 'Served without the shared store; per-process limits applied.');
      draft.allowed = true;
      draft.error = { code: 'DG_STORE_UNAVAILABLE', message: f.storeError.message };
      return 'pass';
    },
  },
];

/**
 * Runs {@link DECISION_RULES} over what the checks found: whether the request is served (the
 * draft holds the conclusion either way).
 *
 * @example
 * ```ts
 * const served = decide({ monitor: false, storeError: undefined, onStoreError: 'closed', flag: undefined,
 *   injection: undefined, injectionBlocks: false, detection: undefined, reservation }, draft);
 * ```
 */
export function decide(findings: Findings, draft: DecisionDraft): boolean {
  for (const rule of DECISION_RULES) if (rule.apply(findings, draft) === 'refuse') return false;
  return true;
}

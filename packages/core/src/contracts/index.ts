import type { Clock } from '../clock/index.js';
import type { Decision, Identity, Outcome, ResponseActions, Signal, Verdict } from '../decision/index.js';
import type { Logger } from '../options/warnings.js';
import type { GuardRequest, MessageDigests, MessagesBody } from '../request/index.js';
import type { SharedCall, Store } from '../store/index.js';

/**
 * What the guard gives every subsystem when it is created: the shared store, clock and logger.
 */
export interface GuardContext {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** `true` under `mode: 'monitor'`: verdicts are computed and recorded, never acted upon. */
  monitor: boolean;
}

/** Result of the prompt-attack scan of one request (see `shield/`). */
export interface InjectionScan {
  /** Probability-like score in [0, 1]. */
  score: number;
  verdict: 'injection' | 'benign';
  /** Short reasons, e.g. `instruction-override`, `system-prompt-extraction`. */
  reasons: string[];
}

/** Everything the distillation detector sees of one request. */
export interface DetectorInput {
  identity: Identity;
  request: GuardRequest;
  body: MessagesBody;
  /** ms since epoch, from the request or the guard's clock. */
  timestamp: number;
  /** The shield's scan of this request, when the shield ran. */
  injection?: InjectionScan;
  /**
   * The request's messages as the guard digested them, once for every part (the token estimates'
   * memory, the prompt fingerprints' caches, the shield's conversation memory): a detector keys
   * what it remembers of a text by them instead of digesting it again.
   */
  digests?: MessageDigests;
  /**
   * On a Redis store, the request's one call to it: a detector keeping its state in the guard's
   * store adds its section and waits for the call's reply (the guard sends it once every part of
   * the check has added what it needs). Absent on the memory store.
   */
  storeCall?: SharedCall;
}

/** The detector's view of an identity after one request. */
export interface DetectorResult {
  score: number;
  verdict: Verdict;
  signals: Signal[];
  cluster?: string;
  /** Graduated responses for verdicts short of a block. */
  actions?: ResponseActions;
  /** Seconds to ask the client to wait, for a `throttle` verdict that slows the account down. */
  retryAfter?: number;
  /**
   * The identity is on new-account probation and was served its quota of answer tokens today:
   * the guard refuses the request for now (429, reason `probation`) until `retryAfter` seconds.
   */
  probation?: { retryAfter: number; used: number; quota: number };
  /**
   * The identity is flagged and was served its allowance of answers for today (`retryAfter` says
   * until when); the allowance halves with each day since the identity was first acted on.
   */
  allowance?: { retryAfter: number; used: number; limit: number };
  /**
   * The identity was served its reasoning allowance today (`actions.reasoningAnswersPerDay`
   * reasoning-shaped answers), whatever its verdict: the guard refuses the request for now (429,
   * reason `reasoning-allowance`) until `retryAfter` seconds.
   */
  reasoningAllowance?: { retryAfter: number; used: number; limit: number };
  /**
   * The identity's persisted verdict before this request. The guard emits a `verdict` event (alerts,
   * audit) only when `verdict` is stronger than this, so one escalation makes one alert.
   */
  previous?: Verdict;
}

/** The distillation detector as the guard drives it. */
export interface DetectorPlugin {
  /** The verdict on a request; a detector whose state is in memory may answer without a Promise. */
  observe(input: DetectorInput): DetectorResult | Promise<DetectorResult>;
  /** Usage and output of a served request (output-heavy signal). */
  recordOutcome?(decision: Decision, outcome: Outcome): Promise<void> | void;
  /** Forgets an identity's verdict and signals (an operator unflagged it as a false positive). */
  reset?(identityId: string): Promise<void>;
  close?(): Promise<void>;
}

/** Events the guard emits; audit, metrics and alerts subscribe to them. */
export interface GuardEvents {
  /** After every `check`. `body` is the validated request body when it was valid. */
  decision: (event: { decision: Decision; request: GuardRequest; body?: MessagesBody; /** Time spent in `check`, ms. */ durationMs?: number; /** Client fingerprint id, when the detector computed one. */ fingerprint?: string }) => void;
  /** After every `record`. */
  outcome: (event: { decision: Decision; outcome: Outcome; costUsd: number }) => void;
  /** When an identity's verdict becomes stronger (throttle, flag, block). */
  verdict: (event: { identity: Identity; verdict: Verdict; previous: Verdict; score: number; signals: readonly Signal[]; cluster?: string; decision: Decision }) => void;
  /** When the store fails (the request is then handled per `onStoreError`). */
  storeError: (event: { error: Error; operation: string }) => void;
  /** Flag list changes, from the API, the admin router or the detector. */
  flag: (event: { id: string; flagged: boolean; reason?: string; by: string }) => void;
}

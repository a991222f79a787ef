import { asksHourCache, estimateInputTokens, TokenMemory } from '../claude/index.js';
import type { Decision, Identity, Outcome, Signal, Verdict } from '../decision/index.js';
import { InvalidRequestError } from '../errors/index.js';
import { FlagList, type FlagEntry, type FlagInput } from '../flagged/index.js';
import { createIdentityResolver, type IdentityResult } from '../identity/index.js';
import { Limits, type Consumption, type Demand, type Reservation } from '../limits/index.js';
import { MessageDigests, type GuardRequest, type MessagesBody } from '../request/index.js';
import { RedisStore, SharedCall, type RowReply } from '../store/index.js';
import { DecisionDraft, GuardDecision, makeDecision, MESSAGES, NOT_PENDING } from './decision.js';
import { decide } from './rules.js';
import { GuardEmitter } from './events.js';
import { parseOptions, type GuardOptions, type ResolvedGuardOptions } from './options.js';
import type { Shield } from '../shield/index.js';
import type { DetectorInput, DetectorPlugin, DetectorResult, GuardContext, GuardEvents, InjectionScan } from '../contracts/index.js';
import { requestId } from './request-id.js';

/** Turns an unknown body into a valid Messages request or throws `InvalidRequestError`. */
export type BodyValidator = (body: unknown) => MessagesBody;
/**
 * Scans a request for prompt attacks: at once, or (with the shield's pluggable classifiers,
 * consulted only for uncertain texts) as a Promise.
 */
export type InjectionScanner = (body: MessagesBody, digests?: MessageDigests) => InjectionScan | Promise<InjectionScan>;

/** Subsystems built from the options; `createGuard` wires them. */
export interface GuardParts {
  validate: BodyValidator;
  scanInjection?: InjectionScanner;
  /** What to do with a detected injection: refuse it, or only record it. */
  injectionPolicy: 'block' | 'flag' | 'off';
  /** Whether a scan that found an injection refuses it (the policy of the channels it was found in). */
  injectionBlocks?: (scan: InjectionScan) => boolean;
  detector?: DetectorPlugin;
  /** Validation, prompt-attack scan and output protection, when the shield is on. */
  shield?: Shield;
  /** Called by `close()`, after the detector. */
  closers: Array<() => Promise<void>>;
}


const VERDICT_RANK: Record<Verdict, number> = { allow: 0, throttle: 1, flag: 2, block: 3 };

/**
 * Whose request-count limits {@link Guard.checkRequests} applies: `'all'` (identity, address
 * and global, for a Messages-API call that spends no tokens) or `'ip'` (the address's only, for an
 * app's other routes).
 */
export type RequestLimitScope = 'all' | 'ip';

/** A request-count check asks nothing of the budgets: only the `requests` limits are consulted. */
const NO_DEMAND: Demand = { inputTokens: 0, maxTokens: 0, inputCostUsd: 0, outputTokenUsd: 0 };
const NO_USE: Consumption = { tokens: 0, costUsd: 0, outputTokens: 0 };
/** What `record` returns when nothing had to be waited for. */
const RECORDED: Promise<void> = Promise.resolve();

/**
 * The guard: one `check` per request, one `record` per served response.
 * Create it with `createGuard(options)`; adapters call it for you.
 */
export class Guard {
  readonly options: ResolvedGuardOptions;
  readonly flags: FlagList;
  readonly limits: Limits;
  private readonly emitter: GuardEmitter;
  private readonly identify: (req: GuardRequest) => IdentityResult | Promise<IdentityResult>;
  /** The `requests` limits alone, per scope, made on first use (see {@link checkRequests}). */
  private readonly requestLimits = new Map<RequestLimitScope, Limits>();
  /** What the conversations' resent messages were estimated at (see `TokenMemory`). */
  private readonly tokenMemory = new TokenMemory();
  /** The store when it is Redis: each request's check is one call to it (see {@link SharedCall}). */
  private readonly redis: RedisStore | undefined;
  private closed = false;
  /** Stopping: new requests are refused (503) while in-flight ones finish. */
  private stopping = false;
  /** Stopped by a signal and closed: the process is ending; requests are no longer answered. */
  private exiting = false;
  /** Allowed decisions not recorded yet (requests being served). */
  private inFlight = 0;
  private idle: Array<() => void> = [];
  /** The cost of the outcome `settle` last priced, read by `record` right after it. */
  private settledCost = 0;

  constructor(
    options: ResolvedGuardOptions,
    private readonly parts: GuardParts,
    emitter?: GuardEmitter,
  ) {
    this.options = options;
    this.emitter = emitter ?? new GuardEmitter(options.logger);
    this.flags = new FlagList(options.store, options.clock);
    this.redis = options.store instanceof RedisStore ? options.store : undefined;
    this.limits = new Limits(options.limits, options.store, options.clock);
    this.identify = createIdentityResolver({
      clientAddress: options.clientAddress,
      ...(options.identify && { identify: options.identify }),
      ...(options.apiKeys && { apiKeys: options.apiKeys }),
    });
  }

  /** The shield (output protection for `claudeRoute`), unless `shield: false`. */
  get shield(): Shield | undefined {
    return this.parts.shield;
  }

  /** What subsystems get: the shared store, clock and logger. */
  get context(): GuardContext {
    const { store, clock, logger, mode } = this.options;
    return { store, clock, logger, monitor: mode === 'monitor' };
  }

  /** Subscribes to guard events (`decision`, `outcome`, `verdict`, `storeError`, `flag`); returns an unsubscribe function. */
  on<K extends keyof GuardEvents>(event: K, listener: GuardEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  /**
   * Decides whether to serve a request. Never throws for a request: bad input becomes a `deny`
   * (`invalid-request`), a failing store an `error` decision governed by `onStoreError`.
   *
   * One method, sync or async as the work is: the `Decision` itself when nothing had to be waited
   * for (the memory store with a synchronous `identify`), else a Promise of it. `await` it either
   * way. Adapters let an allowed request through in the same tick when the answer is not a
   * Promise: deferring every request by a Promise costs a server more than the checks.
   *
   * @example
   * ```ts
   * const decision = await guard.check(req);
   * if (!decision.allowed) return res.status(decision.status).set(decision.headers).json(anthropicErrorBody(decision.status, decision.message));
   * ```
   */
  check(req: GuardRequest): Decision | Promise<Decision> {
    const started = performance.now();
    const timestamp = req.timestamp ?? this.options.clock.now();
    const monitor = this.options.mode === 'monitor';
    if (this.stopping) {
      // After a signal's stop has flushed, no request is answered any more: an answer could no
      // longer reach the audit log, and the process ends in a moment (its connections with it).
      if (this.exiting) return new Promise<Decision>(() => undefined);
      return this.refuseWhileStopping(req, timestamp, monitor, started);
    }
    let resolved: IdentityResult | Promise<IdentityResult>;
    try {
      resolved = this.identify(req);
    } catch (err) {
      return this.identifyFailed(req, timestamp, monitor, started, err);
    }
    if (resolved instanceof Promise) {
      return resolved.then(
        (who) => this.checkIdentified(req, who, timestamp, monitor, started),
        (err: unknown) => this.identifyFailed(req, timestamp, monitor, started, err),
      );
    }
    return this.checkIdentified(req, resolved, timestamp, monitor, started);
  }

  /**
   * A check of the request-count limits alone: no body, no shield, no detector, and no token,
   * cost, output or concurrency limit, since the request spends none of them. With `'all'` (a
   * Messages-API call that spends no tokens, such as `count_tokens`) the client is identified as
   * by `check` (API keys included), a flagged identity is refused, and the request limits of every
   * scope apply. With `'ip'` (an app's other routes, when asked for) only the per-address request
   * limit applies and nothing is asked of the client. Requests are counted in the same counters as
   * `check` counts them. Nothing is held, so there is nothing to `record`; an allowed `'ip'`
   * decision raises no `decision` event (a page's every asset would flood the audit trail).
   *
   * @example
   * ```ts
   * const decision = await guard.checkRequests(req, 'all');
   * if (!decision.allowed) return send(decision.status, decision.headers, anthropicErrorBody(decision.status, decision.message, decision.id));
   * ```
   */
  checkRequests(req: GuardRequest, scope: RequestLimitScope): Decision | Promise<Decision> {
    const started = performance.now();
    const timestamp = req.timestamp ?? this.options.clock.now();
    const monitor = this.options.mode === 'monitor';
    if (scope === 'ip') {
      const address = this.options.clientAddress(req.ip, req.headers);
      const identity: Identity = { id: address.id, source: 'ip', ip: address.ip, network: address.network };
      return this.countRequest(req, new DecisionDraft(requestId(req.id), timestamp, monitor, started, identity), scope, NOTHING, this.redis && new SharedCall(this.redis));
    }
    const counted = (who: IdentityResult): Decision | Promise<Decision> => {
      const draft = new DecisionDraft(requestId(req.id), timestamp, monitor, started, who.identity);
      if (!who.ok) return this.finish(req, undefined, draft.conclude('deny', 'unauthenticated', 401, who.message));
      const call = this.redis && new SharedCall(this.redis);
      const flag = this.lookupFlag(who.identity.id, call);
      return this.countRequest(req, draft, scope, flag, call);
    };
    let resolved: IdentityResult | Promise<IdentityResult>;
    try {
      resolved = this.identify(req);
    } catch (err) {
      return this.identifyFailed(req, timestamp, monitor, started, err);
    }
    if (resolved instanceof Promise) return resolved.then(counted, (err: unknown) => this.identifyFailed(req, timestamp, monitor, started, err));
    return counted(resolved);
  }

  private countRequest(
    req: GuardRequest,
    draft: DecisionDraft,
    scope: RequestLimitScope,
    flagged: Settled<FlagEntry | undefined> | Promise<Settled<FlagEntry | undefined>>,
    call: SharedCall | undefined,
  ): Decision | Promise<Decision> {
    let limits = this.requestLimits.get(scope);
    if (!limits) {
      const specs = this.limits.specs.filter((s) => s.kind === 'requests' && (scope === 'all' || s.scope === 'ip'));
      // Same names, windows and store as the full limits, so the same counters.
      limits = new Limits(specs, this.options.store, this.options.clock);
      this.requestLimits.set(scope, limits);
    }
    const counts = limits;
    const conclude = (flag: Settled<FlagEntry | undefined>, reservation: Reservation): Decision => {
      const storeError = flag.error ?? reservation.storeError;
      if (storeError) this.emitter.emit('storeError', { error: storeError, operation: 'check' });
      draft.reservation = reservation;
      const served = this.decide(draft, flag.value, undefined, undefined, reservation, storeError);
      // A served count has nothing to record: it is settled at once (its request counted, nothing else held).
      if (served) counts.reconcile(reservation, NO_USE);
      else counts.release(reservation);
      return this.finishCount(req, draft, scope === 'all' || !served);
    };
    const reservation = counts.reserve(draft.identity, NO_DEMAND, draft.id, call);
    call?.send();
    if (flagged instanceof Promise || reservation instanceof Promise) return Promise.all([flagged, reservation]).then(([f, r]) => conclude(f, r));
    return conclude(flagged, reservation);
  }

  /** A request-count decision: like `finish`, but nothing is held, so nothing waits to be recorded. */
  private finishCount(req: GuardRequest, draft: DecisionDraft, announce: boolean): Decision {
    const decision = makeDecision(draft, { owner: this, served: undefined, body: undefined, rateLimitHeaders: this.options.rateLimitHeaders });
    if (announce && this.emitter.has('decision')) this.emitter.emit('decision', { decision, request: req, durationMs: performance.now() - draft.started });
    return decision;
  }

  private identifyFailed(req: GuardRequest, timestamp: number, monitor: boolean, started: number, err: unknown): Decision {
    const identity: Identity = { id: 'unknown', source: 'ip', ip: req.ip, network: req.ip };
    return this.finish(req, undefined, this.failure(new DecisionDraft(requestId(req.id), timestamp, monitor, started, identity), 'DG_IDENTIFY_FAILED', err));
  }

  private checkIdentified(req: GuardRequest, who: IdentityResult, timestamp: number, monitor: boolean, started: number): Decision | Promise<Decision> {
    const identity = who.identity;
    const draft = new DecisionDraft(requestId(req.id), timestamp, monitor, started, identity);
    if (!who.ok) return this.finish(req, undefined, draft.conclude('deny', 'unauthenticated', 401, who.message));

    let body: MessagesBody;
    try {
      body = this.parts.validate(req.body);
    } catch (err) {
      if (!(err instanceof InvalidRequestError)) return this.finish(req, undefined, this.failure(draft, 'DG_VALIDATION_FAILED', err));
      return this.finish(req, undefined, draft.conclude('deny', 'invalid-request', err.status, err.message));
    }
    draft.model = body.model;

    // One reading of the messages for every part that recognises texts (see MessageDigests).
    const digests = this.parts.detector || this.parts.scanInjection || this.limits.readsInput ? MessageDigests.of(body.messages) : undefined;
    const scanned = this.parts.injectionPolicy !== 'off' ? this.parts.scanInjection?.(body, digests) : undefined;
    if (scanned instanceof Promise) {
      return scanned.then(
        (injection) => this.checkScanned(req, body, draft, injection, digests),
        (err: unknown) => this.finish(req, body, this.failure(draft, 'DG_SCAN_FAILED', err)),
      );
    }
    return this.checkScanned(req, body, draft, scanned, digests);
  }

  /** The flag, the detector and the limits, once the prompt-attack scan has answered. */
  private checkScanned(req: GuardRequest, body: MessagesBody, draft: DecisionDraft, injection: InjectionScan | undefined, digests: MessageDigests | undefined): Decision | Promise<Decision> {
    const identity = draft.identity;
    const timestamp = draft.timestamp;
    const detector = this.parts.detector;
    // The flag, the detector and the limits: on the memory store they answer at once; on Redis
    // (checkOnRedis) each adds its part to the request's one call, sent once they all have.
    // A client at a door Redis already closed (its request count spent until the window resets)
    // is answered here, without a call; the detector does not see it (it is served nothing).
    const refused = this.redis && this.limits.cachedRefusal(identity);
    if (refused) return this.conclude(req, body, draft, injection, NOTHING, NOTHING, refused);
    if (this.redis) return this.checkOnRedis(req, body, draft, injection, digests, new SharedCall(this.redis));
    const flag = this.lookupFlag(identity.id, undefined);
    const detection = detector ? this.observe(detector, detectorInput(identity, req, body, timestamp, injection, undefined, digests)) : NOTHING;
    const reservation = this.limits.reserve(identity, this.demand(body, digests), draft.id);
    if (flag instanceof Promise || detection instanceof Promise || reservation instanceof Promise) {
      return Promise.all([flag, detection, reservation]).then(([f, d, r]) => this.conclude(req, body, draft, injection, f, d, r));
    }
    return this.conclude(req, body, draft, injection, flag, detection, reservation);
  }

  /**
   * {@link checkScanned} on Redis: the flag, the detector's state and the limits in the request's
   * one call. The flag and the reservation are read from its answer in one callback (a Promise
   * and a callback a part, then a `Promise.all`, cost this path more than its encoding); only
   * the detector, which reads the answer itself, is waited for beside it.
   */
  private checkOnRedis(req: GuardRequest, body: MessagesBody, draft: DecisionDraft, injection: InjectionScan | undefined, digests: MessageDigests | undefined, call: SharedCall): Promise<Decision> {
    const identity = draft.identity;
    const detector = this.parts.detector;
    this.flags.askIn(call, identity.id);
    const detection = detector ? this.observe(detector, detectorInput(identity, req, body, draft.timestamp, injection, call, digests)) : NOTHING;
    const demand = this.demand(body, digests);
    const reservation = this.limits.reserveIn(call, identity, demand)!;
    const reply = call.send();
    if (detection instanceof Promise) {
      const flagAndLimits = reply.then(
        (answer) => {
          this.limits.answered(reservation, demand, answer);
          return this.flagIn(answer);
        },
        (err: unknown) => {
          this.limits.insure(reservation, demand, err);
          return { value: undefined, error: toError(err) };
        },
      );
      return Promise.all([flagAndLimits, detection]).then(([f, d]) => this.conclude(req, body, draft, injection, f, d, reservation));
    }
    return reply.then(
      (answer) => this.conclude(req, body, draft, injection, this.flagIn(answer), detection, this.limits.answered(reservation, demand, answer)),
      (err: unknown) => this.conclude(req, body, draft, injection, { value: undefined, error: toError(err) }, detection, this.limits.insure(reservation, demand, err)),
    );
  }

  /** The identity's flag as a request's Redis call answered it (see {@link checkOnRedis}). */
  private flagIn(answer: RowReply): Settled<FlagEntry | undefined> {
    const entry = this.flags.inReply(answer.flag);
    return entry === undefined ? NOTHING : { value: entry, error: undefined };
  }

  private conclude(
    req: GuardRequest,
    body: MessagesBody,
    draft: DecisionDraft,
    injection: InjectionScan | undefined,
    flag: Settled<FlagEntry | undefined>,
    detection: Settled<DetectorResult>,
    reservation: Reservation,
  ): Decision | Promise<Decision> {
    const storeError = flag.error ?? detection.error ?? reservation.storeError;
    if (storeError) this.emitter.emit('storeError', { error: storeError, operation: 'check' });
    const result = detection.value;
    draft.reservation = reservation;
    if (result) {
      draft.score = result.score;
      draft.verdict = result.verdict;
      draft.signals = result.signals;
      draft.cluster = result.cluster;
    }
    if (injection?.verdict === 'injection') draft.signals = [...draft.signals, injectionSignal(injection)];

    const served = this.decide(draft, flag.value, result, injection, reservation, storeError);
    if (!served) this.limits.release(reservation);
    const flagging = result && !draft.monitor && result.verdict === 'block' && !flag.value && !storeError ? this.flagForDetector(draft.identity.id, result) : undefined;
    if (flagging) return flagging.then(() => this.done(req, body, draft, served ? reservation : undefined, result));
    return this.done(req, body, draft, served ? reservation : undefined, result);
  }

  /** The decision, once what it refused is handed back; a verdict that rose is announced with it. */
  private done(req: GuardRequest, body: MessagesBody, draft: DecisionDraft, served: Reservation | undefined, result: DetectorResult | undefined): Decision {
    const decision = this.finish(req, body, draft, served);
    const previous = result?.previous ?? 'allow';
    if (result && VERDICT_RANK[result.verdict] > VERDICT_RANK[previous]) {
      this.emitter.emit('verdict', { identity: draft.identity, verdict: result.verdict, previous, score: result.score, signals: result.signals, cluster: result.cluster, decision });
    }
    return decision;
  }

  /**
   * The detector's answer, at once on the memory store; a failure is captured, not thrown. A
   * method rather than a closure handed to a helper: a closure over the request's values was an
   * allocation on every request.
   */
  private observe(detector: DetectorPlugin, input: DetectorInput): Settled<DetectorResult> | Promise<Settled<DetectorResult>> {
    try {
      const result = detector.observe(input);
      return result instanceof Promise ? settle(result) : { value: result, error: undefined };
    } catch (err) {
      return { value: undefined, error: toError(err) };
    }
  }

  /** The identity's flag, answered at once on the memory store; a failing store is captured, not thrown. */
  private lookupFlag(id: string, call: SharedCall | undefined): Settled<FlagEntry | undefined> | Promise<Settled<FlagEntry | undefined>> {
    try {
      const entry = this.flags.lookup(id, call);
      if (entry instanceof Promise) return settle(entry);
      return entry === undefined ? NOTHING : { value: entry, error: undefined };
    } catch (err) {
      return { value: undefined, error: toError(err) };
    }
  }

  /**
   * Reports what happened after a request was served: real usage reconciles the token, cost and
   * output budgets (a failed call with no usage releases its reservation) and feeds the detector.
   */
  record(decision: Decision, outcome: Outcome): Promise<void> {
    // Not an async function: most records wait for nothing, and a server records every request.
    // The cost goes from `settle` in a field, not in an object returned per record.
    let detected: Promise<void> | void;
    try {
      detected = this.settle(decision, outcome);
    } catch (err) {
      return Promise.reject(err);
    }
    const costUsd = this.settledCost;
    if (detected) return this.recorded(detected, decision, outcome, costUsd);
    if (this.emitter.has('outcome')) this.emitter.emit('outcome', { decision, outcome, costUsd });
    return RECORDED;
  }

  /**
   * What `record` does at once: the budgets settled, the detector told; returns the detector's
   * Promise, if it has one, and leaves the outcome's cost in {@link settledCost}.
   */
  private settle(decision: Decision, outcome: Outcome): Promise<void> | void {
    // Only the first record of a decision settles its budgets.
    const pending = GuardDecision.settle(decision, this);
    if (pending !== NOT_PENDING && decision.allowed) this.served();
    const model = outcome.model ?? decision.model ?? 'default';
    const usage = outcome.usage;
    const costUsd = usage ? this.options.prices.cost(model, usage) : 0;
    const reservation = pending === NOT_PENDING ? undefined : pending;
    // The detector first, before anything is awaited: the answer's digest must be known by the
    // time a client that read it fast sends its next turn (history provenance).
    let detected: Promise<void> | void = undefined;
    if (this.parts.detector?.recordOutcome) {
      try {
        detected = this.parts.detector.recordOutcome(decision, outcome);
      } catch (err) {
        this.emitter.emit('storeError', { error: toError(err), operation: 'record' });
      }
    }
    // Settling is never waited for: on Redis it goes with the identity's next call, or behind.
    if (reservation) {
      if (usage) {
        const input = usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
        this.limits.reconcile(reservation, { tokens: input + usage.output_tokens, costUsd, outputTokens: usage.output_tokens });
      } else {
        this.limits.release(reservation);
      }
    }
    // Set last: a listener that records another decision meanwhile would have set its own.
    this.settledCost = costUsd;
    return detected;
  }

  /** The end of a `record` whose detector answers later. */
  private async recorded(detected: Promise<void>, decision: Decision, outcome: Outcome, costUsd: number): Promise<void> {
    try {
      await detected;
    } catch (err) {
      this.emitter.emit('storeError', { error: toError(err), operation: 'record' });
    }
    this.emitter.emit('outcome', { decision, outcome, costUsd });
  }

  /**
   * The validated body behind an allowed decision (what the upstream call should send), until
   * the decision is recorded.
   */
  bodyOf(decision: Decision): MessagesBody | undefined {
    return GuardDecision.bodyOf(decision, this);
  }

  /** Flags an identity: its requests are refused (reason `flagged`) until `unflag`. */
  async flag(id: string, reason: string, input: FlagInput = {}): Promise<FlagEntry> {
    const entry = await this.flags.flag(id, reason, input);
    this.emitter.emit('flag', { id, flagged: true, reason, by: entry.by });
    return entry;
  }

  /**
   * Lifts a flag; resolves to whether there was one. The detector's memory of the identity is
   * reset either way; the `flag` event (and so the audit log) only records a flag that was lifted,
   * so lifting one flag through several guards sharing a store is one change.
   */
  async unflag(id: string, by = 'api'): Promise<boolean> {
    const removed = await this.flags.unflag(id);
    // An operator lifting a flag overrides the detector's memory too, or it would re-flag at once.
    await this.parts.detector?.reset?.(id);
    if (removed) this.emitter.emit('flag', { id, flagged: false, by });
    return removed;
  }

  isFlagged(id: string): Promise<boolean> {
    return this.flags.isFlagged(id);
  }

  listFlagged(): Promise<FlagEntry[]> {
    return this.flags.list();
  }

  /**
   * Stops within a deadline: new requests are refused at once (503, `Retry-After: 1`, so a load
   * balancer sends them elsewhere), requests being served are waited for until they are recorded
   * (at most `timeoutMs`, default the `shutdown.timeoutMs` option), then everything queued is
   * flushed and subsystems close (see {@link close}). Every answered request then has its event in
   * the audit log, or is counted in its last `dropped` event. On SIGTERM and SIGINT the guard does
   * this by itself unless `shutdown: false`. Idempotent.
   *
   * @example
   * ```ts
   * process.on('SIGTERM', async () => {
   *   server.close();
   *   await guard.shutdown();
   *   process.exit(0);
   * });
   * ```
   */
  async shutdown(timeoutMs = this.options.shutdown ? this.options.shutdown.timeoutMs : 10_000): Promise<void> {
    this.stopping = true;
    await this.servedRequests(timeoutMs);
    await this.close();
  }

  /** Resolves once every served request was recorded, or after `timeoutMs`. */
  private servedRequests(timeoutMs: number): Promise<void> {
    if (this.inFlight <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * The stop a SIGTERM or SIGINT starts (see the `shutdown` option): {@link shutdown}, after
   * which requests are no longer answered at all, since the process is about to end.
   */
  async shutdownForExit(timeoutMs = this.options.shutdown ? this.options.shutdown.timeoutMs : 10_000): Promise<void> {
    this.stopping = true;
    await this.servedRequests(timeoutMs);
    // From here the process is about to end: no more answers (they could not reach the log).
    this.exiting = true;
    await this.close();
  }

  /** Requests being served: allowed decisions not recorded yet. */
  get pending(): number {
    return this.inFlight;
  }

  private served(): void {
    if (--this.inFlight > 0) return;
    this.inFlight = 0;
    const waiters = this.idle;
    this.idle = [];
    for (const wake of waiters) wake();
  }

  private refuseWhileStopping(req: GuardRequest, timestamp: number, monitor: boolean, started: number): Decision {
    const identity: Identity = { id: 'unknown', source: 'ip', ip: req.ip, network: req.ip };
    const draft = new DecisionDraft(requestId(req.id), timestamp, monitor, started, identity);
    draft.conclude('error', 'internal-error', 503, MESSAGES.stopping);
    draft.retryAfter = 1;
    draft.error = { code: 'DG_SHUTTING_DOWN', message: 'The guard is shutting down.' };
    return this.finish(req, undefined, draft);
  }

  /** Flushes and stops subsystems (audit queues, timers). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.limits.close();
    for (const limits of this.requestLimits.values()) limits.close();
    await this.parts.detector?.close?.();
    for (const close of this.parts.closers) await close();
    await this.options.store.close();
  }

  /** Runs the decision rules (see `rules.ts`) over what the checks found. */
  private decide(
    draft: DecisionDraft,
    flag: FlagEntry | undefined,
    detection: DetectorResult | undefined,
    injection: InjectionScan | undefined,
    reservation: Reservation,
    storeError: Error | undefined,
  ): boolean {
    const { onStoreError } = this.options;
    const injectionBlocks = injection !== undefined && injection.verdict === 'injection' && (this.parts.injectionBlocks ? this.parts.injectionBlocks(injection) : this.parts.injectionPolicy === 'block');
    return decide({ monitor: draft.monitor, storeError, onStoreError, flag, injection, injectionBlocks, detection, reservation }, draft);
  }

  /** Puts an identity the detector blocked on the flagged list, so every instance refuses it at once. */
  private async flagForDetector(id: string, result: DetectorResult): Promise<void> {
    const names = result.signals.slice(0, 3).map((s) => s.name).join(', ') || 'detector verdict';
    const input: FlagInput = { by: 'detector', score: result.score };
    if (result.cluster !== undefined) input.cluster = result.cluster;
    try {
      await this.flags.flag(id, `distillation: ${names}`, input);
      this.emitter.emit('flag', { id, flagged: true, reason: 'distillation', by: 'detector' });
    } catch (err) {
      this.emitter.emit('storeError', { error: toError(err), operation: 'flag' });
    }
  }

  private finish(req: GuardRequest, body: MessagesBody | undefined, draft: DecisionDraft, reservation?: Reservation): Decision {
    const decision = makeDecision(draft, { owner: this, served: reservation, body, rateLimitHeaders: this.options.rateLimitHeaders });
    // Served requests are waited for when the guard stops, until they are recorded.
    if (decision.allowed) this.inFlight++;
    if (this.emitter.has('decision')) {
      const event: Parameters<GuardEvents['decision']>[0] = { decision, request: req, durationMs: performance.now() - draft.started };
      if (body) event.body = body;
      this.emitter.emit('decision', event);
    }
    return decision;
  }

  private failure(draft: DecisionDraft, code: string, err: unknown): DecisionDraft {
    const message = toError(err).message;
    this.options.logger.error(`distill-guard: ${code}`, { error: message });
    draft.conclude('error', 'internal-error', 503, MESSAGES.internal);
    draft.allowed = this.options.onStoreError === 'open';
    draft.retryAfter = 1;
    draft.error = { code, message };
    return draft;
  }

  private demand(body: MessagesBody, digests: MessageDigests | undefined): Demand {
    // Only token and cost budgets read the input: without one, its estimate (which reads the whole history) is skipped.
    if (!this.limits.readsInput) return { inputTokens: 0, maxTokens: body.max_tokens, inputCostUsd: 0, outputTokenUsd: 0 };
    const inputTokens = estimateInputTokens(body, this.tokenMemory, digests);
    const prices = this.options.prices;
    return { inputTokens, maxTokens: body.max_tokens, inputCostUsd: prices.maxInputCost(body.model, inputTokens, asksHourCache(body)), outputTokenUsd: prices.outputTokenCost(body.model, inputTokens) };
  }
}

/**
 * The guard that made a decision, while it waits to be recorded: how `claudeRoute` finds the
 * guard of the middleware before it, without anything added to the request object.
 */
export function guardOf(decision: Decision): Guard | undefined {
  const owner = GuardDecision.ownerOf(decision);
  return owner instanceof Guard ? owner : undefined;
}

function detectorInput(identity: Identity, request: GuardRequest, body: MessagesBody, timestamp: number, injection: InjectionScan | undefined, call: SharedCall | undefined, digests: MessageDigests | undefined): DetectorInput {
  const input: DetectorInput = { identity, request, body, timestamp };
  if (digests) input.digests = digests;
  if (injection) input.injection = injection;
  if (call) input.storeCall = call;
  return input;
}

function injectionSignal(scan: InjectionScan): Signal {
  return { name: 'prompt-injection', value: scan.score, explanation: `Prompt-attack patterns: ${scan.reasons.join(', ') || 'unspecified'}.` };
}

interface Settled<T> {
  value: T | undefined;
  error: Error | undefined;
}

const NOTHING: Settled<never> = { value: undefined, error: undefined };

function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ value, error: undefined }),
    (err: unknown) => ({ value: undefined, error: toError(err) }),
  );
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export { parseOptions, type GuardOptions };

import type { Decision, Outcome, ResponseActions, Verdict } from '../decision/index.js';
import { fingerprintRequest } from '../fingerprint/index.js';
import { lastUserText } from '../request/index.js';
import { scanInjection } from '../shield/index.js';
import type { DetectorInput, DetectorPlugin, DetectorResult, GuardContext } from '../contracts/index.js';
import { servedAnswerEvidence, type AnswerEvidence } from './answer-evidence.js';
import { behaviourClass, cohortHashes } from './cohort.js';
import { fleetKeyOf } from './fleet.js';
import { EXPLAIN_FROM, post, pre, requestFacts, waveHash, type GroupKey, type PostResult, type RequestFacts, type Target } from './engine.js';
import { verdictKey } from './keys.js';
import { directWriter, MemoryState, testAndSet, testBit } from './memory-state.js';
import { isAllowed, isIntegration, parseDetectorOptions, type ResolvedDetectorOptions } from './options.js';
import { ModelAges, populationView } from './population.js';
import { applyOutcome } from './outcome.js';
import { SharedState } from './shared-state.js';
import { A, G } from './schema.js';
import { RedisStore } from '../store/index.js';
import { explain } from './signals.js';

/** How many signals a result carries (the strongest first). */
const MAX_SIGNALS = 6;

/** The detector with its introspection helpers (for the replay report, tests and the CLI). */
export interface Detector extends DetectorPlugin {
  readonly options: ResolvedDetectorOptions;
  /** `'memory'` or `'redis'`: where the per-account and cluster state lives. */
  readonly backend: 'memory' | 'redis';
  /** Flushes queued state writes (Redis); resolves when they are in the store. */
  flush(): Promise<void>;
  /** Accounts whose state this process holds (memory backend) or remembers (Redis backend). */
  readonly size: number;
  /**
   * An account's state vector (fields in `ACCOUNT_FIELDS`), as the backend holds it: this
   * process's copy, or on Redis the one in the account's row. `undefined` when there is none.
   */
  account(identityId: string): Promise<Float64Array | undefined>;
}

/**
 * Creates the distillation detector. `createGuard` calls it with its own context (store, clock,
 * logger, monitor flag) and then calls `observe` for every request with a valid body and
 * `recordOutcome` after serving it (with the answer's text, for history provenance and the
 * answer signals).
 *
 * With a memory store the state lives in this process (bounded LRU); with a Redis store every
 * account's and cluster's state is shared, read and updated in one pipelined round trip per
 * request, so several instances behind a load balancer detect as one would.
 *
 * @example
 * ```ts
 * const detector = createDetector({ thresholds: { block: 0.97 } }, guard.context);
 * const result = await detector.observe({ identity, request, body, timestamp: Date.now() });
 * if (result.verdict === 'block') refuse();
 * ```
 */
export function createDetector(input: unknown, ctx: GuardContext): Detector {
  const options = parseDetectorOptions(input ?? {}, 'detector');
  return ctx.store instanceof RedisStore ? new SharedDetector(options, ctx, ctx.store) : new LocalDetector(options, ctx);
}

abstract class BaseDetector implements Detector {
  abstract readonly backend: 'memory' | 'redis';
  abstract readonly size: number;
  protected readonly models = new ModelAges();

  constructor(
    readonly options: ResolvedDetectorOptions,
    protected readonly ctx: GuardContext,
  ) {}

  abstract observe(input: DetectorInput): DetectorResult | Promise<DetectorResult>;
  abstract recordOutcome(decision: Decision, outcome: Outcome): Promise<void> | void;
  abstract reset(identityId: string): Promise<void>;

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    await this.flush();
  }

  abstract account(identityId: string): Promise<Float64Array | undefined>;

  protected facts(input: DetectorInput): RequestFacts {
    const fp = fingerprintRequest({ ip: input.identity.ip, headers: input.request.headers, body: input.body, digests: input.digests });
    const ts = input.timestamp;
    const f = requestFacts(fp, ts, this.models.isNew(input.body.model, ts / 1000), this.options.clusters);
    // The shield scans the whole history; an attack counts once, in the turn that brought it.
    if (input.injection?.verdict === 'injection' && scanInjection(lastUserText(input.body)).verdict === 'injection') f.attack = 1;
    return f;
  }

  /**
   * Adds the cohort links of an account of behaviour class `bits` first seen at `first` to
   * `groups` (none when not eligible). In place: a returned array spread into the request's groups
   * was two arrays a request for nothing.
   */
  protected addCohorts(groups: GroupKey[], first: number, bits: number): void {
    if (!this.options.clusters || bits < 0 || !(first > 0)) return;
    const [a, b] = cohortHashes(first, bits);
    groups.push({ hash: a, kind: 'cohort', when: 'always' }, { hash: b, kind: 'cohort', when: 'always' });
  }

  protected result(r: PostResult, input: DetectorInput, reasoningShare: number): DetectorResult {
    // Sentences cost more than the scoring; an account far from any action does not need them.
    const signals = r.score >= EXPLAIN_FROM || r.verdict !== 'allow' ? explain(r.evidence.parts, MAX_SIGNALS) : [];
    const out: DetectorResult = { score: round(r.score), verdict: r.verdict, signals, previous: r.previous };
    if (r.cluster !== undefined) out.cluster = r.cluster;
    const actions = this.actionsFor(r.verdict, input.body.max_tokens, reasoningShare);
    if (actions) out.actions = actions;
    // A throttled account that is also fast is told to come back later (a 429) rather than served slowly.
    if (r.verdict === 'throttle' && r.fast) out.retryAfter = this.options.actions.retryAfterSeconds;
    if (r.probation) out.probation = r.probation;
    // A flagged account past its daily allowance is told to come back tomorrow.
    if (r.allowance) {
      out.allowance = r.allowance;
      out.retryAfter = r.allowance.retryAfter;
    }
    if (r.reasoningAllowance) out.reasoningAllowance = r.reasoningAllowance;
    return out;
  }

  private actionsFor(verdict: Verdict, maxTokens: number, reasoningShare: number): ResponseActions | undefined {
    const a = this.options.actions;
    if (verdict === 'throttle') {
      return { delayMs: a.throttleDelayMs, maxTokens: Math.min(maxTokens, a.throttleMaxTokens), ...(a.suppressReasoning && reasoningShare >= 0.3 && { suppressReasoning: true }) };
    }
    if (verdict === 'flag') return { delayMs: a.flagDelayMs, maxTokens: Math.min(maxTokens, a.flagMaxTokens), ...(a.suppressReasoning && { suppressReasoning: true }) };
    return undefined;
  }

  protected allowed(): DetectorResult {
    return { score: 0, verdict: 'allow', signals: [], previous: 'allow' };
  }

  /** The answer evidence of a served outcome: what it served in words, aborted or not (see `servedAnswerEvidence`). */
  protected evidence(outcome: Outcome): AnswerEvidence | undefined {
    return servedAnswerEvidence(outcome);
  }

  /**
   * Mirrors a strengthened verdict into the guard's store (for every instance and for tooling);
   * the memory store writes at once.
   */
  protected persistVerdict(id: string, r: PostResult, at: number): Promise<unknown> | undefined {
    const fields: Record<string, string> = { verdict: r.verdict, score: String(round(r.score)), at: String(at), reasons: explain(r.evidence.parts, 3).map((s) => s.name).join(',') };
    if (r.cluster) fields.cluster = r.cluster;
    const written = this.ctx.store.exec([{ op: 'hset', key: verdictKey(id), fields, ttlSeconds: this.options.idleTtlSeconds }]);
    return written instanceof Promise ? written : undefined;
  }
}

class LocalDetector extends BaseDetector {
  readonly backend = 'memory' as const;
  private readonly state: MemoryState;
  private readonly pop: Target;

  constructor(options: ResolvedDetectorOptions, ctx: GuardContext) {
    super(options, ctx);
    this.state = new MemoryState(options.memory.maxAccounts, options.memory.maxGroups, options.idleTtlSeconds);
    this.pop = { view: this.state.pop, key: 'pop' };
  }

  /** The last result of each blocked account: a blocked harvester keeps knocking, and nothing it sends changes the answer. */
  private readonly blocked = new Map<string, DetectorResult>();
  /** Population percentiles move slowly: recomputed every 64 requests rather than on each one. */
  private popView: ReturnType<typeof populationView> | undefined;
  private popAge = 0;

  private population(): ReturnType<typeof populationView> {
    if (this.popView === undefined || ++this.popAge >= 64) {
      this.popView = populationView(this.state.pop);
      this.popAge = 0;
    }
    return this.popView;
  }

  observe(input: DetectorInput): DetectorResult | Promise<DetectorResult> {
    const id = input.identity.id;
    if (isAllowed(this.options, id)) return this.allowed();
    const known = this.state.peek(id);
    if (known && known[A.verdict] === 3) {
      const cached = this.blocked.get(id);
      const ts = input.timestamp / 1000;
      if (cached && ts - known[A.last]! <= this.options.idleTtlSeconds) {
        known[A.n] = known[A.n]! + 1;
        known[A.last] = Math.max(known[A.last]!, ts);
        // A blocked harvester still marks the hours its campaign is active in.
        if (this.options.clusters) {
          const wave = waveHash(input.timestamp);
          if (!testAndSet(known, A.joined, wave)) {
            const g = this.state.group(wave);
            g[G.members] = g[G.members]! + 1;
            g[G.suspicious] = g[G.suspicious]! + 1;
            testAndSet(known, A.suspJoined, wave);
          }
        }
        return cached;
      }
    }
    const f = this.facts(input);
    const view = this.state.account(id, f.ts);
    this.addCohorts(f.groups, view[A.first]!, behaviourClass(view));
    const integration = isIntegration(this.options, id);
    const fleetKey = this.options.clusters ? fleetKeyOf(view, f.ts, id, integration) : undefined;
    const fleet = fleetKey && { target: { view: this.state.group(fleetKey.hash), key: '' }, key: fleetKey };
    const acct: Target = { view, key: id };
    const before = { n: view[A.n]!, last: view[A.last]!, verdict: view[A.verdict]!, suspicious: view[A.suspicious]! > 0 };
    // Per group, in one loop (four `map`s made a closure each, per request): its state, whether the
    // account was already counted in it (as a member, as a suspicious member), and its size before.
    // Each group's steps run in the order the maps ran them: every group's state first (a new group
    // may evict another), then the membership bits.
    const count = f.groups.length;
    const groups: Target[] = [];
    const joined: boolean[] = [];
    const suspJoined: boolean[] = [];
    const groupNBefore: number[] = [];
    for (let i = 0; i < count; i++) groups.push({ view: this.state.group(f.groups[i]!.hash), key: '' });
    for (let i = 0; i < count; i++) {
      const hash = f.groups[i]!.hash;
      joined.push(testAndSet(view, A.joined, hash));
      suspJoined.push(before.suspicious ? testAndSet(view, A.suspJoined, hash) : testBit(view, A.suspJoined, hash));
      groupNBefore.push(groups[i]!.view[G.n]!);
    }
    pre(f, acct, groups, directWriter);
    if (view[A.hourIdx] !== f.hour) {
      view[A.hourIdx] = f.hour;
      view[A.hourN] = 1;
    } else view[A.hourN] = view[A.hourN]! + 1;
    const r = post({ f, acct, before, groups, joined, suspJoined, groupNBefore, hourCount: view[A.hourN]!, pop: this.pop, popView: this.population(), options: this.options, integration, ...(fleet && { fleet }) }, directWriter);
    for (const i of r.newlySuspiciousIn) testAndSet(view, A.suspJoined, f.groups[i]!.hash);
    const persisted = r.verdict !== r.previous ? this.persistVerdict(id, r, input.timestamp) : undefined;
    const result = this.result(r, input, view[A.reasoning]! / Math.max(1, view[A.n]!));
    if (r.verdict === 'block') {
      if (this.blocked.size >= this.options.maxAccounts) this.blocked.clear();
      this.blocked.set(id, { ...result, previous: 'block' });
    }
    return persisted ? persisted.then(() => result) : result;
  }

  recordOutcome(decision: Decision, outcome: Outcome): void {
    const view = this.state.peek(decision.identity.id);
    if (!view) return;
    applyOutcome({ view, key: decision.identity.id }, outcome, this.evidence(outcome), this.ctx.clock.now() / 1000, directWriter);
  }

  async reset(identityId: string): Promise<void> {
    this.state.forget(identityId);
    this.blocked.delete(identityId);
    await this.ctx.store.exec([{ op: 'del', key: verdictKey(identityId) }]);
  }

  /** Accounts currently tracked (benchmarks, tests). */
  get size(): number {
    return this.state.accounts.size;
  }

  override async account(identityId: string): Promise<Float64Array | undefined> {
    const view = this.state.peek(identityId);
    return view ? Float64Array.from(view) : undefined;
  }
}

class SharedDetector extends BaseDetector {
  readonly backend = 'redis' as const;
  private readonly state: SharedState;

  constructor(options: ResolvedDetectorOptions, ctx: GuardContext, store: RedisStore) {
    super(options, ctx);
    this.state = new SharedState(store, options);
  }

  async observe(input: DetectorInput): Promise<DetectorResult> {
    const id = input.identity.id;
    if (isAllowed(this.options, id)) return this.allowed();
    const f = this.facts(input);
    const known = this.state.known(id);
    if (known) this.addCohorts(f.groups, known.first, known.behaviour);
    const { result, reasoningShare } = await this.state.observe(id, f, isIntegration(this.options, id), input.storeCall);
    return this.result(result, input, reasoningShare);
  }

  recordOutcome(decision: Decision, outcome: Outcome): void {
    this.state.outcome(decision.identity.id, outcome, this.evidence(outcome), this.ctx.clock.now() / 1000);
  }

  async reset(identityId: string): Promise<void> {
    await this.state.forget(identityId);
  }

  override async flush(): Promise<void> {
    await this.state.flush();
  }

  override async close(): Promise<void> {
    await this.state.close();
  }

  override account(identityId: string): Promise<Float64Array | undefined> {
    return this.state.read(identityId);
  }

  get size(): number {
    return this.state.remembered;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

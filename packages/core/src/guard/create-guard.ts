import { createAlerts } from '../alerts/index.js';
import { createAuditLog, registerExitFlush } from '../audit/index.js';
import { createDetector } from '../detector/index.js';
import { createShield } from '../shield/index.js';
import { basicValidation } from './basic-validation.js';
import { GuardEmitter } from './events.js';
import { Guard, type GuardParts } from './guard.js';
import { parseOptions, type GuardOptions } from './options.js';
import type { InjectionScan } from '../contracts/index.js';

const BENIGN: InjectionScan = { score: 0, verdict: 'benign', reasons: [] };

/**
 * Creates a guard. Options are validated once, here: an unknown or mistyped option throws an
 * `OptionsError` naming it; a risky-but-legal setup logs one coded warning.
 *
 * @example
 * ```ts
 * import { createGuard, redisStore } from '@distill-guard/core';
 * const guard = createGuard({ store: redisStore(redis), onStoreError: 'open', limits: { costUsd: { limit: 5, window: '1d' } } });
 * const decision = await guard.check(request);
 * ```
 */
export function createGuard(options: GuardOptions = {}): Guard {
  const resolved = parseOptions(options);
  const emitter = new GuardEmitter(resolved.logger);
  const shield = resolved.shield === false ? undefined : createShield(resolved.shield);
  const parts: GuardParts = {
    validate: shield ? (body) => shield.validate(body).body : basicValidation,
    injectionPolicy: shield ? shield.options.injection.policy : 'off',
    closers: [],
    ...(shield && {
      shield,
      // With classifiers, the scan may wait for one (only for texts whose local score is uncertain).
      scanInjection: shield.options.injection.classifiers.length > 0 ? async (body, digests) => (await shield.scanAsync(body, digests)) ?? BENIGN : (body, digests) => shield.scan(body, digests) ?? BENIGN,
      injectionBlocks: (scan) => shield.blocks(scan),
    }),
  };
  if (resolved.detector !== false) {
    parts.detector = createDetector(resolved.detector, { store: resolved.store, clock: resolved.clock, logger: resolved.logger, monitor: resolved.mode === 'monitor' });
  }
  const ctx = { clock: resolved.clock, logger: resolved.logger };
  const audit = resolved.audit && createAuditLog(resolved.audit, ctx);
  const alerts = resolved.alerts && createAlerts(resolved.alerts, ctx);
  if (audit) {
    emitter.on('decision', audit.handlers.decision);
    emitter.on('outcome', audit.handlers.outcome);
    emitter.on('verdict', audit.handlers.verdict);
    emitter.on('flag', audit.handlers.flag);
  }
  if (alerts) {
    emitter.on('verdict', alerts.handlers.verdict);
    emitter.on('flag', alerts.handlers.flag);
  }
  const metrics = resolved.metrics;
  if (metrics) {
    metrics.bind({ ...(audit && { audit }), ...(alerts && { alerts }) });
    for (const event of ['decision', 'outcome', 'verdict', 'storeError', 'flag'] as const) {
      emitter.on(event, metrics.handlers[event] as never);
    }
  }
  const telemetry = resolved.telemetry;
  if (telemetry) {
    emitter.on('decision', telemetry.handlers.decision);
    emitter.on('outcome', telemetry.handlers.outcome);
  }
  // Audit closes last so that whatever alerts and metrics raise while closing is still written.
  if (alerts) parts.closers.push(() => alerts.close());
  if (metrics) parts.closers.push(async () => metrics.close());
  if (telemetry) parts.closers.push(async () => telemetry.close());
  if (audit) parts.closers.push(() => audit.close());
  const guard = new Guard(resolved, parts, emitter);
  if (resolved.shutdown && resolved.shutdown.signals) {
    // On SIGTERM/SIGINT: refuse new work, let served requests finish, flush, then let the signal end the process.
    const unregister = registerExitFlush({ pending: () => false, flushForExit: () => guard.shutdownForExit() });
    parts.closers.push(async () => unregister());
  }
  return guard;
}

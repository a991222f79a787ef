import { OptionsError } from '../errors/index.js';
import type { GuardEvents } from '../contracts/index.js';
import { describe } from '../options/validate.js';

// This file must not import @opentelemetry/api: `@distill-guard/core` re-exports it so that the
// guard can accept a telemetry object while the OpenTelemetry API stays an optional peer.

/** The guard events telemetry follows: a span opens at `decision` and closes at `outcome`. */
export interface TelemetryHandlers {
  decision: GuardEvents['decision'];
  outcome: GuardEvents['outcome'];
}

/**
 * What `createGuard({ telemetry })` accepts: the object returned by `createGuardTelemetry()`
 * from `@distill-guard/core/telemetry`.
 */
export interface GuardTelemetryPlugin {
  readonly kind: 'distill-guard-telemetry';
  readonly handlers: TelemetryHandlers;
  /** Ends the spans still open (their outcome never came) and stops the timer. */
  close(): void;
}

/**
 * Validates the `telemetry` option: absent or `false` means no telemetry (and nothing of
 * OpenTelemetry is loaded), otherwise it must be the object returned by `createGuardTelemetry()`.
 *
 * @example
 * ```ts
 * const telemetry = parseTelemetryOptions(options.telemetry, 'telemetry');
 * if (telemetry) guard.on('decision', telemetry.handlers.decision);
 * ```
 */
export function parseTelemetryOptions(input: unknown, path = 'telemetry'): GuardTelemetryPlugin | undefined {
  if (input === undefined || input === false) return undefined;
  const t = input as Partial<GuardTelemetryPlugin> | null;
  if (!t || t.kind !== 'distill-guard-telemetry' || typeof t.close !== 'function' || !t.handlers) {
    throw new OptionsError(
      path,
      `must be the object returned by createGuardTelemetry() from '@distill-guard/core/telemetry', got ${describe(input)}.`,
    );
  }
  return t as GuardTelemetryPlugin;
}

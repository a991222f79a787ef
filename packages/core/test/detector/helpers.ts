import { createDetector, manualClock, memoryStore, networkOf, type Detector, type DetectorResult, type GuardContext, type Store, type TrafficStep } from '../../src/internal.js';
import { memoryLogger } from '../helpers.js';

/** A detector on a memory store and a manual clock, as `createGuard` would build it. */
export function detectorFor(options: Record<string, unknown> = {}, store: Store = memoryStore(), monitor = false): { detector: Detector; ctx: GuardContext } {
  const ctx: GuardContext = { store, clock: manualClock(0), logger: memoryLogger(), monitor };
  return { detector: createDetector(options, ctx), ctx };
}

/** Feeds steps to a detector (observe, then recordOutcome unless blocked); returns every result. */
export async function drive(detector: Detector, steps: readonly TrafficStep[]): Promise<DetectorResult[]> {
  const out: DetectorResult[] = [];
  for (const step of steps) {
    const r = step.request;
    const user = r.user ?? r.ip;
    const identity = { id: user, source: 'user' as const, ip: r.ip, network: networkOf(r.ip) };
    const result = await detector.observe({ identity, request: r, body: r.body as never, timestamp: step.at });
    out.push(result);
    if (result.verdict !== 'block') {
      await detector.recordOutcome?.({ identity } as never, step.outcome);
    }
  }
  return out;
}

export const rank = (v: string) => ['allow', 'throttle', 'flag', 'block'].indexOf(v);

/** Index of the first result at or above `verdict`, or -1. */
export function firstAt(results: readonly DetectorResult[], verdict: string): number {
  return results.findIndex((r) => rank(r.verdict) >= rank(verdict));
}

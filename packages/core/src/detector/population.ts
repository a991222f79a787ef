import { P, POP_BINS } from './schema.js';
import type { PopulationView } from './signals.js';

/** Population reference points never drop below these, so a young or tiny service cannot flag its heaviest human. */
export const VOLUME_FLOOR = 64;
export const PEAK_FLOOR = 40;

/** log2 bin of a positive count. */
export function binOf(count: number): number {
  return Math.min(POP_BINS - 1, Math.floor(Math.log2(Math.max(1, count))));
}

/** The count at the 95th percentile of accounts, from a log2 histogram (bin lower bound). */
export function percentile95(pop: ArrayLike<number>, from: number, floor: number): number {
  let total = 0;
  for (let b = 0; b < POP_BINS; b++) total += Math.max(0, pop[from + b]!);
  // Too few accounts for a percentile: the heaviest would set its own reference.
  if (total < 20) return floor;
  let above = 0;
  for (let b = POP_BINS - 1; b >= 0; b--) {
    above += Math.max(0, pop[from + b]!);
    if (above >= 0.05 * total) return Math.max(floor, 2 ** (b + 1));
  }
  return floor;
}

export function populationView(pop: ArrayLike<number>): PopulationView {
  return { volumeP95: percentile95(pop, P.volume, VOLUME_FLOOR), peakP95: percentile95(pop, P.peak, PEAK_FLOOR) };
}

/**
 * When a model first appeared in this detector's traffic. A model counts as newly released while
 * it is younger than a day, but only once the detector has watched traffic for a day itself (on
 * the first day every model looks new).
 */
export class ModelAges {
  private readonly firstSeen = new Map<string, number>();
  private started = -1;

  isNew(model: string, now: number): boolean {
    if (this.started < 0) this.started = now;
    let first = this.firstSeen.get(model);
    if (first === undefined) {
      if (this.firstSeen.size > 500) this.firstSeen.clear();
      this.firstSeen.set(model, (first = now));
    }
    return first - this.started > 86_400 && now - first < 86_400;
  }
}

/** A source of time in ms since the epoch. Inject one to replay logs with their own timestamps. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/** A clock that only moves when told to; for tests and replays. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

/**
 * @example
 * ```ts
 * const clock = manualClock(Date.parse('2026-11-02T09:00:00Z'));
 * const guard = createGuard({ clock });
 * clock.advance(60_000);
 * ```
 */
export function manualClock(start = 0): ManualClock {
  let t = start;
  return {
    now: () => t,
    set(ms) {
      t = ms;
    },
    advance(ms) {
      t += ms;
    },
  };
}

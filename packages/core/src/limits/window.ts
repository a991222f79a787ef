import { OptionsError } from '../errors/index.js';

/** A window length: seconds, or a string such as `'30s'`, `'1m'`, `'6h'`, `'1d'`. */
export type Window = number | `${number}${'s' | 'm' | 'h' | 'd'}`;

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseWindow(path: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  if (typeof value === 'string') {
    const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(value.trim());
    if (m) {
      const seconds = Number(m[1]) * UNIT[m[2]!]!;
      if (Number.isInteger(seconds) && seconds >= 1) return seconds;
    }
  }
  throw new OptionsError(path, `must be a whole number of seconds >= 1 or a string like '30s', '1m', '6h', '1d'; got ${JSON.stringify(value)}.`);
}

/** `60` -> `60s`, `3600` -> `1h`: short names for policies in headers. */
export function windowLabel(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

import { OptionsError } from '../errors/index.js';

/**
 * Small validators shared by every `parse*Options` step. Each throws an {@link OptionsError}
 * naming the option's dotted path, so a typo fails at start-up rather than in production.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Throws on keys outside `allowed`, suggesting the closest known key. */
export function expectKnownKeys(path: string, value: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (value[key] === undefined) continue;
    if (!allowed.includes(key)) {
      const hint = closest(key, allowed);
      throw new OptionsError(join(path, key), `is not a known option${hint ? ` (did you mean \`${join(path, hint)}\`?)` : ''}.`);
    }
  }
}

export function expectObject(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw new OptionsError(path, `must be an object, got ${describe(value)}.`);
  expectKnownKeys(path, value, allowed);
  return value;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function expectNumber(path: string, value: unknown, rule: NumberRule = {}): number {
  if (typeof value !== 'number' || Number.isNaN(value)) throw new OptionsError(path, `must be a number, got ${describe(value)}.`);
  if (rule.integer && !Number.isInteger(value)) throw new OptionsError(path, `must be an integer, got ${value}.`);
  if (rule.min !== undefined && value < rule.min) throw new OptionsError(path, `must be >= ${rule.min}, got ${value}.`);
  if (rule.max !== undefined && value > rule.max) throw new OptionsError(path, `must be <= ${rule.max}, got ${value}.`);
  return value;
}

export function expectBoolean(path: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new OptionsError(path, `must be true or false, got ${describe(value)}.`);
  return value;
}

export function expectString(path: string, value: unknown, rule: { nonEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') throw new OptionsError(path, `must be a string, got ${describe(value)}.`);
  if (rule.nonEmpty && value.length === 0) throw new OptionsError(path, 'must not be empty.');
  return value;
}

export function expectOneOf<T extends string>(path: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new OptionsError(path, `must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}.`);
  }
  return value as T;
}

export function expectFunction<T extends (...args: never[]) => unknown>(path: string, value: unknown): T {
  if (typeof value !== 'function') throw new OptionsError(path, `must be a function, got ${describe(value)}.`);
  return value as T;
}

export function expectArray(path: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new OptionsError(path, `must be an array, got ${describe(value)}.`);
  return value;
}

export function expectStringArray(path: string, value: unknown): string[] {
  return expectArray(path, value).map((v, i) => expectString(`${path}.${i}`, v));
}

/** `value ?? fallback`, validated by `check` when the user supplied it. */
export function optional<T>(value: unknown, fallback: T, check: (v: unknown) => T): T {
  return value === undefined ? fallback : check(value);
}

/** A value as an error message names it: `the string "ab"`, `number 5`, `nothing (the field is missing)`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(key.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

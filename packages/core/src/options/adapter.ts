import { OptionsError } from '../errors/index.js';
import { createGuard } from '../guard/create-guard.js';
import type { Guard } from '../guard/guard.js';
import { GUARD_OPTION_KEYS } from '../guard/options.js';
import { expectFunction, expectKnownKeys, expectNumber, isPlainObject } from './validate.js';

const FUNCTION_KEYS = new Set(['user', 'onDenied', 'skip']);

/**
 * Splits an adapter's options into its own keys and `createGuard` options, validating the
 * adapter's keys; unknown keys throw naming them (with a suggestion from either list).
 */
export function expectAdapterOptions(
  input: Record<string, unknown>,
  adapterKeys: readonly string[],
  name: string,
): { adapter: Record<string, unknown>; guardOptions: Record<string, unknown> } {
  if (!isPlainObject(input)) throw new OptionsError(name, 'options must be an object.');
  expectKnownKeys('', input, [...adapterKeys, ...GUARD_OPTION_KEYS]);
  const adapter: Record<string, unknown> = {};
  const guardOptions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (adapterKeys.includes(key)) adapter[key] = value;
    else guardOptions[key] = value;
  }
  if (adapter.maxBodyBytes !== undefined) expectNumber('maxBodyBytes', adapter.maxBodyBytes, { min: 1, integer: true });
  for (const key of Object.keys(adapter)) if (FUNCTION_KEYS.has(key)) expectFunction(key, adapter[key]);
  if (adapter.guard !== undefined) {
    const g = adapter.guard as { check?: unknown };
    if (!g || typeof g.check !== 'function') throw new OptionsError('guard', 'must be a guard from createGuard().');
    const extra = Object.keys(guardOptions);
    if (extra.length > 0) throw new OptionsError('guard', `cannot be combined with guard options (${extra.join(', ')}); pass them to createGuard() where the guard is made.`);
  }
  return { adapter, guardOptions };
}

/**
 * An adapter's start: its own options validated, and the guard it was given or one created from
 * the rest of the options.
 */
export function adapterGuard<A>(input: Record<string, unknown>, adapterKeys: readonly string[], name: string): { guard: Guard; adapter: A } {
  const { adapter, guardOptions } = expectAdapterOptions(input, adapterKeys, name);
  const guard = (adapter.guard as Guard | undefined) ?? createGuard(guardOptions);
  return { guard, adapter: adapter as A };
}

/** What the Express and Koa adapters share: their options (the guard's plus routing) and the guard they make. */
import { OptionsError } from '../errors/index.js';
import { createGuard, GUARD_OPTION_KEYS, type Guard } from '../guard/index.js';
import { parseOtherRoutes, requestClassifier, type OtherRoutes, type RequestClassifier } from '../http/index.js';
import { expectFunction, expectKnownKeys, expectNumber, isPlainObject } from '../options/validate.js';

const FUNCTION_KEYS = new Set(['user', 'onDenied', 'skip']);

/** How an adapter sorts the requests that reach its middleware (options `match` and `otherRoutes`). */
export interface AdapterRouting<R> {
  /** Each request's kind: a Messages request, a token count, or another route's request. */
  kind: RequestClassifier<R>;
  /** What becomes of other routes' requests. */
  otherRoutes: OtherRoutes;
}

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
 * An adapter's start: its own options validated, the guard it was given or one created from the
 * rest of the options, and how it sorts requests (`match`, `otherRoutes`; see
 * {@link requestClassifier}).
 *
 * @example
 * ```ts
 * const { guard, adapter, routing } = adapterGuard<MyAdapterOptions, Request>(options, ADAPTER_KEYS, 'distillGuard');
 * routing.kind(req, 'GET', '/health', () => false); // 'other'
 * ```
 */
export function adapterGuard<A, R = unknown>(
  input: Record<string, unknown>,
  adapterKeys: readonly string[],
  name: string,
): { guard: Guard; adapter: A; routing: AdapterRouting<R> } {
  const { adapter, guardOptions } = expectAdapterOptions(input, adapterKeys, name);
  const kind = requestClassifier<R>(adapter.match);
  const otherRoutes = parseOtherRoutes(adapter.otherRoutes);
  const guard = (adapter.guard as Guard | undefined) ?? createGuard(guardOptions);
  // Checked against the guard's own limits, which is also right for a guard passed in.
  if (otherRoutes === 'ip-limit' && !guard.limits.specs.some((s) => s.kind === 'requests' && s.scope === 'ip')) {
    // A guard made here is closed again (its timers would keep the process alive); one passed in is the caller's.
    if (adapter.guard === undefined) void guard.close();
    throw new OptionsError('otherRoutes', "is 'ip-limit', but the guard has no per-address request limit (limits.perIp.requests is off); turn it on, or leave otherRoutes at 'pass'.");
  }
  return { guard, adapter: adapter as A, routing: { kind, otherRoutes } };
}

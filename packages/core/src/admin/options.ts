import { OptionsError } from '../errors/index.js';
import type { Guard } from '../guard/index.js';
import { describe, expectArray, expectBoolean, expectKnownKeys, expectNumber, expectObject, expectString, isPlainObject, optional } from '../options/validate.js';
import { ADMIN_COLLECTOR_DEFAULTS, type AdminCollectorOptions, type ResolvedAdminCollectorOptions } from './collector.js';
import { MIN_ADMIN_TOKEN_LENGTH } from './token.js';

/** Options of the admin router (Express and Koa) and of `createAdminHandler`. */
export interface AdminOptions {
  /** The guard whose flags the admin API reads and writes (through its store) and whose traffic it shows. */
  guard: Guard;
  /**
   * More guards of this process whose traffic the dashboard shows too (e.g. one per route). They
   * must share the first guard's store; unflagging resets each one's detector memory.
   */
  guards?: Guard[];
  /**
   * The admin token, sent as `Authorization: Bearer <token>` or `x-admin-token`. Required, at
   * least 16 characters, no whitespace; e.g. `process.env.ADMIN_TOKEN`.
   */
  token: string;
  /**
   * The path the admin router answers under. Express: default `''`, i.e. wherever it is mounted
   * (`app.use('/admin', adminRouter(...))`). Koa: default `'/admin'`.
   */
  basePath?: string;
  /** What the in-memory collector keeps (recent decisions, per-identity history, time buckets). */
  collector?: AdminCollectorOptions;
  /** Serve the guard's Prometheus metrics at `<basePath>/metrics` (token required). Default true; needs `metrics` on the guard. */
  metrics?: boolean;
  /** How often the dashboard refreshes, in seconds. Default 2. */
  pollSeconds?: number;
  /** A name for this instance, shown on the dashboard (e.g. the host name). */
  instance?: string;
}

export interface ResolvedAdminOptions {
  guard: Guard;
  /** The first guard, then the others, without repeats. */
  guards: Guard[];
  token: string;
  basePath: string;
  collector: ResolvedAdminCollectorOptions;
  metrics: boolean;
  pollSeconds: number;
  instance?: string;
}

export const ADMIN_OPTION_KEYS = ['guard', 'guards', 'token', 'basePath', 'collector', 'metrics', 'pollSeconds', 'instance'] as const;
const COLLECTOR_KEYS = Object.keys(ADMIN_COLLECTOR_DEFAULTS);

/**
 * Validates the admin options. A missing or short token is a start-up error, never a router left
 * open.
 *
 * @example
 * ```ts
 * const options = parseAdminOptions({ guard, token: process.env.ADMIN_TOKEN }, { basePath: '/admin' });
 * ```
 */
export function parseAdminOptions(input: unknown, defaults: { basePath?: string } = {}): ResolvedAdminOptions {
  if (!isPlainObject(input)) throw new OptionsError('adminRouter', `options must be an object: { guard, token }, got ${describe(input)}.`);
  const o = input;
  expectKnownKeys('', o, ADMIN_OPTION_KEYS);
  const guard = expectGuard('guard', o.guard);
  const others = optional(o.guards, [] as Guard[], (v) => expectArray('guards', v).map((g, i) => expectGuard(`guards.${i}`, g)));
  const guards = [...new Set([guard, ...others])];
  const collectorInput = optional(o.collector, {} as Record<string, unknown>, (v) => expectObject('collector', v, COLLECTOR_KEYS));
  const collector = { ...ADMIN_COLLECTOR_DEFAULTS };
  for (const key of COLLECTOR_KEYS as (keyof ResolvedAdminCollectorOptions)[]) {
    if (collectorInput[key] !== undefined) collector[key] = expectNumber(`collector.${key}`, collectorInput[key], { min: 1, max: 1_000_000, integer: true });
  }
  const resolved: ResolvedAdminOptions = {
    guard,
    guards,
    token: expectToken(o.token),
    basePath: normalizeBasePath(optional(o.basePath, defaults.basePath ?? '', (v) => expectString('basePath', v))),
    collector,
    metrics: optional(o.metrics, true, (v) => expectBoolean('metrics', v)),
    pollSeconds: optional(o.pollSeconds, 2, (v) => expectNumber('pollSeconds', v, { min: 0.25, max: 3600 })),
  };
  if (o.instance !== undefined) resolved.instance = expectString('instance', o.instance, { nonEmpty: true }).slice(0, 100);
  return resolved;
}

function expectToken(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw new OptionsError(
      'token',
      `is required: the admin API and dashboard are never served without one. Pass e.g. \`token: process.env.ADMIN_TOKEN\` (at least ${MIN_ADMIN_TOKEN_LENGTH} characters; make one with \`node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"\`).`,
    );
  }
  if (typeof value !== 'string') throw new OptionsError('token', `must be a string, got ${describe(value)}.`);
  if (value.length < MIN_ADMIN_TOKEN_LENGTH) throw new OptionsError('token', `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long, got ${value.length}.`);
  if (/\s/.test(value)) throw new OptionsError('token', 'must not contain whitespace (it is sent in an HTTP header).');
  return value;
}

function expectGuard(path: string, value: unknown): Guard {
  const g = value as Partial<Guard> | null | undefined;
  if (!g || typeof g.check !== 'function' || typeof g.on !== 'function' || typeof g.unflag !== 'function') {
    throw new OptionsError(path, `must be a guard from createGuard() (or distillGuard().guard), got ${describe(value)}.`);
  }
  return value as Guard;
}

function normalizeBasePath(path: string): string {
  if (path === '' || path === '/') return '';
  if (!path.startsWith('/')) throw new OptionsError('basePath', `must start with "/", got ${JSON.stringify(path)}.`);
  if (/[?#\s]/.test(path)) throw new OptionsError('basePath', `must be a plain path, got ${JSON.stringify(path)}.`);
  return path.replace(/\/+$/, '');
}

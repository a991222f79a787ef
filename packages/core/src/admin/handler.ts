import { InvalidRequestError } from '../errors/index.js';
import type { FlagEntry } from '../flagged/index.js';
import type { Guard } from '../guard/index.js';
import { isPlainObject } from '../options/validate.js';
import { AdminCollector, type AdminDecision, type FlagChange, type IdentityActivity, type ScorePoint, type TrafficSeries, type TrafficClass, type VerdictChange } from './collector.js';
import { dashboardAsset } from './dashboard/index.js';
import { parseAdminOptions, type AdminOptions, type ResolvedAdminOptions } from './options.js';
import { presentedToken, tokenMatcher } from './token.js';

/** A request as the admin handler sees it; adapters build it from their framework's request. */
export interface AdminRequest {
  method: string;
  /** Path below the admin root, without the query: `/` is the dashboard, `/api/flagged` a list. */
  path: string;
  /** The full path the client asked for, to redirect `/admin` to `/admin/` (relative links need the slash). */
  originalPath?: string;
  /** The query string (with or without `?`), or parsed parameters. */
  query?: string | URLSearchParams | Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, when a body parser already ran. */
  body?: unknown;
  /** Reads and parses the JSON body; called only for authenticated requests that take one. */
  readBody?: () => Promise<unknown>;
}

/** What an adapter writes back, as is. */
export interface AdminResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The framework-neutral admin API and dashboard. */
export interface AdminHandler {
  readonly options: ResolvedAdminOptions;
  /** What the dashboard shows; fed by the guards' events. */
  readonly collector: AdminCollector;
  /** The path below `basePath` (`'/'` for the root), or `undefined` when `path` is outside it. */
  match(path: string): string | undefined;
  handle(req: AdminRequest): Promise<AdminResponse>;
  /** Unsubscribes the collector from the guards. */
  close(): void;
}

/** An identity explained: its flag (from the store, shared by every instance) and what this instance saw. */
export interface IdentityExplanation {
  id: string;
  flagged: boolean;
  flag: FlagEntry | null;
  /** Set when the store could not be read; `flagged` is then unknown (false). */
  flagError?: string;
  /** Whether this instance has seen the identity recently (the history below is this instance's). */
  seen: boolean;
  summary: IdentityActivity | null;
  signals: IdentityActivity['signals'];
  scoreHistory: ScorePoint[];
  verdicts: VerdictChange[];
  flags: FlagChange[];
  decisions: AdminDecision[];
}

const SECURITY_HEADERS: Record<string, string> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

const MAX_ID = 256;
const MAX_REASON = 500;
const BY = /^admin(:[\w.@-]{1,64})?$/;

/**
 * Creates the admin API and dashboard as one framework-neutral handler; `adminRouter()` of
 * `@distill-guard/express` and `@distill-guard/koa` only translate requests and responses.
 * Throws `OptionsError` without a token (or with one shorter than 16 characters).
 *
 * @example
 * ```ts
 * const admin = createAdminHandler({ guard, token: process.env.ADMIN_TOKEN! });
 * const res = await admin.handle({ method: 'GET', path: '/api/flagged', headers: { authorization: `Bearer ${token}` } });
 * // res: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', ... }, body: '{"flagged":[...]}' }
 * ```
 */
export function createAdminHandler(input: AdminOptions, defaults: { basePath?: string } = {}): AdminHandler {
  const options = parseAdminOptions(input, defaults);
  const { guard, guards } = options;
  const matches = tokenMatcher(options.token);
  const collector = new AdminCollector(options.collector, guard.options.clock);
  for (const g of guards) collector.attach(g);
  const scrape = options.metrics ? metricsOf(guards) : undefined;
  const page = { pollMs: Math.round(options.pollSeconds * 1000), instance: options.instance ?? '', metrics: scrape !== undefined };

  const match = (path: string): string | undefined => {
    const base = options.basePath;
    if (base === '') return path === '' ? '/' : path;
    if (path === base) return '/';
    return path.startsWith(`${base}/`) ? path.slice(base.length) : undefined;
  };

  const handle = async (req: AdminRequest): Promise<AdminResponse> => {
    const method = req.method.toUpperCase() === 'HEAD' ? 'GET' : req.method.toUpperCase();
    const path = req.path === '' ? '/' : req.path;

    if (path === '/' || path === '/index.html') {
      if (method !== 'GET') return notAllowed('GET');
      const original = req.originalPath;
      if (path === '/' && original && !original.endsWith('/')) {
        const query = queryString(req.query);
        return { status: 308, headers: { ...SECURITY_HEADERS, location: `${original}/${query}`, 'content-type': 'text/plain; charset=utf-8' }, body: 'Moved.\n' };
      }
      return asset('page', page);
    }
    if (path === '/dashboard.js' || path === '/dashboard.css') {
      return method === 'GET' ? asset(path === '/dashboard.js' ? 'script' : 'style', page) : notAllowed('GET');
    }
    if (path !== '/metrics' && path !== '/api' && !path.startsWith('/api/')) return error(404, 'not_found', `Nothing at ${path}.`);

    // Everything with data needs the token.
    if (!matches(presentedToken(req.headers))) {
      return error(401, 'unauthorized', 'A valid admin token is required (Authorization: Bearer <token>, or x-admin-token).', { 'www-authenticate': 'Bearer realm="distill-guard admin"' });
    }
    try {
      if (path === '/metrics') {
        if (!scrape) return error(404, 'not_found', 'No metrics: create the guard with `metrics: createGuardMetrics()`.');
        if (method !== 'GET') return notAllowed('GET');
        const m = await scrape();
        return { status: m.status, headers: { ...SECURITY_HEADERS, 'content-type': m.contentType }, body: m.body };
      }
      return await api(method, path.slice('/api'.length) || '/', req);
    } catch (err) {
      if (err instanceof InvalidRequestError) return error(err.status, 'invalid_request', err.message);
      if (err instanceof HttpError) return error(err.status, err.type, err.message);
      // The store (or a detector reset) failed: say so, never leak a stack.
      return error(503, 'store_unavailable', `The store did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const api = async (method: string, route: string, req: AdminRequest): Promise<AdminResponse> => {
    const q = params(req.query);
    const segments = route.split('/').filter(Boolean).map(decodeSegment);
    const [head, id, ...rest] = segments;
    if (rest.length > 0) return error(404, 'not_found', `Nothing at /api${route}.`);

    switch (head) {
      case undefined:
      case 'info':
        if (id !== undefined) break;
        if (method !== 'GET') return notAllowed('GET');
        return json(200, info());
      case 'overview': {
        if (id !== undefined) break;
        if (method !== 'GET') return notAllowed('GET');
        return json(200, await overview(q));
      }
      case 'flagged': {
        if (id === undefined) {
          if (method === 'GET') return json(200, { flagged: await guard.listFlagged() });
          if (method === 'POST') return json(201, { flag: await flag(await bodyOf(req), undefined) });
          return notAllowed('GET, POST');
        }
        if (method === 'GET') {
          const entry = await guard.flags.get(id);
          return entry ? json(200, { flag: entry }) : error(404, 'not_found', `${id} is not flagged.`);
        }
        if (method === 'PUT') return json(200, { flag: await flag(await bodyOf(req), id) });
        if (method === 'DELETE') return json(200, await unflag(id, by(q.get('by'))));
        return notAllowed('GET, PUT, DELETE');
      }
      case 'identities': {
        if (id === undefined) {
          if (method !== 'GET') return notAllowed('GET');
          return json(200, { identities: collector.top(limit(q, 'limit', 50, 1000)) });
        }
        if (method !== 'GET') return notAllowed('GET');
        return json(200, await explain(id));
      }
      case 'decisions': {
        if (id !== undefined) break;
        if (method !== 'GET') return notAllowed('GET');
        const cls = q.get('class');
        if (cls !== null && cls !== 'allowed' && cls !== 'throttled' && cls !== 'blocked') throw new HttpError(400, 'invalid_request', '`class` must be allowed, throttled or blocked.');
        const identity = q.get('identity') ?? undefined;
        return json(200, { decisions: collector.recent(limit(q, 'limit', 50, options.collector.recentDecisions), { ...(identity && { identity }), ...(cls && { class: cls as TrafficClass }) }) });
      }
      case 'top': {
        if (id !== undefined) break;
        if (method !== 'GET') return notAllowed('GET');
        return json(200, { identities: collector.top(limit(q, 'limit', 10, 1000)) });
      }
      case 'series': {
        if (id !== undefined) break;
        if (method !== 'GET') return notAllowed('GET');
        return json(200, series(q));
      }
    }
    return error(404, 'not_found', `Nothing at /api${route}.`);
  };

  const info = () => ({
    instance: options.instance ?? null,
    pollSeconds: options.pollSeconds,
    metrics: scrape !== undefined,
    guards: guards.length,
    store: guard.options.store.kind,
    collector: options.collector,
    stats: collector.stats(),
  });

  const series = (q: URLSearchParams): TrafficSeries => {
    const maxMinutes = (options.collector.bucketSeconds * options.collector.buckets) / 60;
    const minutes = number(q, 'minutes', Math.min(30, maxMinutes), 1 / 60, maxMinutes);
    return collector.series(minutes * 60_000);
  };

  const overview = async (q: URLSearchParams) => {
    let flagged: FlagEntry[] = [];
    let flaggedError: string | undefined;
    try {
      flagged = await guard.listFlagged();
    } catch (err) {
      flaggedError = err instanceof Error ? err.message : String(err);
    }
    return {
      time: guard.options.clock.now(),
      instance: options.instance ?? null,
      stats: collector.stats(),
      flagged,
      ...(flaggedError !== undefined && { flaggedError }),
      top: collector.top(limit(q, 'top', 10, 100)),
      decisions: collector.recent(limit(q, 'decisions', 30, options.collector.recentDecisions)),
      series: series(q),
      flagChanges: collector.flagChanges(10),
    };
  };

  const explain = async (id: string): Promise<IdentityExplanation> => {
    let flag: FlagEntry | undefined;
    let flagError: string | undefined;
    try {
      flag = await guard.flags.get(id);
    } catch (err) {
      flagError = err instanceof Error ? err.message : String(err);
    }
    const h = collector.history(id);
    return {
      id,
      flagged: flag !== undefined,
      flag: flag ?? null,
      ...(flagError !== undefined && { flagError }),
      seen: h !== undefined,
      summary: h?.summary ?? null,
      signals: h?.summary.signals ?? [],
      scoreHistory: h?.scoreHistory ?? [],
      verdicts: h?.verdicts ?? [],
      flags: h?.flags ?? [],
      decisions: h?.decisions ?? [],
    };
  };

  const flag = async (body: unknown, pathId: string | undefined): Promise<FlagEntry> => {
    if (!isPlainObject(body)) throw new HttpError(400, 'invalid_request', 'The body must be a JSON object: { "id": "...", "reason": "..." }.');
    const id = pathId ?? body.id;
    if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_ID) throw new HttpError(400, 'invalid_request', `\`id\` must be a non-empty string of at most ${MAX_ID} characters.`);
    if (pathId !== undefined && body.id !== undefined && body.id !== pathId) throw new HttpError(400, 'invalid_request', '`id` in the body differs from the one in the path.');
    const reason = body.reason;
    if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON) throw new HttpError(400, 'invalid_request', `\`reason\` must be a non-empty string of at most ${MAX_REASON} characters.`);
    const ttl = body.ttlSeconds;
    if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1)) throw new HttpError(400, 'invalid_request', '`ttlSeconds` must be a positive integer.');
    return guard.flag(id, reason.trim(), { by: by(body.by), ...(ttl !== undefined && { ttlSeconds: ttl }) });
  };

  const unflag = async (id: string, who: string): Promise<{ id: string; removed: boolean }> => {
    // Each guard resets its own detector's memory of the identity; the flag itself is shared.
    let removed = false;
    for (const g of guards) removed = (await g.unflag(id, who)) || removed;
    return { id, removed };
  };

  const asset = (name: 'page' | 'script' | 'style', config: typeof page): AdminResponse => {
    const a = dashboardAsset(name, config);
    return { status: 200, headers: { ...SECURITY_HEADERS, ...a.headers }, body: a.body };
  };

  return { options, collector, match, handle, close: () => collector.close() };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): AdminResponse {
  return { status, headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

function error(status: number, type: string, message: string, headers: Record<string, string> = {}): AdminResponse {
  return json(status, { error: { type, message } }, headers);
}

function notAllowed(allow: string): AdminResponse {
  return error(405, 'method_not_allowed', `Use ${allow}.`, { allow });
}

async function bodyOf(req: AdminRequest): Promise<unknown> {
  if (req.body !== undefined) return req.body;
  return req.readBody ? req.readBody() : undefined;
}

function by(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'admin';
  if (typeof value !== 'string' || !BY.test(value)) throw new HttpError(400, 'invalid_request', '`by` must be "admin" or "admin:<name>" (letters, digits, . @ _ -).');
  return value;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'invalid_request', 'The path is not valid percent-encoding.');
  }
}

function params(query: AdminRequest['query']): URLSearchParams {
  if (query === undefined) return new URLSearchParams();
  if (query instanceof URLSearchParams) return query;
  if (typeof query === 'string') return new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') out.set(k, v);
  return out;
}

function queryString(query: AdminRequest['query']): string {
  const s = params(query).toString();
  return s ? `?${s}` : '';
}

function limit(q: URLSearchParams, name: string, fallback: number, max: number): number {
  return Math.floor(number(q, name, fallback, 1, max));
}

function number(q: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new HttpError(400, 'invalid_request', `\`${name}\` must be a number from ${min} to ${max}.`);
  return n;
}

/** What a scrape returns (the shape of `metricsHandler` in `@distill-guard/core/metrics`). */
interface Scrape {
  status: number;
  contentType: string;
  body: string;
}

/** The part of a prom-client registry a scrape needs. */
interface RegistryLike {
  contentType: string;
  metrics(): Promise<string>;
}

/**
 * The scrape of the first guard created with `metrics`. Duck-typed on the registry the object
 * from `createGuardMetrics()` carries, so that nothing here imports prom-client, not even its
 * types: the main entry must load without the optional peer.
 */
function metricsOf(guards: Guard[]): (() => Promise<Scrape>) | undefined {
  const registry = guards
    .map((g) => (g.options.metrics as { registry?: RegistryLike } | undefined)?.registry)
    .find((r): r is RegistryLike => r !== undefined && typeof r.metrics === 'function');
  if (!registry) return undefined;
  return async () => {
    try {
      return { status: 200, contentType: registry.contentType, body: await registry.metrics() };
    } catch (err) {
      return { status: 500, contentType: 'text/plain; charset=utf-8', body: `# metrics collection failed: ${err instanceof Error ? err.message : String(err)}\n` };
    }
  };
}

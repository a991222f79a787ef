import { OptionsError } from '../errors/index.js';
import { describe } from '../options/validate.js';

/**
 * Which requests an adapter's guard treats as Claude Messages requests: paths (a string is one
 * whole path, without the query; a RegExp is tested against it), or a predicate over the
 * framework's request (Express `req`, Koa `ctx`).
 */
export type MatchOption<R> = string | RegExp | ReadonlyArray<string | RegExp> | ((req: R) => boolean);

/** What a request is to the guard that sees it. */
export type RequestKind =
  /** A Messages request: every check (body, shield, limits and budgets, detector). */
  | 'messages'
  /** A token count: the request limits only (it spends no tokens, so no budget applies). */
  | 'count-tokens'
  /** Anything else: passed on untouched (or held to the per-address request limit when asked). */
  | 'other';

/** What the guard does with requests that are not Messages requests. */
export type OtherRoutes = 'pass' | 'ip-limit';

const MESSAGES_PATH = /\/v1\/messages\/?$/;
const COUNT_TOKENS_PATH = /\/v1\/messages\/count_tokens\/?$/;

/** Decides a request's {@link RequestKind}; `R` is the framework's request. */
export type RequestClassifier<R> = (req: R, method: string, path: string, mountedHere: () => boolean) => RequestKind;

/**
 * The classifier of a `match` option (validated here, so a wrong one throws at start-up naming
 * `match`). Without one, a Messages request is a POST whose path ends in `/v1/messages` or
 * `/v1/messages/count_tokens`, or any request of a route or path the guard was mounted on
 * itself (`mountedHere`, which the adapter answers: it is the one that knows its framework).
 * A guard mounted on a route always guards that route: `match` decides for the requests that
 * merely pass through it.
 *
 * @example
 * ```ts
 * const kind = requestClassifier<Request>(['/api/chat', /\/v1\/messages$/]);
 * kind(req, 'POST', '/api/chat', () => false); // 'messages'
 * kind(req, 'GET', '/health', () => false);    // 'other'
 * ```
 */
export function requestClassifier<R>(match: unknown): RequestClassifier<R> {
  const matches = parseMatch<R>(match);
  return (req, method, path, mountedHere) => {
    const isPost = method === 'POST';
    // The path is tested first: it is the cheapest question, and most guarded requests answer it.
    if (isPost && COUNT_TOKENS_PATH.test(path)) {
      return !matches || matches(req, isPost, path) || mountedHere() ? 'count-tokens' : 'other';
    }
    if (matches ? matches(req, isPost, path) : isPost && MESSAGES_PATH.test(path)) return 'messages';
    return mountedHere() ? 'messages' : 'other';
  };
}

/**
 * The `otherRoutes` option, validated (default `'pass'`).
 *
 * @example
 * ```ts
 * parseOtherRoutes(undefined);  // 'pass'
 * parseOtherRoutes('ip-limit'); // 'ip-limit'
 * parseOtherRoutes('limit');    // throws OptionsError: option `otherRoutes` must be 'pass' (…) or 'ip-limit' (…)
 * ```
 */
export function parseOtherRoutes(value: unknown): OtherRoutes {
  if (value === undefined) return 'pass';
  if (value !== 'pass' && value !== 'ip-limit') {
    throw new OptionsError('otherRoutes', `must be 'pass' (other routes untouched) or 'ip-limit' (held to limits.perIp.requests), got ${describe(value)}.`);
  }
  return value;
}

function parseMatch<R>(value: unknown): ((req: R, isPost: boolean, path: string) => boolean) | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') {
    const predicate = value as (req: R) => unknown;
    // Truthy counts: a predicate that returns `req.user && …` must not leave a route unguarded.
    return (req) => Boolean(predicate(req));
  }
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) throw new OptionsError('match', 'must name at least one path (an empty list would guard nothing).');
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  list.forEach((entry, i) => {
    const at = Array.isArray(value) ? `match.${i}` : 'match';
    if (entry instanceof RegExp) patterns.push(entry);
    else if (typeof entry === 'string' && entry.startsWith('/')) exact.add(entry);
    else throw new OptionsError(at, `must be a path starting with '/', a RegExp, or (for all of \`match\`) a function (req) => boolean; got ${describe(entry)}.`);
  });
  // Paths name Messages requests, which are POSTs; a predicate decides methods itself.
  return (_req, isPost, path) => isPost && (exact.has(path) || patterns.some((p) => testOnce(p, path)));
}

/** `RegExp.test` without the `lastIndex` state a `g` or `y` flag would carry from one request to the next. */
function testOnce(pattern: RegExp, path: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(path);
}

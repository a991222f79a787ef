/** One call of the Anthropic-compatible API that `claudeRoute` serves. */
export type ClaudeApiCall =
  | { kind: 'messages' }
  | { kind: 'count-tokens' }
  | { kind: 'models' }
  | { kind: 'model'; id: string }
  /** Under the route's base path, but not part of the API: a 404 in the API's error shape. */
  | { kind: 'not-found' }
  /** Not the route's business: the next handler's. */
  | { kind: 'pass' };

/** Where a `claudeRoute` sits, as its adapter sees it. */
export interface RoutePlacement {
  /** It is a handler of the route that matched (`app.post('/api/chat', …, claudeRoute())`). */
  atRoute: boolean;
  /** The framework mounted it on a path and `path` is relative to it (Express `app.use('/x', …)`, koa-mount). */
  mounted: boolean;
  /** The route's `basePath` option (`''` when none). */
  basePath: string;
}

const MODEL_ID = /^\/v1\/models\/([^/]+)\/?$/;

/**
 * Which API call a request is. A route handler serves Messages, as it always has. Under a base
 * (a mount path, or `basePath`), paths are exact: `{base}` itself and `{base}/v1/messages` are
 * Messages, `{base}/v1/messages/count_tokens` a token count, `GET {base}/v1/models` and
 * `{base}/v1/models/{id}` the model list, anything else a 404. Mounted at the root with no base,
 * the route answers the API's paths wherever they end and passes everything else on, so it never
 * hides the app's other routes.
 *
 * @example
 * ```ts
 * claudeApiCall('GET', '/v1/models', { atRoute: false, mounted: true, basePath: '' });        // { kind: 'models' }
 * claudeApiCall('GET', '/api/claude/v1/x', { atRoute: false, mounted: false, basePath: '/api/claude' }); // { kind: 'not-found' }
 * claudeApiCall('GET', '/health', { atRoute: false, mounted: false, basePath: '/api/claude' });          // { kind: 'pass' }
 * ```
 */
export function claudeApiCall(method: string, path: string, place: RoutePlacement): ClaudeApiCall {
  if (place.atRoute) return { kind: 'messages' };
  let rest = path;
  let based = place.mounted;
  if (place.basePath) {
    if (path !== place.basePath && !path.startsWith(`${place.basePath}/`)) return { kind: 'pass' };
    rest = path.slice(place.basePath.length);
    based = true;
  }
  const call = based ? exactCall(method, rest) : suffixCall(method, rest);
  return call ?? { kind: based ? 'not-found' : 'pass' };
}

function exactCall(method: string, rest: string): ClaudeApiCall | undefined {
  const path = rest.length > 1 && rest.endsWith('/') ? rest.slice(0, -1) : rest;
  if (method === 'POST') {
    if (path === '' || path === '/' || path === '/v1/messages') return { kind: 'messages' };
    if (path === '/v1/messages/count_tokens') return { kind: 'count-tokens' };
    return undefined;
  }
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/v1/models') return { kind: 'models' };
  const id = MODEL_ID.exec(path)?.[1];
  return id === undefined ? undefined : { kind: 'model', id: decoded(id) };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is not a model id anyone has: it is answered 404
  }
}

function suffixCall(method: string, path: string): ClaudeApiCall | undefined {
  if (method === 'POST') {
    if (/\/v1\/messages\/?$/.test(path)) return { kind: 'messages' };
    if (/\/v1\/messages\/count_tokens\/?$/.test(path)) return { kind: 'count-tokens' };
    return undefined;
  }
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (/\/v1\/models\/?$/.test(path)) return { kind: 'models' };
  const at = path.lastIndexOf('/v1/models/');
  return at < 0 ? undefined : exactCall(method, path.slice(at));
}

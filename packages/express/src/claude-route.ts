import { claudeApiCall, guardOf, parseClaudeRouteOptions, serveClaudeApi } from '@distill-guard/core/adapter';
import { type ClaudeRouteOptions } from '@distill-guard/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { onRoute } from './mount.js';

/**
 * The Claude route: forwards guarded Messages requests with `@anthropic-ai/sdk` and relays the
 * answer (JSON, or SSE event by event), recording real usage into the guard. Put it after
 * `distillGuard()`.
 *
 * As a route's handler (`app.post('/api/chat', distillGuard(), claudeRoute(…))`) it serves
 * Messages at that route. Mounted on a path (`app.use('/api/claude', claudeRoute(…))`, or with
 * `basePath`) it is an Anthropic-compatible API that the official SDKs use unchanged with
 * `baseURL: 'http://host/api/claude'`: `POST /v1/messages` (JSON and SSE),
 * `POST /v1/messages/count_tokens`, `GET /v1/models` (the `models` allowlist), and a 404 in the
 * API's error shape for anything else under the path. See docs/mounting.md.
 *
 * @example
 * ```ts
 * app.use(distillGuard());
 * app.use('/api/claude', claudeRoute({ client: new Anthropic(), models: ['claude-haiku-5-5'], maxTokens: 2048 }));
 * // clients: new Anthropic({ apiKey: '…', baseURL: 'http://localhost:3000/api/claude' })
 * ```
 */
export function claudeRoute(options: ClaudeRouteOptions): RequestHandler {
  const resolved = parseClaudeRouteOptions(options);
  const handler = (req: Request, res: Response, next: NextFunction) => {
    // `req.path` is relative to where the route is mounted.
    const call = claudeApiCall(req.method, req.path, { atRoute: onRoute(req, handler), mounted: req.baseUrl !== '', basePath: resolved.basePath });
    if (call.kind === 'pass') return next();
    const decision = req.distillGuard;
    const url = req.originalUrl ?? req.url;
    const query = url.indexOf('?');
    serveClaudeApi(resolved, call, {
      decision,
      guard: decision && guardOf(decision),
      body: req.body,
      req,
      res,
      path: query < 0 ? url : url.slice(0, query),
      query: query < 0 ? '' : url.slice(query + 1),
    }).catch(next);
  };
  return handler;
}

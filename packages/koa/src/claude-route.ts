import { claudeApiCall, guardOf, parseClaudeRouteOptions, serveClaudeApi } from '@distill-guard/core/adapter';
import { type ClaudeRouteOptions } from '@distill-guard/core';
import type { Context, Middleware, Next } from 'koa';
import { mounted, onRoute } from './mount.js';

/**
 * The Claude route: forwards guarded Messages requests with `@anthropic-ai/sdk` and relays the
 * answer (JSON, or SSE event by event), recording real usage into the guard. Put it after
 * `distillGuard()`.
 *
 * On a `@koa/router` route (`router.post('/api/chat', distillGuard(), claudeRoute(…))`) it serves
 * Messages at that route. With `basePath` (or koa-mounted on a path) it is an
 * Anthropic-compatible API that the official SDKs use unchanged with
 * `baseURL: 'http://host/api/claude'`: `POST /v1/messages` (JSON and SSE),
 * `POST /v1/messages/count_tokens`, `GET /v1/models` (the `models` allowlist), and a 404 in the
 * API's error shape for anything else under the path; other requests are passed on. See
 * docs/mounting.md.
 *
 * @example
 * ```ts
 * app.use(distillGuard());
 * app.use(claudeRoute({ client: new Anthropic(), basePath: '/api/claude', models: ['claude-haiku-5-5'], maxTokens: 2048 }));
 * // clients: new Anthropic({ apiKey: '…', baseURL: 'http://localhost:3000/api/claude' })
 * ```
 */
export function claudeRoute(options: ClaudeRouteOptions): Middleware {
  const resolved = parseClaudeRouteOptions(options);
  const handler = async (ctx: Context, next: Next) => {
    const call = claudeApiCall(ctx.method, ctx.path, { atRoute: onRoute(ctx, handler), mounted: mounted(ctx), basePath: resolved.basePath });
    if (call.kind === 'pass') return next();
    const decision = ctx.state.distillGuard;
    // The route writes the Node response itself (SSE needs it); Koa must not touch it...
    ctx.respond = false;
    try {
      await serveClaudeApi(resolved, call, {
        decision,
        guard: decision && guardOf(decision),
        body: (ctx.request as { body?: unknown }).body,
        req: ctx.req,
        res: ctx.res,
        path: ctx.originalUrl.split('?')[0]!,
        query: ctx.querystring,
      });
    } catch (err) {
      // ...unless nothing was written: then the error is Koa's to answer.
      if (!ctx.res.headersSent) ctx.respond = true;
      throw err;
    }
  };
  return handler;
}

import { createAdminHandler, type AdminHandler } from '@distill-guard/core/adapter';
import { readJsonBody, type AdminOptions } from '@distill-guard/core';
import type { Context, Middleware, Next } from 'koa';

/** The admin router: a Koa middleware, with the handler behind it. */
export type AdminRouter = Middleware & {
  /** The framework-neutral handler (its `collector` holds what the dashboard shows). */
  admin: AdminHandler;
  /** Stops collecting the guards' events. */
  close(): void;
};

/** Largest admin request body read: flag requests are a few hundred bytes. */
const ADMIN_BODY_BYTES = 64 * 1024;

/**
 * The admin API and dashboard for Koa 2 and 3, answering under `basePath` (default `/admin`)
 * and passing every other request on: the flagged list (flag, unflag, explain), recent
 * decisions, top identities, a time series, the guard's `/metrics`, and the dashboard page at
 * the root. Every data route needs the admin token (`Authorization: Bearer <token>` or
 * `x-admin-token`); without a token of at least 16 characters it throws at start-up.
 *
 * @example
 * ```ts
 * import { adminRouter, distillGuard } from '@distill-guard/koa';
 *
 * const chat = distillGuard({ store: redisStore(redis) });
 * app.use(adminRouter({ guard: chat.guard, token: process.env.ADMIN_TOKEN! }));
 * // the dashboard: http://localhost:3000/admin/
 * ```
 */
export function adminRouter(options: AdminOptions): AdminRouter {
  const admin = createAdminHandler(options, { basePath: '/admin' });
  const router = (async (ctx: Context, next: Next) => {
    const path = admin.match(ctx.path);
    if (path === undefined) return next();
    const parsed = (ctx.request as { body?: unknown }).body;
    const response = await admin.handle({
      method: ctx.method,
      path,
      // Under koa-mount, `ctx.path` is relative; the redirect to the trailing slash needs the full path.
      originalPath: ctx.originalUrl.split('?')[0]!,
      query: ctx.querystring,
      headers: ctx.req.headers,
      ...(parsed !== undefined && { body: parsed }),
      readBody: () => readJsonBody(ctx.req, ADMIN_BODY_BYTES),
    });
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
  }) as AdminRouter;
  router.admin = admin;
  router.close = () => admin.close();
  return router;
}

import { createAdminHandler, type AdminHandler } from '@distill-guard/core/adapter';
import { readJsonBody, type AdminOptions } from '@distill-guard/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** The admin router: an Express middleware, with the handler behind it. */
export type AdminRouter = RequestHandler & {
  /** The framework-neutral handler (its `collector` holds what the dashboard shows). */
  admin: AdminHandler;
  /** Stops collecting the guards' events. */
  close(): void;
};

/** Largest admin request body read: flag requests are a few hundred bytes. */
const ADMIN_BODY_BYTES = 64 * 1024;

/**
 * The admin API and dashboard for Express 4 and 5: the flagged list (flag, unflag, explain),
 * recent decisions, top identities, a time series, the guard's `/metrics`, and the dashboard page
 * at the root. Every data route needs the admin token (`Authorization: Bearer <token>` or
 * `x-admin-token`); without a token of at least 16 characters it throws at start-up.
 *
 * @example
 * ```ts
 * import { adminRouter, distillGuard } from '@distill-guard/express';
 *
 * const chat = distillGuard({ store: redisStore(redis) });
 * app.post('/api/chat', chat, claudeRoute({ client }));
 * app.use('/admin', adminRouter({ guard: chat.guard, token: process.env.ADMIN_TOKEN! }));
 * // the dashboard: http://localhost:3000/admin/
 * ```
 */
export function adminRouter(options: AdminOptions): AdminRouter {
  const admin = createAdminHandler(options);
  const router = ((req: Request, res: Response, next: NextFunction) => {
    // `req.path` is relative to where the router is mounted.
    const path = admin.match(req.path);
    if (path === undefined) return next();
    const at = req.url.indexOf('?');
    admin
      .handle({
        method: req.method,
        path,
        originalPath: (req.originalUrl ?? req.url).split('?')[0]!,
        query: at >= 0 ? req.url.slice(at + 1) : '',
        headers: req.headers,
        // express.json() may have parsed the body already.
        ...((req as { _body?: boolean })._body === true && { body: req.body as unknown }),
        readBody: () => readJsonBody(req, ADMIN_BODY_BYTES),
      })
      .then((response) => {
        res.status(response.status);
        for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
        res.end(response.body);
      })
      .catch(next);
  }) as AdminRouter;
  router.admin = admin;
  router.close = () => admin.close();
  return router;
}

import type { Request } from 'express';

/**
 * Whether `handler` was mounted on this request's route or path itself, rather than passed
 * through on the way elsewhere: it is one of the handlers of the route that matched
 * (`app.post('/api/chat', handler)`; `req.route` alone would also be set for a global middleware
 * after a route that called `next()`), or it is mounted on a path and the request is for that
 * path exactly (`app.use('/api/chat', handler)` and `POST /api/chat`).
 */
export function mountedHere(req: Request, handler: unknown): boolean {
  return onRoute(req, handler) || (req.baseUrl !== '' && req.path === '/');
}

/** Whether `handler` is one of the handlers of the route that matched this request. */
export function onRoute(req: Request, handler: unknown): boolean {
  const stack = (req as { route?: { stack?: ReadonlyArray<{ handle?: unknown }> } }).route?.stack;
  if (!stack) return false;
  // A loop rather than `some`: its callback would be a closure made for every request.
  for (const layer of stack) if (layer.handle === handler) return true;
  return false;
}

/** The path of a request as the client sent it (whatever it is mounted under), without the query. */
export function fullPath(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

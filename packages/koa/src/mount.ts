import type { Context } from 'koa';

/** A layer of `@koa/router` as it sits in `ctx.matched`: the methods it answers and its handlers. */
interface RouterLayer {
  methods?: readonly string[];
  stack?: readonly unknown[];
}

/**
 * Whether `handler` is one of the handlers of the `@koa/router` route that matched this request
 * (`router.post('/api/chat', handler)`). A router's `router.use(handler)` layer answers no method
 * of its own, so a guard used that way counts as passed through, like `app.use(handler)`.
 */
export function onRoute(ctx: Context, handler: unknown): boolean {
  const matched = (ctx as { matched?: readonly RouterLayer[] }).matched;
  if (!matched) return false;
  for (const layer of matched) if (layer.methods?.includes(ctx.method) && layer.stack?.includes(handler)) return true;
  return false;
}

/** Whether koa-mount mounted this middleware on a path (`ctx.path` is then relative to it). */
export function mounted(ctx: Context): boolean {
  return typeof (ctx as { mountPath?: unknown }).mountPath === 'string';
}

/**
 * Whether `handler` was mounted on this request's route or path itself rather than passed through
 * on the way elsewhere: a handler of the route that matched, or mounted with koa-mount on a path
 * that is the request's exactly.
 */
export function mountedHere(ctx: Context, handler: unknown): boolean {
  return onRoute(ctx, handler) || (mounted(ctx) && ctx.path === '/');
}

/** The path of a request as the client sent it (whatever it is mounted under), without the query. */
export function fullPath(ctx: Context): string {
  const url = ctx.originalUrl;
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

import { adapterGuard, deniedResponse, guardOf, nodeGuardRequest, invalidRequestResponse, userIdFrom, type PlainResponse, type RequestKind } from '@distill-guard/core/adapter';
import { InvalidRequestError, readJsonBody, type Decision, type Guard } from '@distill-guard/core';
import type { Context, Middleware, Next } from 'koa';
import { fullPath, mountedHere } from './mount.js';
import { ADAPTER_KEYS, type DistillGuardOptions } from './options.js';

declare module 'koa' {
  interface DefaultState {
    /** The guard's decision for this request, set by `distillGuard()`. */
    distillGuard?: Decision;
  }
}

/** The middleware, with the guard it uses (for `flag`, `listFlagged`, `on`, `close`). */
export type DistillGuardMiddleware = Middleware & { guard: Guard };

/**
 * Koa middleware (Koa 2 and 3) that checks Claude Messages requests with the distill-guard core
 * and refuses what it must with 429/403/400 and an Anthropic-shaped error body. Mounted with
 * `app.use(distillGuard())` it checks POST requests to `…/v1/messages` (token counts,
 * `…/v1/messages/count_tokens`, against the request limits only) and passes every other request
 * on untouched; on a `@koa/router` route it checks every request of that route. The `match`
 * option changes what counts (see docs/mounting.md).
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import Anthropic from '@anthropic-ai/sdk';
 * import { distillGuard, claudeRoute } from '@distill-guard/koa';
 *
 * const app = new Koa();
 * app.use(distillGuard());                                                    // Claude requests only
 * app.use(claudeRoute({ client: new Anthropic(), basePath: '/api/claude' })); // baseURL: http://host/api/claude
 * ```
 */
export function distillGuard(options: DistillGuardOptions = {}): DistillGuardMiddleware {
  const { guard, adapter: a, routing } = adapterGuard<Pick<DistillGuardOptions, (typeof ADAPTER_KEYS)[number]>, Context>(
    options as Record<string, unknown>,
    ADAPTER_KEYS,
    'distillGuard',
  );
  const maxBodyBytes = a.maxBodyBytes;

  // The classifier asks `mountedHere` only for paths it does not know; one function made here
  // answers it for the context being classified, instead of a closure made for every request.
  let classifying: Context | undefined;
  const isMountedHere = (): boolean => classifying !== undefined && mountedHere(classifying, middleware);

  const middleware = (async (ctx: Context, next: Next) => {
    if (a.skip?.(ctx)) return next();
    let kind: RequestKind;
    classifying = ctx;
    try {
      kind = routing.kind(ctx, ctx.method, fullPath(ctx), isMountedHere);
    } finally {
      // Not kept past the call: the function must not hold a finished request alive.
      classifying = undefined;
    }
    if (kind === 'other') {
      if (routing.otherRoutes === 'pass') return next();
      // Another route's body is never read, and its context keeps no decision: only the limit's headers say it was counted.
      const answer = guard.checkRequests(nodeGuardRequest(ctx.req, ctx.path, undefined, undefined), 'ip');
      return respond(ctx, next, answer instanceof Promise ? await answer : answer);
    }
    // One guard seen twice on a request (for the whole app, then on its route) checks it once.
    const seen = ctx.state.distillGuard;
    if (seen !== undefined && guardOf(seen) === guard) return next();
    // A body parser that already ran left the body: used as it is, without a Promise to wait for
    // (an await costs every request a trip through the microtask queue).
    let body = (ctx.request as { body?: unknown }).body;
    if (body === undefined) {
      try {
        body = await readBody(ctx, maxBodyBytes);
      } catch (err) {
        if (err instanceof InvalidRequestError) return send(ctx, invalidRequestResponse(err), err.status === 413);
        throw err;
      }
    }
    const state = ctx.state as { user?: unknown; auth?: unknown };
    const user = a.user ? a.user(ctx) : (userIdFrom(state.user) ?? userIdFrom(state.auth));
    const request = nodeGuardRequest(ctx.req, ctx.path, body, user);
    const answer = kind === 'messages' ? guard.check(request) : guard.checkRequests(request, 'all');
    const decision = answer instanceof Promise ? await answer : answer;
    ctx.state.distillGuard = decision;
    return respond(ctx, next, decision);
  }) as DistillGuardMiddleware;

  const respond = (ctx: Context, next: Next, decision: Decision): Promise<void> | void => {
    const headers = decision.headers;
    for (const name in headers) ctx.res.setHeader(name, headers[name]!);
    if (decision.allowed) return next();
    if (a.onDenied) return a.onDenied(ctx, decision);
    send(ctx, deniedResponse(decision));
  };
  middleware.guard = guard;
  return middleware;
}

/** Reads the body when no body parser (koa-bodyparser, @koa/bodyparser, koa-body) did, and leaves it where they would. */
async function readBody(ctx: Context, maxBodyBytes: number | undefined): Promise<unknown> {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') return undefined;
  const body = await readJsonBody(ctx.req, maxBodyBytes);
  (ctx.request as { body?: unknown }).body = body;
  return body;
}

function send(ctx: Context, response: PlainResponse, closeConnection = false): void {
  ctx.set(response.headers);
  // After a refused oversized body, do not keep reading the rest of it on a kept-alive socket.
  if (closeConnection) ctx.set('Connection', 'close');
  ctx.status = response.status;
  ctx.body = response.body;
}

import { adapterGuard, deniedResponse, guardOf, nodeGuardRequest, invalidRequestResponse, userIdFrom, type PlainResponse, type RequestKind } from '@distill-guard/core/adapter';
import { InvalidRequestError, readJsonBody, type Decision, type Guard } from '@distill-guard/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { putDecision } from './decision-slot.js';
import { fullPath, mountedHere } from './mount.js';
import { ADAPTER_KEYS, type DistillGuardOptions } from './options.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The guard's decision for this request, set by `distillGuard()`. */
      distillGuard?: Decision;
    }
  }
}

/** The middleware, with the guard it uses (for `flag`, `listFlagged`, `on`, `close`). */
export type DistillGuardMiddleware = RequestHandler & { guard: Guard };

/**
 * Express middleware (Express 4 and 5) that checks Claude Messages requests with the distill-guard
 * core and refuses what it must with 429/403/400 and an Anthropic-shaped error body. Mounted
 * with `app.use(distillGuard())` it checks POST requests to `…/v1/messages` (token counts,
 * `…/v1/messages/count_tokens`, against the request limits only) and passes every other request
 * on untouched; mounted on a route or path it checks every request of that route or path. The
 * `match` option changes what counts (see docs/mounting.md).
 *
 * @example
 * ```ts
 * import express from 'express';
 * import Anthropic from '@anthropic-ai/sdk';
 * import { distillGuard, claudeRoute } from '@distill-guard/express';
 *
 * const app = express();
 * app.use(distillGuard());                                             // Claude requests only
 * app.use('/api/claude', claudeRoute({ client: new Anthropic() }));    // baseURL: http://host/api/claude
 * app.get('/health', (_req, res) => res.send('ok'));                   // untouched
 * ```
 */
export function distillGuard(options: DistillGuardOptions = {}): DistillGuardMiddleware {
  const { guard, adapter: a, routing } = adapterGuard<Pick<DistillGuardOptions, (typeof ADAPTER_KEYS)[number]>, Request>(
    options as Record<string, unknown>,
    ADAPTER_KEYS,
    'distillGuard',
  );
  const maxBodyBytes = a.maxBodyBytes;

  // Synchronous when the guard answers at once (memory store): an allowed request goes on in the
  // same tick, which a server notices more than the checks themselves.
  const decide = (req: Request, res: Response, next: NextFunction, path: string, kind: RequestKind, body: unknown): void => {
    let answer: Decision | Promise<Decision>;
    try {
      if (kind === 'other') {
        answer = guard.checkRequests(nodeGuardRequest(req, path, undefined, undefined), 'ip');
      } else {
        const user = a.user ? a.user(req) : (userIdFrom((req as { user?: unknown }).user) ?? userIdFrom((req as { auth?: unknown }).auth));
        const request = nodeGuardRequest(req, path, body, user);
        answer = kind === 'messages' ? guard.check(request) : guard.checkRequests(request, 'all');
      }
    } catch (err) {
      return next(err);
    }
    if (answer instanceof Promise) answer.then((decision) => apply(req, res, next, decision, kind)).catch(next);
    else apply(req, res, next, answer, kind);
  };

  const apply = (req: Request, res: Response, next: NextFunction, decision: Decision, kind: RequestKind): void => {
    // Another route's request keeps its `req` as it was: only the limit's headers say it was counted.
    if (kind !== 'other') putDecision(req, res, decision);
    const headers = decision.headers;
    // One method lookup: every Express response has a hidden class of its own, so each is a slow one.
    const setHeader = res.setHeader;
    for (const name in headers) setHeader.call(res, name, headers[name]!);
    if (decision.allowed) return next();
    if (a.onDenied) return a.onDenied(req, res, next, decision);
    send(res, deniedResponse(decision));
  };

  // The classifier asks `mountedHere` only for paths it does not know; one function made here
  // answers it for the request being classified, instead of a closure made for every request.
  let classifying: Request | undefined;
  const isMountedHere = (): boolean => classifying !== undefined && mountedHere(classifying, middleware);

  const middleware = ((req: Request, res: Response, next: NextFunction) => {
    if (a.skip?.(req)) return next();
    const path = fullPath(req);
    let kind: RequestKind;
    classifying = req;
    try {
      kind = routing.kind(req, req.method, path, isMountedHere);
    } catch (err) {
      return next(err);
    } finally {
      // Not kept past the call: the function must not hold a finished request alive.
      classifying = undefined;
    }
    // Another route's body is never read: the route's own parser must find it unread.
    if (kind === 'other') return routing.otherRoutes === 'pass' ? next() : decide(req, res, next, path, kind, undefined);
    // One guard seen twice on a request (for the whole app, then on its route) checks it once.
    const seen = req.distillGuard;
    if (seen !== undefined && guardOf(seen) === guard) return next();
    // A body parser that already ran (express.json()) leaves the parsed body and marks `_body`.
    // (Every property read on an Express request is a slow one: each request has a hidden class
    // of its own, so the body is read once.)
    const parsed: unknown = req.body;
    if (parsed !== undefined && ((req as { _body?: boolean })._body === true || req.readableEnded)) {
      decide(req, res, next, path, kind, parsed);
      return;
    }
    readBody(req, maxBodyBytes).then(
      (body) => decide(req, res, next, path, kind, body),
      (err: unknown) => (err instanceof InvalidRequestError ? send(res, invalidRequestResponse(err), err.status === 413) : next(err)),
    ).catch(next);
  }) as DistillGuardMiddleware;
  middleware.guard = guard;
  return middleware;
}

async function readBody(req: Request, maxBodyBytes: number | undefined): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const parsed = await readJsonBody(req, maxBodyBytes);
  req.body = parsed;
  return parsed;
}

function send(res: Response, response: PlainResponse, closeConnection = false): void {
  if (res.headersSent) return;
  for (const name in response.headers) res.setHeader(name, response.headers[name]!);
  // After a refused oversized body, do not keep reading the rest of it on a kept-alive socket.
  if (closeConnection) res.setHeader('Connection', 'close');
  res.status(response.status).json(response.body);
}

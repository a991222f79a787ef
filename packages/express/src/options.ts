import type { Decision, Guard, GuardOptions, MatchOption, OtherRoutes } from '@distill-guard/core';
import type { NextFunction, Request, Response } from 'express';

/**
 * Options of the Express middleware: every `createGuard` option, plus how to read the request.
 */
export interface DistillGuardOptions extends GuardOptions {
  /** Use this guard instead of creating one (share it between routes, or with the admin router). */
  guard?: Guard;
  /** Largest JSON body read, in bytes. Default 1 MiB; larger bodies get a 413. */
  maxBodyBytes?: number;
  /** The authenticated account of a request. Default: `req.user` / `req.auth` (`id`, `sub`, `userId`). */
  user?: (req: Request) => string | undefined;
  /** Answers a refused request. Default: the decision's status and headers with an Anthropic-shaped error body. */
  onDenied?: (req: Request, res: Response, next: NextFunction, decision: Decision) => void;
  /** Requests to pass through unchecked, before `match` is asked. */
  skip?: (req: Request) => boolean;
  /**
   * Which requests are Claude Messages requests, checked by the guard; every other request passes
   * through untouched. Default: POST requests whose path ends in `/v1/messages` or
   * `/v1/messages/count_tokens`. Give paths (a string is a whole path as the client sent it, without
   * the query; a RegExp is tested against it; POST only) or a predicate `(req) => boolean` to decide
   * instead. A guard mounted on a route (`app.post('/api/chat', distillGuard(), …)`) or on a path
   * (`app.use('/api/chat', distillGuard(), …)`) always checks the requests of that route or path.
   * See docs/mounting.md.
   *
   * @example
   * ```ts
   * app.use(distillGuard({ match: ['/api/chat', /\/v1\/messages(\/count_tokens)?$/] }));
   * ```
   */
  match?: MatchOption<Request>;
  /**
   * Other routes' requests: `'pass'` (default) leaves them untouched; `'ip-limit'` holds them to
   * the per-address request limit (`limits.perIp.requests`, one count shared with Claude requests)
   * and refuses them with a 429 beyond it.
   */
  otherRoutes?: OtherRoutes;
}

export const ADAPTER_KEYS = ['guard', 'maxBodyBytes', 'user', 'onDenied', 'skip', 'match', 'otherRoutes'] as const;

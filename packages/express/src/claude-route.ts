import { guardOf, parseClaudeRouteOptions, relayMessages, type ClaudeRouteOptions } from '@distill-guard/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The Claude route: forwards the guarded Messages request with `@anthropic-ai/sdk` and relays
 * the answer (JSON, or SSE event by event), recording real usage into the guard. Mount it after
 * `distillGuard()`.
 *
 * @example
 * ```ts
 * app.post('/api/chat', distillGuard(), claudeRoute({ client: new Anthropic(), system: 'You are a helpful assistant.', maxTokens: 2048 }));
 * ```
 */
export function claudeRoute(options: ClaudeRouteOptions): RequestHandler {
  const resolved = parseClaudeRouteOptions(options);
  return (req: Request, res: Response, next: NextFunction) => {
    const decision = req.distillGuard;
    const guard = decision && guardOf(decision);
    if (!decision || !guard) return next(new Error('claudeRoute() must be mounted after distillGuard() on the same route.'));
    if (!decision.allowed) return next(new Error('claudeRoute() reached with a refused decision; distillGuard() should have answered it.'));
    const body = guard.bodyOf(decision) ?? req.body;
    relayMessages(resolved, { guard, decision, body, req, res }).catch(next);
  };
}

import { guardOf, parseClaudeRouteOptions, relayMessages, type ClaudeRouteOptions, type MessagesBody } from '@distill-guard/core';
import type { Context, Middleware } from 'koa';

/**
 * The Claude route: forwards the guarded Messages request with `@anthropic-ai/sdk` and relays
 * the answer (JSON, or SSE event by event), recording real usage into the guard. Mount it after
 * `distillGuard()`.
 *
 * @example
 * ```ts
 * router.post('/api/chat', distillGuard(), claudeRoute({ client: new Anthropic(), maxTokens: 2048 }));
 * ```
 */
export function claudeRoute(options: ClaudeRouteOptions): Middleware {
  const resolved = parseClaudeRouteOptions(options);
  return async (ctx: Context) => {
    const decision = ctx.state.distillGuard;
    const guard = decision && guardOf(decision);
    if (!decision || !guard) throw new Error('claudeRoute() must be mounted after distillGuard() on the same route.');
    if (!decision.allowed) throw new Error('claudeRoute() reached with a refused decision; distillGuard() should have answered it.');
    const body = guard.bodyOf(decision) ?? ((ctx.request as { body?: unknown }).body as MessagesBody);
    // The relay writes the Node response itself (SSE needs it); Koa must not touch it.
    ctx.respond = false;
    await relayMessages(resolved, { guard, decision, body, req: ctx.req, res: ctx.res });
  };
}

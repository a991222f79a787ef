import Router from '@koa/router';
import type Koa from 'koa';
import { claudeRoute, distillGuard } from '../src/index.js';
import type { AdapterHarness } from '../../../test/adapter-suite.js';
import { serve } from '../../../test/serve.js';

/** The shared behaviour suite's harness for a Koa app (2 or 3, whichever constructor is given). */
export function koaHarness(name: string, createApp: () => Koa): AdapterHarness {
  return {
    name,
    async start(options) {
      const guard = distillGuard(options.guard ?? {});
      const app = createApp();
      const router = new Router();
      app.use(async (ctx, next) => {
        const user = ctx.get('x-test-user');
        if (user) ctx.state.user = { id: user };
        await next();
      });
      router.post('/api/echo', guard, (ctx) => {
        const d = ctx.state.distillGuard!;
        ctx.body = { identity: d.identity.id, network: d.identity.network, conclusion: d.conclusion, model: d.model, actions: d.actions };
      });
      if (options.claude) router.post('/v1/messages', guard, claudeRoute(options.claude));
      app.use(router.routes());
      const served = await serve(app.callback());
      return { url: served.url, guard: guard.guard, close: () => served.close().then(() => guard.guard.close()) };
    },
  };
}

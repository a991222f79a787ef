import Router from '@koa/router';
import Koa from 'koa';
import Koa2 from 'koa2';
import { adminRouter, distillGuard, type AdminOptions } from '../src/index.js';
import { adminSuite, type AdminHarness } from '../../../test/admin-suite.js';
import { serve } from '../../../test/serve.js';

/**
 * The admin suite's harness for a Koa app: the admin router first (it passes on what is not
 * under /admin), then the guarded echo route.
 */
function koaAdminHarness(name: string, createApp: () => Koa): AdminHarness {
  return {
    name,
    create: (options) => adminRouter({ guard: distillGuard({ warnings: false }).guard, ...options } as AdminOptions),
    async start(options) {
      const guard = distillGuard(options.guard ?? {});
      const admin = adminRouter({ guard: guard.guard, ...options.admin } as AdminOptions);
      const app = createApp();
      const router = new Router();
      app.use(async (ctx, next) => {
        const user = ctx.get('x-test-user');
        if (user) ctx.state.user = { id: user };
        await next();
      });
      app.use(admin);
      router.post('/api/echo', guard, (ctx) => {
        ctx.body = { identity: ctx.state.distillGuard!.identity.id, conclusion: ctx.state.distillGuard!.conclusion };
      });
      app.use(router.routes());
      const served = await serve(app.callback());
      return {
        url: served.url,
        guard: guard.guard,
        close: () =>
          served.close().then(async () => {
            admin.close();
            await guard.guard.close();
          }),
      };
    },
  };
}

adminSuite(koaAdminHarness('koa 3', () => new Koa()));
adminSuite(koaAdminHarness('koa 2', () => new (Koa2 as unknown as typeof Koa)()));

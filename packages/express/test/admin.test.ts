import express from 'express';
import express4 from 'express4';
import type { Express, Request, Response } from 'express';
import { adminRouter, distillGuard, type AdminOptions } from '../src/index.js';
import { adminSuite, type AdminHarness } from '../../../test/admin-suite.js';
import { serve } from '../../../test/serve.js';

/** The admin suite's harness for an Express app: the guarded echo route, and the admin router at /admin. */
function expressAdminHarness(name: string, createApp: () => Express): AdminHarness {
  return {
    name,
    create: (options) => adminRouter({ guard: distillGuard({ warnings: false }).guard, ...options } as AdminOptions),
    async start(options) {
      const guard = distillGuard(options.guard ?? {});
      const admin = adminRouter({ guard: guard.guard, ...options.admin } as AdminOptions);
      const app = createApp();
      app.use((req, _res, next) => {
        const user = req.headers['x-test-user'];
        if (typeof user === 'string') (req as Request & { user?: unknown }).user = { id: user };
        next();
      });
      app.post('/api/echo', guard, (req: Request, res: Response) => {
        res.json({ identity: req.distillGuard!.identity.id, conclusion: req.distillGuard!.conclusion });
      });
      app.use('/admin', admin);
      const served = await serve(app);
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

adminSuite(expressAdminHarness('express 5', () => express()));
adminSuite(expressAdminHarness('express 4', () => (express4 as unknown as () => ReturnType<typeof express>)()));

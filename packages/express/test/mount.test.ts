import express from 'express';
import express4 from 'express4';
import type { Express, Request, Response } from 'express';
import { claudeRoute, distillGuard } from '../src/index.js';
import { mountSuite, type MountHarness } from '../../../test/mount-suite.js';
import { serve } from '../../../test/serve.js';

/** The mount suite's app on Express (4 or 5): the guard for the whole app, other routes beside it, the Claude API mounted at /api/claude. */
function expressMountHarness(name: string, create: () => Express): MountHarness {
  return {
    name,
    create: (options) => distillGuard(options),
    matchHeader: (header) => (req: Request) => req.headers[header] === '1',
    async start({ guard: options, claude, staticDir }) {
      // The route first: a wrong route option must not leave a guard behind.
      const route = claude && claudeRoute(claude);
      const guard = distillGuard(options ?? {});
      const app = create();
      app.use((req, _res, next) => {
        const user = req.headers['x-test-user'];
        if (typeof user === 'string') (req as Request & { user?: unknown }).user = { id: user };
        next();
      });
      app.use(guard);
      app.get('/health', (_req, res) => res.type('text/plain').send('ok'));
      app.use(express.static(staticDir));
      app.post('/api/items', express.json({ strict: false }), (req: Request, res: Response) => res.json({ received: req.body }));
      app.post(['/api/chat', '/api/chat/v1/messages'], guard, (req: Request, res: Response) => res.json({ conclusion: req.distillGuard!.conclusion, identity: req.distillGuard!.identity.id }));
      if (route) app.use('/api/claude', route);
      const served = await serve(app);
      return { url: served.url, guard: guard.guard, close: () => served.close().then(() => guard.guard.close()) };
    },
  };
}

mountSuite(expressMountHarness('express 5', () => express()));
mountSuite(expressMountHarness('express 4', () => (express4 as unknown as () => Express)()));

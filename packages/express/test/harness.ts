import type { Express, Request, Response } from 'express';
import { claudeRoute, distillGuard } from '../src/index.js';
import type { AdapterHarness } from '../../../test/adapter-suite.js';
import { serve } from '../../../test/serve.js';

/** The shared behaviour suite's harness for an Express app (4 or 5, whichever factory is given). */
export function expressHarness(name: string, express: () => Express): AdapterHarness {
  return {
    name,
    async start(options) {
      const guard = distillGuard(options.guard ?? {});
      const app = express();
      app.use((req, _res, next) => {
        const user = req.headers['x-test-user'];
        if (typeof user === 'string') (req as Request & { user?: unknown }).user = { id: user };
        next();
      });
      app.post('/api/echo', guard, (req: Request, res: Response) => {
        const d = req.distillGuard!;
        res.json({ identity: d.identity.id, network: d.identity.network, conclusion: d.conclusion, model: d.model, actions: d.actions });
      });
      if (options.claude) app.post('/v1/messages', guard, claudeRoute(options.claude));
      const served = await serve(app);
      return { url: served.url, guard: guard.guard, close: () => served.close().then(() => guard.guard.close()) };
    },
  };
}

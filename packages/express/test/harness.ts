import type { AddressInfo } from 'node:net';
import type { Express, Request, Response } from 'express';
import { claudeRoute, distillGuard } from '../src/index.js';
import type { AdapterHarness } from '../../../test/adapter-suite.js';

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
      const server = await new Promise<import('node:http').Server>((resolve) => {
        const s = app.listen(0, '127.0.0.1', () => resolve(s));
      });
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        guard: guard.guard,
        close: () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }).then(() => guard.guard.close()),
      };
    },
  };
}

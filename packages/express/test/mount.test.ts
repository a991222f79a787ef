import Anthropic from '@anthropic-ai/sdk';
import express from 'express';
import express4 from 'express4';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startClaudeServer, type ClaudeServer } from '@distill-guard/testing';
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

describe.each([
  ['express 5', () => express()],
  ['express 4', () => (express4 as unknown as () => Express)()],
] as const)('%s: claudeRoute on a mount path, or at the root', (_name, create) => {
  let upstream: ClaudeServer;
  const open: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    upstream = await startClaudeServer({ apiKey: 'sk-offline' });
  });
  afterAll(() => upstream.close());
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  const client = () => new Anthropic({ apiKey: 'sk-offline', baseURL: upstream.url, maxRetries: 0 });
  const request = { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hello there.' }] };

  it("app.use('/api/chat', distillGuard(), claudeRoute()) serves POST /api/chat and the SDK at that base", async () => {
    const app = create();
    const guard = distillGuard({ warnings: false });
    app.use('/api/chat', guard, claudeRoute({ client: client() }));
    app.get('/api/chat/health', (_req, res) => res.send('ok'));
    const served = await serve(app);
    open.push({ close: () => served.close().then(() => guard.guard.close()) });
    const direct = await fetch(`${served.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('x-request-id')).toMatch(/^req_/);
    const sdk = new Anthropic({ apiKey: 'unused', baseURL: `${served.url}/api/chat`, maxRetries: 0 });
    expect((await sdk.messages.create(request)).type).toBe('message');
    // Under its base the route answers everything: a route of the app's own there is hidden by a 404.
    expect((await fetch(`${served.url}/api/chat/health`)).status).toBe(404);
  });

  it('app.use(claudeRoute()) at the root answers the API paths and passes the rest on', async () => {
    const app = create();
    const guard = distillGuard({ warnings: false });
    app.use(guard);
    app.use(claudeRoute({ client: client(), models: ['claude-haiku-4-5'] }));
    app.get('/health', (_req, res) => res.send('ok'));
    const served = await serve(app);
    open.push({ close: () => served.close().then(() => guard.guard.close()) });
    const sdk = new Anthropic({ apiKey: 'unused', baseURL: served.url, maxRetries: 0 });
    expect((await sdk.messages.create(request)).type).toBe('message');
    expect((await sdk.models.list()).data.map((m) => m.id)).toEqual(['claude-haiku-4-5']);
    expect(await (await fetch(`${served.url}/health`)).text()).toBe('ok');
    expect((await fetch(`${served.url}/elsewhere`)).status).toBe(404);
  });
});

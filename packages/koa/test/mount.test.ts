import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import Router from '@koa/router';
import Koa from 'koa';
import Koa2 from 'koa2';
import type { Context } from 'koa';
import { claudeRoute, distillGuard } from '../src/index.js';
import { mountSuite, type MountHarness } from '../../../test/mount-suite.js';
import { serve } from '../../../test/serve.js';

/** The JSON body of a request, read by the route itself as a body parser would (one that finds a parsed body keeps it). */
async function jsonBody(ctx: Context): Promise<unknown> {
  const parsed = (ctx.request as { body?: unknown }).body;
  if (parsed !== undefined) return parsed;
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** The mount suite's app on Koa (2 or 3): the guard for the whole app, other routes beside it, the Claude API at basePath /api/claude. */
function koaMountHarness(name: string, createApp: () => Koa): MountHarness {
  return {
    name,
    create: (options) => distillGuard(options),
    matchHeader: (header) => (ctx: Context) => ctx.get(header) === '1',
    async start({ guard: options, claude, staticDir }) {
      // The route first: a wrong route option must not leave a guard behind.
      const route = claude && claudeRoute({ basePath: '/api/claude', ...claude });
      const guard = distillGuard(options ?? {});
      const app = createApp();
      // The suite provokes errors on purpose (a Claude request no guard checked); Koa would print them.
      app.silent = true;
      const router = new Router();
      app.use(async (ctx, next) => {
        const user = ctx.get('x-test-user');
        if (user) ctx.state.user = { id: user };
        await next();
      });
      app.use(guard);
      router.get('/health', (ctx) => {
        ctx.type = 'text/plain';
        ctx.body = 'ok';
      });
      router.get('/', (ctx) => {
        ctx.type = 'html';
        ctx.body = createReadStream(join(staticDir, 'index.html'));
      });
      router.post('/api/items', async (ctx) => {
        ctx.body = { received: await jsonBody(ctx) };
      });
      router.post(['/api/chat', '/api/chat/v1/messages'], guard, (ctx) => {
        ctx.body = { conclusion: ctx.state.distillGuard!.conclusion, identity: ctx.state.distillGuard!.identity.id };
      });
      app.use(router.routes());
      if (route) app.use(route);
      const served = await serve(app.callback());
      return { url: served.url, guard: guard.guard, close: () => served.close().then(() => guard.guard.close()) };
    },
  };
}

mountSuite(koaMountHarness('koa 3', () => new Koa()));
mountSuite(koaMountHarness('koa 2', () => new (Koa2 as unknown as typeof Koa)()));

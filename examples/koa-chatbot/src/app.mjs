// koa-chatbot: a streaming Claude chat page and a Messages API for programmatic clients, both
// behind distill-guard; the same page, routes and behaviour as express-chatbot, on Koa.
// `createApp` builds everything without listening (tests use it); `main.mjs` listens on PORT.
import Router from '@koa/router';
import Koa from 'koa';
import {
  adminRouter,
  anthropicErrorBody,
  claudeRoute,
  distillGuard,
  InvalidRequestError,
  internalErrorResponse,
  readJsonBody,
} from '@distill-guard/koa';
import { anonymousUser, createGuards, pageAssets, startServices } from 'chatbot-shared';

/** Largest `{ conversationId, message }` body the chat endpoint reads. */
const CHAT_BODY_BYTES = 64 * 1024;

/**
 * @typedef {import('chatbot-shared/src/services.mjs').ChatbotOptions} ChatbotOptions
 */

/**
 * Creates the app: `POST /api/chat` for the page (anonymous visitors, history on the server),
 * `POST /v1/messages` for clients with an API key, and the page itself.
 *
 * @example
 * const chatbot = await createApp({ env: process.env });
 * http.createServer(chatbot.handler).listen(3000);
 * // later: await chatbot.close();
 *
 * @param {ChatbotOptions} [options]
 */
export async function createApp(options = {}) {
  const services = await startServices(options);
  const { config, chat, logger } = services;

  const { chatGuard, apiGuard, claude } = createGuards(services, options, distillGuard);
  const assets = pageAssets();

  const app = new Koa();
  const router = new Router();

  /** The visitor's anonymous id (HttpOnly cookie), as the authenticated user the guard reads. */
  const visitor = async (ctx, next) => {
    const user = anonymousUser(ctx.get('cookie') || undefined, { secure: config.secureCookie });
    if (user.setCookie) ctx.append('Set-Cookie', user.setCookie);
    ctx.state.user = { id: user.id };
    await next();
  };

  /** Turns the page's `{ conversationId, message }` into a Messages request with the stored history. */
  const chatRequest = async (ctx, next) => {
    let input;
    try {
      input = await readJsonBody(ctx.req, CHAT_BODY_BYTES);
    } catch (err) {
      if (!(err instanceof InvalidRequestError)) throw err;
      ctx.status = err.status;
      ctx.body = anthropicErrorBody(err.status, err.message);
      return;
    }
    const prepared = await chat.prepare(ctx.state.user.id, input);
    if (!prepared.ok) {
      ctx.status = prepared.status;
      ctx.body = prepared.body;
      return;
    }
    // distillGuard() checks this body (already parsed: it does not read the request again), and
    // uses the request id as the decision id that the guard's `outcome` event carries back.
    ctx.request.body = prepared.body;
    ctx.req.headers['x-request-id'] = prepared.requestId;
    ctx.res.on('close', () => chat.responseClosed(prepared.requestId));
    await next();
  };

  // --- Errors and unknown paths, Anthropic-shaped under /api and /v1 -----------------------------
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      logger.error(`koa-chatbot: ${ctx.method} ${ctx.path}: ${/** @type {Error} */ (err)?.stack ?? err}`);
      if (ctx.headerSent || !ctx.writable) return ctx.res.destroy();
      const response = internalErrorResponse();
      ctx.status = response.status;
      ctx.body = response.body;
      return;
    }
    if (ctx.status === 404 && ctx.body === undefined && ctx.respond !== false) {
      if (ctx.path.startsWith('/api/') || ctx.path.startsWith('/v1/')) {
        ctx.status = 404;
        ctx.body = anthropicErrorBody(404, `${ctx.method} ${ctx.path} does not exist.`);
      } else {
        ctx.status = 404;
        ctx.body = 'Not found. The chat page is at /.';
      }
    }
  });

  // --- The page --------------------------------------------------------------------------------
  app.use(async (ctx, next) => {
    const asset = (ctx.method === 'GET' || ctx.method === 'HEAD') && assets.get(ctx.path);
    if (!asset) return next();
    const serve = async () => {
      ctx.status = 200;
      ctx.set(asset.headers);
      if (ctx.fresh) ctx.status = 304;
      else ctx.body = asset.body;
    };
    return ctx.path === '/' ? visitor(ctx, serve) : serve();
  });
  router.get('/healthz', (ctx) => {
    ctx.body = { ok: true };
  });

  // --- The page's API: anonymous visitors, guarded per visitor ---------------------------------
  router.get('/api/info', visitor, (ctx) => {
    ctx.body = { claude: services.claude.mode, store: services.redis ? 'redis' : 'memory', model: config.model };
  });
  router.get('/api/conversations/:id', visitor, async (ctx) => {
    const history = await chat.history(ctx.state.user.id, ctx.params.id);
    ctx.status = history.ok ? 200 : history.status;
    ctx.body = history.ok ? { id: ctx.params.id, messages: history.messages } : history.body;
  });
  router.post('/api/chat', visitor, chatRequest, chatGuard, claudeRoute(claude));

  // --- Programmatic clients: the Messages API with a client API key (x-api-key or Bearer) -------
  router.post('/v1/messages', apiGuard, claudeRoute(claude));

  // --- Admin router and dashboard --------------------------------------------------------------
  // At /admin/ when ADMIN_TOKEN is set (16 characters or more; a shorter one stops the start with
  // an error naming the option). Both guards share one store, so a flag set from the admin side
  // applies to both routes, and the dashboard shows the traffic of both.
  const adminToken = (options.env ?? process.env).ADMIN_TOKEN;
  if (adminToken) {
    try {
      app.use(adminRouter({ basePath: '/admin', guard: chatGuard.guard, guards: [apiGuard.guard], token: adminToken }));
    } catch (err) {
      await services.close();
      throw err;
    }
  }
  // ----------------------------------------------------------------------------------------------

  app.use(router.routes());
  app.use(router.allowedMethods());

  return {
    app,
    /** The Node request listener (`http.createServer(handler)`). */
    handler: app.callback(),
    config,
    chatGuard: chatGuard.guard,
    apiGuard: apiGuard.guard,
    services,
    description: services.description,
    demoKey: services.apiKeys.demoKey,
    close: services.close,
  };
}

// express-chatbot: a streaming Claude chat page and a Messages API for programmatic clients,
// both behind distill-guard. `createApp` builds everything without listening (tests use it);
// `main.mjs` listens on PORT.
import express from 'express';
import {
  adminRouter,
  anthropicErrorBody,
  claudeRoute,
  distillGuard,
  InvalidRequestError,
  internalErrorResponse,
  readJsonBody,
} from '@distill-guard/express';
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

  const app = express();
  app.disable('x-powered-by');

  /** The visitor's anonymous id (HttpOnly cookie), as the authenticated user the guard reads. */
  const visitor = (req, res, next) => {
    const user = anonymousUser(req.headers.cookie, { secure: config.secureCookie });
    if (user.setCookie) res.append('Set-Cookie', user.setCookie);
    req.user = { id: user.id };
    next();
  };

  /** Turns the page's `{ conversationId, message }` into a Messages request with the stored history. */
  const chatRequest = async (req, res, next) => {
    let input;
    try {
      input = await readJsonBody(req, CHAT_BODY_BYTES);
    } catch (err) {
      if (err instanceof InvalidRequestError) return res.status(err.status).json(anthropicErrorBody(err.status, err.message));
      throw err;
    }
    const prepared = await chat.prepare(req.user.id, input);
    if (!prepared.ok) return res.status(prepared.status).json(prepared.body);
    // distillGuard() checks this body (already parsed: it does not read the request again), and
    // uses the request id as the decision id that the guard's `outcome` event carries back.
    req.body = prepared.body;
    req._body = true;
    req.headers['x-request-id'] = prepared.requestId;
    res.on('close', () => chat.responseClosed(prepared.requestId));
    next();
  };

  // --- The page --------------------------------------------------------------------------------
  app.get(['/', '/assets/:file'], (req, res, next) => {
    const asset = assets.get(req.path);
    if (!asset) return next();
    if (req.path === '/') return visitor(req, res, () => res.set(asset.headers).send(asset.body));
    res.set(asset.headers).send(asset.body);
  });
  app.get('/healthz', (_req, res) => res.json({ ok: true }));

  // --- The page's API: anonymous visitors, guarded per visitor ---------------------------------
  app.use('/api', visitor);
  app.get('/api/info', (_req, res) => {
    res.json({ claude: services.claude.mode, store: services.redis ? 'redis' : 'memory', model: config.model });
  });
  app.get('/api/conversations/:id', async (req, res) => {
    const history = await chat.history(req.user.id, req.params.id);
    if (!history.ok) return res.status(history.status).json(history.body);
    res.json({ id: req.params.id, messages: history.messages });
  });
  app.post('/api/chat', chatRequest, chatGuard, claudeRoute(claude));

  // --- Programmatic clients: the Messages API with a client API key (x-api-key or Bearer) -------
  app.post('/v1/messages', apiGuard, claudeRoute(claude));

  // --- Admin router and dashboard --------------------------------------------------------------
  // At /admin/ when ADMIN_TOKEN is set (16 characters or more; a shorter one stops the start with
  // an error naming the option). Both guards share one store, so a flag set from the admin side
  // applies to both routes, and the dashboard shows the traffic of both.
  const adminToken = (options.env ?? process.env).ADMIN_TOKEN;
  if (adminToken) {
    try {
      app.use('/admin', adminRouter({ guard: chatGuard.guard, guards: [apiGuard.guard], token: adminToken }));
    } catch (err) {
      await services.close();
      throw err;
    }
  }
  // ----------------------------------------------------------------------------------------------

  app.use((req, res) => {
    if (req.path.startsWith('/api/') || req.path.startsWith('/v1/')) {
      return res.status(404).json(anthropicErrorBody(404, `${req.method} ${req.path} does not exist.`));
    }
    res.status(404).type('text/plain').send('Not found. The chat page is at /.');
  });
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, _next) => {
    logger.error(`express-chatbot: ${req.method} ${req.path}: ${err.stack ?? err}`);
    if (res.headersSent) return res.destroy();
    const response = internalErrorResponse();
    res.status(response.status).json(response.body);
  });

  return {
    app,
    /** The Node request listener (`http.createServer(handler)`). */
    handler: app,
    config,
    chatGuard: chatGuard.guard,
    apiGuard: apiGuard.guard,
    services,
    description: services.description,
    demoKey: services.apiKeys.demoKey,
    close: services.close,
  };
}

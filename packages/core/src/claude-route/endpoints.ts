import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicErrorBody, type Decision } from '../decision/index.js';
import type { Guard } from '../guard/index.js';
import type { MessagesBody } from '../request/index.js';
import { withCanary } from '../shield/index.js';
import type { ClaudeApiCall } from './api.js';
import type { ResolvedClaudeRouteOptions } from './options.js';
import { relayMessages } from './relay.js';
import { sendJson } from './send.js';
import { mapUpstreamError } from './upstream-error.js';

/** One request to the Anthropic-compatible API, as an adapter hands it over. */
export interface ApiRequest {
  /** The guard's decision, when a guard checked the request (Messages and token counts must be). */
  decision: Decision | undefined;
  /** The guard that made it (`guardOf(decision)`). */
  guard: Guard | undefined;
  /** The parsed JSON body (the validated one for Messages). */
  body: unknown;
  req: IncomingMessage;
  res: ServerResponse;
  /** The path as the client sent it (for messages), and the query string without `?`. */
  path: string;
  query: string;
}

/** What a model list entry looks like in the API. */
interface ModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

// The API's own words for an unknown release date.
const UNKNOWN_RELEASE = '1970-01-01T00:00:00Z';

/**
 * Serves one call of the Anthropic-compatible API (see `claudeApiCall`): Messages through
 * `relayMessages`, token counts under the request limits the guard applied, the model list, and
 * a 404 in the API's error shape. Messages and token counts need a guard's allowed decision:
 * without one this throws (a mounting mistake, which must not serve Claude unguarded).
 *
 * @example
 * ```ts
 * const call = claudeApiCall(req.method, req.path, { atRoute: false, mounted: true, basePath: '' });
 * const decision = req.distillGuard;
 * if (call.kind !== 'pass') await serveClaudeApi(options, call, { decision, guard: decision && guardOf(decision), body: req.body, req, res, path: req.originalUrl, query: '' });
 * ```
 */
export async function serveClaudeApi(options: ResolvedClaudeRouteOptions, call: ClaudeApiCall, api: ApiRequest): Promise<void> {
  const headers = api.decision?.headers ?? {};
  switch (call.kind) {
    case 'messages':
    case 'count-tokens': {
      const { guard, decision } = checked(api, call.kind);
      if (call.kind === 'count-tokens') return countTokens(options, guard, decision, api);
      const body = guard.bodyOf(decision) ?? (api.body as MessagesBody);
      return relayMessages(options, { guard, decision, body, req: api.req, res: api.res });
    }
    case 'models':
      return listModels(options, api.res, headers, api.query);
    case 'model':
      return retrieveModel(options, api.res, headers, call.id);
    case 'not-found':
      return sendJson(api.res, 404, headers, notFound(api.req.method ?? 'GET', api.path));
    case 'pass':
      throw new Error('serveClaudeApi() was given a request that is not the route\'s ("pass"); call next() instead.');
  }
}

/** The guard and its allowed decision, or the mounting mistake that left the request unchecked. */
function checked(api: ApiRequest, kind: string): { guard: Guard; decision: Decision } {
  const { decision, guard } = api;
  if (!decision || !guard) {
    throw new Error(
      `claudeRoute() got a ${kind === 'messages' ? 'Messages' : 'count_tokens'} request (${api.path}) that no distillGuard() checked. ` +
        'Mount distillGuard() before it: app.use(distillGuard()) checks POST …/v1/messages; a route of your own needs the guard on that route, or its path in `match`. See docs/mounting.md.',
    );
  }
  if (!decision.allowed) throw new Error('claudeRoute() reached with a refused decision; distillGuard() should have answered it.');
  return { guard, decision };
}

/** `POST /v1/messages/count_tokens`: the client's request as the route would send it, counted upstream. */
async function countTokens(options: ResolvedClaudeRouteOptions, guard: Guard, decision: Decision, api: ApiRequest): Promise<void> {
  const { res } = api;
  const fail = (status: number, message: string) => sendJson(res, status, decision.headers, anthropicErrorBody(status, message, decision.id));
  const count = options.client.messages.countTokens;
  if (!count) return fail(404, 'Token counting is not available on this service.');
  const body = api.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(400, 'The request body must be a JSON object (an Anthropic count_tokens request).');
  if (typeof body.model !== 'string' || body.model === '') return fail(400, 'model: Field required (a model id string).');
  if (!Array.isArray(body.messages)) return fail(400, 'messages: Field required (an array of messages).');
  const allowed = allowedModels(options, guard);
  if (allowed && !allowed.includes(body.model)) return fail(400, `model: "${body.model}" is not available on this service. Use one of: ${allowed.join(', ')}.`);

  // Counted with the system prompt the Messages call would carry, so the count is the one billed.
  const upstream: Record<string, unknown> = { ...body };
  const shield = guard.shield;
  if (options.system) {
    const system = options.system(body as unknown as MessagesBody);
    upstream.system = shield?.canary ? withCanary(system, shield.canary) : system;
  } else if (shield && shield.options.request.system !== 'allow') {
    if (shield.systemPrompt) upstream.system = shield.systemPrompt;
    else delete upstream.system;
  }
  const abort = abortOnClose(res);
  try {
    const result = await options.client.messages.countTokens!(upstream as never, { signal: abort.signal });
    sendJson(res, 200, decision.headers, result);
  } catch (err) {
    const mapped = mapUpstreamError(err, decision.id);
    if (!mapped.aborted) sendJson(res, mapped.status, { ...decision.headers, ...mapped.headers }, mapped.body);
  } finally {
    abort.done();
  }
}

/**
 * `GET /v1/models`: the route's `models` allowlist, when it has one, answered here without asking
 * upstream (no key needed, nothing for a client to amplify); else the upstream's own list.
 */
async function listModels(options: ResolvedClaudeRouteOptions, res: ServerResponse, headers: Readonly<Record<string, string>>, query: string): Promise<void> {
  const allowed = options.models && [...options.models];
  if (allowed) {
    const data = allowed.map(modelInfo);
    return sendJson(res, 200, headers, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }
  const list = options.client.models?.list;
  if (!list) return sendJson(res, 404, headers, anthropicErrorBody(404, 'The model list is not available on this service.'));
  try {
    const page = (await options.client.models!.list(listQuery(query) as never)) as { data?: unknown; has_more?: unknown; first_id?: unknown; last_id?: unknown };
    sendJson(res, 200, headers, { data: page.data ?? [], has_more: page.has_more === true, first_id: page.first_id ?? null, last_id: page.last_id ?? null });
  } catch (err) {
    const mapped = mapUpstreamError(err);
    sendJson(res, mapped.status, { ...headers, ...mapped.headers }, mapped.body);
  }
}

/** `GET /v1/models/{id}`: one allowlisted model, or the upstream's answer when there is no allowlist. */
async function retrieveModel(options: ResolvedClaudeRouteOptions, res: ServerResponse, headers: Readonly<Record<string, string>>, id: string): Promise<void> {
  const allowed = options.models && [...options.models];
  const missing = () => sendJson(res, 404, headers, anthropicErrorBody(404, `model: ${id}`));
  if (allowed) return allowed.includes(id) ? sendJson(res, 200, headers, modelInfo(id)) : missing();
  if (!options.client.models?.retrieve) return missing();
  try {
    sendJson(res, 200, headers, await options.client.models.retrieve(id));
  } catch (err) {
    const mapped = mapUpstreamError(err);
    sendJson(res, mapped.status, { ...headers, ...mapped.headers }, mapped.body);
  }
}

/** The models a checked request may name: the route's allowlist, narrowed by the guard shield's when both are set. */
function allowedModels(options: ResolvedClaudeRouteOptions, guard: Guard): readonly string[] | undefined {
  const shieldModels = guard.shield?.options.request.models;
  const route = options.models ? [...options.models] : undefined;
  if (route && shieldModels) return route.filter((m) => shieldModels.includes(m));
  return route ?? shieldModels;
}

function modelInfo(id: string): ModelInfo {
  return { type: 'model', id, display_name: displayName(id), created_at: UNKNOWN_RELEASE };
}

/** `claude-haiku-5-5` -> `Claude Haiku 5.5`; a dated snapshot keeps its name without the date. */
function displayName(id: string): string {
  const words = id.replace(/^claude-/, '').replace(/[-@]\d{8}$/, '').split('-');
  const name = words.filter((w) => !/^\d+$/.test(w)).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const version = words.filter((w) => /^\d+$/.test(w)).join('.');
  return [id.startsWith('claude-') ? 'Claude' : '', ...name, version].filter(Boolean).join(' ');
}

/** The list's pagination parameters, passed on; nothing else is. */
function listQuery(query: string): Record<string, string | number> {
  const params = new URLSearchParams(query);
  const out: Record<string, string | number> = {};
  for (const key of ['after_id', 'before_id'] as const) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  const limit = Number(params.get('limit'));
  if (Number.isInteger(limit) && limit >= 1 && limit <= 1000) out.limit = limit;
  return out;
}

function notFound(method: string, path: string) {
  return anthropicErrorBody(
    404,
    `Not found: ${method} ${path.split('?')[0]}. This API serves POST /v1/messages, POST /v1/messages/count_tokens and GET /v1/models under its base URL.`,
  );
}

/** Aborts the upstream call when the client leaves first. */
function abortOnClose(res: ServerResponse): { signal: AbortSignal; done(): void } {
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on('close', onClose);
  return { signal: abort.signal, done: () => res.off('close', onClose) };
}

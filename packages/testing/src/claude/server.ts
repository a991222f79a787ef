import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PromptCache } from './cache.js';
import { parseDirectives, type Directives } from './directives.js';
import { ApiRequestError, errorBody, errorTypeForStatus } from './errors.js';
import { messageJson, newId, planMessage, type MessagePlan } from './message.js';
import { listModels } from './models.js';
import { countInputTokens, lastUserText, seedOf, segmentsOf, systemText } from './prompt.js';
import { frame, streamEvents, type SseEvent } from './stream.js';
import type {
  ApiErrorType,
  ClaudeServer,
  ClaudeServerOptions,
  FailureSpec,
  MessagesRequestBody,
  RecordedRequest,
  ToolCall,
} from './types.js';
import { validateCountTokensBody, validateMessagesBody } from './validate.js';

/** The API's own request size limit. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const NO_DIRECTIVES: Directives = { echoSystem: false, slow: false, midstreamError: false, long: false, holdEnd: false };

interface Timing {
  latencyMs: number;
  chunkDelayMs: number;
}

interface Settings {
  host: string;
  port: number;
  apiKey: string | undefined;
  reply: ((body: MessagesRequestBody) => string) | undefined;
  toolUse: ((body: MessagesRequestBody) => ToolCall | undefined) | undefined;
  thinking: ((body: MessagesRequestBody) => string | undefined) | undefined;
  timing: Timing;
  slow: Timing;
  chunkSize: number;
  models: string[] | undefined;
  directives: boolean;
}

/** One request in flight: its response, its record, and a signal that fires if the client leaves. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedRequest;
  signal: AbortSignal;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`startClaudeServer: option "${name}" must be a number >= 0, got ${String(value)}`);
  }
  return value;
}

function resolveSettings(options: ClaudeServerOptions): Settings {
  const chunkSize = options.chunkSize ?? 4;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new TypeError(`startClaudeServer: option "chunkSize" must be an integer >= 1, got ${String(chunkSize)}`);
  }
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey === '')) {
    throw new TypeError('startClaudeServer: option "apiKey" must be a non-empty string');
  }
  return {
    host: options.host ?? '127.0.0.1',
    port: nonNegative('port', options.port, 0),
    apiKey: options.apiKey,
    reply: options.reply,
    toolUse: options.toolUse,
    thinking: options.thinking,
    timing: {
      latencyMs: nonNegative('latencyMs', options.latencyMs, 0),
      chunkDelayMs: nonNegative('chunkDelayMs', options.chunkDelayMs, 0),
    },
    slow: {
      latencyMs: nonNegative('slow.latencyMs', options.slow?.latencyMs, 250),
      chunkDelayMs: nonNegative('slow.chunkDelayMs', options.slow?.chunkDelayMs, 25),
    },
    chunkSize,
    models: options.models,
    directives: options.directives ?? true,
  };
}

/** Resolves when the client leaves (the exchange's signal fires). */
function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** Waits `ms`, or less if `signal` fires first. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.trim() !== '') return header.trim();
  const authorization = req.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S.*)$/i.exec(authorization.trim()) : null;
  return bearer?.[1];
}

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = name === 'x-api-key' || name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts a local server that speaks the Anthropic Messages API well enough for the real
 * `@anthropic-ai/sdk`: JSON and SSE replies with real usage numbers, deterministic text,
 * scripted failures (`failNext`, `[[mock:...]]` directives), and a log of every request.
 *
 * @example
 * const server = await startClaudeServer();
 * const client = new Anthropic({ apiKey: 'test-key', baseURL: server.url });
 * const message = await client.messages.create({ model: 'claude-sonnet-5-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] });
 * await server.close();
 */
export async function startClaudeServer(options: ClaudeServerOptions = {}): Promise<ClaudeServer> {
  const settings = resolveSettings(options);
  const requests: RecordedRequest[] = [];
  const failures: FailureSpec[] = [];
  const cache = new PromptCache();
  const inFlight = new Set<AbortController>();

  const send = (x: Exchange, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (x.signal.aborted || x.res.headersSent) return;
    const payload = JSON.stringify(body);
    x.record.status = status;
    x.res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      'request-id': x.record.requestId,
      ...headers,
    });
    x.res.end(payload);
  };

  const sendError = (x: Exchange, status: number, type: ApiErrorType, message?: string, headers?: Record<string, string>) => {
    x.record.error = type;
    send(x, status, errorBody(type, message), headers);
  };

  const sendFailure = (x: Exchange, spec: Extract<FailureSpec, { status: number }>) => {
    const headers: Record<string, string> = {};
    const retryAfter = spec.retryAfter ?? (spec.status === 429 ? 1 : undefined);
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    if (spec.shouldRetry !== undefined) headers['x-should-retry'] = String(spec.shouldRetry);
    sendError(x, spec.status, spec.type ?? errorTypeForStatus(spec.status), spec.message, headers);
  };

  const authenticate = (x: Exchange) => {
    const key = apiKeyOf(x.req);
    if (key === undefined) throw new ApiRequestError(401, 'authentication_error', 'x-api-key header is required');
    if (settings.apiKey !== undefined && key !== settings.apiKey) {
      throw new ApiRequestError(401, 'authentication_error', 'invalid x-api-key');
    }
  };

  const checkModel = (model: string) => {
    if (settings.models && !settings.models.includes(model)) {
      throw new ApiRequestError(404, 'not_found_error', `model: ${model}`);
    }
  };

  const writeStream = async (
    x: Exchange,
    plan: MessagePlan,
    chunkDelayMs: number,
    midStream: Extract<FailureSpec, { midStream: string }> | undefined,
    holdEnd = false,
  ) => {
    let events: SseEvent[] = streamEvents(plan, settings.chunkSize);
    if (midStream) {
      const textDeltas = events.filter((e) => e.textDelta !== undefined).length;
      const after = Math.min(Math.max(0, midStream.afterDeltas ?? 2), textDeltas);
      let cut = events.findIndex((e) => e.textDelta === after) + 1;
      if (after === 0) {
        cut = events.findIndex((e) => e.event === 'content_block_start' && (e.data.content_block as { type: string }).type === 'text') + 1;
        if (events[cut]?.event === 'ping') cut++;
      }
      const type: ApiErrorType = midStream.midStream === 'overloaded' ? 'overloaded_error' : 'api_error';
      events = [...events.slice(0, cut), { event: 'error', data: { ...errorBody(type) } }];
    }
    x.record.status = 200;
    x.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'request-id': x.record.requestId,
    });
    x.res.flushHeaders();
    for (const event of events) {
      // `[[mock:hold-end]]`: the content is all out; the end waits for a client that never asks for it.
      if (holdEnd && event.event === 'message_delta') await untilAborted(x.signal);
      if (event.delta) await delay(chunkDelayMs, x.signal);
      if (x.signal.aborted || x.res.destroyed) return;
      x.res.write(frame(event.event, event.data));
      if (event.event === 'error') x.record.error = (event.data.error as { type: ApiErrorType }).type;
    }
    if (!midStream) x.record.usage = plan.usage;
    x.res.end();
  };

  const handleMessages = async (x: Exchange, raw: unknown) => {
    const body = validateMessagesBody(raw);
    x.record.stream = body.stream === true;
    checkModel(body.model);
    const userText = lastUserText(body);
    const { directives, rest } = settings.directives ? parseDirectives(userText) : { directives: NO_DIRECTIVES, rest: userText };
    const failure: FailureSpec | undefined =
      failures.shift() ??
      (directives.status !== undefined
        ? // A scripted prompt fails the same way on every retry, so tell the SDK not to retry.
          { status: directives.status, ...(directives.retryAfter === undefined ? {} : { retryAfter: directives.retryAfter }), shouldRetry: false }
        : directives.midstreamError
          ? { midStream: 'overloaded' }
          : undefined);
    const timing = directives.slow ? settings.slow : settings.timing;

    await delay(timing.latencyMs, x.signal);
    if (x.signal.aborted) return;
    if (failure && 'status' in failure) return sendFailure(x, failure);
    const midStream = failure && 'midStream' in failure ? failure : undefined;
    if (midStream && !body.stream) return sendFailure(x, { status: midStream.midStream === 'overloaded' ? 529 : 500 });

    const fixedText = directives.say ?? (directives.echoSystem ? systemText(body) : settings.reply?.(body));
    const toolCall = settings.toolUse?.(body);
    const fixedThinking = settings.thinking?.(body);
    const plan = planMessage(body, {
      prompt: rest,
      seed: seedOf(body),
      ...(fixedText === undefined ? {} : { fixedText }),
      ...(toolCall === undefined ? {} : { toolCall }),
      ...(fixedThinking === undefined ? {} : { fixedThinking }),
      long: directives.long,
      cache: cache.apply(body.model, segmentsOf(body)),
    });
    if (body.stream) return writeStream(x, plan, timing.chunkDelayMs, midStream, directives.holdEnd);
    // A JSON reply takes as long as the stream of the same reply would have.
    const chunks = Math.ceil(plan.usage.output_tokens / settings.chunkSize);
    await delay(timing.chunkDelayMs * chunks, x.signal);
    if (x.signal.aborted) return;
    x.record.usage = plan.usage;
    send(x, 200, messageJson(plan));
  };

  const route = async (x: Exchange, path: string, raw: unknown) => {
    const method = x.req.method ?? 'GET';
    if (method === 'POST' && path === '/v1/messages') {
      authenticate(x);
      return handleMessages(x, raw);
    }
    if (method === 'POST' && path === '/v1/messages/count_tokens') {
      authenticate(x);
      const body = validateCountTokensBody(raw);
      checkModel(body.model);
      return send(x, 200, { input_tokens: countInputTokens(body) });
    }
    if (method === 'GET' && path === '/v1/models') {
      authenticate(x);
      const models = listModels(settings.models);
      return send(x, 200, { data: models, has_more: false, first_id: models[0]?.id ?? null, last_id: models.at(-1)?.id ?? null });
    }
    const model = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (method === 'GET' && model) {
      authenticate(x);
      const found = listModels(settings.models).find((m) => m.id === decodeURIComponent(model[1] as string));
      if (!found) throw new ApiRequestError(404, 'not_found_error', `model: ${decodeURIComponent(model[1] as string)}`);
      return send(x, 200, found);
    }
    throw new ApiRequestError(404, 'not_found_error', 'Not Found');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const controller = new AbortController();
    inFlight.add(controller);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const key = apiKeyOf(req);
    const record: RecordedRequest = {
      requestId: newId('req'),
      method: req.method ?? 'GET',
      path,
      headers: recordedHeaders(req),
      apiKeyHash: key === undefined ? null : createHash('sha256').update(key).digest('hex').slice(0, 12),
      body: undefined,
      status: 0,
      stream: false,
      aborted: false,
    };
    requests.push(record);
    const x: Exchange = { req, res, record, signal: controller.signal };
    res.on('close', () => {
      inFlight.delete(controller);
      if (!res.writableFinished) {
        record.aborted = true;
        controller.abort();
      }
    });
    try {
      const { text, tooLarge } = await readBody(req);
      if (tooLarge) throw new ApiRequestError(413, 'request_too_large', 'Request exceeds the maximum allowed number of bytes.');
      const parsed = parseJson(text);
      record.body = parsed.ok ? parsed.value : text;
      if (!parsed.ok) throw new ApiRequestError(400, 'invalid_request_error', 'Request body is not valid JSON');
      await route(x, path, parsed.value);
    } catch (error) {
      if (error instanceof ApiRequestError) return sendError(x, error.status, error.type, error.message);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(x, 500, 'api_error', error instanceof Error ? `Internal server error: ${error.message}` : 'Internal server error');
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${urlHost(settings.host)}:${port}`,
    port,
    requests,
    failNext(spec: FailureSpec, count = 1) {
      if (!Number.isInteger(count) || count < 1) throw new TypeError(`failNext: count must be an integer >= 1, got ${count}`);
      if (!('status' in spec) && !('midStream' in spec)) throw new TypeError('failNext: spec needs "status" or "midStream"');
      for (let i = 0; i < count; i++) failures.push(spec);
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      cache.clear();
    },
    close() {
      for (const controller of inFlight) controller.abort();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

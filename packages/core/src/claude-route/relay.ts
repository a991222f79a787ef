import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicErrorBody, type Decision, type Outcome } from '../decision/index.js';
import type { Guard } from '../guard/index.js';
import { prefillText, systemText, type MessagesBody } from '../request/index.js';
import { createOutputFilter, withCanary, type OutputFilter } from '../shield/index.js';
import type { Watermarker } from '../watermark/index.js';
import { readUsage, servedOutput } from '../claude/index.js';
import type { MessageLike, StreamEvent } from './client.js';
import type { ResolvedClaudeRouteOptions } from './options.js';
import { sendJson } from './send.js';
import { StreamRewriter } from './stream-rewriter.js';
import { chainTransforms, reasoningStripper, type TextTransform } from './text-transform.js';
import { upstreamThinking, type ThinkingChange } from './thinking.js';
import { mapUpstreamError } from './upstream-error.js';
import { UPSTREAM_TIMEOUT_MESSAGE, UpstreamWatchdog } from './upstream-timeout.js';

/** Everything the relay needs about one request. */
export interface RelayContext {
  guard: Guard;
  decision: Decision;
  body: MessagesBody;
  req: IncomingMessage;
  res: ServerResponse;
}

/** Most reply text kept for `guard.record` (output signals, full audit capture). */
const MAX_RECORDED_OUTPUT = 32_000;

/**
 * Forwards one Messages request to Claude and relays the answer: JSON, or SSE event by event.
 * Applies the server's system prompt, the model allowlist, the `max_tokens` caps and the
 * decision's graduated responses (reasoning is suppressed by sending a turn with thinking off;
 * a tool loop keeps the thinking configuration its turn began with, see `upstreamThinking`);
 * records real usage into the guard, including after a client disconnect (the upstream call is
 * aborted then). Never throws.
 */
export async function relayMessages(options: ResolvedClaudeRouteOptions, ctx: RelayContext): Promise<void> {
  const { guard, decision, body, res } = ctx;
  const started = guard.options.clock.now();
  let thinkingChange: ThinkingChange | undefined;
  // A prefill is the start of the answer the client holds: the served text is read after it.
  const prefill = prefillText(body);
  const record = (outcome: Outcome) =>
    guard
      .record(decision, { ...outcome, ...(prefill && { prefillText: prefill.slice(0, MAX_RECORDED_OUTPUT) }), ...(thinkingChange && { thinking: thinkingChange }), durationMs: guard.options.clock.now() - started })
      .catch(() => undefined);

  const model = body.model;
  if (options.models && !options.models.has(model)) {
    const message = `model: "${model}" is not available on this service. Use one of: ${[...options.models].join(', ')}.`;
    sendJson(res, 400, decision.headers, anthropicErrorBody(400, message, decision.id));
    await record({ status: 400, error: 'model_not_allowed' });
    return;
  }
  const maxTokens = cap(body.max_tokens, options.maxTokens, decision.actions.maxTokens);
  const upstream: Record<string, unknown> = { ...body, max_tokens: maxTokens };
  // Reasoning is withheld by not generating it, never by removing signed thinking blocks from a
  // reply: a client in a tool loop must send them back (see upstreamThinking).
  const suppress = decision.actions.suppressReasoning === true || decision.actions.stripReasoning === true;
  const thinking = upstreamThinking(body, maxTokens, suppress);
  if (thinking.change) {
    upstream.thinking = thinking.thinking;
    thinkingChange = thinking.change;
  }
  const shield = guard.shield;
  if (options.system) {
    // The route's own system prompt carries the deployment's canary too, so leaks of it are caught.
    const system = options.system(body);
    upstream.system = shield?.canary ? withCanary(system, shield.canary) : system;
  }
  delete upstream.stream;
  const outputOptions = shield && shield.options.output !== false ? shield.options.output : undefined;
  const sentSystem = systemText(upstream as Pick<MessagesBody, 'system'>);
  const filters: OutputFilter[] = [];
  const marks: Watermarker[] = [];

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on('close', onClose);
  try {
    if (decision.actions.delayMs) await sleep(decision.actions.delayMs, abort.signal);
    const transforms = () => {
      const list: TextTransform[] = [];
      // Text is not signed: prompted `<thinking>` sections can go without breaking anything.
      if (suppress) list.push(reasoningStripper());
      if (outputOptions) {
        const filter = createOutputFilter({ ...outputOptions, ...(sentSystem && { systemPrompt: sentSystem }) });
        filters.push(filter);
        list.push(filter);
      }
      if (options.output) list.push(...options.output());
      // Last: the shield reads the text as Claude wrote it (a leaked prompt is caught unaltered).
      if (options.watermark) list.push(track(marks, options.watermark.create(decision.identity.id)));
      return list.length > 0 ? chainTransforms(list) : undefined;
    };
    // Redactions are counted per reply, for the audit trail.
    const withRedactions = (outcome: Outcome) => {
      const redactions: Record<string, number> = {};
      for (const f of filters) for (const [label, n] of Object.entries(f.redactions)) redactions[label] = (redactions[label] ?? 0) + n;
      const marked = outcome.violation ? undefined : watermarkOutcome(options, marks);
      return record({ ...outcome, ...(Object.keys(redactions).length > 0 && { redactions }), ...(marked && { watermark: marked }) });
    };
    if (body.stream === true) await relayStream(options, ctx, upstream, abort, transforms, withRedactions);
    else await relayJson(options, ctx, upstream, abort, transforms, withRedactions);
  } finally {
    res.off('close', onClose);
  }
}

async function relayJson(
  options: ResolvedClaudeRouteOptions,
  { decision, res }: RelayContext,
  upstream: Record<string, unknown>,
  abort: AbortController,
  transforms: () => TextTransform | undefined,
  record: (o: Outcome) => Promise<void>,
): Promise<void> {
  const watchdog = new UpstreamWatchdog(abort);
  watchdog.arm(options.timeouts.responseMs);
  const message = await callUpstream<MessageLike>(options, decision, res, upstream, abort, record, watchdog);
  watchdog.clear();
  if (!message) return;
  const usage = readUsage(message.usage);
  // What every outcome of this answer says about it.
  const answered = { ...(usage && { usage }), ...(message.model && { model: message.model }), ...(typeof message.id === 'string' && { responseId: message.id }) };
  let outputText = '';
  const content: MessageLike['content'] = [];
  for (const block of message.content ?? []) {
    if (block.type === 'text' && typeof block.text === 'string') {
      const t = transforms();
      const text = t ? runWhole(t, block.text) : { text: block.text };
      if (text.violation) {
        sendJson(res, 403, decision.headers, anthropicErrorBody(403, 'The reply was withheld: it contained protected content.', decision.id));
        await record({ status: 403, ...answered, error: 'output_violation', violation: text.violation });
        return;
      }
      outputText += text.text;
      content.push({ ...block, text: text.text });
    } else {
      content.push(block);
    }
  }
  sendJson(res, 200, decision.headers, { ...message, content });
  // Thinking and tool inputs go to the client untouched, and are read like the text (ninth round).
  const otherText = servedOutput(content).otherText;
  await record({ status: 200, ...answered, outputText: outputText.slice(0, MAX_RECORDED_OUTPUT), ...(otherText && { otherOutputText: otherText.slice(0, MAX_RECORDED_OUTPUT) }) });
}

async function relayStream(
  options: ResolvedClaudeRouteOptions,
  { decision, res }: RelayContext,
  upstream: Record<string, unknown>,
  abort: AbortController,
  transforms: () => TextTransform | undefined,
  record: (o: Outcome) => Promise<void>,
): Promise<void> {
  const watchdog = new UpstreamWatchdog(abort);
  watchdog.arm(options.timeouts.firstEventMs);
  const stream = await callUpstream<AsyncIterable<StreamEvent>>(options, decision, res, { ...upstream, stream: true }, abort, record, watchdog);
  if (!stream) {
    watchdog.clear();
    return;
  }

  res.writeHead(200, {
    ...decision.headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const rewriter = new StreamRewriter({
    stripReasoning: false,
    transforms,
    maxOutputTokens: upstream.max_tokens as number,
    maxRecordedChars: MAX_RECORDED_OUTPUT,
  });
  let error: string | undefined;
  try {
    for await (const event of stream) {
      watchdog.arm(options.timeouts.idleMs);
      for (const out of rewriter.handle(event)) writeEvent(res, out);
      if (rewriter.stopped) break;
    }
  } catch (err) {
    const mapped = watchdog.timedOut ? timeoutError(decision.id) : mapUpstreamError(err, decision.id);
    if (!mapped.aborted) {
      error = mapped.code;
      writeEvent(res, { type: 'error', error: mapped.body.error });
    }
  }
  watchdog.clear();
  // An aborted stream may just end instead of throwing: the watchdog's timeout is said either way.
  if (watchdog.timedOut && !error) {
    const mapped = timeoutError(decision.id);
    error = mapped.code;
    writeEvent(res, { type: 'error', error: mapped.body.error });
  }
  if (rewriter.violation) {
    error = 'output_violation';
    writeEvent(res, { type: 'error', error: { type: 'api_error', message: 'The reply was stopped: it contained protected content.' } });
  }
  if (rewriter.stopped) abort.abort();
  const aborted = abort.signal.aborted && !rewriter.stopped && !watchdog.timedOut;
  if (!res.writableEnded) res.end();
  const usage = rewriter.usage();
  await record({
    status: 200,
    ...(usage && { usage }),
    ...(rewriter.model && { model: rewriter.model }),
    ...(rewriter.responseId && { responseId: rewriter.responseId }),
    outputText: rewriter.outputText,
    ...(rewriter.otherText && { otherOutputText: rewriter.otherText }),
    ...(aborted && { aborted: true }),
    ...(error && { error }),
    ...(rewriter.violation && { violation: rewriter.violation }),
  });
}

/**
 * Calls the Messages API. On failure answers the client with the mapped error (unless it left),
 * records the failure, and resolves to undefined.
 */
async function callUpstream<T>(
  options: ResolvedClaudeRouteOptions,
  decision: Decision,
  res: ServerResponse,
  body: Record<string, unknown>,
  abort: AbortController,
  record: (o: Outcome) => Promise<void>,
  watchdog: UpstreamWatchdog,
): Promise<T | undefined> {
  try {
    return (await options.client.messages.create(body as never, { signal: abort.signal })) as T;
  } catch (err) {
    // The watchdog aborted it: Claude did not answer in time (the client is still there).
    const mapped = watchdog.timedOut ? timeoutError(decision.id) : mapUpstreamError(err, decision.id);
    if (!mapped.aborted) sendJson(res, mapped.status, { ...decision.headers, ...mapped.headers }, mapped.body);
    await record({ status: mapped.status, error: mapped.code, aborted: mapped.aborted });
    return undefined;
  }
}

/** What the client gets when the watchdog gave up on Claude: a 504 in the API's error shape. */
function timeoutError(requestId: string) {
  return { status: 504, headers: {}, body: anthropicErrorBody(504, UPSTREAM_TIMEOUT_MESSAGE, requestId), code: 'upstream_timeout', aborted: false };
}

function runWhole(t: TextTransform, text: string) {
  const a = t.push(text);
  if (a.violation) return a;
  const b = t.end();
  if (b.violation) return b;
  return { text: a.text + b.text };
}

function writeEvent(res: ServerResponse, event: StreamEvent | { type: string; [k: string]: unknown }): void {
  if (res.writableEnded || res.destroyed) return;
  res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

function track<T>(list: T[], item: T): T {
  list.push(item);
  return item;
}

/** What the audit records of the mark: the key's id and how many positions the reply's text carried. */
function watermarkOutcome(options: ResolvedClaudeRouteOptions, marks: Watermarker[]): Outcome['watermark'] {
  if (!options.watermark || marks.length === 0) return undefined;
  const positions = marks.reduce((n, m) => n + m.positions, 0);
  return { keyId: options.watermark.keyId, positions, ...(options.watermark.attribution && { attribution: true as const }) };
}

function cap(requested: number, ...caps: Array<number | undefined>): number {
  return Math.max(1, Math.min(requested, ...caps.filter((c): c is number => c !== undefined)));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

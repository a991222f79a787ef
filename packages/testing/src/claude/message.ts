import { randomBytes } from 'node:crypto';
import type { CacheSplit } from './cache.js';
import { generateReply, generateThinking, signThinking } from './reply.js';
import { countTextTokens, truncateToTokens } from './tokens.js';
import type { MessagesRequestBody, ToolCall, Usage } from './types.js';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';

/** Everything a reply is made of, computed once and then written as JSON or as SSE. */
export interface MessagePlan {
  id: string;
  model: string;
  thinking?: { text: string; signature: string };
  /** Reply text; with a tool call it may be empty, and then no text block is sent. */
  text: string;
  /** A tool call that ends the reply. */
  toolUse?: { id: string; name: string; input: Record<string, unknown> };
  stopReason: StopReason;
  stopSequence: string | null;
  usage: Usage;
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * A random id in the API's style (`msg_01...`, `req_01...`).
 *
 * @example
 * newId('msg'); // 'msg_01Xq...'
 */
export function newId(prefix: string): string {
  const bytes = randomBytes(22);
  let id = `${prefix}_01`;
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}

/** Inputs of {@link planMessage} that do not come from the request body. */
export interface PlanInput {
  /** The prompt the reply is about (last user message without directives). */
  prompt: string;
  seed: number;
  /** Reply text decided before generation (directive or custom `reply`), if any. */
  fixedText?: string;
  long: boolean;
  cache: CacheSplit;
  /** A tool call to end the reply with, instead of an answer. */
  toolCall?: ToolCall;
  /** Thinking text decided before generation (the `thinking` option), if any. */
  fixedThinking?: string;
}

/** Fixed thinking is cut to the budget the request gave it; generated thinking fills its target. */
function planThinking(input: PlanInput, body: MessagesRequestBody, target: number): string {
  if (input.fixedThinking === undefined) return generateThinking(input.prompt, input.seed, target);
  const budget = body.thinking?.type === 'enabled' ? body.thinking.budget_tokens : Math.floor(body.max_tokens / 2);
  return truncateToTokens(input.fixedThinking, budget).text;
}

function thinkingTarget(body: MessagesRequestBody, seed: number): number {
  const thinking = body.thinking;
  if (!thinking || thinking.type === 'disabled') return 0;
  const natural = 24 + (seed % 40);
  if (thinking.type === 'enabled') return Math.min(natural, thinking.budget_tokens);
  return Math.min(natural, Math.floor(body.max_tokens / 2));
}

function applyStopSequences(text: string, stops: string[] | undefined): { text: string; stop: string | null } {
  let cut = -1;
  let stop: string | null = null;
  for (const candidate of stops ?? []) {
    if (candidate === '') continue;
    const at = text.indexOf(candidate);
    if (at >= 0 && (cut < 0 || at < cut)) {
      cut = at;
      stop = candidate;
    }
  }
  return cut < 0 ? { text, stop: null } : { text: text.slice(0, cut), stop };
}

/**
 * Decides the reply to a validated request: optional thinking, text cut at a stop sequence
 * or at `max_tokens` (thinking and text share that budget), and the usage to report.
 *
 * @example
 * planMessage(body, { prompt: 'Hi', seed: 1, long: false, cache: { input: 8, write: 0, write1h: 0, read: 0 } }).stopReason;
 */
export function planMessage(body: MessagesRequestBody, input: PlanInput): MessagePlan {
  const thinkingTokens = thinkingTarget(body, input.seed);
  const thinkingText = thinkingTokens > 0 ? planThinking(input, body, thinkingTokens) : undefined;
  const usedByThinking = thinkingText === undefined ? 0 : countTextTokens(thinkingText);

  if (input.toolCall) return toolUsePlan(body, input, thinkingText, usedByThinking, input.toolCall);

  const full = input.fixedText ?? generateReply(input.prompt, input.seed, { long: input.long });
  const stopped = applyStopSequences(full, body.stop_sequences);
  const truncated = truncateToTokens(stopped.text, Math.max(0, body.max_tokens - usedByThinking));

  let stopReason: StopReason = 'end_turn';
  let stopSequence: string | null = null;
  if (truncated.truncated) stopReason = 'max_tokens';
  else if (stopped.stop !== null) {
    stopReason = 'stop_sequence';
    stopSequence = stopped.stop;
  }

  return {
    id: newId('msg'),
    model: body.model,
    ...thinkingOf(thinkingText),
    text: truncated.text,
    stopReason,
    stopSequence,
    usage: usageOf(input.cache, usedByThinking + truncated.tokens),
  };
}

/** A reply that ends in a tool call: thinking (when on), the call's text if any, the `tool_use` block. */
function toolUsePlan(body: MessagesRequestBody, input: PlanInput, thinkingText: string | undefined, usedByThinking: number, call: ToolCall): MessagePlan {
  const text = call.text ?? '';
  // Counted like a tool_use block in a prompt, so a tool call costs about what the API bills for one.
  const callTokens = 10 + countTextTokens(`${call.name} ${JSON.stringify(call.input)}`);
  const output = usedByThinking + countTextTokens(text) + callTokens;
  return {
    id: newId('msg'),
    model: body.model,
    ...thinkingOf(thinkingText),
    text,
    toolUse: { id: newId('toolu'), name: call.name, input: call.input },
    stopReason: 'tool_use',
    stopSequence: null,
    usage: usageOf(input.cache, output),
  };
}

function thinkingOf(text: string | undefined): Pick<MessagePlan, 'thinking'> {
  return text === undefined ? {} : { thinking: { text, signature: signThinking(text) } };
}

function usageOf(cache: CacheSplit, output: number): Usage {
  return {
    input_tokens: cache.input,
    cache_creation_input_tokens: cache.write,
    cache_read_input_tokens: cache.read,
    cache_creation: { ephemeral_5m_input_tokens: cache.write - cache.write1h, ephemeral_1h_input_tokens: cache.write1h },
    output_tokens: output,
    service_tier: 'standard',
  };
}

/** Whether a plan has a text block (a tool call may come without one). */
export function hasText(plan: MessagePlan): boolean {
  return plan.toolUse === undefined || plan.text !== '';
}

/** The content blocks of a plan, as the JSON reply carries them. */
export function contentOf(plan: MessagePlan): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = [];
  if (plan.thinking) blocks.push({ type: 'thinking', thinking: plan.thinking.text, signature: plan.thinking.signature });
  if (hasText(plan)) blocks.push({ type: 'text', text: plan.text });
  if (plan.toolUse) blocks.push({ type: 'tool_use', ...plan.toolUse });
  return blocks;
}

/**
 * The non-streaming reply body, field for field as the Messages API sends it.
 *
 * @example
 * messageJson(plan).type; // 'message'
 */
export function messageJson(plan: MessagePlan): Record<string, unknown> {
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: contentOf(plan),
    stop_reason: plan.stopReason,
    stop_sequence: plan.stopSequence,
    usage: plan.usage,
  };
}

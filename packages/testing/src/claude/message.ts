import { randomBytes } from 'node:crypto';
import type { CacheSplit } from './cache.js';
import { generateReply, generateThinking, signThinking } from './reply.js';
import { countTextTokens, truncateToTokens } from './tokens.js';
import type { MessagesRequestBody, Usage } from './types.js';

export type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence';

/** Everything a reply is made of, computed once and then written as JSON or as SSE. */
export interface MessagePlan {
  id: string;
  model: string;
  thinking?: { text: string; signature: string };
  text: string;
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
  const thinkingText = thinkingTokens > 0 ? generateThinking(input.prompt, input.seed, thinkingTokens) : undefined;
  const usedByThinking = thinkingText === undefined ? 0 : countTextTokens(thinkingText);

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
    ...(thinkingText === undefined ? {} : { thinking: { text: thinkingText, signature: signThinking(thinkingText) } }),
    text: truncated.text,
    stopReason,
    stopSequence,
    usage: {
      input_tokens: input.cache.input,
      cache_creation_input_tokens: input.cache.write,
      cache_read_input_tokens: input.cache.read,
      cache_creation: { ephemeral_5m_input_tokens: input.cache.write - input.cache.write1h, ephemeral_1h_input_tokens: input.cache.write1h },
      output_tokens: usedByThinking + truncated.tokens,
      service_tier: 'standard',
    },
  };
}

/** The content blocks of a plan, as the JSON reply carries them. */
export function contentOf(plan: MessagePlan): Array<Record<string, unknown>> {
  const blocks: Array<Record<string, unknown>> = [];
  if (plan.thinking) blocks.push({ type: 'thinking', thinking: plan.thinking.text, signature: plan.thinking.signature });
  blocks.push({ type: 'text', text: plan.text });
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

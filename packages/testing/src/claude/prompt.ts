import { createHash } from 'node:crypto';
import { countTextTokens } from './tokens.js';
import type { ContentBlockParam, CountTokensRequestBody } from './types.js';

/** One cacheable unit of a prompt, in the order the API caches them: tools, system, messages. */
export interface Segment {
  /** Canonical JSON of the unit without its `cache_control`. */
  key: string;
  tokens: number;
  /** True when the unit carries a `cache_control` breakpoint. */
  breakpoint: boolean;
  /** The breakpoint's cache lifetime (`cache_control.ttl`; 5 minutes unless it says `'1h'`). */
  ttl?: CacheTtl;
}

/** The two cache lifetimes of the Messages API. */
export type CacheTtl = '5m' | '1h';

/** The segment fields for a unit's `cache_control` (none: not a breakpoint). */
function breakpointOf(control: unknown): { breakpoint: boolean; ttl?: CacheTtl } {
  if (control == null) return { breakpoint: false };
  return { breakpoint: true, ttl: (control as { ttl?: unknown }).ttl === '1h' ? '1h' : '5m' };
}

type PromptBody = CountTokensRequestBody;

const BASE_TOKENS = 4;
const PER_MESSAGE_TOKENS = 3;
const IMAGE_TOKENS = 1600;
const DOCUMENT_TOKENS = 2000;

const withoutCacheControl = (value: Record<string, unknown>): string => {
  const { cache_control: _ignored, ...rest } = value;
  return JSON.stringify(rest);
};

function blockTokens(block: ContentBlockParam): number {
  switch (block.type) {
    case 'text':
      return countTextTokens(block.text ?? '');
    case 'image':
      return IMAGE_TOKENS;
    case 'document': {
      const source = block.source as { type?: string; data?: unknown } | undefined;
      return source?.type === 'text' && typeof source.data === 'string' ? countTextTokens(source.data) : DOCUMENT_TOKENS;
    }
    case 'tool_use':
      return 10 + countTextTokens(`${String(block.name)} ${JSON.stringify(block.input ?? {})}`);
    case 'tool_result': {
      const content = block.content;
      if (typeof content === 'string') return 5 + countTextTokens(content);
      if (Array.isArray(content)) return 5 + (content as ContentBlockParam[]).reduce((n, b) => n + blockTokens(b), 0);
      return 5;
    }
    case 'thinking':
    case 'redacted_thinking':
      // The API strips earlier turns' thinking from the context, so it costs no input tokens.
      return 0;
    default:
      return countTextTokens(JSON.stringify(block));
  }
}

/**
 * Splits a request into the ordered units the prompt cache works on, with their token counts.
 *
 * @example
 * segmentsOf({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'Hi' }] }).length; // 3
 */
export function segmentsOf(body: PromptBody): Segment[] {
  const segments: Segment[] = [{ key: 'base', tokens: BASE_TOKENS, breakpoint: false }];
  for (const tool of body.tools ?? []) {
    segments.push({
      key: `tool:${withoutCacheControl(tool)}`,
      tokens: countTextTokens(withoutCacheControl(tool)),
      ...breakpointOf(tool.cache_control),
    });
  }
  if (typeof body.system === 'string') {
    segments.push({ key: `system:${body.system}`, tokens: PER_MESSAGE_TOKENS + countTextTokens(body.system), breakpoint: false });
  } else if (Array.isArray(body.system)) {
    segments.push({ key: 'system', tokens: PER_MESSAGE_TOKENS, breakpoint: false });
    for (const block of body.system) {
      segments.push({ key: withoutCacheControl(block), tokens: blockTokens(block), ...breakpointOf(block.cache_control) });
    }
  }
  for (const message of body.messages) {
    segments.push({ key: `role:${message.role}`, tokens: PER_MESSAGE_TOKENS, breakpoint: false });
    if (typeof message.content === 'string') {
      segments.push({ key: JSON.stringify(message.content), tokens: countTextTokens(message.content), breakpoint: false });
      continue;
    }
    for (const block of message.content) {
      segments.push({ key: withoutCacheControl(block), tokens: blockTokens(block), ...breakpointOf(block.cache_control) });
    }
  }
  // A top-level `cache_control` asks the API to place the breakpoint on the last block itself.
  const last = segments[segments.length - 1];
  if (body.cache_control != null && last) Object.assign(last, breakpointOf(body.cache_control));
  return segments;
}

/**
 * Total input tokens of a request (what `count_tokens` answers, before any cache split).
 *
 * @example
 * countInputTokens({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'Hello' }] }); // 8
 */
export function countInputTokens(body: PromptBody): number {
  return segmentsOf(body).reduce((sum, segment) => sum + segment.tokens, 0);
}

/** The text of a message's content (text blocks joined by a blank line). */
export function contentText(content: string | ContentBlockParam[]): string {
  if (typeof content === 'string') return content;
  return content
    .filter((block) => block.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('\n\n');
}

/** The system prompt as plain text ('' when there is none). */
export function systemText(body: PromptBody): string {
  return body.system === undefined ? '' : contentText(body.system);
}

/** The text of the last user message ('' when there is none). */
export function lastUserText(body: PromptBody): string {
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const message = body.messages[i];
    if (message?.role === 'user') return contentText(message.content);
  }
  return '';
}

/**
 * A 32-bit seed identifying a request's conversation, so the same request gets the same reply.
 *
 * @example
 * seedOf(body) === seedOf(structuredClone(body)); // true
 */
export function seedOf(body: PromptBody): number {
  const digest = createHash('sha256')
    .update(JSON.stringify([body.model, body.system ?? null, body.messages]))
    .digest();
  return digest.readUInt32BE(0);
}

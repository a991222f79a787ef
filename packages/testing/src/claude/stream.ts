import type { MessagePlan } from './message.js';
import { chunkByTokens } from './tokens.js';

/** One server-sent event; `delta` marks the events paced by `chunkDelayMs`. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
  /** Set on `text_delta` events: how many text deltas have been sent including this one. */
  textDelta?: number;
  delta?: boolean;
}

/**
 * Frames one event exactly as the API does: `event: <name>\ndata: <json>\n\n`.
 *
 * @example
 * frame('ping', { type: 'ping' }); // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
export function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The event sequence of a streamed reply: `message_start`, then per block
 * `content_block_start` / deltas / `content_block_stop` (with one `ping` after the first
 * block start), then `message_delta` and `message_stop`.
 *
 * @example
 * streamEvents(plan, 4).map((e) => e.event)[0]; // 'message_start'
 */
export function streamEvents(plan: MessagePlan, chunkSize: number): SseEvent[] {
  const events: SseEvent[] = [];
  const push = (event: string, data: Record<string, unknown>, extra: Partial<SseEvent> = {}) =>
    events.push({ event, data: { type: event, ...data }, ...extra });

  push('message_start', {
    message: {
      id: plan.id,
      type: 'message',
      role: 'assistant',
      model: plan.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...plan.usage, output_tokens: Math.min(1, plan.usage.output_tokens) },
    },
  });

  let index = 0;
  const pingOnce = () => {
    if (index === 0) push('ping', {});
  };
  if (plan.thinking) {
    push('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    pingOnce();
    for (const thinking of chunkByTokens(plan.thinking.text, chunkSize)) {
      push('content_block_delta', { index, delta: { type: 'thinking_delta', thinking } }, { delta: true });
    }
    push('content_block_delta', { index, delta: { type: 'signature_delta', signature: plan.thinking.signature } });
    push('content_block_stop', { index });
    index++;
  }
  push('content_block_start', { index, content_block: { type: 'text', text: '' } });
  pingOnce();
  let sent = 0;
  for (const text of chunkByTokens(plan.text, chunkSize)) {
    sent++;
    push('content_block_delta', { index, delta: { type: 'text_delta', text } }, { delta: true, textDelta: sent });
  }
  push('content_block_stop', { index });

  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens } = plan.usage;
  push('message_delta', {
    delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence },
    usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens },
  });
  push('message_stop', {});
  return events;
}

import { hasText, type MessagePlan } from './message.js';
import { chunkByTokens } from './tokens.js';

/** Characters of tool input per `input_json_delta`. */
const JSON_CHUNK_CHARS = 12;

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
 * The event sequence of a streamed reply: `message_start`, then per block (thinking, text,
 * tool call) `content_block_start` / deltas / `content_block_stop` (with one `ping` after the
 * first block start), then `message_delta` and `message_stop`.
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
  if (hasText(plan)) {
    push('content_block_start', { index, content_block: { type: 'text', text: '' } });
    pingOnce();
    let sent = 0;
    for (const text of chunkByTokens(plan.text, chunkSize)) {
      sent++;
      push('content_block_delta', { index, delta: { type: 'text_delta', text } }, { delta: true, textDelta: sent });
    }
    push('content_block_stop', { index });
    index++;
  }
  if (plan.toolUse) {
    const { id, name, input } = plan.toolUse;
    push('content_block_start', { index, content_block: { type: 'tool_use', id, name, input: {} } });
    pingOnce();
    // The API streams the input as JSON text in pieces that are not valid JSON on their own.
    const json = JSON.stringify(input);
    for (let at = 0; at < json.length; at += JSON_CHUNK_CHARS) {
      push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: json.slice(at, at + JSON_CHUNK_CHARS) } }, { delta: true });
    }
    push('content_block_stop', { index });
  }

  const { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens } = plan.usage;
  push('message_delta', {
    delta: { stop_reason: plan.stopReason, stop_sequence: plan.stopSequence },
    usage: { input_tokens, cache_creation_input_tokens, cache_read_input_tokens, output_tokens },
  });
  push('message_stop', {});
  return events;
}

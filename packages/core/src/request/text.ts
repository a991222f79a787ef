import type { ContentBlock, MessageParam, MessagesBody } from './types.js';

/** The concatenated text of a message's content (text blocks only). */
export function messageText(message: Pick<MessageParam, 'content'>): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  let out = '';
  for (const block of content as ContentBlock[]) {
    if (block.type === 'text' && typeof block.text === 'string') out += out ? `\n${block.text}` : block.text;
  }
  return out;
}

/** Text of the last user turn, the prompt that a new request actually asks. */
export function lastUserText(body: Pick<MessagesBody, 'messages'>): string {
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const m = body.messages[i]!;
    if (m.role === 'user') return messageText(m);
  }
  return '';
}

/**
 * The client's own start of the answer: the text of a last assistant turn (a prefill), which the
 * served text continues and the client holds in front of it; `''` when the last turn is the user's.
 *
 * @example
 * ```ts
 * prefillText({ messages: [{ role: 'user', content: 'Solve it.' }, { role: 'assistant', content: '{"steps": ["' }] }); // '{"steps": ["'
 * ```
 */
export function prefillText(body: Pick<MessagesBody, 'messages'>): string {
  const last = body.messages.at(-1);
  return last?.role === 'assistant' ? messageText(last) : '';
}

/** The system prompt as plain text. */
export function systemText(body: Pick<MessagesBody, 'system'>): string {
  const { system } = body;
  if (!system) return '';
  if (typeof system === 'string') return system;
  return system.map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
}

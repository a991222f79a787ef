import { mix32 } from './hash.js';
import type { MessageParam, MessagesBody } from '../request/index.js';
import { messageText } from '../request/index.js';

/** Characters (whitespace left out) of an answer that its digest covers. */
export const DIGEST_CHARS = 600;

/**
 * The digest of an answer as the client received it: a 32-bit hash of its first 600 characters
 * other than whitespace. Whitespace is left out because clients re-flow it (trailing newlines,
 * CRLF, markdown renderers); only the start is read so that a log that caps stored answers
 * (`response.content`, 2,000 characters) and a client that resends the whole answer agree. Never 0.
 *
 * @example
 * ```ts
 * answerDigest('Paris is the capital.\n') === answerDigest('Paris is the capital.'); // true
 * ```
 */
export function answerDigest(text: string): number {
  let h = 0x811c9dc5;
  let taken = 0;
  for (let i = 0; i < text.length && taken < DIGEST_CHARS; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0) continue;
    h = Math.imul(h ^ c, 0x01000193);
    taken++;
  }
  if (taken === 0) return 0;
  return mix32(h) || 1;
}

/**
 * The digest of the assistant turn a request continues: the newest assistant message that a user
 * message follows (a final assistant message is the client's own prefill, not an answer). 0 when
 * there is none, when it carries no text, or when it is part of a tool-use loop: an agent sends
 * those back at once, possibly before the answer was recorded, and they are not a harvest's shape.
 *
 * @example
 * ```ts
 * continuedAnswer({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello!' }, { role: 'user', content: 'and?' }] });
 * ```
 */
export function continuedAnswer(body: Pick<MessagesBody, 'messages'>): number {
  const messages = body.messages;
  for (let i = messages.length - 2; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'assistant') continue;
    if (hasToolUse(m)) return 0;
    return answerDigest(messageText(m));
  }
  return 0;
}

function hasToolUse(m: MessageParam): boolean {
  if (typeof m.content === 'string') return false;
  for (const block of m.content) if (block.type === 'tool_use' || block.type === 'server_tool_use') return true;
  return false;
}

import { InvalidRequestError } from '../errors/index.js';
import { checkBodyShape, type MessagesBody } from '../request/index.js';

/**
 * The minimum a body must satisfy for the guard to reason about it. The shield's full schema
 * validation replaces this when the shield is on.
 */
export function basicValidation(body: unknown): MessagesBody {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object (an Anthropic Messages request).');
  }
  checkBodyShape(body);
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model.length === 0) throw new InvalidRequestError('model: Field required (a model id string).', { param: 'model' });
  if (typeof b.max_tokens !== 'number' || !Number.isInteger(b.max_tokens) || b.max_tokens < 1) {
    throw new InvalidRequestError('max_tokens: must be an integer >= 1.', { param: 'max_tokens' });
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) throw new InvalidRequestError('messages: must be a non-empty array.', { param: 'messages' });
  const messages: unknown[] = b.messages;
  for (let i = 0; i < messages.length; i++) {
    const msg = messages[i] as Record<string, unknown> | null;
    if (!msg || typeof msg !== 'object') throw new InvalidRequestError(`messages.${i}: must be an object with role and content.`, { param: `messages.${i}` });
    if (msg.role !== 'user' && msg.role !== 'assistant') throw new InvalidRequestError(`messages.${i}.role: must be "user" or "assistant".`, { param: `messages.${i}.role` });
    if (typeof msg.content !== 'string' && !Array.isArray(msg.content)) {
      throw new InvalidRequestError(`messages.${i}.content: must be a string or an array of content blocks.`, { param: `messages.${i}.content` });
    }
  }
  return body as MessagesBody;
}

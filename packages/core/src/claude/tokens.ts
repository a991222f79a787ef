import type { MessagesBody } from '../request/index.js';

/**
 * A deliberately generous estimate of a request's input tokens, for reserving budget before the
 * call (the real count reconciles it afterwards). Claude averages about 3.5-4 characters per
 * token on English text; we count 3.5 and add per-message overhead so reservations rarely fall short.
 */
export function estimateInputTokens(body: Pick<MessagesBody, 'messages' | 'system' | 'tools'>): number {
  let chars = 0;
  let parts = 0;
  const addContent = (content: unknown): void => {
    if (typeof content === 'string') {
      chars += content.length;
      return;
    }
    if (Array.isArray(content)) {
      for (const block of content) {
        parts++;
        if (block && typeof block === 'object') {
          const b = block as Record<string, unknown>;
          if (typeof b.text === 'string') chars += b.text.length;
          else if (b.type === 'image' || b.type === 'document') chars += 4_000; // ~1.1k tokens, a typical image
          else chars += JSON.stringify(b).length;
        }
      }
    }
  };
  for (const m of body.messages) {
    parts++;
    addContent(m.content);
  }
  addContent(body.system);
  if (body.tools) chars += JSON.stringify(body.tools).length;
  return Math.ceil(chars / 3.5) + parts * 4 + 8;
}

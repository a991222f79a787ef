import type { MessagesBody } from '../request/index.js';

/**
 * A deliberately generous estimate of a request's input tokens, for reserving budget before the
 * call (the real count reconciles it afterwards). Claude averages about 3.5-4 characters per
 * token on English text; we count 3.5 and add per-message overhead so reservations rarely fall short.
 */
export function estimateInputTokens(body: Pick<MessagesBody, 'messages' | 'system' | 'tools'>): number {
  // Runs on every request: plain loops, no closures, nothing allocated.
  let chars = 0;
  let parts = 0;
  for (const m of body.messages) {
    parts++;
    const content = m.content;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      parts += content.length;
      chars += blockChars(content);
    }
  }
  const system = body.system;
  if (typeof system === 'string') chars += system.length;
  else if (Array.isArray(system)) {
    parts += system.length;
    chars += blockChars(system);
  }
  if (body.tools) chars += JSON.stringify(body.tools).length;
  return Math.ceil(chars / 3.5) + parts * 4 + 8;
}

function blockChars(blocks: readonly unknown[]): number {
  let chars = 0;
  for (const block of blocks) {
    if (!block || typeof block !== 'object') continue;
    const b = block as Record<string, unknown>;
    if (typeof b.text === 'string') chars += b.text.length;
    else if (b.type === 'image' || b.type === 'document') chars += 4_000; // ~1.1k tokens, a typical image
    else chars += JSON.stringify(b).length;
  }
  return chars;
}

import type { MessagesBody } from '../request/index.js';

/**
 * Whether a request asks for 1-hour prompt caching (`cache_control: { type: 'ephemeral', ttl: '1h' }`
 * on a tool, a system or message block, or the request itself). Such writes cost 2 × input instead
 * of 1.25 ×, so the budget reserved before the call assumes them only when asked for.
 *
 * @example
 * ```ts
 * asksHourCache({ model: 'claude-haiku-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }); // false
 * ```
 */
export function asksHourCache(body: Pick<MessagesBody, 'messages' | 'system' | 'tools'> & { cache_control?: unknown }): boolean {
  // Runs on every request: plain loops over what is already there, nothing allocated.
  if (isHour(body.cache_control)) return true;
  const system = body.system;
  if (Array.isArray(system) && anyHour(system)) return true;
  const tools = body.tools;
  if (Array.isArray(tools) && anyHour(tools)) return true;
  for (const m of body.messages) {
    const content = m.content;
    if (Array.isArray(content) && anyHour(content)) return true;
  }
  return false;
}

function anyHour(blocks: readonly unknown[]): boolean {
  for (const block of blocks) {
    if (block && typeof block === 'object' && isHour((block as { cache_control?: unknown }).cache_control)) return true;
  }
  return false;
}

function isHour(control: unknown): boolean {
  return typeof control === 'object' && control !== null && (control as { ttl?: unknown }).ttl === '1h';
}

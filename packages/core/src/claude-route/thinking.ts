import type { Outcome } from '../decision/index.js';
import type { MessagesBody } from '../request/index.js';
import { continuedTurn } from './tool-loop.js';

/** How `claudeRoute` changed a client's `thinking` setting for one upstream call (see {@link upstreamThinking}). */
export type ThinkingChange = NonNullable<Outcome['thinking']>;

/** The smallest `budget_tokens` the API accepts for `thinking: { type: 'enabled' }`. */
export const MIN_THINKING_BUDGET = 1024;

/** The `thinking` to send upstream, and what was changed. */
export interface UpstreamThinking {
  /** The client's `thinking` when `change` is undefined, else the value that replaces it. */
  thinking: unknown;
  change?: ThinkingChange;
}

const OFF = Object.freeze({ type: 'disabled' as const });

const isOn = (t: unknown): t is { type: 'enabled' | 'adaptive'; budget_tokens?: unknown } =>
  typeof t === 'object' && t !== null && ((t as { type?: unknown }).type === 'enabled' || (t as { type?: unknown }).type === 'adaptive');

/**
 * The thinking configuration to send upstream for a client's request, so that reasoning can be
 * withheld without ever breaking the client's conversation:
 *
 * - a new assistant turn of a restricted account (`suppress`) is sent with thinking off: the
 *   reply then carries no thinking blocks, and nothing has to be removed from it (thinking
 *   blocks are signed, and a tool loop must send them back as received);
 * - a request that continues a tool loop keeps the configuration its turn began with, whatever
 *   `suppress` says now, because the API requires one configuration per turn: on when the turn's
 *   first assistant message starts with a thinking block, off when it does not (a turn that
 *   began restricted stays off after the restriction is lifted);
 * - `budget_tokens` must stay below `max_tokens` (which the route may have capped) and at least
 *   {@link MIN_THINKING_BUDGET}: it is clamped to `max_tokens - 1`, or, when the cap leaves no
 *   room for the smallest budget, thinking is turned off for that call.
 *
 * Requests without thinking, or with thinking off, are never changed.
 *
 * @example
 * ```ts
 * const { thinking, change } = upstreamThinking(body, 1024, decision.actions.suppressReasoning === true);
 * if (change) upstream.thinking = thinking; // e.g. { type: 'disabled' } and change 'suppressed'
 * ```
 */
export function upstreamThinking(body: MessagesBody, maxTokens: number, suppress: boolean): UpstreamThinking {
  const asked = body.thinking;
  if (!isOn(asked)) return { thinking: asked };
  const turn = continuedTurn(body.messages);
  if (turn) {
    if (!turn.startedWithThinking) return { thinking: OFF, change: 'kept-off' };
  } else if (suppress) {
    return { thinking: OFF, change: 'suppressed' };
  }
  const budget = asked.budget_tokens;
  if (asked.type !== 'enabled' || typeof budget !== 'number' || budget < maxTokens) return { thinking: asked };
  // Clamping keeps the client's reasoning within the cap; thinking rarely spends its whole budget.
  if (maxTokens - 1 >= MIN_THINKING_BUDGET) return { thinking: { ...asked, budget_tokens: maxTokens - 1 }, change: 'budget-clamped' };
  // No valid budget fits under the cap, and the cap (a graduated response or what a budget has
  // left) is not ours to raise: this call goes without thinking. In a tool loop that began with
  // thinking that is still valid (the API checks a turn's thinking block only on calls with
  // thinking on), and the turn's first message still starts with thinking, so the next call of
  // the loop may have it again.
  return { thinking: OFF, change: 'off-for-cap' };
}

import type { MessageParam } from '../request/index.js';

/** A request that continues an assistant turn (a tool-use loop), and how that turn began. */
export interface ContinuedTurn {
  /** Index in `messages` of the turn's first assistant message. */
  start: number;
  /** Whether that message starts with a `thinking` or `redacted_thinking` block. */
  startedWithThinking: boolean;
}

const hasBlock = (message: MessageParam | undefined, type: string): boolean =>
  Array.isArray(message?.content) && message.content.some((block) => block.type === type);

const THINKING = new Set(['thinking', 'redacted_thinking']);

/**
 * Whether a request continues an assistant turn rather than starting one, and how that turn
 * began. A tool-use loop is one assistant turn: each user message of `tool_result`s answers the
 * assistant message before it (which ended in `tool_use`), and the turn began at the first
 * assistant message of that chain. That message is where the API looks for the turn's thinking
 * block, so it says which thinking configuration the rest of the turn must keep.
 *
 * @example
 * ```ts
 * const turn = continuedTurn(body.messages);
 * if (turn && !turn.startedWithThinking) body.thinking = { type: 'disabled' }; // the turn began without thinking
 * ```
 */
export function continuedTurn(messages: readonly MessageParam[]): ContinuedTurn | undefined {
  let start: number | undefined;
  for (let i = messages.length - 1; i >= 1; i -= 2) {
    const answer = messages[i];
    const call = messages[i - 1];
    if (answer?.role !== 'user' || !hasBlock(answer, 'tool_result') || call?.role !== 'assistant' || !hasBlock(call, 'tool_use')) break;
    start = i - 1;
  }
  if (start === undefined) return undefined;
  const content = messages[start]!.content;
  const first = typeof content === 'string' ? undefined : content[0]?.type;
  return { start, startedWithThinking: first !== undefined && THINKING.has(first) };
}

import { invalid } from './errors.js';
import { signThinking } from './reply.js';
import type { ContentBlockParam, MessageParam, MessagesRequestBody } from './types.js';

const THINKING_TYPES = new Set(['thinking', 'redacted_thinking']);

const hasBlock = (message: MessageParam | undefined, type: string): boolean =>
  Array.isArray(message?.content) && message.content.some((block) => block.type === type);

/**
 * Where the assistant turn a request continues began: the index of its first assistant message,
 * or undefined when the request starts a new turn. A tool-use loop is one assistant turn: each
 * user message of `tool_result`s answers the assistant message before it, which ends in
 * `tool_use`, and the turn began at the first assistant message of that chain.
 *
 * @example
 * continuedTurnStart([{ role: 'user', content: 'Weather?' }, { role: 'assistant', content: [toolUse] }, { role: 'user', content: [toolResult] }]); // 1
 */
export function continuedTurnStart(messages: readonly MessageParam[]): number | undefined {
  let start: number | undefined;
  for (let i = messages.length - 1; i >= 1; i -= 2) {
    const answer = messages[i];
    const call = messages[i - 1];
    if (answer?.role !== 'user' || !hasBlock(answer, 'tool_result') || call?.role !== 'assistant' || !hasBlock(call, 'tool_use')) break;
    start = i - 1;
  }
  return start;
}

function checkEchoedBlock(block: ContentBlockParam, path: string): void {
  if (block.type === 'thinking') {
    if (typeof block.thinking !== 'string') throw invalid(`${path}.thinking: Field required`);
    if (block.signature === undefined) throw invalid(`${path}.signature: Field required`);
    // Only this server's own signature for exactly this text passes, as only Claude's does upstream.
    if (typeof block.signature !== 'string' || block.signature !== signThinking(block.thinking)) {
      throw invalid(`${path}: Invalid \`signature\` in \`thinking\` block`);
    }
  } else if (block.type === 'redacted_thinking') {
    // This server never redacts, so it cannot check the opaque data; it must at least be there.
    if (typeof block.data !== 'string' || block.data === '') throw invalid(`${path}.data: Field required`);
  }
}

/**
 * The API's rules for thinking blocks sent back in a conversation:
 * - every `thinking` block must carry the signature the server gave it (a modified or unsigned
 *   block is refused);
 * - with thinking on (`enabled` or `adaptive`), a request that continues a tool-use loop must
 *   send the turn's first assistant message back starting with its `thinking` (or
 *   `redacted_thinking`) block, as it was received. Stripping it is the classic 400.
 *
 * Throws an `ApiRequestError` (400 `invalid_request_error`) with the API's wording.
 *
 * @example
 * checkThinkingHistory(body); // throws when a tool loop's thinking block was stripped
 */
export function checkThinkingHistory(body: MessagesRequestBody): void {
  body.messages.forEach((message, i) => {
    if (message.role !== 'assistant' || !Array.isArray(message.content)) return;
    message.content.forEach((block, j) => checkEchoedBlock(block, `messages.${i}.content.${j}`));
  });
  const type = body.thinking?.type;
  if (type !== 'enabled' && type !== 'adaptive') return;
  const start = continuedTurnStart(body.messages);
  if (start === undefined) return;
  const content = body.messages[start]!.content;
  const first = typeof content === 'string' ? 'text' : content[0]?.type;
  if (first !== undefined && THINKING_TYPES.has(first)) return;
  // The API's own message, spelling included, so clients that match on it behave the same here.
  throw invalid(
    `messages.${start}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first ?? 'nothing'}\`. ` +
      'When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ' +
      'We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' +
      'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking',
  );
}

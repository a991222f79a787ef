import { invalid } from './errors.js';
import { checkThinkingHistory } from './thinking-history.js';
import type { ContentBlockParam, CountTokensRequestBody, MessageParam, MessagesRequestBody } from './types.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function checkBlocks(blocks: unknown[], path: string): void {
  blocks.forEach((block, i) => {
    if (!isObject(block)) throw invalid(`${path}.${i}: Input should be an object`);
    if (typeof block.type !== 'string' || block.type === '') throw invalid(`${path}.${i}.type: Field required`);
    if (block.type === 'text') {
      if (typeof block.text !== 'string') throw invalid(`${path}.${i}.text: Field required`);
      if (block.text === '') throw invalid('messages: text content blocks must be non-empty');
    }
    if (block.cache_control != null && !isObject(block.cache_control)) {
      throw invalid(`${path}.${i}.cache_control: Input should be an object`);
    }
  });
}

function checkMessages(messages: unknown): asserts messages is MessageParam[] {
  if (messages === undefined) throw invalid('messages: Field required');
  if (!Array.isArray(messages)) throw invalid('messages: Input should be a valid list');
  if (messages.length === 0) throw invalid('messages: at least one message is required');
  let previous: string | undefined;
  messages.forEach((message, i) => {
    if (!isObject(message)) throw invalid(`messages.${i}: Input should be an object`);
    const { role, content } = message;
    if (role !== 'user' && role !== 'assistant') {
      throw invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    if (i === 0 && role !== 'user') throw invalid('messages: first message must use the "user" role');
    if (role === previous) {
      throw invalid(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`,
      );
    }
    previous = role;
    const isFinalAssistant = role === 'assistant' && i === messages.length - 1;
    if (typeof content === 'string') {
      if (content === '' && !isFinalAssistant) {
        throw invalid(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
      }
    } else if (Array.isArray(content)) {
      if (content.length === 0 && !isFinalAssistant) {
        throw invalid(`messages.${i}: all messages must have non-empty content except for the optional final assistant message`);
      }
      checkBlocks(content, `messages.${i}.content`);
    } else if (content === undefined) {
      throw invalid(`messages.${i}.content: Field required`);
    } else {
      throw invalid(`messages.${i}.content: Input should be a valid string or a valid list`);
    }
  });
}

function checkSystem(system: unknown): void {
  if (system === undefined || typeof system === 'string') return;
  if (!Array.isArray(system)) throw invalid('system: Input should be a valid string or a valid list');
  checkBlocks(system, 'system');
  system.forEach((block, i) => {
    if ((block as ContentBlockParam).type !== 'text') throw invalid(`system.${i}.type: Input should be 'text'`);
  });
}

function checkModel(model: unknown): asserts model is string {
  if (model === undefined) throw invalid('model: Field required');
  if (typeof model !== 'string' || model === '') throw invalid('model: Input should be a valid string');
}

function checkThinking(thinking: unknown, maxTokens: number | undefined): void {
  if (thinking === undefined) return;
  if (!isObject(thinking)) throw invalid('thinking: Input should be an object');
  if (thinking.type === 'disabled' || thinking.type === 'adaptive') return;
  if (thinking.type !== 'enabled') {
    throw invalid("thinking.type: Input should be 'enabled', 'disabled' or 'adaptive'");
  }
  const budget = thinking.budget_tokens;
  if (budget === undefined) throw invalid('thinking.enabled.budget_tokens: Field required');
  if (!isInteger(budget)) throw invalid('thinking.enabled.budget_tokens: Input should be a valid integer');
  if (budget < 1024) throw invalid('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  if (maxTokens !== undefined && maxTokens <= budget) {
    throw invalid('`max_tokens` must be greater than `thinking.budget_tokens`');
  }
}

function checkTools(body: Record<string, unknown>): void {
  const { tools } = body;
  if (tools === undefined) return;
  if (!Array.isArray(tools)) throw invalid('tools: Input should be a valid list');
  tools.forEach((tool, i) => {
    if (!isObject(tool)) throw invalid(`tools.${i}: Input should be an object`);
    if (typeof tool.name !== 'string' || tool.name === '') throw invalid(`tools.${i}.name: Field required`);
  });
}

function checkSampling(body: Record<string, unknown>): void {
  const { stream, temperature, top_p, top_k, stop_sequences, metadata } = body;
  if (stream !== undefined && typeof stream !== 'boolean') throw invalid('stream: Input should be a valid boolean');
  for (const [name, value] of [['temperature', temperature], ['top_p', top_p]] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value)) throw invalid(`${name}: Input should be a valid number`);
    if (value < 0 || value > 1) throw invalid(`${name}: Input should be between 0 and 1`);
  }
  if (top_k !== undefined && (!isInteger(top_k) || top_k < 0)) {
    throw invalid('top_k: Input should be a non-negative integer');
  }
  if (stop_sequences !== undefined) {
    if (!Array.isArray(stop_sequences) || !stop_sequences.every((s) => typeof s === 'string')) {
      throw invalid('stop_sequences: Input should be a valid list of strings');
    }
  }
  if (metadata !== undefined && !isObject(metadata)) throw invalid('metadata: Input should be an object');
}

/**
 * Validates a `POST /v1/messages` body the way the Messages API does, throwing an
 * `ApiRequestError` (400 `invalid_request_error`) that names the first bad field, including
 * the rules for thinking blocks sent back (see `checkThinkingHistory`).
 *
 * @example
 * validateMessagesBody({ model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
 */
export function validateMessagesBody(body: unknown): MessagesRequestBody {
  if (!isObject(body)) throw invalid('Request body must be a JSON object');
  checkModel(body.model);
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined) throw invalid('max_tokens: Field required');
  if (!isInteger(maxTokens)) throw invalid('max_tokens: Input should be a valid integer');
  if (maxTokens < 1) throw invalid('max_tokens: Input should be greater than or equal to 1');
  checkMessages(body.messages);
  checkSystem(body.system);
  checkSampling(body);
  checkThinking(body.thinking, maxTokens);
  checkTools(body);
  checkThinkingHistory(body as MessagesRequestBody);
  return body as MessagesRequestBody;
}

/**
 * Validates a `POST /v1/messages/count_tokens` body (like a create body, without `max_tokens`).
 *
 * @example
 * validateCountTokensBody({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function validateCountTokensBody(body: unknown): CountTokensRequestBody {
  if (!isObject(body)) throw invalid('Request body must be a JSON object');
  checkModel(body.model);
  checkMessages(body.messages);
  checkSystem(body.system);
  checkThinking(body.thinking, undefined);
  checkTools(body);
  return body as CountTokensRequestBody;
}

import Anthropic from '@anthropic-ai/sdk';
import type { ClaudeServer } from '../src/index.js';

export const MODEL = 'claude-haiku-4-5';
export const API_KEY = 'sk-test-offline-key';

/** The real SDK pointed at the offline server; no retries unless asked, so errors surface. */
export function clientFor(server: ClaudeServer, options: { maxRetries?: number; apiKey?: string } = {}): Anthropic {
  return new Anthropic({ apiKey: options.apiKey ?? API_KEY, baseURL: server.url, maxRetries: options.maxRetries ?? 0 });
}

/** A minimal valid request for `prompt`. */
export function ask(prompt: string, extra: Partial<Anthropic.MessageCreateParamsNonStreaming> = {}): Anthropic.MessageCreateParamsNonStreaming {
  return { model: MODEL, max_tokens: 1024, messages: [{ role: 'user', content: prompt }], ...extra };
}

/** The text of a message's text blocks. */
export function textOf(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/** Raw POST to the server, for what the SDK would not send. */
export async function post(server: ClaudeServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': API_KEY, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Resolves with what `promise` rejected with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/** `error.message` of the Anthropic error body an SDK error carries. */
export function apiMessage(error: unknown): string {
  const body = (error as { error?: { error?: { message?: unknown } } }).error;
  return String(body?.error?.message ?? '');
}

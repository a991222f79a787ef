import { redisStore, type GuardRequest, type MessagesBody, type RedisClientLike, type Store } from '../src/internal.js';

/** A valid Messages body with one user turn. */
export function messagesBody(overrides: Partial<MessagesBody> = {}): MessagesBody {
  return { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hello there, how are you today?' }], ...overrides };
}

/** A chat request from a browser-like client. */
export function chatRequest(overrides: Partial<GuardRequest> = {}): GuardRequest {
  return {
    ip: '203.0.113.9',
    method: 'POST',
    path: '/api/chat',
    headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0', 'content-type': 'application/json', 'accept-language': 'en-US' },
    body: messagesBody(),
    ...overrides,
  };
}

/** A logger that keeps what it is given. */
export function memoryLogger() {
  const warnings: string[] = [];
  const errors: string[] = [];
  return { warnings, errors, warn: (m: string) => void warnings.push(m), error: (m: string) => void errors.push(m) };
}

/**
 * A Redis store whose every command fails with "connection refused", as a Redis that went away
 * mid-flight would (the client still says it is connected).
 */
export function brokenRedisStore(): Store {
  const refuse = () => Promise.reject(new Error('connection refused'));
  const client: Record<string, unknown> = {
    status: 'ready',
    isCluster: false,
    pipeline: () => new Proxy({}, { get: (_t, name) => (name === 'exec' ? refuse : () => undefined) }),
    getBuffer: refuse,
    mgetBuffer: refuse,
    defineCommand(name: string) {
      client[name] = refuse;
      client[`${name}Buffer`] = refuse;
    },
    quit: async () => 'OK',
  };
  return redisStore(client as unknown as RedisClientLike);
}

// Everything an example app needs besides its framework: settings, the Claude client, Redis
// (when configured), the guard's store, the conversation store and the client API keys.
import { memoryStore, redisStore } from '@distill-guard/core';
import { clientApiKeys } from './api-keys.mjs';
import { ChatService } from './chat.mjs';
import { createClaude } from './claude.mjs';
import { readConfig } from './config.mjs';
import { memoryConversations, redisConversations } from './conversations.mjs';
import { connectRedis, redactUrl } from './redis.mjs';

/**
 * @typedef {object} ChatbotOptions
 * @property {Record<string, string | undefined>} [env] Settings (default `process.env`), see `readConfig`.
 * @property {Pick<Console, 'log' | 'warn' | 'error'>} [logger] Default `console`.
 * @property {Record<string, unknown>} [guard] Extra `createGuard` options for both guards (tests: `{ warnings: false }`).
 *
 * @typedef {object} ChatbotServices
 * @property {import('./config.mjs').ChatbotConfig} config
 * @property {Pick<Console, 'log' | 'warn' | 'error'>} logger
 * @property {import('./claude.mjs').ClaudeUpstream} claude
 * @property {import('ioredis').Redis | undefined} redis
 * @property {import('@distill-guard/core').Store} store  One store for both guards.
 * @property {import('./conversations.mjs').ConversationStore} conversations
 * @property {ChatService} chat
 * @property {{ entries: import('@distill-guard/core').ApiKeyEntry[], demoKey?: string }} apiKeys
 * @property {string} description  Mode summary for the start-up line.
 * @property {(...guards: import('@distill-guard/core').Guard[]) => void} closeWith Guards to close on `close()`.
 * @property {() => Promise<void>} close  Waits for replies being saved, closes the guards, Redis and the offline server.
 */

/**
 * Starts what both examples share. On failure (Redis unreachable, bad setting) everything
 * already started is closed again before the error is thrown.
 *
 * @example
 * const services = await startServices({ env: process.env });
 * const guard = distillGuard({ store: services.store, onStoreError: 'open' });
 *
 * @param {ChatbotOptions} [options]
 * @returns {Promise<ChatbotServices>}
 */
export async function startServices({ env = process.env, logger = console } = {}) {
  const config = readConfig(env);
  const claude = await createClaude({ realClaude: config.realClaude, offlineChunkDelayMs: config.offlineChunkDelayMs });
  let redis;
  try {
    redis = config.redisUrl ? await connectRedis(config.redisUrl, { logger }) : undefined;
  } catch (err) {
    await claude.close();
    throw err;
  }
  // The guard's limits, flags and detector state, and the conversations, live side by side.
  const store = redis ? redisStore(redis) : memoryStore();
  const conversations = redis ? redisConversations(redis) : memoryConversations();
  const chat = new ChatService({ conversations, model: config.model, maxTokens: config.maxTokens, historyMessages: config.historyMessages, logger });
  /** @type {import('@distill-guard/core').Guard[]} */
  const guards = [];
  let closing;

  const close = async () => {
    // Replies still streaming when the server closed get their last seconds to be saved.
    await Promise.race([chat.idle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    for (const guard of guards) await guard.close().catch((err) => logger.error(`guard.close(): ${err.message}`));
    await conversations.close();
    // quit() waits for pending replies; a client that is not connected only stops reconnecting.
    if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis?.disconnect();
    await claude.close();
  };

  return {
    config,
    logger,
    claude,
    redis,
    store,
    conversations,
    chat,
    apiKeys: clientApiKeys(config.clientApiKeys),
    description: `Claude: ${claude.description}; store: ${redis ? `Redis ${redactUrl(/** @type {string} */ (config.redisUrl))}` : 'memory (set REDIS_URL for Redis)'}`,
    closeWith: (...more) => guards.push(...more),
    close: () => (closing ??= close()),
  };
}

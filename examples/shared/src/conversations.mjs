// Conversation history, kept on the server as JSON messages per conversation: in this process
// by default, in Redis when REDIS_URL is set (so every instance of the app sees the same history).

/**
 * @typedef {{ role: 'user' | 'assistant', content: string }} ChatMessage
 *
 * @typedef {object} ConversationStore
 * @property {'memory' | 'redis'} kind
 * @property {(key: string) => Promise<ChatMessage[]>} load   The messages of a conversation, oldest first.
 * @property {(key: string, messages: ChatMessage[]) => Promise<void>} append
 * @property {() => Promise<void>} close
 */

/** Most messages kept per conversation (older ones are dropped, a user/assistant pair at a time). */
export const DEFAULT_MAX_MESSAGES = 200;

/**
 * Conversations in a bounded in-memory map (least recently used conversations go first).
 *
 * @example
 * const conversations = memoryConversations({ maxConversations: 5000 });
 *
 * @param {{ maxConversations?: number, maxMessages?: number }} [options]
 * @returns {ConversationStore}
 */
export function memoryConversations({ maxConversations = 10_000, maxMessages = DEFAULT_MAX_MESSAGES } = {}) {
  /** @type {Map<string, string[]>} JSON per message, like the Redis list. */
  const map = new Map();
  return {
    kind: 'memory',
    async load(key) {
      const items = map.get(key);
      if (!items) return [];
      // Re-insert: Map order is the LRU order.
      map.delete(key);
      map.set(key, items);
      return items.map((item) => JSON.parse(item));
    },
    async append(key, messages) {
      const items = map.get(key) ?? [];
      map.delete(key);
      items.push(...messages.map((m) => JSON.stringify(m)));
      if (items.length > maxMessages) items.splice(0, evenCut(items.length - maxMessages));
      map.set(key, items);
      if (map.size > maxConversations) map.delete(/** @type {string} */ (map.keys().next().value));
    },
    async close() {
      map.clear();
    },
  };
}

/**
 * Conversations in Redis: one list of JSON messages per conversation, appended and trimmed in one
 * MULTI, expiring `ttlSeconds` after the last message.
 *
 * @example
 * const conversations = redisConversations(new Redis(process.env.REDIS_URL), { ttlSeconds: 7 * 86400 });
 *
 * @param {import('ioredis').Redis} client
 * @param {{ prefix?: string, ttlSeconds?: number, maxMessages?: number }} [options]
 * @returns {ConversationStore}
 */
export function redisConversations(client, { prefix = 'chatbot:conversation:', ttlSeconds = 30 * 86_400, maxMessages = DEFAULT_MAX_MESSAGES } = {}) {
  const keep = maxMessages - (maxMessages % 2);
  return {
    kind: 'redis',
    async load(key) {
      const items = await client.lrange(prefix + key, 0, -1);
      return items.flatMap((item) => {
        try {
          return [JSON.parse(item)];
        } catch {
          return [];
        }
      });
    },
    async append(key, messages) {
      const k = prefix + key;
      const results = await client
        .multi()
        .rpush(k, ...messages.map((m) => JSON.stringify(m)))
        .ltrim(k, -keep, -1)
        .expire(k, ttlSeconds)
        .exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw failed?.[0] ?? new Error('Redis discarded the conversation update.');
    },
    // The client is shared with the guard's store; whoever created it closes it.
    async close() {},
  };
}

/** Drop an even number of messages so a conversation still starts with the user's turn. */
function evenCut(n) {
  return n + (n % 2);
}

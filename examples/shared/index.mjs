// What the Express and Koa chatbot examples share.
export { startServices } from './src/services.mjs';
export { readConfig, ConfigError, DEFAULT_MODEL, DEFAULT_SYSTEM_PROMPT } from './src/config.mjs';
export { createClaude } from './src/claude.mjs';
export { connectRedis, redactUrl } from './src/redis.mjs';
export { memoryConversations, redisConversations } from './src/conversations.mjs';
export { ChatService, CONVERSATION_ID, MAX_MESSAGE_CHARS } from './src/chat.mjs';
export { anonymousUser, SESSION_COOKIE } from './src/session.mjs';
export { parseClientApiKeys, newClientKey, clientApiKeys } from './src/api-keys.mjs';
export { pageAssets } from './src/page.mjs';
export { runMain } from './src/main.mjs';
export { createGuards } from './src/guards.mjs';

// The examples' settings, all from environment variables, read once at start-up.
import { parseClientApiKeys } from './api-keys.mjs';

/**
 * @typedef {import('@distill-guard/core').ApiKeyEntry} ApiKeyEntry
 *
 * @typedef {object} ChatbotConfig
 * @property {number} port             `PORT`, default 3000 (0 picks a free port).
 * @property {string | undefined} host `HOST`, default: every interface.
 * @property {boolean} realClaude      Whether `ANTHROPIC_API_KEY` is set (then the SDK reads it itself).
 * @property {string | undefined} redisUrl `REDIS_URL`: conversations, limits and flags in Redis.
 * @property {string} model            `CLAUDE_MODEL`, the chat page's model.
 * @property {string[]} models         `CLAUDE_MODELS`, what `/v1/messages` clients may ask for.
 * @property {number} maxTokens        `MAX_TOKENS`, the cap on every reply.
 * @property {string} system           `SYSTEM_PROMPT`, the server's system prompt (clients cannot replace it).
 * @property {number} historyMessages  `HISTORY_MESSAGES`, stored messages sent along with each new one.
 * @property {ApiKeyEntry[]} clientApiKeys `CLIENT_API_KEYS`, the `/v1/messages` clients' keys (as hashes).
 * @property {number} offlineChunkDelayMs `OFFLINE_CHUNK_DELAY_MS`, pacing of the offline server's stream.
 * @property {boolean} secureCookie    `COOKIE_SECURE=1` marks the session cookie `Secure` (behind HTTPS).
 */

export const DEFAULT_MODEL = 'claude-haiku-5-5';
export const DEFAULT_SYSTEM_PROMPT =
  'You are the assistant of a small demo chat protected by distill-guard. Answer helpfully and concisely.';

/** A setting that cannot be used; `main` prints its message and exits with status 1. */
export class ConfigError extends Error {
  /** @override */
  name = 'ConfigError';
}

/**
 * Reads the settings from the environment.
 *
 * @example
 * const config = readConfig({ PORT: '8080', REDIS_URL: 'redis://localhost:6379' });
 *
 * @param {Record<string, string | undefined>} env
 * @returns {ChatbotConfig}
 */
export function readConfig(env = process.env) {
  const model = text(env.CLAUDE_MODEL) ?? DEFAULT_MODEL;
  const models = list(env.CLAUDE_MODELS) ?? [model];
  if (!models.includes(model)) models.unshift(model);
  let clientApiKeys;
  try {
    clientApiKeys = parseClientApiKeys(env.CLIENT_API_KEYS ?? '');
  } catch (err) {
    throw new ConfigError(`CLIENT_API_KEYS: ${/** @type {Error} */ (err).message}`);
  }
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: text(env.HOST),
    realClaude: Boolean(text(env.ANTHROPIC_API_KEY)),
    redisUrl: text(env.REDIS_URL),
    model,
    models,
    maxTokens: integer('MAX_TOKENS', env.MAX_TOKENS, 1024, 1, 64_000),
    system: text(env.SYSTEM_PROMPT) ?? DEFAULT_SYSTEM_PROMPT,
    historyMessages: integer('HISTORY_MESSAGES', env.HISTORY_MESSAGES, 40, 0, 1000),
    clientApiKeys,
    offlineChunkDelayMs: integer('OFFLINE_CHUNK_DELAY_MS', env.OFFLINE_CHUNK_DELAY_MS, 15, 0, 5000),
    secureCookie: env.COOKIE_SECURE === '1' || env.COOKIE_SECURE === 'true',
  };
}

/** @param {string | undefined} value */
function text(value) {
  const v = value?.trim();
  return v ? v : undefined;
}

/** @param {string | undefined} value */
function list(value) {
  const items = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

/**
 * @param {string} name
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function integer(name, value, fallback, min, max) {
  const v = text(value);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${v}".`);
  return n;
}

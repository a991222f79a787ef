// One ioredis client for everything the example keeps in Redis: the guard's store and the
// conversations.
import { Redis } from 'ioredis';

/**
 * Connects to `REDIS_URL` and waits until the connection is ready, so a wrong URL fails at
 * start-up with a clear message instead of at the first request. Connection errors after that
 * are logged (at most one line per 10 s); the guard then follows its `onStoreError` policy.
 *
 * @example
 * const redis = await connectRedis(process.env.REDIS_URL);
 * const store = redisStore(redis);
 *
 * @param {string} url
 * @param {{ logger?: Pick<Console, 'warn' | 'error'> }} [options]
 * @returns {Promise<Redis>}
 */
export async function connectRedis(url, { logger = console } = {}) {
  const client = new Redis(url, { lazyConnect: true, enableAutoPipelining: true, maxRetriesPerRequest: 1, connectTimeout: 5000, disconnectTimeout: 500 });
  let connected = false;
  let lastError;
  let lastLog = 0;
  client.on('error', (err) => {
    lastError = err;
    const now = Date.now();
    if (!connected || now - lastLog < 10_000) return;
    lastLog = now;
    logger.error(`Redis (${redactUrl(url)}): ${err.message}`);
  });
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw new Error(`Could not connect to Redis at ${redactUrl(url)}: ${(lastError ?? /** @type {Error} */ (err)).message}`);
  }
  connected = true;
  return client;
}

/**
 * A Redis URL without its password, for logs.
 *
 * @example
 * redactUrl('redis://:s3cret@cache:6379/0'); // 'redis://:***@cache:6379/0'
 *
 * @param {string} url
 */
export function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

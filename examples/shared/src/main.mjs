// The start command of both examples: create the app, listen on PORT, say which mode it runs in,
// and shut down cleanly on SIGTERM / SIGINT.
import { createServer } from 'node:http';

/**
 * @typedef {object} RunnableChatbot
 * @property {import('node:http').RequestListener} handler
 * @property {{ port: number, host?: string }} config
 * @property {string} description
 * @property {string} [demoKey]
 * @property {() => Promise<void>} close
 */

/**
 * Runs an example until SIGTERM or SIGINT: stops accepting connections, lets replies in flight
 * finish (10 s at most), closes the guards, Redis and the offline server, and exits with 0.
 *
 * @example
 * await runMain({ name: 'express-chatbot', createApp });
 *
 * @param {object} options
 * @param {string} options.name
 * @param {(options: { env: Record<string, string | undefined>, logger: Pick<Console, 'log' | 'warn' | 'error'> }) => Promise<RunnableChatbot>} options.createApp
 * @param {Record<string, string | undefined>} [options.env]
 * @param {Pick<Console, 'log' | 'warn' | 'error'>} [options.logger]
 */
export async function runMain({ name, createApp, env = process.env, logger = console }) {
  /** @type {RunnableChatbot} */
  let chatbot;
  try {
    chatbot = await createApp({ env, logger });
  } catch (err) {
    logger.error(`${name}: could not start: ${/** @type {Error} */ (err).message}`);
    process.exitCode = 1;
    return;
  }

  const server = createServer(chatbot.handler);
  const { port, host } = chatbot.config;
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve(undefined));
    });
  } catch (err) {
    logger.error(`${name}: could not listen on ${host ?? ''}:${port}: ${/** @type {Error} */ (err).message}`);
    await chatbot.close();
    process.exitCode = 1;
    return;
  }
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const shown = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${address.port}`;
  logger.log(`${name} listening on ${url} (${chatbot.description})`);
  if (chatbot.demoKey) {
    logger.log(`Demo client API key for ${url}/v1/messages, valid for this run only (set CLIENT_API_KEYS for lasting keys): ${chatbot.demoKey}`);
  }

  let stopping = false;
  const stop = async (/** @type {string} */ signal) => {
    if (stopping) {
      logger.log(`${name}: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${name}: ${signal} received, shutting down`);
    const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
    server.closeIdleConnections();
    // Replies still streaming get 10 s to finish.
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    await closed;
    clearTimeout(force);
    try {
      await chatbot.close();
    } catch (err) {
      logger.error(`${name}: error while closing: ${/** @type {Error} */ (err).message}`);
    }
    logger.log(`${name}: stopped`);
    // Everything is closed; an idle keep-alive socket of a client must not hold the exit.
    setTimeout(() => process.exit(process.exitCode ?? 0), 2000).unref();
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

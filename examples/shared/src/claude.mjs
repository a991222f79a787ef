// The Anthropic client the Claude routes forward to: the real API when ANTHROPIC_API_KEY is set,
// otherwise the offline Claude-compatible server from @distill-guard/testing, started in-process.
import Anthropic from '@anthropic-ai/sdk';
import { startClaudeServer } from '@distill-guard/testing';

/**
 * @typedef {object} ClaudeUpstream
 * @property {Anthropic} client        What `claudeRoute({ client })` forwards with.
 * @property {'anthropic' | 'offline'} mode
 * @property {string} description      For the start-up line.
 * @property {import('@distill-guard/testing').ClaudeServer} [server] The offline server, in offline mode.
 * @property {() => Promise<void>} close
 */

/**
 * Creates the upstream client. With an API key it is plain `new Anthropic()` (which reads
 * `ANTHROPIC_API_KEY`, and `ANTHROPIC_BASE_URL` if set); without one, a local server that speaks
 * the Messages API (deterministic replies, real SSE event sequence, real usage numbers).
 *
 * @example
 * const claude = await createClaude({ realClaude: Boolean(process.env.ANTHROPIC_API_KEY), offlineChunkDelayMs: 15 });
 * app.post('/api/chat', distillGuard(), claudeRoute({ client: claude.client }));
 *
 * @param {{ realClaude: boolean, offlineChunkDelayMs?: number }} options
 * @returns {Promise<ClaudeUpstream>}
 */
export async function createClaude({ realClaude, offlineChunkDelayMs = 0 }) {
  if (realClaude) {
    return { client: new Anthropic(), mode: 'anthropic', description: 'Claude API (ANTHROPIC_API_KEY)', close: async () => {} };
  }
  // A few ms between deltas makes the offline reply visibly stream in the page.
  const server = await startClaudeServer({ chunkDelayMs: offlineChunkDelayMs });
  // The offline server keeps a log of every request for tests; a long-running example trims it.
  const trim = setInterval(() => {
    if (server.requests.length > 500) server.requests.splice(0, server.requests.length - 50);
  }, 60_000);
  trim.unref();
  const client = new Anthropic({ apiKey: 'offline-example-key', baseURL: server.url });
  return {
    client,
    mode: 'offline',
    description: 'offline Claude (local server, no API key needed; set ANTHROPIC_API_KEY for the real API)',
    server,
    close: async () => {
      clearInterval(trim);
      await server.close();
    },
  };
}

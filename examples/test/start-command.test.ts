/**
 * The real start command path: `node src/main.mjs` (what `pnpm start` runs) against the built
 * packages, offline, on a free port. It answers the page and a chat message, then exits 0 on SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { readSse } from './chatbot-suite.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The examples run from the packages' `dist/`; without a build they cannot start. */
function requireBuild(adapter: 'express' | 'koa'): void {
  const missing = [adapter, 'core', 'testing'].map((p) => `packages/${p}/dist/index.js`).filter((f) => !existsSync(root + f));
  if (missing.length > 0) {
    throw new Error(`The examples run from the built packages and ${missing.join(', ')} is missing: run \`pnpm build\` at the repository root first (\`pnpm test\` does it).`);
  }
}

interface Started {
  child: ChildProcess;
  url: string;
  demoKey: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the example with a clean environment (never the real API, never a Redis of the machine). */
async function startExample(dir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', OFFLINE_CHUNK_DELAY_MS: '0' };
  for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'REDIS_URL', 'CLIENT_API_KEYS', 'NODE_OPTIONS']) delete env[name];
  const child = spawn(process.execPath, ['src/main.mjs'], { cwd: root + dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${dir} printed no start-up line within 15 s:\n${output}`)), 15_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+) \(/.exec(output);
      if (match && /dgk_demo_\S+/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${dir} exited before listening:\n${output}`));
    });
  });
  return { child, url: line, demoKey: /(dgk_demo_\S+)/.exec(output)![1]!, output: () => output, exit };
}

describe.each([
  { dir: 'examples/express-chatbot', adapter: 'express' as const, name: 'express-chatbot' },
  { dir: 'examples/koa-chatbot', adapter: 'koa' as const, name: 'koa-chatbot' },
])('$name start command', ({ dir, adapter, name }) => {
  let started: Started | undefined;
  afterEach(() => {
    if (started && started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    started = undefined;
  });

  it('starts offline, serves the page and a chat reply, and exits 0 on SIGTERM', async () => {
    requireBuild(adapter);
    started = await startExample(dir);
    const { url, output } = started;
    expect(output()).toMatch(new RegExp(`^${name} listening on http://127\\.0\\.0\\.1:\\d+ \\(Claude: offline Claude .*; store: memory`, 'm'));

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/chat.js');
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;

    const res = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ conversationId: 'start-command-1', message: 'Hello, what can you do?' }),
    });
    expect(res.status).toBe(200);
    const reply = await readSse(res);
    expect(reply.events.at(-1)).toBe('message_stop');
    expect(reply.text.length).toBeGreaterThan(10);

    // The demo key printed at start-up works with the SDK pointed at the example.
    const sdk = new Anthropic({ apiKey: started.demoKey, baseURL: url, maxRetries: 0 });
    const message = await sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hi' }] });
    expect(message.type).toBe('message');

    started.child.kill('SIGTERM');
    expect(await started.exit).toEqual({ code: 0, signal: null });
    expect(output()).toContain(`${name}: SIGTERM received, shutting down`);
    expect(output()).toContain(`${name}: stopped`);
  });
});

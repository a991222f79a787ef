/**
 * The admin dashboard in a real browser: Debian's headless Chromium, driven by playwright-core,
 * against the Express example app (in-process, port 0, offline Claude).
 *
 * A scripted harvest from one API-key client runs first. When the distillation detector blocks
 * the harvester on its own, the detector's flag is what the page shows; until it does (or if it
 * only throttles), the test flags the harvester through the admin API as an operator reviewing
 * the traffic would. Either way the identity is then refused, the page lists it, and clicking
 * its Unflag button lets its next request through (unflag also resets the detector's memory).
 * Request limits are raised so that no rate limit is what refuses the harvester.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '@distill-guard/core';
import { createApp } from '../express-chatbot/src/app.mjs';

// Debian's Chromium by default; CHROMIUM_PATH points elsewhere (macOS, other distributions).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789';
const HARVESTER_KEY = 'dgk_harvester_browser-test-key-000000000000';
const HARVESTER = 'key:harvester';
const HARVEST_REQUESTS = 40;
const quiet = { log: () => {}, warn: () => {}, error: (...args: unknown[]) => console.error(...args) };

interface Running {
  url: string;
  close(): Promise<void>;
}

async function startExample(): Promise<Running> {
  const chatbot = await createApp({
    env: { ADMIN_TOKEN, CLIENT_API_KEYS: `harvester:${hashApiKey(HARVESTER_KEY)}`, OFFLINE_CHUNK_DELAY_MS: '0' },
    logger: quiet,
    guard: {
      warnings: false,
      // Only the flag may refuse the harvester here, never a request, token or cost limit.
      limits: { requests: { limit: 10_000, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false },
    },
  });
  const server: Server = createServer(chatbot.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await chatbot.close();
    },
  };
}

/** One templated, reasoning-eliciting, single-turn request, as a distillation scraper sends them. */
function harvestPrompt(i: number): string {
  return `Task ${i}: solve the following problem. Think step by step and write out your full chain of thought before the final answer. Problem: what is ${17 + i} * ${23 + 2 * i}?`;
}

async function admin(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}/admin/api/${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

describe('admin dashboard in headless Chromium (express-chatbot)', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch((err) => console.error(err));
  });

  it('shows the harvester in the flagged list, and unflagging it from the page lets its next request through', { timeout: 120_000 }, async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Debian's Chromium is not installed (${CHROMIUM} is missing), so the dashboard cannot be tested in a browser. ` +
          'Install it with: apt-get update && apt-get install -y chromium   (as root; .ci/run does this on CI), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
      );
    }
    const app = await startExample();
    cleanup.push(() => app.close());
    const sdk = new Anthropic({ apiKey: HARVESTER_KEY, baseURL: app.url, maxRetries: 0 });
    const ask = (i: number) => sdk.messages.create({ model: 'claude-haiku-5-5', max_tokens: 1024, messages: [{ role: 'user', content: harvestPrompt(i) }] });

    // --- The scripted harvest: stop at the first refusal (the detector, once it blocks on its own).
    let refusedBy: number | undefined;
    for (let i = 0; i < HARVEST_REQUESTS && refusedBy === undefined; i++) {
      try {
        await ask(i);
      } catch (err) {
        if (!(err instanceof Anthropic.APIError) || (err.status !== 403 && err.status !== 429)) throw err;
        refusedBy = err.status;
      }
    }
    let flagged = ((await (await admin(app.url, 'GET', 'flagged')).json()) as { flagged: Array<{ id: string; by: string }> }).flagged;
    if (!flagged.some((f) => f.id === HARVESTER)) {
      // The detector did not block it (yet): the operator flags it from what the harvest looked like.
      const res = await admin(app.url, 'POST', 'flagged', { id: HARVESTER, reason: `harvest: ${HARVEST_REQUESTS} templated step-by-step prompts`, by: 'admin:browser-test' });
      expect(res.status).toBe(201);
      flagged = ((await (await admin(app.url, 'GET', 'flagged')).json()) as typeof flagged & { flagged: typeof flagged }).flagged;
    }
    expect(flagged.map((f) => f.id)).toContain(HARVESTER);
    await expect(ask(1000)).rejects.toMatchObject({ status: 403 });

    // --- The browser.
    const profile = await mkdtemp(join(tmpdir(), 'dg-chromium-'));
    cleanup.push(() => rm(profile, { recursive: true, force: true }));
    const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    cleanup.push(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    const origins = new Set<string>();
    page.on('request', (request) => void origins.add(new URL(request.url()).origin));
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => void pageErrors.push(err.message));
    page.on('dialog', (dialog) => void dialog.accept());

    // The page loads and asks for the token; a wrong one is refused.
    const response = await page.goto(`${app.url}/admin`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${app.url}/admin/`);
    await page.locator('#login').waitFor({ state: 'visible' });
    await page.fill('#token', 'not-the-admin-token-0000000');
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => page.textContent('#login-error')).toBe('The admin token was refused.');

    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login-form button[type=submit]');
    await page.locator('#main').waitFor({ state: 'visible' });

    // The harvester is in the flagged list, in the top identities and in the live decisions.
    const row = page.locator(`#flagged tbody tr[data-identity="${HARVESTER}"]`);
    await row.waitFor({ state: 'visible' });
    await page.locator(`#top tbody tr[data-identity="${HARVESTER}"]`).waitFor({ state: 'visible' });
    await page.locator('#decisions tbody tr').first().waitFor({ state: 'visible' });
    expect(await page.locator('#chart polyline.line').count()).toBe(3);
    expect(await page.locator('#decisions tbody tr').count()).toBeGreaterThan(10);

    // The token stays for the tab: a reload goes straight to the dashboard.
    await page.reload();
    await row.waitFor({ state: 'visible' });

    // An operator clicks Unflag (and confirms); the row goes away.
    await row.locator('button', { hasText: 'Unflag' }).click();
    await row.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('#flagged-empty').isVisible()).toBe(true);

    // The harvester's next request is let through.
    const served = await ask(1001);
    expect(served.type).toBe('message');
    expect(((await (await admin(app.url, 'GET', `identities/${encodeURIComponent(HARVESTER)}`)).json()) as { flagged: boolean }).flagged).toBe(false);

    // Nothing but the app was contacted, and the page ran without errors.
    expect([...origins]).toEqual([app.url]);
    expect(pageErrors).toEqual([]);
  });
});

/**
 * Faults over real HTTP, for every adapter (issue 16, item 9): parallel overspend with
 * adversarial text against token and cost budgets on the memory store, on one redis-server
 * shared by two instances and on a 3-node Redis Cluster; and a redis-server killed and started
 * again, or stalled and resumed, under load, under either `onStoreError` policy. Behaviour is
 * asserted, never timings.
 */
/// <reference path="../packages/testing/test-setup/provided.d.ts" />
import Anthropic from '@anthropic-ai/sdk';
import { redisStore } from '@distill-guard/core';
import { startClaudeServer, startRedisServer, type ClaudeServer } from '@distill-guard/testing';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AdapterHarness, HarnessApp } from './adapter-suite.js';

// ioredis is a dependency of @distill-guard/testing (the adapters do not depend on it).
const ioredis = createRequire(new URL('../packages/testing/package.json', import.meta.url))('ioredis') as typeof import('../packages/testing/node_modules/ioredis');
const { Redis, Cluster } = ioredis;
type RedisClient = InstanceType<typeof Redis> | InstanceType<typeof Cluster>;

const PARALLEL = 200;
const TEXTS = {
  "3,000 '!'": '!'.repeat(3000),
  '3,000 CJK characters': '漢字仮名交じり文の試験'.repeat(300),
} as const;
/** claude-haiku-4-5 in the default price table, USD per million tokens. */
const HAIKU_4_5 = { input: 1, output: 5 };
const TOKEN_BUDGET = 60_000;
const COST_BUDGET = 0.05;

interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

function ask(url: string, content: string, user: string): Promise<Response> {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-user': user },
    body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content }] }),
  });
}

/** Sends `PARALLEL` requests at once, spread over `urls`; returns each answer's status and the usage of those served. */
async function burst(urls: string[], content: string, user: string): Promise<{ statuses: number[]; usages: Usage[] }> {
  const answers = await Promise.all(
    Array.from({ length: PARALLEL }, async (_, i) => {
      const res = await ask(urls[i % urls.length]!, content, user);
      const body = (await res.json()) as { usage?: Usage };
      return { status: res.status, usage: res.status === 200 ? body.usage : undefined };
    }),
  );
  return { statuses: answers.map((a) => a.status), usages: answers.flatMap((a) => (a.usage ? [a.usage] : [])) };
}

const tokensOf = (u: Usage) => u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0) + u.output_tokens;
const costOf = (u: Usage) => ((u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0)) * HAIKU_4_5.input + u.output_tokens * HAIKU_4_5.output) / 1e6;

const BUDGETS = {
  tokens: { limits: { requests: false, tokens: { limit: TOKEN_BUDGET, window: '1d' }, costUsd: false, outputTokens: false, concurrency: false, perIp: false }, spent: tokensOf, budget: TOKEN_BUDGET },
  cost: { limits: { requests: false, tokens: false, costUsd: { limit: COST_BUDGET, window: '1d' }, outputTokens: false, concurrency: false, perIp: false }, spent: costOf, budget: COST_BUDGET },
} as const;

type StoreKind = 'memory' | 'redis' | 'cluster';

export function faultSuite(harness: AdapterHarness): void {
  describe(`${harness.name}: faults over HTTP`, () => {
    let upstream: ClaudeServer;
    let redisServer: Awaited<ReturnType<typeof startRedisServer>>;
    const clients: RedisClient[] = [];
    beforeAll(async () => {
      upstream = await startClaudeServer();
      redisServer = await startRedisServer();
    });
    afterAll(async () => {
      for (const c of clients.splice(0)) c.disconnect();
      await redisServer.stop();
      await upstream.close();
    });

    const claude = () => ({ client: new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 }) });
    /** The stores of the instances: one on memory, two on one redis-server, two on the cluster; each under its own prefix. */
    function stores(kind: StoreKind, prefix: string): unknown[] {
      if (kind === 'memory') return [undefined];
      return [0, 1].map(() => {
        const client = kind === 'redis' ? new Redis(redisServer.url, { maxRetriesPerRequest: 1 }) : new Cluster(inject('redisClusterNodes'), { redisOptions: { maxRetriesPerRequest: 1 } });
        clients.push(client);
        return redisStore(client, { prefix, timeoutMs: 2_000 });
      });
    }

    for (const kind of ['memory', 'redis', 'cluster'] as const) {
      for (const [budgetName, b] of Object.entries(BUDGETS)) {
        it(`${PARALLEL} parallel requests of adversarial text never overspend a ${budgetName} budget (${kind}${kind === 'memory' ? '' : ', two instances'})`, async () => {
          const apps: HarnessApp[] = [];
          try {
            for (const [name, text] of Object.entries(TEXTS)) {
              const prefix = `fault-${harness.name.replace(/\W+/g, '-')}-${kind}-${budgetName}-${name.length}-${Date.now()}`;
              const started = await Promise.all(
                stores(kind, prefix).map((store) =>
                  harness.start({ guard: { warnings: false, detector: false, shield: false, onStoreError: 'closed', limits: b.limits, ...(store !== undefined && { store }) }, claude: claude() }),
                ),
              );
              apps.push(...started);
              const { statuses, usages } = await burst(
                started.map((a) => a.url),
                text,
                `spender-${name.length}`,
              );
              const spent = usages.reduce((sum, u) => sum + b.spent(u), 0);
              expect(usages.length, `${name}: some requests are served`).toBeGreaterThan(0);
              expect(usages.length, `${name}: not all of them`).toBeLessThan(PARALLEL);
              expect(spent, `${name}: spent ${spent} of ${b.budget}`).toBeLessThanOrEqual(b.budget);
              // The rest are refused by the budget, none fails.
              expect(statuses.filter((s) => s !== 200 && s !== 429), name).toEqual([]);
            }
          } finally {
            await Promise.all(apps.map((a) => a.close()));
          }
        }, 60_000);
      }
    }

    for (const [fault, policy] of [['kill', 'open'], ['kill', 'closed'], ['stall', 'open'], ['stall', 'closed']] as const) {
      const what = fault === 'kill' ? 'a redis-server killed and restarted under load' : 'a redis-server stalled (SIGSTOP) under load, then resumed';
      it(`${what}: ${policy === 'open' ? 'no 5xx' : 'only 503s while it is away'}, and service resumes afterwards (onStoreError '${policy}')`, async () => {
        const server = await startRedisServer();
        const client = new Redis(server.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: () => 50 });
        // Reconnection errors while the server is away are expected; the guard reports its own.
        client.on('error', () => undefined);
        const app = await harness.start({
          guard: { warnings: false, detector: false, onStoreError: policy, store: redisStore(client, { timeoutMs: 300 }), limits: { requests: { limit: 100_000, window: '1m' }, concurrency: 64 } },
          claude: claude(),
        });
        const phases: Record<'before' | 'down' | 'after', number[]> = { before: [], down: [], after: [] };
        let phase: keyof typeof phases = 'before';
        /** Ten clients at a time, each a few requests, until `done`. */
        const load = async (done: () => boolean) => {
          while (!done()) {
            const at = phase;
            const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(app.url, 'Say hello.', `client-${i}`).then(async (r) => (await r.arrayBuffer(), r.status))));
            phases[at].push(...statuses);
          }
        };
        try {
          await load(() => phases.before.length >= 50);
          if (fault === 'kill') await server.kill();
          else server.pause();
          phase = 'down';
          try {
            await load(() => phases.down.length >= (fault === 'kill' ? 100 : 30));
          } finally {
            if (fault === 'kill') await server.restart();
            else server.resume();
          }
          phase = 'after';
          // Until twenty answers in a row are served.
          await load(() => phases.after.length >= 20 && phases.after.slice(-20).every((s) => s === 200));

          expect(phases.before.every((s) => s === 200)).toBe(true);
          if (policy === 'open') {
            expect([...phases.down, ...phases.after].filter((s) => s >= 500)).toEqual([]);
            expect(phases.down.filter((s) => s === 200).length).toBeGreaterThan(0);
          } else {
            expect([...phases.down, ...phases.after].filter((s) => s !== 200 && s !== 503)).toEqual([]);
            expect(phases.down.filter((s) => s === 503).length).toBeGreaterThan(0);
          }
        } finally {
          await app.close();
          client.disconnect();
          await server.stop();
        }
      }, 60_000);
    }
  });
}

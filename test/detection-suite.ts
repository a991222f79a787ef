/**
 * Distillation detection, live: a scripted harvester and a person chatting, interleaved, sent
 * over real HTTP to an app built with each framework (`distillGuard()` + `claudeRoute()` on the
 * offline Claude server). The guard's clock follows each request's time, so hours of traffic
 * run in seconds, exactly as they would have live.
 */
import { request as httpRequest } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { humanChatSession, interleave, manualClock, scriptedHarvester, type TrafficStep } from '@distill-guard/core';
import { startClaudeServer } from '@distill-guard/testing';
import { describe, expect, it } from 'vitest';
import type { AdapterHarness } from './adapter-suite.js';

/** Sends one step exactly as its headers say (no fetch defaults added), as `user` from `ip`. */
function send(url: string, step: TrafficStep): Promise<number> {
  const body = JSON.stringify(step.request.body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(step.request.headers)) if (v !== undefined) headers[k] = v;
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(body));
  headers['x-forwarded-for'] = step.request.ip;
  if (step.request.user) headers['x-test-user'] = step.request.user;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/v1/messages`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function detectionSuite(harness: AdapterHarness): void {
  describe(`${harness.name}: distillation detection, live`, () => {
    it('blocks a scripted harvester within a bounded number of requests and never refuses the person chatting beside it', async () => {
      const start = Date.UTC(2026, 10, 2, 8, 0, 0);
      const upstream = await startClaudeServer();
      const clock = manualClock(start);
      const app = await harness.start({
        // Graduated slow-downs wait in real time; the test keeps its clock simulated instead.
        guard: { clock, trustProxy: ['loopback'], warnings: false, detector: { actions: { throttleDelayMs: 0, flagDelayMs: 0 } } },
        claude: { client: new Anthropic({ apiKey: 'offline', baseURL: upstream.url, maxRetries: 0 }) },
      });
      try {
        const harvester = scriptedHarvester({ user: 'harvester', ip: '198.51.100.23', count: 80, start, intervalSeconds: 45 });
        const person = humanChatSession({ user: 'alice', ip: '203.0.113.50', count: 60, start });
        const statuses: Record<string, number[]> = { harvester: [], alice: [] };
        for (const step of interleave(harvester, person)) {
          clock.set(step.at);
          statuses[step.request.user!]!.push(await send(app.url, step));
        }
        const firstBlock = statuses.harvester!.indexOf(403);
        expect(firstBlock, `harvester statuses: ${statuses.harvester!.join(' ')}`).toBeGreaterThanOrEqual(0);
        expect(firstBlock).toBeLessThan(40);
        // Once blocked it stays blocked: it is on the flagged list every instance reads.
        expect(statuses.harvester!.slice(firstBlock).every((s) => s === 403)).toBe(true);
        expect(await app.guard.isFlagged('harvester')).toBe(true);
        // The person was served every time.
        expect(statuses.alice!.every((s) => s === 200), `alice statuses: ${statuses.alice!.join(' ')}`).toBe(true);
        expect(await app.guard.isFlagged('alice')).toBe(false);
      } finally {
        await app.close();
        await upstream.close();
      }
    });
  });
}

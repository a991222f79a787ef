import { createRequire } from 'node:module';
import Anthropic from '@anthropic-ai/sdk';
import { startClaudeServer, type ClaudeServer } from '@distill-guard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressHarness } from '../../../express/test/harness.js';
import { attributeText, otel, UNSET, until } from './helpers.js';

// Express is a dependency of the Express adapter, not of core: load it from there.
const express = createRequire(new URL('../../../express/package.json', import.meta.url))('express') as Parameters<typeof expressHarness>[1];

describe('guard telemetry through claudeRoute on Express', () => {
  let upstream: ClaudeServer;
  beforeAll(async () => {
    upstream = await startClaudeServer({ apiKey: 'upstream-key' });
  });
  afterAll(async () => {
    await upstream.close();
  });

  it('makes each relayed call (JSON and SSE) one span with the real usage, and records the GenAI metrics', async () => {
    const t = otel();
    const client = new Anthropic({ apiKey: 'upstream-key', baseURL: upstream.url, maxRetries: 0 });
    const app = await expressHarness('express', express).start({ guard: { warnings: false, telemetry: t.telemetry }, claude: { client } });
    try {
      const sdk = new Anthropic({ apiKey: 'client-side-key', baseURL: app.url, maxRetries: 0 });
      const chat = { model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user' as const, content: 'What does a lighthouse keeper do at night?' }] };
      const message = await sdk.messages.create(chat);
      const streamed = await sdk.messages.stream(chat).finalMessage();
      await until(() => t.spans().length === 2);

      const spans = t.spans();
      expect(spans).toHaveLength(2);
      for (const [span, reply] of [[spans[0]!, message], [spans[1]!, streamed]] as const) {
        expect(span.name).toBe('chat claude-haiku-4-5');
        expect(reply.id).toMatch(/^msg_/);
        expect(span.status.code).toBe(UNSET);
        expect(span.attributes).toMatchObject({
          'gen_ai.provider.name': 'anthropic',
          'gen_ai.request.max_tokens': 200,
          'gen_ai.response.model': reply.model,
          'gen_ai.response.id': reply.id,
          'gen_ai.usage.input_tokens': reply.usage.input_tokens + (reply.usage.cache_read_input_tokens ?? 0) + (reply.usage.cache_creation_input_tokens ?? 0),
          'gen_ai.usage.output_tokens': reply.usage.output_tokens,
          'distill_guard.conclusion': 'allow',
          'distill_guard.identity.source': 'ip',
          'distill_guard.outcome.status': 200,
        });
        expect(attributeText(span)).not.toContain('lighthouse');
        expect(attributeText(span)).not.toContain('127.0.0.1');
      }
      const tokens = await t.histogram('gen_ai.client.token.usage');
      const output = tokens.points.find((p) => p.attributes['gen_ai.token.type'] === 'output');
      expect(output?.count).toBe(2);
      expect(output?.sum).toBe(message.usage.output_tokens + streamed.usage.output_tokens);
      const duration = await t.histogram('gen_ai.client.operation.duration');
      expect(duration.points.reduce((n, p) => n + p.count, 0)).toBe(2);
    } finally {
      await app.close();
      await t.shutdown();
    }
  });
});

import { createRequire } from 'node:module';
import Anthropic from '@anthropic-ai/sdk';
import { startClaudeServer, type ClaudeServer } from '@distill-guard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expressHarness } from '../../../express/test/harness.js';
import type { Outcome } from '../../src/index.js';

// Express is a dependency of the Express adapter, not of core: load it from there.
const express = createRequire(new URL('../../../express/package.json', import.meta.url))('express') as Parameters<typeof expressHarness>[1];
const harness = expressHarness('express', express);

const lastUser = (body: { messages: Array<{ role: string; content: unknown }> }): string => {
  const content = body.messages.at(-1)?.content;
  return typeof content === 'string' ? content : '';
};

describe('claudeRoute and history provenance: replies that serve no text', () => {
  let upstream: ClaudeServer;
  beforeAll(async () => {
    upstream = await startClaudeServer({
      apiKey: 'upstream-key',
      // A blank ask is answered with a line break first: a stop sequence on it serves no text.
      reply: (body) => (/blank/.test(lastUser(body)) ? '\nNothing else.' : `Plant the ${lastUser(body).length % 7} beds that get morning sun first, water deeply twice a week, and mulch.`),
    });
  });
  afterAll(async () => {
    await upstream.close();
  });

  it.each(['json', 'stream'] as const)('%s: an account that sends one text-less reply in three is still judged on the histories it sends', async (mode) => {
    const client = new Anthropic({ apiKey: 'upstream-key', baseURL: upstream.url, maxRetries: 0 });
    // No delays for a throttled or flagged account: the test reads verdicts, not waits.
    const app = await harness.start({ guard: { warnings: false, detector: { actions: { throttleDelayMs: 0, flagDelayMs: 0 } } }, claude: { client, warnings: false } });
    const outcomes: Outcome[] = [];
    app.guard.on('outcome', ({ outcome }) => outcomes.push(outcome));
    const sdk = (user: string) => new Anthropic({ apiKey: 'client-side-key', baseURL: app.url, maxRetries: 0, defaultHeaders: { 'x-test-user': user } });
    type Message = { role: 'user' | 'assistant'; content: string };
    const send = async (user: string, messages: Message[], stop?: string[]): Promise<{ status: number; text: string }> => {
      const params = { model: 'claude-sonnet-4-5', max_tokens: 256, messages, ...(stop && { stop_sequences: stop }) };
      try {
        const reply = mode === 'json' ? await sdk(user).messages.create(params) : await sdk(user).messages.stream(params).finalMessage();
        return { status: 200, text: reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('') };
      } catch (err) {
        if (!(err instanceof Anthropic.APIError) || err.status === undefined) throw err;
        return { status: err.status, text: '' };
      }
    };
    const blank = (user: string) => send(user, [{ role: 'user', content: 'Reply with a blank line.' }], ['\n']);
    try {
      // The forger: histories it was never served (merged from elsewhere), a blank reply in three.
      const forger: number[] = [];
      expect(await blank('forger')).toEqual({ status: 200, text: '' });
      forger.push((await send('forger', [{ role: 'user', content: 'How do I plan a vegetable garden?' }])).status);
      for (let i = 1; i <= 12; i++) {
        if (i % 3 === 0) await blank('forger');
        forger.push((await send('forger', [{ role: 'user', content: `How should I plan week ${i} of my garden?` }, { role: 'assistant', content: `An answer ${i} another account was served.` }, { role: 'user', content: `And week ${i + 1}?` }])).status);
      }
      // A person with the same blank replies who resends what it was served is never refused.
      const person: number[] = [];
      await blank('person');
      let history: Message[] = [];
      for (let i = 1; i <= 12; i++) {
        if (i % 4 === 0) history = [];
        if (i % 3 === 0) await blank('person');
        history = [...history, { role: 'user', content: `What should I plant in bed ${i}?` }];
        const r = await send('person', history);
        person.push(r.status);
        history = [...history, { role: 'assistant', content: r.text }];
      }
      // The blank replies reached the detector as served with no text (the forger's last ones were refused).
      expect(outcomes.filter((o) => o.outputText === '').length).toBeGreaterThanOrEqual(7);
      expect(forger.at(-1)).toBe(403);
      expect(person.every((s) => s === 200)).toBe(true);
    } finally {
      await app.close();
    }
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAlerts,
  parseAlertsOptions,
  signWebhookPayload,
  verifyWebhookSignature,
  type Alerts,
  type VerdictAlert,
} from '../../src/alerts/index.js';
import { OptionsError } from '../../src/errors/index.js';
import { decision, deferred, identity, testContext } from '../audit/helpers.js';
import { closedPortUrl, webhookServer } from './helpers.js';

const HOOK_SECRET = 'webhook-secret-0123456789abcdef';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function verdictEvent(verdict: 'throttle' | 'flag' | 'block' = 'block') {
  const d = decision({ verdict, score: 0.93, signals: [{ name: 'template-reuse', value: 0.9, explanation: '90% of prompts share one template' }] });
  return { identity: identity('acct_77'), verdict, previous: 'allow' as const, score: 0.93, signals: d.signals, cluster: 'c_1', decision: d };
}

function alerts(input: Record<string, unknown>): { alerts: Alerts; ctx: ReturnType<typeof testContext> } {
  const ctx = testContext();
  const a = createAlerts(parseAlertsOptions({ flushOnExit: false, closeTimeoutMs: 200, ...input }, 'alerts')!, ctx);
  closers.push(() => a.close());
  return { alerts: a, ctx };
}

const fast = { secret: HOOK_SECRET, backoffMs: 1, maxBackoffMs: 5 };

describe('webhook signature', () => {
  it('verifies what it signed, and nothing else', () => {
    const body = JSON.stringify({ hello: 'world' });
    const header = signWebhookPayload(body, HOOK_SECRET, 1_793_610_000);
    expect(header).toMatch(/^t=1793610000,v1=[0-9a-f]{64}$/);
    const base = { body, header, secret: HOOK_SECRET, nowSeconds: 1_793_610_030 };
    expect(verifyWebhookSignature(base)).toBe(true);
    expect(verifyWebhookSignature({ ...base, body: body.replace('world', 'w0rld') })).toBe(false);
    expect(verifyWebhookSignature({ ...base, secret: 'another-secret-0123456789' })).toBe(false);
    expect(verifyWebhookSignature({ ...base, secret: ['another-secret-0123456789', HOOK_SECRET] })).toBe(true);
    expect(verifyWebhookSignature({ ...base, nowSeconds: 1_793_610_000 + 301 })).toBe(false);
    expect(verifyWebhookSignature({ ...base, header: header.replace('t=1793610000', 't=1793610001') })).toBe(false);
    expect(verifyWebhookSignature({ ...base, header: undefined })).toBe(false);
    expect(verifyWebhookSignature({ ...base, body: Buffer.from(body) })).toBe(true);
  });
});

describe('webhook sink', () => {
  it('retries after 500s with the same delivery id and a verifiable signature each time', async () => {
    const hook = await webhookServer((_req, res, n) => {
      res.statusCode = n < 3 ? 500 : 204;
      res.end();
    });
    closers.push(hook.close);
    const { alerts: a, ctx } = alerts({ webhook: { url: hook.url, ...fast } });
    a.handlers.verdict(verdictEvent('block'));
    await a.flush();
    expect(hook.received).toHaveLength(3);
    const ids = new Set(hook.received.map((r) => r.headers['x-distill-guard-delivery']));
    expect(ids.size).toBe(1);
    for (const r of hook.received) {
      const header = r.headers['x-distill-guard-signature'] as string;
      expect(verifyWebhookSignature({ body: r.body, header, secret: HOOK_SECRET, nowSeconds: Math.floor(ctx.clock.now() / 1000) })).toBe(true);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-distill-guard-event']).toBe('verdict');
    }
    const payload = JSON.parse(hook.received[2]!.body) as VerdictAlert;
    expect(payload).toMatchObject({ type: 'verdict', verdict: 'block', previous: 'allow', score: 0.93, cluster: 'c_1', identity: { id: 'acct_77', network: '203.0.113.0/24' } });
    expect(payload.signals[0]!.explanation).toMatch(/template/);
    expect(a.stats.webhook).toMatchObject({ delivered: 1, retries: 2, failed: 0, queued: 0 });
  });

  it('sends only the configured verdicts, and flag events', async () => {
    const hook = await webhookServer((_req, res) => res.writeHead(200).end());
    closers.push(hook.close);
    const { alerts: a } = alerts({ webhook: { url: hook.url, ...fast } });
    a.handlers.verdict(verdictEvent('throttle'));
    a.handlers.verdict(verdictEvent('flag'));
    a.handlers.flag({ id: 'acct_77', flagged: false, by: 'admin:alice' });
    await a.flush();
    expect(hook.received.map((r) => JSON.parse(r.body).type + ':' + (JSON.parse(r.body).verdict ?? JSON.parse(r.body).flagged))).toEqual(['verdict:flag', 'flag:false']);
  });

  it('does not retry a 4xx refusal, and gives up after maxAttempts', async () => {
    const refuse = await webhookServer((_req, res) => res.writeHead(400).end());
    closers.push(refuse.close);
    const first = alerts({ webhook: { url: refuse.url, ...fast } });
    first.alerts.handlers.verdict(verdictEvent());
    await first.alerts.flush();
    expect(refuse.received).toHaveLength(1);
    expect(first.alerts.stats.webhook).toMatchObject({ delivered: 0, failed: 1 });
    expect(first.ctx.logger.errors.some((m) => /HTTP 400 \(not retried\)/.test(m))).toBe(true);

    const broken = await webhookServer((_req, res) => res.writeHead(503).end());
    closers.push(broken.close);
    const second = alerts({ webhook: { url: broken.url, ...fast, maxAttempts: 4 } });
    second.alerts.handlers.verdict(verdictEvent());
    await second.alerts.flush();
    expect(broken.received).toHaveLength(4);
    expect(second.alerts.stats.webhook).toMatchObject({ failed: 1, retries: 3 });
  });

  /** A tiny app whose request handler raises an alert on every request, like the guard does. */
  async function appRaisingAlerts(a: Alerts): Promise<string> {
    const app = createServer((_req, res) => {
      a.handlers.verdict(verdictEvent('block'));
      res.writeHead(200).end('served');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => app.close(() => resolve())));
    return `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;
  }

  it('a receiver that hangs does not hold up request handling', async () => {
    const arrived = deferred();
    const hook = await webhookServer(() => arrived.resolve()); // never answers
    closers.push(hook.close);
    const { alerts: a } = alerts({ webhook: { url: hook.url, ...fast, timeoutMs: 60_000 } });
    const app = await appRaisingAlerts(a);
    await fetch(app).then((r) => r.text());
    await arrived.promise;
    // The first delivery is now stuck in the receiver; every request still completes.
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(app).then((r) => r.text())));
    expect(answers).toEqual(Array(20).fill('served'));
    expect(hook.received).toHaveLength(1);
    expect(a.stats.webhook).toMatchObject({ delivered: 0, queued: 21 });
    await a.close();
    expect(a.stats.webhook!.failed).toBe(21);
  });

  it('a receiver that is down does not hold up request handling; alerts beyond maxQueue are counted', async () => {
    const url = await closedPortUrl();
    const { alerts: a, ctx } = alerts({ webhook: { url, secret: HOOK_SECRET, backoffMs: 60_000, maxQueue: 5 } });
    const app = await appRaisingAlerts(a);
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(app).then((r) => r.text())));
    expect(answers).toEqual(Array(12).fill('served'));
    expect(a.stats.webhook).toMatchObject({ queued: 5, dropped: 7, delivered: 0 });
    expect(ctx.logger.errors.some((m) => /queue full/.test(m))).toBe(true);
  });
});

describe('onVerdict and onFlag hooks', () => {
  it('call the catch-all and the per-verdict hook after the handler has returned', async () => {
    const calls: string[] = [];
    const { alerts: a } = alerts({
      onVerdict: { block: (al: VerdictAlert) => void calls.push(`block:${al.identity.id}`), throttle: () => void calls.push('throttle') },
      onFlag: (al: { flagged: boolean }) => void calls.push(`flag:${al.flagged}`),
    });
    a.handlers.verdict(verdictEvent('block'));
    a.handlers.verdict(verdictEvent('flag'));
    a.handlers.flag({ id: 'acct_77', flagged: true, by: 'detector' });
    expect(calls).toEqual([]);
    await a.flush();
    expect(calls).toEqual(['block:acct_77', 'flag:true']);

    const all: string[] = [];
    const { alerts: b } = alerts({ onVerdict: (al: VerdictAlert) => void all.push(al.verdict) });
    for (const v of ['throttle', 'flag', 'block'] as const) b.handlers.verdict(verdictEvent(v));
    await b.flush();
    expect(all).toEqual(['throttle', 'flag', 'block']);
  });

  it('a throwing or rejecting hook is logged and counted, never thrown', async () => {
    const { alerts: a, ctx } = alerts({
      onVerdict: () => {
        throw new Error('pager down');
      },
      onFlag: async () => Promise.reject(new Error('chat down')),
    });
    expect(() => a.handlers.verdict(verdictEvent())).not.toThrow();
    a.handlers.flag({ id: 'x', flagged: true, by: 'detector' });
    await a.flush();
    expect(a.stats.hookErrors).toBe(2);
    expect(ctx.logger.errors.filter((m) => /hook failed/.test(m))).toHaveLength(2);
  });
});

describe('parseAlertsOptions', () => {
  it('names the dotted path of a bad option', () => {
    const path = (input: unknown) => {
      try {
        parseAlertsOptions(input, 'alerts');
      } catch (err) {
        return (err as OptionsError).option;
      }
      return undefined;
    };
    expect(path({ webhook: { url: 'https://x.example', secret: HOOK_SECRET, retries: 3 } })).toBe('alerts.webhook.retries');
    expect(path({ webhook: { url: 'ftp://x.example', secret: HOOK_SECRET } })).toBe('alerts.webhook.url');
    expect(path({ webhook: { url: 'https://x.example', secret: 'short' } })).toBe('alerts.webhook.secret');
    expect(path({ webhook: { url: 'https://x.example', secret: HOOK_SECRET, verdicts: ['ban'] } })).toBe('alerts.webhook.verdicts.0');
    expect(path({ onVerdict: { blocked: () => undefined } })).toBe('alerts.onVerdict.blocked');
    expect(parseAlertsOptions(undefined, 'alerts')).toBeUndefined();
  });
});

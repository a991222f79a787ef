/**
 * One admin suite for every adapter: the same cases and expectations, run against a real HTTP
 * server built with each framework. Each adapter's test supplies a harness that mounts
 * `distillGuard()` on `POST /api/echo` (the authenticated user comes from `x-test-user`) and
 * `adminRouter()` at `/admin`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Guard } from '@distill-guard/core';
import { createGuardMetrics } from '@distill-guard/core/metrics';

export interface AdminHarnessApp {
  /** Base URL of the app, e.g. `http://127.0.0.1:4321`; the admin router is at `${url}/admin`. */
  url: string;
  guard: Guard;
  close(): Promise<void>;
}

export interface AdminHarnessOptions {
  /** distillGuard() options. */
  guard?: Record<string, unknown>;
  /** adminRouter() options besides `guard` (the harness passes the app's guard). */
  admin: Record<string, unknown>;
}

export interface AdminHarness {
  name: string;
  start(options: AdminHarnessOptions): Promise<AdminHarnessApp>;
  /** Builds the admin router alone, to check its start-up errors. */
  create(options: Record<string, unknown>): unknown;
}

export const ADMIN_TOKEN = 'suite-admin-token-0123456789abcdef';
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const chat = { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Tell me about lighthouses.' }] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function echo(url: string, user: string): Promise<Response> {
  return fetch(`${url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-user': user }, body: JSON.stringify(chat) });
}

export function adminSuite(harness: AdminHarness): void {
  describe(`${harness.name}: admin router`, () => {
    const apps: AdminHarnessApp[] = [];
    const start = async (options: Partial<AdminHarnessOptions> = {}) => {
      const app = await harness.start({ guard: { warnings: false, ...options.guard }, admin: { token: ADMIN_TOKEN, ...options.admin } });
      apps.push(app);
      return app;
    };
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((a) => a.close()));
    });

    it('refuses to start without a token or with a short one', () => {
      expect(() => harness.create({})).toThrow(/option `token` is required/);
      expect(() => harness.create({ token: 'too-short' })).toThrow(/option `token` must be at least 16 characters/);
    });

    it('answers 401 without a token and with a wrong one', async () => {
      const app = await start();
      for (const headers of [{}, { authorization: 'Bearer not-the-admin-token-000000' }, { 'x-admin-token': 'not-the-admin-token-000000' }, { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }] as Record<string, string>[]) {
        const res = await fetch(`${app.url}/admin/api/flagged`, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
        expect(((await res.json()) as Json).error.type).toBe('unauthorized');
      }
      const del = await fetch(`${app.url}/admin/api/flagged/u_1`, { method: 'DELETE' });
      expect(del.status).toBe(401);
      expect((await fetch(`${app.url}/admin/api/flagged`, { headers: { 'x-admin-token': ADMIN_TOKEN } })).status).toBe(200);
    });

    it('flags, lists, explains and unflags; the unflagged identity is let through again', async () => {
      const app = await start();
      expect((await echo(app.url, 'u_harvest')).status).toBe(200);

      const flagged = await fetch(`${app.url}/admin/api/flagged`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'u_harvest', reason: 'template harvest, reviewed', by: 'admin:ops' }),
      });
      expect(flagged.status).toBe(201);
      expect(((await flagged.json()) as Json).flag).toMatchObject({ id: 'u_harvest', reason: 'template harvest, reviewed', by: 'admin:ops' });
      expect((await echo(app.url, 'u_harvest')).status).toBe(403);
      expect(await app.guard.isFlagged('u_harvest')).toBe(true);

      const list: Json = await (await fetch(`${app.url}/admin/api/flagged`, { headers: auth })).json();
      expect(list.flagged.map((f: Json) => f.id)).toEqual(['u_harvest']);

      const explained: Json = await (await fetch(`${app.url}/admin/api/identities/u_harvest`, { headers: auth })).json();
      expect(explained).toMatchObject({ id: 'u_harvest', flagged: true, seen: true, flag: { by: 'admin:ops' }, summary: { requests: 2, allowed: 1, blocked: 1 } });
      expect(explained.decisions.map((d: Json) => [d.conclusion, d.reason ?? null, d.path])).toEqual([
        ['deny', 'flagged', '/api/echo'],
        ['allow', null, '/api/echo'],
      ]);

      const removed = await fetch(`${app.url}/admin/api/flagged/u_harvest`, { method: 'DELETE', headers: auth });
      expect(removed.status).toBe(200);
      expect(await removed.json()).toEqual({ id: 'u_harvest', removed: true });
      expect((await echo(app.url, 'u_harvest')).status).toBe(200);

      const decisions: Json = await (await fetch(`${app.url}/admin/api/decisions?limit=2&identity=u_harvest`, { headers: auth })).json();
      expect(decisions.decisions.map((d: Json) => d.class)).toEqual(['allowed', 'blocked']);
      const series: Json = await (await fetch(`${app.url}/admin/api/series?minutes=5`, { headers: auth })).json();
      const total = series.points.reduce((n: number, p: Json) => n + p.allowed + p.throttled + p.blocked, 0);
      expect(total).toBe(3);
    });

    it('explains identity ids that need escaping', async () => {
      const app = await start();
      const id = 'key:partner/eu 1';
      await app.guard.flag(id, 'review');
      const res = await fetch(`${app.url}/admin/api/identities/${encodeURIComponent(id)}`, { headers: auth });
      expect(((await res.json()) as Json).flag).toMatchObject({ id, reason: 'review' });
      const del = await fetch(`${app.url}/admin/api/flagged/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth });
      expect(((await del.json()) as Json).removed).toBe(true);
    });

    it('answers bad bodies, unknown routes and wrong methods with JSON errors', async () => {
      const app = await start();
      const malformed = await fetch(`${app.url}/admin/api/flagged`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"id": ' });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as Json).error.message).toMatch(/not valid JSON/);
      const large = await fetch(`${app.url}/admin/api/flagged`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x', reason: 'y'.repeat(100_000) }) });
      expect(large.status).toBe(413);
      const missing = await fetch(`${app.url}/admin/api/flagged`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x' }) });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as Json).error.message).toMatch(/`reason`/);
      const unknown = await fetch(`${app.url}/admin/api/unknown`, { headers: auth });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as Json).error.type).toBe('not_found');
      const wrong = await fetch(`${app.url}/admin/api/flagged`, { method: 'PATCH', headers: auth });
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET, POST');
    });

    it('serves the dashboard page and its assets, with no external references', async () => {
      const app = await start({ admin: { instance: 'suite-1' } });
      const redirect = await fetch(`${app.url}/admin?tab=flags`, { redirect: 'manual' });
      expect(redirect.status).toBe(308);
      expect(redirect.headers.get('location')).toBe('/admin/?tab=flags');
      const page = await fetch(`${app.url}/admin/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      const html = await page.text();
      expect(html).toContain('<title>distill-guard admin · suite-1</title>');
      expect(html).toContain('id="flagged"');
      expect(html).not.toMatch(/https?:\/\//);
      const js = await fetch(`${app.url}/admin/dashboard.js`);
      expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await js.text()).toContain("sessionStorage.getItem(KEY)");
      const css = await fetch(`${app.url}/admin/dashboard.css`);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      await css.arrayBuffer();
    });

    it('serves the guard metrics at /admin/metrics behind the token', async () => {
      const metrics = createGuardMetrics();
      const app = await start({ guard: { metrics } });
      await (await echo(app.url, 'u_m')).arrayBuffer();
      expect((await fetch(`${app.url}/admin/metrics`)).status).toBe(401);
      const res = await fetch(`${app.url}/admin/metrics`, { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(await res.text()).toMatch(/distill_guard_decisions_total\{conclusion="allow",reason="none"\} 1/);
    });

    it('leaves the rest of the app alone', async () => {
      const app = await start();
      expect((await echo(app.url, 'u_other')).status).toBe(200);
      expect((await fetch(`${app.url}/administrator`)).status).toBe(404);
    });
  });
}

import { createGuardMetrics } from '@distill-guard/core/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAdminHandler,
  createGuard,
  DASHBOARD_CSP,
  manualClock,
  OptionsError,
  presentedToken,
  tokenMatcher,
  type AdminHandler,
  type AdminRequest,
  type DetectorPlugin,
  type Guard,
} from '../../src/internal.js';
import { DASHBOARD_JS } from '../../src/admin/dashboard/index.js';
import { chatRequest } from '../helpers.js';

const TOKEN = 'admin-token-for-tests-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const T0 = Date.parse('2026-11-02T09:00:00Z');

const opened: Array<{ admin: AdminHandler; guard: Guard }> = [];
afterEach(async () => {
  for (const { admin, guard } of opened.splice(0)) {
    admin.close();
    await guard.close();
  }
});

function setup(options: Record<string, unknown> = {}, guardOptions: Record<string, unknown> = {}) {
  const clock = manualClock(T0);
  const guard = createGuard({ clock, warnings: false, ...guardOptions });
  const admin = createAdminHandler({ guard, token: TOKEN, ...options });
  opened.push({ admin, guard });
  const call = async (method: string, path: string, extra: Partial<AdminRequest> = {}) => {
    const res = await admin.handle({ method, path, headers: auth, ...extra });
    return { ...res, json: res.headers['content-type']?.startsWith('application/json') ? JSON.parse(res.body) : undefined };
  };
  return { guard, admin, clock, call };
}

describe('admin options', () => {
  it('refuses to start without a token, or with a short one, naming the option', () => {
    const guard = createGuard({ warnings: false });
    expect(() => createAdminHandler({ guard } as never)).toThrow(OptionsError);
    expect(() => createAdminHandler({ guard } as never)).toThrow(/option `token` is required/);
    expect(() => createAdminHandler({ guard, token: 'short-token' })).toThrow(/option `token` must be at least 16 characters long, got 11/);
    expect(() => createAdminHandler({ guard, token: 'has whitespace in the token' })).toThrow(/`token` must not contain whitespace/);
    expect(() => createAdminHandler({ guard, token: 42 } as never)).toThrow(/`token` must be a string/);
    expect(() => createAdminHandler({ guard: {} as Guard, token: TOKEN })).toThrow(/option `guard` must be a guard/);
    expect(() => createAdminHandler({ guard, token: TOKEN, basePath: 'admin' })).toThrow(/`basePath` must start with "\/"/);
    expect(() => createAdminHandler({ guard, token: TOKEN, colector: {} } as never)).toThrow(/`colector` is not a known option \(did you mean `collector`\?\)/);
    expect(() => createAdminHandler({ guard, token: TOKEN, collector: { buckets: 0 } })).toThrow(/`collector.buckets` must be >= 1/);
  });

  it('maps paths under basePath', () => {
    const guard = createGuard({ warnings: false });
    const admin = createAdminHandler({ guard, token: TOKEN, basePath: '/ops/admin/' });
    expect(admin.match('/ops/admin')).toBe('/');
    expect(admin.match('/ops/admin/api/flagged')).toBe('/api/flagged');
    expect(admin.match('/ops/administrator')).toBeUndefined();
    expect(admin.match('/api/chat')).toBeUndefined();
    const root = createAdminHandler({ guard, token: TOKEN });
    expect(root.match('')).toBe('/');
    expect(root.match('/api/top')).toBe('/api/top');
    admin.close();
    root.close();
  });
});

describe('admin token', () => {
  it('reads Bearer or x-admin-token and compares in constant time', () => {
    const matches = tokenMatcher(TOKEN);
    expect(matches(TOKEN)).toBe(true);
    expect(matches(`${TOKEN}x`)).toBe(false);
    expect(matches(TOKEN.slice(0, -1))).toBe(false);
    expect(matches(undefined)).toBe(false);
    expect(matches('')).toBe(false);
    expect(presentedToken({ authorization: `Bearer ${TOKEN}` })).toBe(TOKEN);
    expect(presentedToken({ authorization: `bearer  ${TOKEN} ` })).toBe(TOKEN);
    expect(presentedToken({ authorization: `Basic abc`, 'x-admin-token': TOKEN })).toBe(TOKEN);
    expect(presentedToken({ 'x-admin-token': [TOKEN, 'other'] })).toBe(TOKEN);
    expect(presentedToken({})).toBeUndefined();
  });

  it('answers 401 without a token or with a wrong one, on every data route', async () => {
    const { admin } = setup();
    for (const path of ['/api/flagged', '/api/overview', '/api/identities/u1', '/api/decisions', '/api/series', '/metrics', '/api/nope']) {
      for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789abc' }, { 'x-admin-token': `${TOKEN}0` }]) {
        const res = await admin.handle({ method: 'GET', path, headers });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(JSON.parse(res.body).error.type).toBe('unauthorized');
      }
    }
    const del = await admin.handle({ method: 'DELETE', path: '/api/flagged/u1', headers: {} });
    expect(del.status).toBe(401);
    expect((await admin.handle({ method: 'GET', path: '/api/flagged', headers: { 'x-admin-token': TOKEN } })).status).toBe(200);
  });

  it('does not read the body of an unauthenticated request', async () => {
    const { admin } = setup();
    let read = false;
    const res = await admin.handle({ method: 'POST', path: '/api/flagged', headers: {}, readBody: async () => ((read = true), { id: 'x', reason: 'y' }) });
    expect(res.status).toBe(401);
    expect(read).toBe(false);
  });
});

describe('admin API', () => {
  it('flags, lists, explains and unflags; a lifted flag lets the next request through', async () => {
    const { guard, call } = setup({}, { limits: { requests: { limit: 100, window: '1m' } } });
    expect((await guard.check(chatRequest({ user: 'u_h' }))).allowed).toBe(true);

    const flagged = await call('POST', '/api/flagged', { readBody: async () => ({ id: 'u_h', reason: 'harvesting, reviewed', by: 'admin:alice' }) });
    expect(flagged.status).toBe(201);
    expect(flagged.json.flag).toMatchObject({ id: 'u_h', reason: 'harvesting, reviewed', by: 'admin:alice', at: T0 });
    expect(await guard.isFlagged('u_h')).toBe(true);
    expect((await guard.check(chatRequest({ user: 'u_h' })))).toMatchObject({ allowed: false, reason: 'flagged' });

    const list = await call('GET', '/api/flagged');
    expect(list.json.flagged.map((f: { id: string }) => f.id)).toEqual(['u_h']);
    expect((await call('GET', '/api/flagged/u_h')).json.flag.reason).toBe('harvesting, reviewed');

    const x = await call('GET', '/api/identities/u_h');
    expect(x.status).toBe(200);
    expect(x.json).toMatchObject({ id: 'u_h', flagged: true, seen: true, flag: { by: 'admin:alice' }, summary: { requests: 2, allowed: 1, blocked: 1, reasons: { flagged: 1 } } });
    expect(x.json.decisions.map((d: { conclusion: string }) => d.conclusion)).toEqual(['deny', 'allow']);
    expect(x.json.flags[0]).toMatchObject({ flagged: true, by: 'admin:alice' });

    const removed = await call('DELETE', '/api/flagged/u_h');
    expect(removed.json).toEqual({ id: 'u_h', removed: true });
    expect((await call('DELETE', '/api/flagged/u_h')).json).toEqual({ id: 'u_h', removed: false });
    expect((await call('GET', '/api/flagged/u_h')).status).toBe(404);
    expect((await guard.check(chatRequest({ user: 'u_h' }))).allowed).toBe(true);
  });

  it('resets the detector memory of every guard when unflagging', async () => {
    const resets: string[] = [];
    const detector = (name: string): DetectorPlugin => ({ observe: async () => ({ score: 0, verdict: 'allow', signals: [] }), reset: async (id) => void resets.push(`${name}:${id}`) });
    const a = createGuard({ warnings: false });
    const b = createGuard({ warnings: false, store: a.options.store });
    // The detector is not an option yet; plug a stand-in into both guards.
    (a as unknown as { parts: { detector: DetectorPlugin } }).parts.detector = detector('a');
    (b as unknown as { parts: { detector: DetectorPlugin } }).parts.detector = detector('b');
    const admin = createAdminHandler({ guard: a, guards: [a, b], token: TOKEN });
    await a.flag('key:x', 'review');
    expect(await b.isFlagged('key:x')).toBe(true);
    const res = await admin.handle({ method: 'DELETE', path: `/api/flagged/${encodeURIComponent('key:x')}`, headers: auth });
    expect(JSON.parse(res.body)).toEqual({ id: 'key:x', removed: true });
    expect(resets).toEqual(['a:key:x', 'b:key:x']);
    expect(admin.collector.flagChanges().filter((f) => !f.flagged)).toHaveLength(1);
    admin.close();
    await a.close();
  });

  it('validates flag requests', async () => {
    const { call } = setup();
    const post = (body: unknown) => call('POST', '/api/flagged', { body });
    expect((await post('nope')).status).toBe(400);
    expect((await post({ reason: 'x' })).json.error.message).toMatch(/`id` must be a non-empty string/);
    expect((await post({ id: 'u', reason: '' })).json.error.message).toMatch(/`reason` must be a non-empty string/);
    expect((await post({ id: 'u', reason: 'x', ttlSeconds: -1 })).json.error.message).toMatch(/ttlSeconds/);
    expect((await post({ id: 'u', reason: 'x', by: 'detector' })).json.error.message).toMatch(/`by` must be "admin"/);
    expect((await post({ id: 'x'.repeat(300), reason: 'x' })).status).toBe(400);
    const put = await call('PUT', '/api/flagged/u_2', { body: { reason: 'temporary', ttlSeconds: 60 } });
    expect(put.status).toBe(200);
    expect(put.json.flag).toMatchObject({ id: 'u_2', by: 'admin', expiresAt: T0 + 60_000 });
    expect((await call('PUT', '/api/flagged/u_2', { body: { id: 'other', reason: 'x' } })).status).toBe(400);
    expect((await call('GET', '/api/flagged/%E0%A4%A')).status).toBe(400);
    expect((await call('PATCH', '/api/flagged')).status).toBe(405);
    expect((await call('PATCH', '/api/flagged')).headers.allow).toBe('GET, POST');
    expect((await call('GET', '/api/nothing')).status).toBe(404);
    expect((await call('GET', '/api/decisions', { query: 'limit=0' })).status).toBe(400);
    expect((await call('GET', '/api/decisions', { query: { class: 'weird' } })).status).toBe(400);
  });

  it('serves recent decisions, top identities and the time series', async () => {
    const { guard, clock, call } = setup({ collector: { bucketSeconds: 10, buckets: 60 } }, { limits: { requests: { limit: 2, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false } });
    for (let i = 0; i < 4; i++) await guard.check(chatRequest({ user: 'busy' }));
    clock.advance(10_000);
    await guard.check(chatRequest({ user: 'calm' }));
    const decisions = await call('GET', '/api/decisions', { query: '?limit=3' });
    expect(decisions.json.decisions.map((d: { identity: string; class: string }) => `${d.identity}:${d.class}`)).toEqual(['calm:allowed', 'busy:throttled', 'busy:throttled']);
    expect((await call('GET', '/api/decisions', { query: new URLSearchParams({ identity: 'calm' }) })).json.decisions).toHaveLength(1);
    expect((await call('GET', '/api/decisions', { query: { class: 'throttled' } })).json.decisions).toHaveLength(2);
    expect((await call('GET', '/api/top')).json.identities[0]).toMatchObject({ id: 'busy', throttled: 2, reasons: { 'rate-limit': 2 } });
    const series = await call('GET', '/api/series', { query: 'minutes=1' });
    expect(series.json.points).toHaveLength(6);
    expect(series.json.points.slice(-2).map((p: { allowed: number; throttled: number }) => [p.allowed, p.throttled])).toEqual([
      [2, 2],
      [1, 0],
    ]);
    const overview = await call('GET', '/api/overview');
    expect(overview.json).toMatchObject({ time: T0 + 10_000, stats: { decisions: 5, allowed: 3, throttled: 2 }, flagged: [] });
    // 30 minutes by default, at most what the collector keeps (60 buckets of 10 s here).
    expect(overview.json.series.points).toHaveLength(60);
    expect((await call('GET', '/api/identities/never-seen')).json).toMatchObject({ id: 'never-seen', flagged: false, seen: false, summary: null, decisions: [] });
    expect((await call('GET', '/api/info')).json).toMatchObject({ metrics: false, store: 'memory', guards: 1 });
  });

  it('answers 503 when the store fails, and the overview still renders', async () => {
    const { guard, call } = setup();
    const store = guard.options.store as { exec: (...a: unknown[]) => Promise<unknown> };
    store.exec = async () => {
      throw new Error('connection refused');
    };
    const res = await call('GET', '/api/flagged');
    expect(res.status).toBe(503);
    expect(res.json.error).toEqual({ type: 'store_unavailable', message: 'The store did not answer: connection refused' });
    const overview = await call('GET', '/api/overview');
    expect(overview.status).toBe(200);
    expect(overview.json.flaggedError).toBe('connection refused');
  });

  it('serves the guard metrics behind the token', async () => {
    const metrics = createGuardMetrics();
    const { guard, call, admin } = setup({}, { metrics });
    await guard.check(chatRequest({ user: 'm' }));
    const res = await call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/distill_guard_decisions_total\{conclusion="allow",reason="none"\} 1/);
    expect((await admin.handle({ method: 'GET', path: '/metrics', headers: {} })).status).toBe(401);
    const off = createAdminHandler({ guard, token: TOKEN, metrics: false });
    expect((await off.handle({ method: 'GET', path: '/metrics', headers: auth })).status).toBe(404);
    off.close();
  });
});

describe('dashboard', () => {
  it('serves the page, its script and stylesheet without a token, with a strict CSP', async () => {
    const { admin } = setup({ instance: 'web-1 <b>', pollSeconds: 1 });
    const page = await admin.handle({ method: 'GET', path: '/', headers: {} });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<script src="dashboard.js" defer></script>');
    expect(page.body).toContain('data-poll-ms="1000"');
    expect(page.body).toContain('web-1 &#60;b&#62;');
    expect(page.body).not.toMatch(/https?:\/\//);
    const js = await admin.handle({ method: 'GET', path: '/dashboard.js', headers: {} });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).not.toMatch(/innerHTML|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(() => new Function(js.body)).not.toThrow();
    expect(DASHBOARD_JS).toBe(js.body);
    const css = await admin.handle({ method: 'GET', path: '/dashboard.css', headers: {} });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).not.toMatch(/url\(|@import/);
    expect((await admin.handle({ method: 'HEAD', path: '/', headers: {} })).status).toBe(200);
    expect((await admin.handle({ method: 'POST', path: '/', headers: {} })).status).toBe(405);
    expect((await admin.handle({ method: 'GET', path: '/secret.txt', headers: {} })).status).toBe(404);
  });

  it('redirects the root without a trailing slash so relative links resolve', async () => {
    const { admin } = setup();
    const res = await admin.handle({ method: 'GET', path: '/', originalPath: '/admin', query: 'x=1', headers: {} });
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/admin/?x=1');
    expect((await admin.handle({ method: 'GET', path: '/', originalPath: '/admin/', headers: {} })).status).toBe(200);
  });
});

import express from 'express';
import express4 from 'express4';
import type { Express, NextFunction, Request, Response } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { distillGuard } from '../src/index.js';
import { serve, type Served } from '../../../test/serve.js';

const body = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'Hello' }] });
// The routes below answer small JSON objects; each test reads the fields it sent.
const post = (url: string): Promise<Record<string, unknown>> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.json() as Promise<Record<string, unknown>>);

const factories: Array<[string, () => Express]> = [
  ['express 5', () => express()],
  ['express 4', () => (express4 as unknown as () => Express)()],
];

describe.each(factories)('%s: req.distillGuard', (_name, create) => {
  const open: Served[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  const start = async (app: Express) => {
    const served = await serve(app);
    open.push(served);
    return served.url;
  };
  const guard = () => distillGuard({ warnings: false, detector: false });

  it('is this request decision on every request, in a route after the middleware', async () => {
    const app = create();
    app.post('/chat', guard(), (req: Request, res: Response) => res.json({ id: req.distillGuard?.id, header: res.getHeader('x-request-id'), own: Object.hasOwn(req, 'distillGuard') }));
    const url = await start(app);
    const [a, b] = [await post(`${url}/chat`), await post(`${url}/chat`)];
    expect(a.id).toBe(a.header);
    expect(b.id).toBe(b.header);
    expect(a.id).not.toBe(b.id);
    expect(a.own).toBe(false);
  });

  it('reaches a route of a mounted sub-app, and every app of the same Express', async () => {
    const app = create();
    const sub = create();
    sub.post('/chat', (req: Request, res: Response) => res.json({ conclusion: req.distillGuard?.conclusion ?? null }));
    // Mounted on `/sub`, the guard checks `/sub` itself by default; `match` makes it check what passes through to the sub-app too.
    app.use('/sub', distillGuard({ warnings: false, detector: false, match: () => true }), sub);
    const other = create();
    other.post('/chat', guard(), (req: Request, res: Response) => res.json({ conclusion: req.distillGuard?.conclusion ?? null }));
    expect(await post(`${await start(app)}/sub/chat`)).toEqual({ conclusion: 'allow' });
    expect(await post(`${await start(other)}/chat`)).toEqual({ conclusion: 'allow' });
  });

  it('is undefined on a request no guard has seen, and the last guard wins on one that two have seen', async () => {
    const app = create();
    const first = guard();
    const second = distillGuard({ warnings: false, detector: false, limits: { requests: { limit: 1000, window: '1m' } } });
    app.post('/none', (req: Request, res: Response) => res.json({ present: req.distillGuard !== undefined }));
    app.post('/two', first, second, (req: Request, res: Response) => res.json({ limit: req.distillGuard?.limits.find((l) => l.policy.startsWith('requests'))?.limit }));
    const url = await start(app);
    // Before and after a guard ran on another request of the same app.
    expect(await post(`${url}/none`)).toEqual({ present: false });
    expect(await post(`${url}/two`)).toEqual({ limit: 1000 });
    expect(await post(`${url}/none`)).toEqual({ present: false });
  });

  it('can still be assigned by application code', async () => {
    const app = create();
    app.post('/chat', guard(), (req: Request, _res: Response, next: NextFunction) => {
      (req as { distillGuard?: unknown }).distillGuard = { replaced: true } as never;
      next();
    }, (req: Request, res: Response) => res.json(req.distillGuard));
    expect(await post(`${await start(app)}/chat`)).toEqual({ replaced: true });
  });
});

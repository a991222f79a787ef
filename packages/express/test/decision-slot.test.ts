import express, { type Request, type Response } from 'express';
import express4 from 'express4';
import { describe, expect, it } from 'vitest';
import type { Decision } from '@distill-guard/core';
import { distillGuard } from '../src/index.js';
import { attachDecision } from '../src/decision-slot.js';
import { serve } from '../../../test/serve.js';

const factories = { 'express 5': () => express(), 'express 4': () => (express4 as unknown as () => ReturnType<typeof express>)() };

describe.each(Object.entries(factories))('req.distillGuard on %s', (_name, create) => {
  it('is the decision for the route, per request, also across a mounted sub-app, and assignable', async () => {
    const guard = distillGuard({ detector: false, shield: false, warnings: false });
    const app = create();
    const sub = create();
    sub.use(express.json(), guard);
    app.use('/api', sub);
    app.post('/api/chat', (req: Request, res: Response) => {
      const seen = req.distillGuard?.id;
      const decision = req.distillGuard;
      req.distillGuard = undefined;
      const cleared = req.distillGuard === undefined;
      req.distillGuard = decision;
      res.json({ seen, conclusion: req.distillGuard?.conclusion, cleared, own: Object.keys(req).includes('distillGuard') });
    });
    app.get('/plain', (req: Request, res: Response) => res.json({ seen: req.distillGuard ?? null }));
    const served = await serve(app);
    try {
      const post = () =>
        fetch(`${served.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }) }).then(async (r) => ({ id: r.headers.get('x-request-id'), body: (await r.json()) as Record<string, unknown> }));
      const [a, b] = await Promise.all([post(), post()]);
      expect(a.body).toEqual({ seen: a.id, conclusion: 'allow', cleared: true, own: false });
      expect(b.body.seen).toBe(b.id);
      expect(a.id).not.toBe(b.id);
      // A request that never met the guard has no decision.
      expect(await (await fetch(`${served.url}/plain`)).json()).toEqual({ seen: null });
    } finally {
      await served.close();
      await guard.guard.close();
    }
  });
});

it('falls back to a plain property on a request that is not an Express request over node:http', () => {
  const req: { distillGuard?: Decision } = {};
  const decision = { id: 'req_1' } as Decision;
  attachDecision(req, decision);
  expect(Object.getOwnPropertyDescriptor(req, 'distillGuard')?.value).toBe(decision);
});

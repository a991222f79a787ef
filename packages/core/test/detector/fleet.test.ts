import Redis from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { fleetLink, fleetSize, FLEET_BUCKETS } from '../../src/detector/fleet.js';
import { createGuard, manualClock, memoryStore, redisStore, type Decision, type Store } from '../../src/internal.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A few thousand requests through a guard: more than the default timeout on a loaded machine (no speed is asserted). */
const LONG = 120_000;
// A date no other test uses: a day's fleet is shared by everything on that day in one Redis.
const start = Date.UTC(2026, 4, 11, 0, 0, 0);
const SDKS = ['Anthropic/Python 0.75.0', 'Anthropic/JS 0.71.0', 'python-httpx/0.28.1', 'axios/1.7.9', 'OpenAI/Python 2.8.1', 'node'];
const TOPICS = ['tide pools', 'sourdough starters', 'the Hanseatic League', 'heat pumps', 'jazz harmony', 'glacier retreat', 'ant colonies', 'medieval castles', 'solar sails', 'coffee roasting', 'bird migration', 'volcanic soil'];
const ANGLES = ['what matters most about', 'how people first learned about', 'why anyone would care about', 'what is often misunderstood about', 'where to start reading on', 'what changed recently with'];
/** A fresh question (below the instruction bar), never the same twice. */
const question = (i: number) => `I was wondering ${ANGLES[i % ANGLES.length]} ${TOPICS[Math.floor(i / ANGLES.length) % TOPICS.length]}, number ${i}?`;
const ANSWER = (i: number) => `Good question. ${TOPICS[i % TOPICS.length]} are a broad subject, and the short version is that a few ideas carry most of it. `.repeat(4);
/** A customer's document, and the short result a document product returns. */
const documentOf = (i: number) => `Summarise the following document in two sentences for our records.\n\n${`Clause ${i}: the supplier delivers the goods listed in schedule ${i % 7} within thirty days of the order, and the buyer pays within sixty days of delivery. `.repeat(12)}`;
const RESULT = 'The supplier delivers within thirty days; the buyer pays within sixty days of delivery.';

const stores: Array<[string, () => Store]> = [
  ['memory store', () => memoryStore()],
  ['Redis', () => redisStore(new Redis(inject('redisUrl')))],
];

describe('fleet size (linear counting)', () => {
  it('counts distinct accounts from the buckets they set, and links from a handful on', () => {
    const g = new Float64Array(FLEET_BUCKETS);
    expect(fleetSize(g)).toBe(0);
    g[3] = 1;
    expect(fleetSize(g)).toBeCloseTo(FLEET_BUCKETS * Math.log(FLEET_BUCKETS / (FLEET_BUCKETS - 1)), 6);
    for (let b = 0; b < 10; b++) g[b] = 1;
    expect(fleetSize(g)).toBeGreaterThan(10);
    expect(fleetSize(g)).toBeLessThan(14);
    expect(fleetLink(3)).toBe(0);
    expect(fleetLink(40)).toBe(1);
  });
});

describe.each(stores)('fleets of automation accounts (%s)', (_name, makeStore) => {
  // No rate limits and no probation: the detector's verdict and the flagged allowance alone act.
  // Accounts are kept for 60 idle days (each was first seen weeks before its fleet's day).
  const guardWith = (clock: ReturnType<typeof manualClock>, detector: Record<string, unknown> = {}) =>
    createGuard({ clock, store: makeStore(), warnings: false, limits: false, detector: { probation: false, idleTtlSeconds: 60 * 86_400, ...detector } });

  /**
   * `accounts` SDK accounts, each sending a request every `gapMs` (interleaved) for `hours`: fresh
   * questions with long answers (`harvest`), or documents with short results. Decisions by account.
   */
  const fleet = async (guard: ReturnType<typeof createGuard>, clock: ReturnType<typeof manualClock>, day: number, prefix: string, accounts: number, gapMs: number, hours: number, kind: 'harvest' | 'documents') => {
    const users = Array.from({ length: accounts }, (_, a) => `${prefix}-${a}`);
    const out = new Map<string, Decision[]>(users.map((u) => [u, []]));
    let i = 0;
    const send = async (a: number, at: number) => {
      clock.set(at);
      const user = users[a]!;
      const headers = { 'user-agent': SDKS[a % SDKS.length]!, 'content-type': 'application/json' };
      const content = kind === 'harvest' ? question(i) : documentOf(i);
      const d = await guard.check({ ip: `34.12.${a}.9`, method: 'POST', path: '/', user, headers, body: { model: 'claude-sonnet-4-5', max_tokens: kind === 'harvest' ? 2048 : 256, messages: [{ role: 'user', content }] } });
      if (d.allowed) {
        const usage = kind === 'harvest' ? { input_tokens: 30, output_tokens: 320 } : { input_tokens: 700, output_tokens: 25 };
        await guard.record(d, { status: 200, usage, outputText: kind === 'harvest' ? ANSWER(i) : RESULT });
      }
      i++;
      return d;
    };
    // Each account was first seen on a day of its own (accounts opened together and driven alike
    // are a cohort: other evidence than this test's).
    for (let a = 0; a < accounts; a++) await send(a, day - (a + 1) * 36 * HOUR);
    for (let at = day + 17_000; at < day + hours * HOUR; at += gapMs) {
      for (let a = 0; a < accounts; a++) {
        const d = await send(a, at + a * 1000 + ((i * 7919) % 23) * 1000);
        const user = users[a]!;
        out.get(user)!.push(d);
      }
    }
    return out;
  };
  const fleetLinked = (d: Decision) => d.signals.some((s) => s.name === 'cluster' && /fleet/.test(s.explanation));
  const worst = (ds: Decision[]) => Math.max(...ds.map((d) => ['allow', 'throttle', 'flag', 'block'].indexOf(d.verdict)));

  it('flags the members of a fleet of SDK accounts taking fresh answers at machine pace the same day, explains it, holds each to the flagged allowance, never blocks', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    // 14 accounts, each a fresh question every 6 minutes (240 a day) for 20 hours.
    const byAccount = await fleet(guard, clock, start + 30 * DAY, unique('sdkfleet'), 14, 6 * MIN, 20, 'harvest');
    for (const ds of byAccount.values()) {
      expect(worst(ds)).toBe(2);
      const firstFlag = ds.findIndex((d) => d.verdict === 'flag');
      // Linked once its fleet formed (each member past 60 answers today), not from the start.
      expect(firstFlag).toBeGreaterThan(50);
      const cluster = ds[firstFlag]!.signals.find((s) => s.name === 'cluster');
      expect(cluster?.explanation).toMatch(/fleet/);
      // From then on it is held to the flagged allowance (30 answers on its first flagged day).
      expect(ds.slice(firstFlag).filter((d) => d.allowed).length).toBeLessThanOrEqual(31);
    }
    await guard.close();
  }, LONG);

  it('does not link a document product whose customers each run their own batch (documents in, short results out)', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    const documents = await fleet(guard, clock, start + 40 * DAY, unique('docs'), 14, 6 * MIN, 14, 'documents');
    for (const ds of documents.values()) {
      // (Fourteen accounts first seen together with one prompt frame may still form a cohort or a
      // template cluster, as before fleets: that evidence is not this test's.)
      expect(ds.some((d) => fleetLinked(d))).toBe(false);
      expect(worst(ds)).toBeLessThanOrEqual(2);
    }
    await guard.close();
  }, LONG);

  it('does not link a fleet of declared integrations', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { integrations: ['svc-*'] });
    const declared = await fleet(guard, clock, start + 80 * DAY, 'svc-' + unique('fleet'), 14, 6 * MIN, 20, 'harvest');
    for (const ds of declared.values()) {
      expect(ds.every((d) => d.verdict !== 'flag' && d.verdict !== 'block' && d.allowed)).toBe(true);
    }
    await guard.close();
  }, LONG);

  // Each test runs on a day of its own: a day's fleet is shared by everything on it in one store
  // (a Redis server outlives a test's guard).
  it('does not link a few automation accounts at machine pace (one customer running several jobs)', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    const few = await fleet(guard, clock, start + 120 * DAY, unique('few'), 4, 6 * MIN, 20, 'harvest');
    for (const ds of few.values()) expect(ds.every((d) => d.allowed && d.verdict !== 'flag' && d.verdict !== 'block')).toBe(true);
    await guard.close();
  });
});

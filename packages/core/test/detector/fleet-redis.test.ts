import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDetector, manualClock, redisStore, type Detector, type DetectorResult, type TrafficStep } from '../../src/internal.js';
import { memoryLogger } from '../helpers.js';
import { drive } from './helpers.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A date no other test uses: a day's fleet is shared by everything on that day in one Redis. */
const start = Date.UTC(2026, 6, 20, 0, 0, 0);
const LONG = 120_000;
const TOPICS = ['tide pools', 'sourdough starters', 'the Hanseatic League', 'heat pumps', 'jazz harmony', 'glacier retreat', 'ant colonies', 'medieval castles', 'solar sails', 'coffee roasting'];
const question = (i: number) => `I was wondering what matters most about ${TOPICS[i % TOPICS.length]}, case number ${i}?`;
const answer = (i: number) => `Good question. ${TOPICS[i % TOPICS.length]} are a broad subject, and the short version is that a few ideas carry most of it. `.repeat(4);

/** One request of an SDK account (a fresh question, a long answer). */
function step(user: string, a: number, i: number, at: number): TrafficStep {
  return {
    at,
    request: { ip: `34.13.${a}.9`, method: 'POST', path: '/', user, headers: { 'user-agent': 'Anthropic/Python 0.75.0', 'content-type': 'application/json' }, body: { model: 'claude-sonnet-4-5', max_tokens: 2048, messages: [{ role: 'user', content: question(i) }] } },
    outcome: { status: 200, usage: { input_tokens: 30, output_tokens: 320 }, outputText: answer(i) },
  } as TrafficStep;
}

/** Both instances read one clock (outcomes are dated by it), set to each request's time. */
const clock = manualClock(start);
const detectorOn = (client: Redis | Cluster): Detector =>
  createDetector({ probation: false, idleTtlSeconds: 60 * 86_400 }, { store: redisStore(client), clock, logger: memoryLogger(), monitor: false });
const send = (d: Detector, s: TrafficStep) => {
  clock.set(s.at);
  return drive(d, [s]);
};
const fleetLinked = (r: DetectorResult) => r.signals.some((s) => s.name === 'cluster' && /fleet/.test(s.explanation));

describe.each([
  ['standalone', 0, () => [new Redis(inject('redisUrl')), new Redis(inject('redisUrl'))]],
  ['cluster', 10, () => [new Cluster(inject('redisClusterNodes')), new Cluster(inject('redisClusterNodes'))]],
] as const)('fleets across instances (%s)', (_kind, dayOffset, connect) => {
  let clients: Array<Redis | Cluster>;
  beforeAll(async () => {
    clients = connect() as unknown as Array<Redis | Cluster>;
    await Promise.all(clients.map((c) => c.ping()));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('counts a fleet whose members are served by two instances as one (seven accounts on each)', async () => {
    const [a, b] = [detectorOn(clients[0]!), detectorOn(clients[1]!)];
    const day = start + dayOffset * DAY;
    // 14 SDK accounts, each first seen on a day of its own (no cohort), then a fresh question every
    // 6 minutes for 12 hours; the even accounts on one instance, the odd on the other (7 each: fewer
    // than a fleet's link needs).
    const users = Array.from({ length: 14 }, (_, k) => unique(`fleet${k}`));
    const on = (k: number) => (k % 2 ? b : a);
    let i = 0;
    for (let k = 0; k < users.length; k++) await send(on(k), step(users[k]!, k, i++, day - (k + 1) * 36 * HOUR));
    const results = users.map(() => [] as DetectorResult[]);
    for (let at = day + 17_000; at < day + 12 * HOUR; at += 6 * MIN) {
      for (let k = 0; k < users.length; k++) results[k]!.push(...(await send(on(k), step(users[k]!, k, i++, at + k * 1000))));
      // The instances' shared vectors go out behind, as between any real requests seconds apart.
      await Promise.all([a.flush(), b.flush()]);
    }
    for (let k = 0; k < users.length; k++) {
      expect(results[k]!.some(fleetLinked)).toBe(true);
      expect(results[k]!.some((r) => r.verdict === 'block')).toBe(false);
    }
    await Promise.all([a.close?.(), b.close?.()]);
  }, LONG);
});

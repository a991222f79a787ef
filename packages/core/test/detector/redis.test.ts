import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDetector, manualClock, memoryStore, redisStore, scriptedHarvester, verdictKey, type Detector, type Store, type StoreOp } from '../../src/index.js';
import { memoryLogger } from '../helpers.js';
import { drive, firstAt } from './helpers.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const start = Date.UTC(2026, 10, 2, 0, 0, 0);

/** Counts `exec` batches: the detector must use exactly one per request. */
function counting(store: Store): Store & { batches: number; ops: number } {
  const wrapped = Object.create(store) as Store & { batches: number; ops: number };
  wrapped.batches = 0;
  wrapped.ops = 0;
  wrapped.exec = (ops: readonly StoreOp[]) => {
    wrapped.batches++;
    wrapped.ops += ops.length;
    return store.exec(ops);
  };
  return wrapped;
}

const detectorOn = (store: Store): Detector => createDetector({}, { store, clock: manualClock(start), logger: memoryLogger(), monitor: false });

describe.each([
  ['standalone', () => [new Redis(inject('redisUrl')), new Redis(inject('redisUrl'))]],
  ['cluster', () => [new Cluster(inject('redisClusterNodes')), new Cluster(inject('redisClusterNodes'))]],
] as const)('distillation detector on Redis (%s)', (_kind, connect) => {
  let clients: Array<Redis | Cluster>;
  beforeAll(async () => {
    clients = connect() as unknown as Array<Redis | Cluster>;
    await Promise.all(clients.map((c) => c.ping()));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('catches a harvest split across two instances as fast as one instance does', async () => {
    const harvest = (user: string) => scriptedHarvester({ user, count: 60, start, salt: unique('salt'), ip: `198.18.${counter % 250}.7` });
    const alone = firstAt(await drive(detectorOn(memoryStore()), harvest(unique('mem'))), 'block');
    const one = detectorOn(redisStore(clients[0]!));
    const single = firstAt(await drive(one, harvest(unique('one'))), 'block');

    const [a, b] = [detectorOn(redisStore(clients[0]!)), detectorOn(redisStore(clients[1]!))];
    const user = unique('split');
    const steps = harvest(user);
    const results = [];
    for (let i = 0; i < steps.length; i++) results.push(...(await drive(i % 2 ? a : b, [steps[i]!])));
    const split = firstAt(results, 'block');

    expect(alone).toBeGreaterThan(0);
    expect(single).toBeGreaterThan(0);
    expect(Math.abs(single - alone)).toBeLessThanOrEqual(2);
    expect(split).toBeGreaterThan(0);
    expect(split).toBeLessThanOrEqual(single + 2);
    // Both instances see the verdict, and the store holds it for every other instance.
    expect(results.slice(split + 2).every((r) => r.verdict === 'block')).toBe(true);
    const [saved] = (await redisStore(clients[1]!).exec([{ op: 'hgetall', key: verdictKey(user) }])) as Array<Record<string, string>>;
    await Promise.all([a.flush(), b.flush()]);
    const [after] = (await redisStore(clients[1]!).exec([{ op: 'hgetall', key: verdictKey(user) }])) as Array<Record<string, string>>;
    expect({ ...saved, ...after }.verdict).toBe('block');
    await Promise.all([one.close?.(), a.close?.(), b.close?.()]);
  });

  it('reads and updates all of its state in one store batch per request', async () => {
    const store = counting(redisStore(clients[0]!));
    const detector = detectorOn(store);
    const steps = scriptedHarvester({ user: unique('rt'), count: 12, start, salt: unique('salt') });
    await drive(detector, steps);
    expect(store.batches).toBe(steps.length);
    expect(store.ops / store.batches).toBeLessThan(80);
  });

  it('links a campaign whose accounts are served by different instances', async () => {
    const [a, b] = [detectorOn(redisStore(clients[0]!)), detectorOn(redisStore(clients[1]!))];
    const salt = unique('campaign');
    const accounts = Array.from({ length: 12 }, (_, i) => scriptedHarvester({ user: unique(`sock${i}`), ip: `100.66.${i}.${counter % 250}`, count: 6, start: start + i * 3_600_000, intervalSeconds: 600, salt }));
    const clusters = new Set<string>();
    for (let i = 0; i < accounts.length; i++) {
      const results = await drive(i % 2 ? a : b, accounts[i]!);
      for (const r of results) if (r.cluster) clusters.add(r.cluster);
    }
    await Promise.all([a.flush(), b.flush()]);
    expect(clusters.size).toBeGreaterThan(0);
    // The last account, served by the other instance, inherits the campaign's evidence early.
    const last = await drive(a, scriptedHarvester({ user: unique('late'), ip: '100.66.200.1', count: 6, start: start + 20 * 3_600_000, intervalSeconds: 600, salt }));
    expect(last.some((r) => r.signals.some((s) => s.name === 'cluster'))).toBe(true);
    await Promise.all([a.close?.(), b.close?.()]);
  });
});

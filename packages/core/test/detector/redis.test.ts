import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ACCOUNT_FIELDS, createDetector, manualClock, memoryStore, redisStore, RedisStore, scriptedHarvester, verdictKey, type Detector, type Store } from '../../src/internal.js';
import { memoryLogger } from '../helpers.js';
import { drive, firstAt } from './helpers.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const start = Date.UTC(2026, 10, 2, 0, 0, 0);

/** Counts the store's round trips by kind: row calls (the request path), vector flushes, plain batches. */
function counting(store: RedisStore): RedisStore & { calls: { rows: number; vectors: number; exec: number } } {
  const wrapped = Object.create(store) as RedisStore & { calls: { rows: number; vectors: number; exec: number } };
  wrapped.calls = { rows: 0, vectors: 0, exec: 0 };
  wrapped.rows = (...args) => {
    wrapped.calls.rows++;
    return store.rows(...args);
  };
  // A request's call on a connected standalone server goes into its batch this way.
  wrapped.enqueueRows = (...args) => {
    const queued = store.enqueueRows(...args);
    if (queued) wrapped.calls.rows++;
    return queued;
  };
  wrapped.vectorShards = (...args) => {
    wrapped.calls.vectors++;
    return store.vectorShards(...args);
  };
  wrapped.exec = (...args) => {
    wrapped.calls.exec++;
    return store.exec(...args);
  };
  return wrapped;
}

/** Lets the instances' write-behind run, as it does between the requests of any real account (they are seconds apart). */
const settleWrites = (...detectors: Detector[]) => Promise.all(detectors.map((d) => d.flush()));

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
    for (let i = 0; i < steps.length; i++) {
      results.push(...(await drive(i % 2 ? a : b, [steps[i]!])));
      await settleWrites(a, b);
    }
    const split = firstAt(results, 'block');

    expect(alone).toBeGreaterThan(0);
    expect(single).toBeGreaterThan(0);
    expect(Math.abs(single - alone)).toBeLessThanOrEqual(2);
    expect(split).toBeGreaterThan(0);
    // An answer's evidence (its reasoning, its digest) reaches the other instance with the write-behind: a request or so later.
    expect(split).toBeLessThanOrEqual(single + 3);
    // Both instances see the verdict, and the store holds it for every other instance.
    expect(results.slice(split + 2).every((r) => r.verdict === 'block')).toBe(true);
    const [saved] = (await redisStore(clients[1]!).exec([{ op: 'hgetall', key: verdictKey(user) }])) as Array<Record<string, string>>;
    await Promise.all([a.flush(), b.flush()]);
    const [after] = (await redisStore(clients[1]!).exec([{ op: 'hgetall', key: verdictKey(user) }])) as Array<Record<string, string>>;
    expect({ ...saved, ...after }.verdict).toBe('block');
    await Promise.all([one.close?.(), a.close?.(), b.close?.()]);
  });

  it('reads and updates an account in the request\'s one call, and writes outcomes and shared vectors behind', async () => {
    const store = counting(redisStore(clients[0]!) as RedisStore);
    const detector = detectorOn(store);
    const steps = scriptedHarvester({ user: unique('rt'), count: 12, start, salt: unique('salt') });
    for (const step of steps) {
      const before = { ...store.calls };
      const [result] = await drive(detector, [step]);
      expect(result).toBeDefined();
      // observe: exactly one row call; recordOutcome: nothing awaited (its writes wait for the
      // account's next call, or a flush a few milliseconds later).
      expect(store.calls.rows - before.rows).toBe(1);
    }
    await detector.flush();
    // The outcomes and the deferred updates went with the next call or in flushes; the groups and
    // the population went behind, a few calls for all the requests together.
    expect(store.calls.vectors).toBeLessThanOrEqual(steps.length * 2);
    await detector.close?.();
  });

  it('mirrors the changed verdicts of several accounts in one batch, and drops the pending one of an account it forgets', async () => {
    const store = counting(redisStore(clients[0]!) as RedisStore);
    const detector = detectorOn(store);
    const users = [unique('v1'), unique('v2'), unique('v3')];
    const runs = users.map((user, i) => scriptedHarvester({ user, count: 60, start, salt: unique('salt'), ip: `198.19.${i}.${counter % 250}` }));
    // The three harvests interleaved, step by step, without a flush: every verdict change is queued.
    const results: Array<Awaited<ReturnType<typeof drive>>> = users.map(() => []);
    for (let k = 0; k < 60; k++) for (let i = 0; i < users.length; i++) results[i]!.push(...(await drive(detector, [runs[i]![k]!])));
    for (const r of results) expect(firstAt(r, 'block')).toBeGreaterThan(0);
    const execBefore = store.calls.exec;
    await detector.reset?.(users[2]!);
    const forgetCalls = store.calls.exec - execBefore;
    await detector.flush();
    // One batch for the verdicts waiting (the forget's own delete aside).
    expect(store.calls.exec - execBefore - forgetCalls).toBeLessThanOrEqual(1);
    const read = async (user: string) => ((await store.exec([{ op: 'hgetall', key: verdictKey(user) }])) as Array<Record<string, string>>)[0]!;
    expect((await read(users[0]!)).verdict).toBe('block');
    expect((await read(users[1]!)).verdict).toBe('block');
    // The forgotten account's verdict is not written back after its reset.
    expect(await read(users[2]!)).toEqual({});
    await detector.close?.();
  });

  it('shares the answers it served across instances: a history served by one is genuine on the other', async () => {
    const [a, b] = [detectorOn(redisStore(clients[0]!)), detectorOn(redisStore(clients[1]!))];
    const user = unique('prov');
    const identity = { id: user, source: 'user' as const, ip: '203.0.113.40', network: '203.0.113.0/24' };
    const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', accept: '*/*', 'accept-language': 'en' };
    const ask = async (detector: Detector, messages: Array<{ role: 'user' | 'assistant'; content: string }>, at: number, answer: string) => {
      const body = { model: 'claude-haiku-4-5', max_tokens: 1024, messages };
      const result = await detector.observe({ identity, request: { ip: identity.ip, method: 'POST', path: '/', headers, body }, body, timestamp: at });
      await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: 40, output_tokens: 120 }, outputText: answer });
      return result;
    };
    // The account has been served answers with their text (provenance applies to it).
    for (let i = 0; i < 4; i++) await ask(a, [{ role: 'user', content: `Warm-up question ${i} about gardens?` }], start + i * 1000, `Warm-up answer ${i}: plant in spring.`);
    await a.flush();
    // Instance a serves an answer; instance b gets the follow-up a few seconds later.
    const served = 'Tomatoes need six hours of sun, deep watering twice a week, and a stake once they reach a foot.';
    await ask(a, [{ role: 'user', content: 'How do I grow tomatoes on a balcony?' }], start + 60_000, served);
    await new Promise((r) => setTimeout(r, 60));
    await ask(b, [{ role: 'user', content: 'How do I grow tomatoes on a balcony?' }, { role: 'assistant', content: served }, { role: 'user', content: 'And in pots?' }], start + 90_000, 'Yes: a 20-litre pot per plant.');
    await ask(b, [{ role: 'user', content: 'Tell me about peppers.' }, { role: 'assistant', content: 'An answer this account was never given.' }, { role: 'user', content: 'More?' }], start + 120_000, 'Peppers like heat.');
    await Promise.all([a.flush(), b.flush()]);
    const state = await a.account(user);
    expect(state![ACCOUNT_FIELDS.history]).toBe(2);
    expect(state![ACCOUNT_FIELDS.forged]).toBe(1);
    await Promise.all([a.close?.(), b.close?.()]);
  });

  it('remembers an answer that continued a prefill both ways a client may resend it, across instances', async () => {
    const [a, b] = [detectorOn(redisStore(clients[0]!)), detectorOn(redisStore(clients[1]!))];
    const user = unique('prefill');
    const identity = { id: user, source: 'user' as const, ip: '203.0.113.41', network: '203.0.113.0/24' };
    const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', accept: '*/*', 'accept-language': 'en' };
    const ask = async (detector: Detector, messages: Array<{ role: 'user' | 'assistant'; content: string }>, at: number, answer: string, prefillText?: string) => {
      const body = { model: 'claude-haiku-4-5', max_tokens: 1024, messages };
      await detector.observe({ identity, request: { ip: identity.ip, method: 'POST', path: '/', headers, body }, body, timestamp: at });
      await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: 40, output_tokens: 120 }, outputText: answer, ...(prefillText && { prefillText }) });
      await Promise.all([a.flush(), b.flush()]);
    };
    for (let i = 0; i < 4; i++) await ask(a, [{ role: 'user', content: `Warm-up question ${i} about gardens?` }], start + i * 1000, `Warm-up answer ${i}: plant in spring.`);
    // Two answers served after a prefill that opens a JSON object; the client resends the first as
    // the whole turn it holds and the second as the reply's text alone.
    const prefill = '{"plan": "';
    const [first, second] = ['Water the beds at dawn and mulch them."}', 'Stake the tomatoes once they reach a foot."}'];
    await ask(a, [{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill }], start + 60_000, first, prefill);
    await ask(b, [{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill + first }, { role: 'user', content: 'And the tomatoes?' }, { role: 'assistant', content: prefill }], start + 90_000, second, prefill);
    await ask(a, [{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill + first }, { role: 'user', content: 'And the tomatoes?' }, { role: 'assistant', content: second }, { role: 'user', content: 'Thanks, and peppers?' }], start + 120_000, 'Peppers like heat.');
    const state = await a.account(user);
    expect(state![ACCOUNT_FIELDS.history]).toBe(2);
    expect(state![ACCOUNT_FIELDS.forged]).toBe(0);
    // A turn this account was never served is still forged.
    await ask(b, [{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: `${prefill}An answer never given."}` }, { role: 'user', content: 'More?' }], start + 150_000, 'More.');
    expect((await a.account(user))![ACCOUNT_FIELDS.forged]).toBe(1);
    await Promise.all([a.close?.(), b.close?.()]);
  });

  it('counts replies that served no text as answers it was given, across instances, and judges the account\'s histories', async () => {
    const [a, b] = [detectorOn(redisStore(clients[0]!)), detectorOn(redisStore(clients[1]!))];
    const user = unique('textless');
    const identity = { id: user, source: 'user' as const, ip: '203.0.113.42', network: '203.0.113.0/24' };
    const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', accept: '*/*', 'accept-language': 'en' };
    let at = start;
    const ask = async (detector: Detector, messages: Array<{ role: 'user' | 'assistant'; content: string }>, outputText: string, otherOutputText?: string) => {
      at += 30_000;
      const body = { model: 'claude-haiku-4-5', max_tokens: 1024, messages };
      const result = await detector.observe({ identity, request: { ip: identity.ip, method: 'POST', path: '/', headers, body }, body, timestamp: at });
      if (result.verdict !== 'block') await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: 40, output_tokens: outputText ? 120 : 1 }, outputText, ...(otherOutputText && { otherOutputText }) });
      await Promise.all([a.flush(), b.flush()]);
      return result;
    };
    // One reply in three serves no text (a stop sequence that fired at once on one instance, a
    // tool call alone on the other); the rest continue histories this account was never served.
    await ask(a, [{ role: 'user', content: 'Warm-up question about gardens?' }], 'Warm-up answer: plant in spring.');
    let last;
    for (let i = 1; i <= 9; i++) {
      const on = i % 2 ? a : b;
      await ask(on, [{ role: 'user', content: 'Reply with a blank line.' }], '', i % 2 ? undefined : 'ok: ok');
      last = await ask(on, [{ role: 'user', content: `Question ${i} about peppers?` }, { role: 'assistant', content: `An answer ${i} this account was never given.` }, { role: 'user', content: `And week ${i + 1}?` }], `Peppers ${i} like heat.`);
    }
    const state = (await a.account(user))!;
    expect(state[ACCOUNT_FIELDS.textless]).toBeGreaterThanOrEqual(5);
    expect(state[ACCOUNT_FIELDS.answers]! / state[ACCOUNT_FIELDS.outN]!).toBeLessThan(0.8);
    expect(state[ACCOUNT_FIELDS.forged]).toBeGreaterThanOrEqual(5);
    expect(['flag', 'block']).toContain(last!.verdict);
    await Promise.all([a.close?.(), b.close?.()]);
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

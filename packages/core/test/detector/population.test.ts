import { describe, expect, it } from 'vitest';
import { createGuard, manualClock, prng, type DetectorResult } from '../../src/internal.js';
import { detectorFor } from './helpers.js';

const start = Date.UTC(2026, 10, 2, 8, 0, 0);
const HOUR = 3_600_000;
const CAPS = [
  (i: number) => `Translate into French: the meeting number ${i} moved to Tuesday afternoon.`,
  (i: number) => `Write a Python function that returns the ${i}th prime number.`,
  (i: number) => `Solve for x: ${i}x + 7 = ${i * 3 + 7}.`,
  (i: number) => `Summarize the plot of the novel number ${i} in three sentences.`,
  (i: number) => `Write a short poem about autumn leaves and the number ${i}.`,
  (i: number) => `Classify the sentiment of this review: "meal ${i} was cold but the staff were lovely".`,
  (i: number) => `Give me five ideas for a team-building event, variant ${i}.`,
  (i: number) => `Explain how vaccines train the immune system, part ${i}.`,
  (i: number) => `Compare electric and petrol cars on cost, case ${i}.`,
  (i: number) => `Extract every date from: "met on 2026-0${1 + (i % 9)}-1${i % 10}, left two days later".`,
];
const FRAMES = [(x: string) => `Module request\n---\n${x}\n---`, (x: string) => `Request: ${x}`, (x: string) => `<job>${x}</job>`, (x: string) => `${x}\nRespond thoroughly.`];
const ANSWER = (i: number) => `Here is a complete answer to request ${i}. `.repeat(8);

interface Account {
  id: string;
  ip: string;
  headers: Record<string, string>;
  prompt: (i: number) => string;
  times: number[];
  outputTokens?: number;
}

/** Drives several accounts, interleaved in time; returns each account's results. */
async function run(detector: ReturnType<typeof detectorFor>['detector'], accounts: Account[]): Promise<Map<string, DetectorResult[]>> {
  const events = accounts.flatMap((a) => a.times.map((at, i) => ({ a, at, i }))).sort((x, y) => x.at - y.at);
  const out = new Map<string, DetectorResult[]>(accounts.map((a) => [a.id, []]));
  for (const { a, at, i } of events) {
    const identity = { id: a.id, source: 'user' as const, ip: a.ip, network: a.ip.replace(/\.\d+$/, '.0/24') };
    const body = { model: 'claude-sonnet-5-5', max_tokens: 4096, messages: [{ role: 'user', content: a.prompt(i) }] };
    const r = await detector.observe({ identity, request: { ip: a.ip, method: 'POST', path: '/', headers: a.headers }, body: body as never, timestamp: at });
    out.get(a.id)!.push(r);
    if (r.verdict !== 'block') await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: 25, output_tokens: a.outputTokens ?? 400 }, outputText: ANSWER(i) });
  }
  return out;
}

const paced = (rnd: () => number, from: number, count: number, meanSeconds: number) => {
  let t = from;
  return Array.from({ length: count }, () => (t += (0.5 + rnd()) * meanSeconds * 1000));
};
const detected = (rs: DetectorResult[] | undefined) => (rs ?? []).some((r) => r.verdict === 'flag' || r.verdict === 'block');

describe('cohorts and farms', () => {
  it('links one-capability "integrations" launched together into a cohort that together sweeps, and flags them', async () => {
    const rnd = prng(12);
    const { detector } = detectorFor();
    const shards: Account[] = Array.from({ length: 20 }, (_, k) => ({
      id: `shard-${k}`,
      ip: `${13 + k}.${40 + k}.7.9`,
      headers: { 'user-agent': ['python-httpx/0.28.1', 'node', 'axios/1.7.9'][k % 3]!, 'content-type': 'application/json' },
      prompt: (i) => FRAMES[k % FRAMES.length]!(CAPS[k % CAPS.length]!(i)),
      times: paced(rnd, start + k * 60_000, 120, 90),
    }));
    const results = await run(detector, shards);
    const caught = shards.filter((s) => detected(results.get(s.id))).length;
    expect(caught).toBeGreaterThanOrEqual(18);
    const last = results.get('shard-19')!.at(-1)!;
    expect(last.signals.map((s) => s.name)).toContain('cluster');
    expect(last.signals.find((s) => s.name === 'cluster')!.explanation).toMatch(/cohort/);
    expect(last.cluster).toMatch(/^c_[0-9a-f]{8}$/);
  });

  it('leaves alone one such integration, however scripted and templated', async () => {
    const rnd = prng(13);
    const { detector } = detectorFor();
    const results = await run(detector, [{ id: 'lone', ip: '52.14.77.3', headers: { 'user-agent': 'node' }, prompt: (i) => FRAMES[0]!(CAPS[0]!(i)), times: paced(rnd, start, 150, 90) }]);
    expect(detected(results.get('lone'))).toBe(false);
  });

  it('refuses a farm of throwaway accounts on one network from their first request once the farm is plain', async () => {
    const rnd = prng(14);
    const { detector } = detectorFor();
    const burners: Account[] = Array.from({ length: 60 }, (_, k) => ({
      id: `burner-${k}`,
      ip: `34.201.9.${10 + k}`,
      headers: { 'user-agent': 'python-httpx/0.28.1', 'content-type': 'application/json' },
      prompt: (i) => CAPS[(k + i) % CAPS.length]!(k * 10 + i),
      times: paced(rnd, start + k * 120_000, 2, 60),
    }));
    const results = await run(detector, burners);
    const served = burners.map((b) => results.get(b.id)!.filter((r) => r.verdict !== 'block').length);
    // The first members get through; later ones are refused at once.
    expect(served.slice(0, 3).every((n) => n === 2)).toBe(true);
    expect(served.slice(-20).every((n) => n === 0)).toBe(true);
    expect(served.reduce((a, b) => a + b, 0) / served.length).toBeLessThan(1);
  });

  it('never links people who start on the same day, nor a class behind one school address', async () => {
    const rnd = prng(15);
    const { detector } = detectorFor();
    const questions = ['can you help me understand fractions? my kid asks and I forgot', 'what should I cook tonight with leeks and potatoes?', "why does my bike chain keep slipping when I shift gears, it's a 10 speed", 'is it ok to repot a cactus in winter'];
    const people: Account[] = Array.from({ length: 40 }, (_, k) => ({
      id: `person-${k}`,
      ip: k < 25 ? '81.2.69.160' : `86.${k}.12.4`,
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', accept: '*/*', 'accept-language': 'en-GB' },
      prompt: (i) => `${questions[(k + i) % questions.length]} (${k}.${i})`,
      times: paced(rnd, start + (k % 5) * HOUR, 8, 900),
      outputTokens: 250,
    }));
    const results = await run(detector, people);
    expect(people.every((p) => results.get(p.id)!.every((r) => r.verdict === 'allow'))).toBe(true);
  });
});

describe('probation and declared integrations', () => {
  const scripted = { 'user-agent': 'python-httpx/0.28.1' };
  const ask = async (guard: ReturnType<typeof createGuard>, clock: ReturnType<typeof manualClock>, user: string, at: number, tokens: number) => {
    clock.set(at);
    const d = await guard.check({ ip: '203.0.113.80', method: 'POST', path: '/', user, headers: scripted, body: { model: 'claude-haiku-5-5', max_tokens: 4096, messages: [{ role: 'user', content: `Summarise the ticket thread number ${at}.` }] } });
    if (d.allowed) await guard.record(d, { status: 200, usage: { input_tokens: 400, output_tokens: tokens }, outputText: `- a summary of ${at}` });
    return d;
  };

  it('holds a young identity to its daily quota of answer tokens, growing with each clean day', async () => {
    const clock = manualClock(start);
    // Thresholds out of reach: only probation acts here.
    const guard = createGuard({ clock, warnings: false, limits: false, detector: { thresholds: { throttle: 0.9999, flag: 0.99995, block: 0.99999 }, probation: { answerTokensPerDay: 10_000, days: 3, growth: 2 } } });
    const day = (d: number, i: number) => start + d * 86_400_000 + i * 60_000;
    const served = [0, 0, 0, 0];
    let refusal;
    for (let d = 0; d < 4; d++) {
      for (let i = 0; i < 60; i++) {
        const decision = await ask(guard, clock, 'newcomer', day(d, i), 1000);
        if (decision.allowed) served[d]!++;
        else refusal ??= decision;
      }
    }
    // 10k tokens on day 0, 20k on day 1, 40k on day 2, then off probation.
    expect(served).toEqual([10, 20, 40, 60]);
    expect(refusal).toMatchObject({ conclusion: 'throttle', reason: 'probation', status: 429 });
    expect(refusal!.retryAfter).toBeGreaterThan(0);
    expect(refusal!.retryAfter).toBeLessThanOrEqual(86_400);
    expect(refusal!.headers['Retry-After']).toBe(String(refusal!.retryAfter));
    await guard.close();

    // A record that is not clean (the detector throttled it) keeps the first day's quota.
    const strict = createGuard({ clock, warnings: false, limits: false, detector: { thresholds: { throttle: 0.01, flag: 0.99995, block: 0.99999 }, probation: { answerTokensPerDay: 10_000, days: 3, growth: 2 } } });
    let servedDay1 = 0;
    for (let i = 0; i < 40; i++) await ask(strict, clock, 'throttled', day(0, i), 1000);
    for (let i = 0; i < 40; i++) if ((await ask(strict, clock, 'throttled', day(1, i), 1000)).allowed) servedDay1++;
    expect(servedDay1).toBe(10);
    await strict.close();
  });

  it('puts declared integrations on no probation, judges them on harvest evidence only, and never blocks them', async () => {
    const clock = manualClock(start);
    const guard = createGuard({ clock, warnings: false, limits: false, detector: { integrations: ['svc-*'], probation: { answerTokensPerDay: 10_000 } } });
    let refused = 0;
    let worst = 0;
    for (let i = 0; i < 400; i++) {
      const d = await ask(guard, clock, 'svc-nightly', start + i * 20_000, 1000);
      if (!d.allowed) refused++;
      worst = Math.max(worst, d.score);
    }
    expect(refused).toBe(0);
    expect(worst).toBeLessThan(0.5);
    await guard.close();
  });
});

import Redis from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { createGuard, manualClock, memoryStore, redisStore, type Outcome, type Store } from '../../src/internal.js';
import { toolInputText } from '../../src/claude/index.js';
import { flaggedAllowance } from '../../src/detector/flag-allowance.js';
import { answerReasoningProbability } from '../../src/detector/answer-evidence.js';
import { reasoningShaped } from '../../src/detector/reasoning-allowance.js';
import { answerReasoning } from '../../src/fingerprint/index.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const DAY = 86_400_000;
const start = Date.UTC(2026, 10, 2, 8, 0, 0);
const BROWSER = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', accept: '*/*', 'accept-language': 'en-GB' };
const WORKED = (i: number) => `Let me work through this step by step.\n\n1. We write down what is given: ${i} apples and ${i + 3} pears.\n2. We add the two amounts.\n3. We check the sum against the total.\n\nSo the answer is: ${2 * i + 3}.`;
/** The same kind of derivation as {@link WORKED}, asked for as plain paragraphs: no numbering, opener or "the answer is". */
const PROSE = (i: number) =>
  `There are ${i} apples and ${i + 3} pears, so together that makes ${i} + ${i + 3} = ${2 * i + 3} pieces of fruit. Each costs 2 euros, which means ${2 * i + 3} × 2 = ${4 * i + 6} euros in all. Checking: ${2 * i + 3} pieces at 2 euros is ${4 * i + 6} euros, as before.`;
/** A person's explanation: inferences, no computed chain. */
const EXPLANATION = (i: number) => `Seedlings stretch because they are short of light, so move tray ${i} closer to the window. That is also why they lean toward it.`;
const PLAIN = (i: number) => `Tomatoes like six hours of sun, deep watering and a stake; variety ${i} does well on a balcony.`;

/** Thresholds out of reach: only the allowances act in these tests. */
const QUIET = { throttle: 0.9999, flag: 0.99995, block: 0.99999 };

describe('reasoning-shaped answers', () => {
  it('counts a worked answer and not a plain one', () => {
    expect(reasoningShaped(answerReasoning(WORKED(4)).probability)).toBe(true);
    expect(reasoningShaped(answerReasoning(PLAIN(4)).probability)).toBe(false);
  });

  it('counts a derivation written as paragraphs like a numbered one, and not an explanation', () => {
    for (const i of [1, 4, 12]) {
      expect(reasoningShaped(answerReasoningProbability(PROSE(i)))).toBe(true);
      expect(reasoningShaped(answerReasoningProbability(WORKED(i)))).toBe(true);
      expect(reasoningShaped(answerReasoningProbability(EXPLANATION(i)))).toBe(false);
      expect(reasoningShaped(answerReasoningProbability(PLAIN(i)))).toBe(false);
    }
  });
});

describe('the flagged allowance halves with every day since the first action', () => {
  const first = Date.UTC(2026, 10, 2, 21, 0, 0) / 1000;
  it('gives the whole allowance on the first day, then half, a quarter, down to none', () => {
    const on = (days: number, hour = 9) => (Date.UTC(2026, 10, 2 + days, hour) / 1000);
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => flaggedAllowance(30, first, on(d, 23)))).toEqual([30, 15, 7, 3, 1, 0, 0]);
    // UTC days: a flag at 21:00 meets the second day's allowance three hours later.
    expect(flaggedAllowance(30, first, on(1, 0))).toBe(15);
    // No first action recorded yet: today's allowance.
    expect(flaggedAllowance(30, 0, on(3))).toBe(30);
    // Bounded in all: about twice the first day's.
    const total = Array.from({ length: 60 }, (_, d) => flaggedAllowance(30, first, on(d, 23))).reduce((a, b) => a + b, 0);
    expect(total).toBe(56);
  });
});

const stores: Array<[string, () => Store]> = [
  ['memory store', () => memoryStore()],
  ['Redis', () => redisStore(new Redis(inject('redisUrl')))],
];

describe.each(stores)('the reasoning allowance (%s)', (_name, makeStore) => {
  // A guard closes its store: each guard gets its own (on Redis, its own connection to one server).
  const guardWith = (clock: ReturnType<typeof manualClock>, detector: Record<string, unknown>, mode: 'enforce' | 'monitor' = 'enforce') =>
    createGuard({ clock, store: makeStore(), warnings: false, limits: false, mode, detector: { thresholds: QUIET, probation: false, ...detector } });

  const ask = async (guard: ReturnType<typeof createGuard>, clock: ReturnType<typeof manualClock>, user: string, at: number, answer: string | Partial<Outcome>) => {
    clock.set(at);
    const d = await guard.check({ ip: '198.51.100.61', method: 'POST', path: '/', user, headers: BROWSER, body: { model: 'claude-haiku-5-5', max_tokens: 2048, messages: [{ role: 'user', content: `Can you go through exercise ${at % 997} with me?` }] } });
    const served = typeof answer === 'string' ? { outputText: answer } : answer;
    if (d.allowed) await guard.record(d, { status: 200, usage: { input_tokens: 40, output_tokens: 120 }, ...served });
    return d;
  };

  it('counts a derivation served outside the text (thinking, a tool\'s steps), in a reply the client left before its end or after a prefill, and not the same forms without one', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { actions: { reasoningAnswersPerDay: 3 } });
    const forms: Record<string, { harvest: (i: number) => Partial<Outcome>; benign: (i: number) => Partial<Outcome> }> = {
      thinking: { harvest: (i) => ({ outputText: `${4 * i + 6} euros`, otherOutputText: PROSE(i) }), benign: (i) => ({ outputText: PLAIN(i), otherOutputText: EXPLANATION(i) }) },
      tool: { harvest: (i) => ({ otherOutputText: toolInputText({ steps: PROSE(i).split(/(?<=\.) /), result: `${4 * i + 6} euros` }) }), benign: (i) => ({ otherOutputText: toolInputText({ query: `tomato variety ${i} balcony`, limit: 5 }) }) },
      aborted: { harvest: (i) => ({ outputText: PROSE(i), aborted: true }), benign: (i) => ({ outputText: PLAIN(i), aborted: true }) },
      // A prefill that opens a JSON string: the text alone starts mid-string, its quotes out of step.
      prefill: {
        harvest: (i) => ({ prefillText: '{"steps": ["', outputText: `${PROSE(i).split(/(?<=\.) /).map((l) => JSON.stringify(l)).join(', ').slice(1)}]}` }),
        benign: (i) => ({ prefillText: '{"tips": ["', outputText: `${[PLAIN(i), EXPLANATION(i)].map((l) => JSON.stringify(l)).join(', ').slice(1)}]}` }),
      },
    };
    for (const [name, form] of Object.entries(forms)) {
      const harvester = unique(`${name}-harvest`);
      const person = unique(`${name}-person`);
      let served = 0;
      let refused = 0;
      for (let i = 0; i < 6; i++) {
        if ((await ask(guard, clock, harvester, start + i * 300_000, form.harvest(i))).allowed) served++;
        if (!(await ask(guard, clock, person, start + i * 300_000 + 7, form.benign(i))).allowed) refused++;
      }
      expect([name, served, refused]).toEqual([name, 3, 0]);
    }
    await guard.close();
  });

  it('serves an account a bounded number of reasoning-shaped answers a UTC day, then asks it to come back the next day', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { actions: { reasoningAnswersPerDay: 5 } });
    const user = unique('worker');
    const served = [0, 0];
    let refusal;
    for (let day = 0; day < 2; day++) {
      for (let i = 0; i < 9; i++) {
        const d = await ask(guard, clock, user, start + day * DAY + i * 300_000, WORKED(i));
        if (d.allowed) served[day]!++;
        else refusal ??= d;
      }
    }
    expect(served).toEqual([5, 5]);
    expect(refusal).toMatchObject({ allowed: false, conclusion: 'throttle', reason: 'reasoning-allowance', status: 429 });
    // Until the next UTC day (the refusals came at 08:25-08:40).
    expect(refusal!.retryAfter).toBeGreaterThan(15 * 3600);
    expect(refusal!.retryAfter).toBeLessThanOrEqual(16 * 3600);
    expect(refusal!.headers['Retry-After']).toBe(String(refusal!.retryAfter));
    // Nothing is flagged: the allowance is a bound, not evidence.
    expect(refusal!.verdict).toBe('allow');
    await guard.close();
  });

  it('serves no more than one allowance in any 12 hours: a burst across midnight UTC waits for noon', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { actions: { reasoningAnswersPerDay: 5 } });
    const user = unique('night-owl');
    const midnight = Date.UTC(2026, 10, 3);
    const before = [];
    for (let i = 0; i < 5; i++) before.push((await ask(guard, clock, user, midnight - 30 * 60_000 + i * 60_000, WORKED(i))).allowed);
    expect(before).toEqual([true, true, true, true, true]);
    // A new UTC day, but the same day on the noon grid: refused until noon UTC.
    const after = await ask(guard, clock, user, midnight + 10 * 60_000, WORKED(5));
    expect(after).toMatchObject({ allowed: false, reason: 'reasoning-allowance', status: 429 });
    expect(after.retryAfter).toBe(11 * 3600 + 50 * 60);
    // From noon UTC both grids have room again: the day's allowance, and no more.
    const noon = [];
    for (let i = 0; i < 6; i++) noon.push((await ask(guard, clock, user, midnight + 12 * 3_600_000 + i * 60_000, WORKED(i))).allowed);
    expect(noon).toEqual([true, true, true, true, true, false]);
    await guard.close();
  });

  it('serves a whole allowance every day to an account that uses it at the same hour each day', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { actions: { reasoningAnswersPerDay: 5 } });
    for (const hour of [0, 10, 12, 23]) {
      const user = unique(`lesson-${hour}`);
      const served = [0, 0, 0];
      for (let day = 0; day < 3; day++) {
        for (let i = 0; i < 5; i++) if ((await ask(guard, clock, user, Date.UTC(2026, 10, 4 + day, hour, 5 + i * 5), WORKED(i))).allowed) served[day]!++;
      }
      expect(served).toEqual([5, 5, 5]);
    }
    await guard.close();
  });

  it('counts reasoning written as paragraphs against the same allowance, and not explanations', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { actions: { reasoningAnswersPerDay: 5 } });
    const user = unique('paragraphs');
    const served = [0, 0];
    for (let day = 0; day < 2; day++) {
      for (let i = 0; i < 9; i++) {
        // Numbered and paragraph derivations share one count.
        const answer = i % 2 === 0 ? PROSE(i) : WORKED(i);
        if ((await ask(guard, clock, user, start + day * DAY + i * 300_000, answer)).allowed) served[day]!++;
      }
    }
    expect(served).toEqual([5, 5]);
    const person = unique('grower');
    let refused = 0;
    for (let i = 0; i < 12; i++) if (!(await ask(guard, clock, person, start + i * 300_000 + 7, EXPLANATION(i))).allowed) refused++;
    expect(refused).toBe(0);
    await guard.close();
  });

  it('does not count plain answers, and does not bind a declared integration or an unbounded configuration', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, { integrations: ['svc-*'], actions: { reasoningAnswersPerDay: 5 } });
    const person = unique('gardener');
    const tool = `svc-${unique('tutor')}`;
    let refused = 0;
    for (let i = 0; i < 12; i++) {
      if (!(await ask(guard, clock, person, start + i * 300_000, PLAIN(i))).allowed) refused++;
      if (!(await ask(guard, clock, tool, start + i * 300_000 + 1000, WORKED(i))).allowed) refused++;
    }
    expect(refused).toBe(0);
    // Twelve plain answers left the whole allowance: five worked answers, then a refusal.
    const after = [];
    for (let i = 0; i < 6; i++) after.push((await ask(guard, clock, person, start + 4 * 3_600_000 + i * 300_000, WORKED(i))).allowed);
    expect(after).toEqual([true, true, true, true, true, false]);
    await guard.close();

    const off = guardWith(clock, { actions: { reasoningAnswersPerDay: 0 } });
    const student = unique('student');
    for (let i = 0; i < 12; i++) if (!(await ask(off, clock, student, start + DAY + i * 300_000, WORKED(i))).allowed) refused++;
    expect(refused).toBe(0);
    await off.close();
  });

  it('is enforced by default at 30 a day, and a monitor-only guard only observes', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock, {});
    const user = unique('crammer');
    let served = 0;
    for (let i = 0; i < 34; i++) if ((await ask(guard, clock, user, start + 2 * DAY + i * 120_000, WORKED(i))).allowed) served++;
    expect(served).toBe(30);
    await guard.close();

    const monitor = guardWith(clock, { actions: { reasoningAnswersPerDay: 2 } }, 'monitor');
    const watched = unique('watched');
    let allowed = 0;
    for (let i = 0; i < 5; i++) if ((await ask(monitor, clock, watched, start + 3 * DAY + i * 120_000, WORKED(i))).allowed) allowed++;
    expect(allowed).toBe(5);
    await monitor.close();
  });
});

import Redis from 'ioredis';
import { describe, expect, inject, it } from 'vitest';
import { createGuard, manualClock, memoryStore, redisStore, type Decision, type Store } from '../../src/internal.js';

let counter = 0;
const unique = (name: string) => `${name}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.UTC(2026, 10, 2, 0, 0, 0);
const BROWSER = { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', accept: '*/*', 'accept-language': 'en-US,en;q=0.9', origin: 'https://chat.example.com', 'sec-fetch-mode': 'cors' };
const LIBRARY = { 'user-agent': 'python-httpx/0.28.1', 'content-type': 'application/json' };
/** A browser user agent with two of the four headers browsers send (`scripted` 0.3). */
const HALF_BROWSER = { 'user-agent': BROWSER['user-agent'], accept: '*/*', 'accept-language': 'en-US,en;q=0.9' };
const SDK = { 'user-agent': 'Anthropic/Python 0.75.0', accept: 'application/json', 'content-type': 'application/json', 'x-stainless-lang': 'python' };
/** A browser user agent without any of the headers browsers send: a script in a costume (`scripted` 0.8). */
const COSTUME = { 'user-agent': BROWSER['user-agent'], 'content-type': 'application/json' };
/** A client the guard does not recognise and that does not name itself as automation (it sends a language, as an app people use does: `scripted` 0.7). */
const UNKNOWN = { 'user-agent': 'AcmeReports/3.2 (internal)', 'accept-language': 'en-US,en;q=0.9', 'content-type': 'application/json' };
/** Text that asks nothing, to pad a prompt so that the answers are a small share of the tokens. */
const PADDING = 'The weather report for the coast was unremarkable that week, with light winds and some cloud. '.repeat(30);
const TOPICS = ['tide pools', 'sourdough starters', 'the Hanseatic League', 'heat pumps', 'jazz harmony', 'glacier retreat', 'ant colonies', 'medieval castles', 'solar sails', 'coffee roasting', 'bird migration', 'volcanic soil'];
const ANGLES = ['what matters most about', 'how people first learned about', 'why anyone would care about', 'what is often misunderstood about', 'where to start reading on', 'what changed recently with'];
/** A fresh question, worded as a question (below the instruction bar), never the same twice in a row. */
const question = (i: number) => `I was wondering ${ANGLES[i % ANGLES.length]} ${TOPICS[Math.floor(i / ANGLES.length) % TOPICS.length]}, number ${i}?`;
const ANSWER = (i: number) => `Good question. ${TOPICS[i % TOPICS.length]} are a broad subject, and the short version is that a few ideas carry most of it. `.repeat(4);

/** A residential address of the account's own, from its name. */
const ipOf = (user: string) => `73.${[...user].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 65_521, 7) % 250}.${user.length % 250}.9`;

const stores: Array<[string, () => Store]> = [
  ['memory store', () => memoryStore()],
  ['Redis', () => redisStore(new Redis(inject('redisUrl')))],
];

describe.each(stores)('machine pace behind a browser (%s)', (_name, makeStore) => {
  // No rate limits and no probation: the detector's verdict and the flagged allowance alone act.
  const guardWith = (clock: ReturnType<typeof manualClock>) => createGuard({ clock, store: makeStore(), warnings: false, limits: false, detector: { probation: false } });

  /** Fresh questions every `gapMs` for `hours`, long plain answers; the decisions. */
  const harvest = async (guard: ReturnType<typeof createGuard>, clock: ReturnType<typeof manualClock>, user: string, headers: Record<string, string> | ((i: number) => Record<string, string>), gapMs: number, hours: number, padded = false) => {
    const out: Decision[] = [];
    for (let i = 0, at = start + 17_000; at < start + hours * HOUR; i++, at += gapMs + ((i * 7919) % 61) * 1000) {
      clock.set(at);
      const content = padded ? `${PADDING}\n\n${question(i)}` : question(i);
      // An address of its own per account: on a shared Redis, accounts of earlier tests on one
      // network and client would link as a cluster (cross-account evidence, which may block).
      const d = await guard.check({ ip: ipOf(user), method: 'POST', path: '/', user, headers: typeof headers === 'function' ? headers(i) : headers, body: { model: 'claude-sonnet-4-5', max_tokens: 2048, messages: [{ role: 'user', content }] } });
      if (d.allowed) await guard.record(d, { status: 200, usage: { input_tokens: padded ? 900 : 30, output_tokens: 320 }, outputText: ANSWER(i) });
      out.push(d);
    }
    return out;
  };

  it('flags a browser account that takes answers around the clock at a rate no person takes, holds it to the flagged allowance, and never blocks it', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    // About 20 fresh questions an hour for 30 hours: below the hourly floor of the fast-account 429.
    const decisions = await harvest(guard, clock, unique('pace'), BROWSER, 150_000, 30);
    const firstFlag = decisions.findIndex((d) => d.verdict === 'flag');
    expect(firstFlag).toBeGreaterThan(0);
    expect(decisions.some((d) => d.verdict === 'block')).toBe(false);
    // Flagged within its first UTC day, after a few hundred answers (a person takes tens a day).
    expect(firstFlag).toBeGreaterThan(100);
    expect(firstFlag).toBeLessThan(400);
    const flagged = decisions[firstFlag]!;
    expect(flagged.signals.map((s) => s.name)).toContain('machine-pace');
    // From then on it is served within the flagged allowance (30 answers on the day it was first
    // acted on, 15 the next), and told to come back the next day.
    const after = decisions.slice(firstFlag);
    expect(after.filter((d) => d.allowed).length).toBeLessThanOrEqual(45);
    expect(after.find((d) => !d.allowed)).toMatchObject({ conclusion: 'throttle', status: 429 });
    await guard.close();
  });

  it('does not flag the same traffic from an in-house service that names itself in its own user agent (no browser in it)', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    // Automation that says what it is, in its own words rather than an HTTP library's: not a
    // browser's costume, and nothing a harvest gains by it that "python-httpx/0.28.1" does not give.
    const own = await harvest(guard, clock, unique('inhouse'), { 'user-agent': 'acme-shop-sync/3.2 (+https://shop.example)', 'content-type': 'application/json' }, 150_000, 30);
    expect(own.every((d) => d.allowed && d.verdict !== 'flag' && d.verdict !== 'block')).toBe(true);
    await guard.close();
  });

  it('does not flag the same traffic from an HTTP library (benign automation looks like this), nor a heavy person in a browser', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    const library = await harvest(guard, clock, unique('integration'), LIBRARY, 150_000, 30);
    expect(Math.max(...library.map((d) => ['allow', 'throttle', 'flag', 'block'].indexOf(d.verdict)))).toBeLessThanOrEqual(1);
    expect(library.every((d) => d.allowed)).toBe(true);
    // A heavy person: about 60 questions in a day (the development log's heaviest took 47).
    const person = await harvest(guard, clock, unique('person'), BROWSER, 16 * 60_000, 16);
    expect(person.every((d) => d.allowed && d.verdict !== 'flag' && d.verdict !== 'block')).toBe(true);
    await guard.close();
  });
  /** Whether a run was flagged by machine pace and never blocked. */
  const flaggedByPace = (decisions: Decision[]) => {
    const first = decisions.find((d) => d.verdict === 'flag');
    return { flagged: first !== undefined && first.signals.some((s) => s.name === 'machine-pace'), blocked: decisions.some((d) => d.verdict === 'block'), served: decisions.filter((d) => d.allowed).length };
  };

  it('flags machine pace from a browser user agent that lacks the headers browsers send, and from a browser that sends a third of its requests from an SDK', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    // Before: a mean `scripted` of 0.3 or more read as "not a browser", and automation is not judged on pace.
    const half = flaggedByPace(await harvest(guard, clock, unique('halfbrowser'), HALF_BROWSER, 150_000, 30));
    const mixed = flaggedByPace(await harvest(guard, clock, unique('mixedua'), (i) => (i % 3 === 2 ? SDK : BROWSER), 150_000, 30));
    for (const run of [half, mixed]) {
      expect(run.flagged).toBe(true);
      expect(run.blocked).toBe(false);
      // Held to the flagged allowance: far fewer than the ~720 requests sent.
      expect(run.served).toBeLessThan(450);
    }
    await guard.close();
  });

  it('flags machine pace from a browser whose prompts are padded so that answers are a small share of the tokens, when every request starts fresh', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    // Answers are about a quarter of the tokens: the lifetime output share alone read "takes short results".
    const padded = flaggedByPace(await harvest(guard, clock, unique('shaped'), BROWSER, 150_000, 30, true));
    expect(padded.flagged).toBe(true);
    expect(padded.blocked).toBe(false);
    expect(padded.served).toBeLessThan(450);
    await guard.close();
  });

  it('flags machine pace with padded fresh prompts from a browser user agent without browser headers, from an SDK on two requests in three, and from an unrecognised client; not from an SDK throughout', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    // Before: fresh traffic was read only for a browser claim (mean `scripted` up to 0.55), so
    // padding (answers about a quarter of the tokens) hid a disguise between 0.55 and 0.95.
    const costume = flaggedByPace(await harvest(guard, clock, unique('costume'), COSTUME, 150_000, 30, true));
    const sdkMostly = flaggedByPace(await harvest(guard, clock, unique('sdkpad'), (i) => (i % 3 === 0 ? BROWSER : SDK), 150_000, 30, true));
    const unknown = flaggedByPace(await harvest(guard, clock, unique('unknownpad'), UNKNOWN, 150_000, 30, true));
    for (const run of [costume, sdkMostly, unknown]) {
      expect(run.flagged).toBe(true);
      expect(run.blocked).toBe(false);
      expect(run.served).toBeLessThan(450);
    }
    // Automation that says what it is on every request is not read on fresh traffic.
    const sdk = await harvest(guard, clock, unique('sdkonly'), SDK, 150_000, 30, true);
    // (Its prompts share the others' padding, so it may be linked to them as a cluster: only
    // machine pace is asserted here.)
    expect(sdk.some((d) => d.signals.some((s) => s.name === 'machine-pace'))).toBe(false);
    await guard.close();
  });

  it('does not flag a heavy reader in a browser who converses at that pace (history it was served, long inputs)', async () => {
    const clock = manualClock(start);
    const guard = guardWith(clock);
    const user = unique('researcher');
    const decisions: Decision[] = [];
    // A question and a follow-up on the answer, every 2.5 minutes for 30 hours: machine pace, but
    // half the requests continue a served answer, and the history makes answers a small share.
    for (let i = 0, at = start + 17_000; at < start + 30 * HOUR; i++, at += 150_000 + ((i * 7919) % 61) * 1000) {
      clock.set(at);
      const k = Math.floor(i / 2);
      const messages = i % 2 === 0 ? [{ role: 'user', content: question(k) }] : [{ role: 'user', content: question(k) }, { role: 'assistant', content: ANSWER(k) }, { role: 'user', content: 'Can you go deeper on the second point?' }];
      const d = await guard.check({ ip: '73.18.44.9', method: 'POST', path: '/', user, headers: BROWSER, body: { model: 'claude-sonnet-4-5', max_tokens: 2048, messages } });
      if (d.allowed) await guard.record(d, { status: 200, usage: { input_tokens: i % 2 === 0 ? 900 : 1400, output_tokens: 320 }, outputText: ANSWER(k) });
      decisions.push(d);
    }
    expect(decisions.every((d) => d.allowed && d.verdict !== 'flag' && d.verdict !== 'block')).toBe(true);
    await guard.close();
  });
});

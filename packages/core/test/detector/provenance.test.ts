import { describe, expect, it } from 'vitest';
import { ACCOUNT_FIELDS as A, answerDigest, continuedAnswer, type DetectorResult } from '../../src/internal.js';
import { detectorFor } from './helpers.js';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36', accept: '*/*', 'accept-language': 'en-GB' };
const start = Date.UTC(2026, 10, 2, 9, 0, 0);
type Message = { role: 'user' | 'assistant'; content: string | Array<Record<string, unknown>> };

/** One account talking to a detector: observe a request, then record what was served (unless blocked). */
function account(id: string, options: Record<string, unknown> = {}) {
  const { detector } = detectorFor(options);
  const identity = { id, source: 'user' as const, ip: '203.0.113.30', network: '203.0.113.0/24' };
  let at = start;
  return {
    detector,
    /** Observes a request and records what was served (`answer`, after the client's `prefillText` if any), unless blocked. */
    async ask(messages: Message[], answer: string | undefined, gapSeconds = 120, prefillText?: string): Promise<DetectorResult> {
      at += gapSeconds * 1000;
      const body = { model: 'claude-haiku-5-5', max_tokens: 1024, messages };
      const result = await detector.observe({ identity, request: { ip: identity.ip, method: 'POST', path: '/', headers: BROWSER }, body: body as never, timestamp: at });
      if (result.verdict !== 'block') await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: 50, output_tokens: 150 }, ...(answer !== undefined && { outputText: answer }), ...(prefillText && { prefillText }) });
      return result;
    },
    state(): Float64Array {
      return (detector as unknown as { state: { accounts: Map<string, Float64Array> } }).state.accounts.get(id)!;
    },
  };
}

const question = (i: number) => `Question ${i}: how should I plan the week ${i} of my vegetable garden?`;
const answer = (i: number) => `Answer ${i}. Start with the beds that get morning sun, water deeply twice a week, and mulch.`;

describe('history provenance', () => {
  it('digests an answer as the client received it: whitespace re-flowed and a long answer cut by a log both match', () => {
    const text = `${'A long answer. '.repeat(200)}\n`;
    expect(answerDigest(text)).toBe(answerDigest(text.replace(/ /g, '\n ').trim()));
    expect(answerDigest(text)).toBe(answerDigest(text.slice(0, 2000)));
    expect(answerDigest(text)).not.toBe(answerDigest(`B${text}`));
    expect(answerDigest('   ')).toBe(0);
    // The turn a request continues: never a final prefill, never a tool-use turn.
    const conversation = [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Hello!' }, { role: 'user', content: 'and?' }] as const;
    expect(continuedAnswer({ messages: [...conversation] })).toBe(answerDigest('Hello!'));
    expect(continuedAnswer({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'Prefill' }] })).toBe(0);
    expect(continuedAnswer({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'text', text: 'Let me look.' }, { type: 'tool_use', id: 't', name: 'f', input: {} }] }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'x' }] }] })).toBe(0);
  });

  it('finds the answers an account was served, in text blocks too, and never judges an honest conversation', async () => {
    const alice = account('alice');
    let history: Message[] = [];
    const results: DetectorResult[] = [];
    for (let i = 0; i < 30; i++) {
      if (i % 5 === 0) history = [];
      history = [...history, { role: 'user', content: question(i) }];
      results.push(await alice.ask(history, answer(i)));
      // Every other turn comes back as content blocks, as the Anthropic SDK returns them.
      history = [...history, { role: 'assistant', content: i % 2 ? [{ type: 'text', text: answer(i) }] : answer(i) }];
    }
    const s = alice.state();
    expect(s[A.history]).toBe(24);
    expect(s[A.forged]).toBe(0);
    expect(s[A.recycled]).toBe(0);
    expect(results.every((r) => r.verdict === 'allow' && !r.signals.some((x) => x.name === 'forged-history'))).toBe(true);
  });

  it('catches a history this account was never served, and counts such a request as starting fresh', async () => {
    const mallory = account('mallory');
    await mallory.ask([{ role: 'user', content: question(0) }], answer(0));
    const results: DetectorResult[] = [];
    for (let i = 1; i <= 12; i++) {
      results.push(await mallory.ask([{ role: 'user', content: question(i) }, { role: 'assistant', content: `An invented exchange ${i} the service never had.` }, { role: 'user', content: `Explain topic ${i} in detail.` }], answer(i)));
    }
    const s = mallory.state();
    // Counted until the block (a blocked account's later requests are answered from its cached verdict).
    expect(s[A.forged]).toBeGreaterThanOrEqual(5);
    // A forged conversation is no conversation: every request counted as fresh.
    expect(s[A.single]).toBe(s[A.forged]! + 1);
    const last = results.at(-1)!;
    expect(last.verdict).toBe('block');
    expect(last.signals[0]!.name).toBe('forged-history');
    expect(last.signals[0]!.explanation).toMatch(/never served/);
    // Flagged within a handful of requests; blocked once the evidence is not a handful of turns
    // (a person resuming conversations after a memory store lost its state forges a few too).
    expect(results.findIndex((r) => r.verdict === 'flag' || r.verdict === 'block')).toBeLessThan(5);
    expect(results.findIndex((r) => r.verdict === 'block')).toBeLessThan(10);
  });

  it('counts a served answer continued again and again as recycled; retries of refused requests take nothing', async () => {
    const recycler = account('recycler');
    await recycler.ask([{ role: 'user', content: question(0) }], answer(0));
    const results: DetectorResult[] = [];
    for (let i = 1; i <= 14; i++) results.push(await recycler.ask([{ role: 'user', content: question(0) }, { role: 'assistant', content: answer(0) }, { role: 'user', content: `Now task ${i}: summarise chapter ${i}.` }], answer(i)));
    // The first three continuations are a person regenerating or editing; the rest are recycling.
    const r = recycler.state();
    expect(r[A.recycled]).toBeGreaterThanOrEqual(4);
    expect(r[A.history]! - r[A.recycled]!).toBe(3);
    expect(results.at(-1)!.signals.map((x) => x.name)).toContain('forged-history');

    // The same history resent while nothing is served (a rate limit refused it): no continuation counted.
    const patient = account('patient');
    await patient.ask([{ role: 'user', content: question(0) }], answer(0));
    for (let i = 1; i <= 10; i++) {
      const { detector } = patient;
      await detector.observe({ identity: { id: 'patient', source: 'user', ip: '203.0.113.30', network: '203.0.113.0/24' }, request: { ip: '203.0.113.30', method: 'POST', path: '/', headers: BROWSER }, body: { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: question(0) }, { role: 'assistant', content: answer(0) }, { role: 'user', content: `retry ${i}` }] } as never, timestamp: start + i * 1000 });
    }
    expect(patient.state()[A.recycled]).toBe(0);
  });

  it('remembers an answer that continued a prefill both ways a client may resend it: the whole turn it holds, or the reply alone', async () => {
    const client = account('prefiller');
    const ask = (messages: Message[], served?: string, prefillText?: string) => client.ask(messages, served, 120, prefillText);
    const state = () => client.state();
    for (let i = 0; i < 4; i++) await ask([{ role: 'user', content: question(i) }], answer(i));
    const prefill = '{"plan": "';
    const [first, second] = ['Water the beds at dawn and mulch them."}', 'Stake the tomatoes once they reach a foot."}'];
    await ask([{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill }], first, prefill);
    await ask([{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill + first }, { role: 'user', content: 'And the tomatoes?' }, { role: 'assistant', content: prefill }], second, prefill);
    await ask([{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill + first }, { role: 'user', content: 'And the tomatoes?' }, { role: 'assistant', content: second }, { role: 'user', content: 'And peppers?' }], 'Peppers like heat.');
    expect(state()[A.history]).toBe(2);
    expect(state()[A.forged]).toBe(0);
    await ask([{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: `${prefill}An answer never given."}` }, { role: 'user', content: 'More?' }], 'More.');
    expect(state()[A.forged]).toBe(1);
  });

  it('never takes a turn that only repeats a long prefill for an answer served after it', async () => {
    // A prefill as long as the digest reads (600 characters other than whitespace) leaves the
    // served text out of the digest of the whole turn: that digest says nothing about the answer.
    const client = account('long-prefiller');
    const ask = (messages: Message[], served?: string, prefillText?: string) => client.ask(messages, served, 120, prefillText);
    const state = () => client.state();
    for (let i = 0; i < 4; i++) await ask([{ role: 'user', content: question(i) }], answer(i));
    const prefill = `{"format": "${'Answer in full sentences, one step a line. '.repeat(20)}", "answer": "`;
    await ask([{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: prefill }], 'Water the beds at dawn."}', prefill);
    await ask([{ role: 'user', content: 'Plan my garden as JSON.' }, { role: 'assistant', content: `${prefill}An answer never given."}` }, { role: 'user', content: 'More?' }], 'More.');
    expect(state()[A.history]).toBe(1);
    expect(state()[A.forged]).toBe(1);
  });

  it('counts an answer after a prefill once when it judges whether it was given the answers', async () => {
    // A route that records the text of half its answers (each after a prefill) was not given most
    // of them: the turns it never saw are not judged, though each recorded answer takes two slots.
    const client = account('half-recorded');
    const ask = (messages: Message[], served?: string, prefillText?: string) => client.ask(messages, served, 120, prefillText);
    const state = () => client.state();
    const prefill = '{"plan": "';
    for (let i = 0; i < 6; i++) {
      if (i % 2 === 0) await ask([{ role: 'user', content: question(i) }, { role: 'assistant', content: prefill }], `${answer(i)}"}`, prefill);
      else await ask([{ role: 'user', content: question(i) }]);
    }
    await ask([{ role: 'user', content: question(6) }, { role: 'assistant', content: 'An answer whose text the route never recorded.' }, { role: 'user', content: 'More?' }]);
    expect(state()[A.history]).toBe(0);
    expect(state()[A.forged]).toBe(0);
  });

  it('judges an account whose replies served no text: the route gave the text, there was none (the tenth round\'s blind)', async () => {
    // One reply in four serves no text: a stop sequence that fires at once (outputText ''), or a
    // forced tool call alone (outputText '' and the call's input beside it). Before, such replies
    // counted as answers whose text the detector was not given, and an account with enough of them
    // was never judged: it could send any history it liked.
    for (const form of ['empty', 'tool'] as const) {
      const client = account(`textless-${form}`);
      const { detector } = client;
      const identity = { id: `textless-${form}`, source: 'user' as const, ip: '203.0.113.30', network: '203.0.113.0/24' };
      let at = start + 10_000_000;
      const textless = async () => {
        at += 5_000;
        const body = { model: 'claude-haiku-5-5', max_tokens: 16, messages: [{ role: 'user', content: 'Reply with a blank line.' }] };
        const r = await detector.observe({ identity, request: { ip: identity.ip, method: 'POST', path: '/', headers: BROWSER }, body: body as never, timestamp: at });
        if (r.verdict !== 'block') await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: 10, output_tokens: 1 }, outputText: '', ...(form === 'tool' && { otherOutputText: 'ok: ok' }) });
      };
      await textless();
      await client.ask([{ role: 'user', content: question(0) }], answer(0));
      const results: DetectorResult[] = [];
      for (let i = 1; i <= 16; i++) {
        if (i % 3 === 0) await textless();
        results.push(await client.ask([{ role: 'user', content: question(i) }, { role: 'assistant', content: `An answer ${i} another account was served, merged in.` }, { role: 'user', content: `And what about week ${i + 1}?` }], answer(i)));
      }
      const s = client.state();
      expect(s[A.textless]).toBeGreaterThanOrEqual(4);
      // Answers with text are under 80% of the outcomes, yet all were given.
      expect(s[A.answers]! / s[A.outN]!).toBeLessThan(0.8);
      expect(s[A.forged]).toBeGreaterThanOrEqual(5);
      expect(results.at(-1)!.verdict).toBe('block');
      expect(results.at(-1)!.signals[0]!.name).toBe('forged-history');
    }
  });

  it('judges nothing when it is not given the answers (a custom handler, a log without response.content)', async () => {
    const blind = account('blind');
    await blind.ask([{ role: 'user', content: question(0) }], undefined);
    for (let i = 1; i <= 12; i++) await blind.ask([{ role: 'user', content: question(i) }, { role: 'assistant', content: `Invented ${i}.` }, { role: 'user', content: `Next ${i}?` }], undefined);
    const s = blind.state();
    expect(s[A.history]).toBe(0);
    expect(s[A.forged]).toBe(0);
  });
});

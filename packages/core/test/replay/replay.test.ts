import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatReportTable, readLog, replay, type Decision, type GuardRequest, type ReplayTarget } from '../../src/internal.js';

const line = (user: string, ts: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ts, ip: '203.0.113.5', user, method: 'POST', path: '/api/chat', headers: {}, body: { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] }, response: { status: 200, usage: { input_tokens: 3, output_tokens: 7 } }, ...extra });

/** A target whose decisions are scripted per request: checks the replay's counting rules. */
function scripted(decide: (req: GuardRequest, i: number) => Partial<Decision>) {
  const times: number[] = [];
  const recorded: string[] = [];
  let i = 0;
  const target: ReplayTarget = {
    setTime: (ms) => void times.push(ms),
    check: async (req) => {
      const d = decide(req, i++);
      return { id: String(i), conclusion: 'allow', allowed: true, status: 200, message: '', identity: { id: req.user ?? req.ip, source: 'user', ip: req.ip, network: req.ip }, score: 0, verdict: 'allow', signals: [], headers: {}, actions: {}, limits: [], monitor: false, timestamp: req.timestamp ?? 0, ...d } as Decision;
    },
    record: async (decision) => void recorded.push(decision.id),
  };
  return { target, times, recorded };
}

describe('readLog', () => {
  it('streams plain and gzip logs (by magic bytes), CRLF and a last line without newline', async () => {
    const text = `${line('a', '2026-11-02T09:00:00Z')}\r\n\n${line('b', '2026-11-02T09:00:01Z')}`;
    const read = async (source: Readable) => {
      const out = [];
      for await (const l of readLog(source)) out.push(l);
      return out;
    };
    const plain = await read(Readable.from([Buffer.from(text)]));
    expect(plain.map((l) => l.line)).toEqual([1, 3]);
    expect(plain.every((l) => 'record' in l)).toBe(true);
    const gz = await read(Readable.from([gzipSync(text)]).pipe(createGunzip()));
    expect(gz.map((l) => ('record' in l ? l.record.user : l.error))).toEqual(['a', 'b']);
  });

  it('reports bad lines with their numbers and reasons', async () => {
    const text = ['nope', '[1,2]', '{"ip":"1.2.3.4"}', '{"ts":"2026-11-02T09:00:00Z"}', '{"ts":"2026-11-02T09:00:00Z","ip":"1.2.3.4","headers":"x"}'].join('\n');
    const out = [];
    for await (const l of readLog(Readable.from([text]))) out.push(l);
    expect(out.map((l) => ('error' in l ? `${l.line}:${l.error.split(' ')[0]}` : 'ok'))).toEqual(['1:not', '2:not', '3:missing', '4:missing', '5:`headers`']);
  });
});

describe('replay', () => {
  it('sets the clock to each line, and counts allowed, reduced, retried and refused requests', async () => {
    const lines = [
      line('u', '2026-11-02T09:00:00Z'),
      line('u', '2026-11-02T09:00:01Z'),
      line('u', '2026-11-02T09:00:02Z'),
      line('u', '2026-11-02T09:00:03Z'),
      line('u', '2026-11-02T09:00:04Z'),
      line('u', '2026-11-02T09:00:05Z'),
    ];
    const { target, times, recorded } = scripted((_req, i) =>
      (<Array<Partial<Decision>>>[
        {},
        { actions: { maxTokens: 100 } }, // not reduced: the cap equals what was asked
        { actions: { maxTokens: 50 }, verdict: 'throttle', score: 0.85 },
        { conclusion: 'throttle', allowed: false, verdict: 'flag', score: 0.91, signals: [{ name: 'instruction-style', value: 0.7, explanation: 'x' }], cluster: 'c_1' },
        { conclusion: 'deny', allowed: false, verdict: 'block', score: 0.97 },
        { conclusion: 'error', allowed: true },
      ])[i]!,
    );
    const report = await replay(Readable.from([lines.join('\n')]), target);
    expect(times).toEqual(lines.map((l) => Date.parse(JSON.parse(l).ts)));
    expect(report.identities).toEqual([
      { id: 'u', requests: 6, allowed: 3, throttled: 2, blocked: 1, verdict: 'block', score: 0.97, firstActionAt: '2026-11-02T09:00:02.000Z', reasons: ['instruction-style 0.70'], cluster: 'c_1' },
    ]);
    expect(recorded).toEqual(['1', '2', '3', '6']);
    expect(report.summary).toMatchObject({ requests: 6, identities: 1, badLines: 0, badLineNumbers: [] });
    expect(formatReportTable(report)).toMatch(/^u\s+block\s+0\.97\s+6\s+3\s+2\s+1\s+2026-11-02T09:00:02\.000Z\s+c_1\s+instruction-style 0\.70$/m);
  });
});

describe('replay of a log that keeps the reply\'s content blocks', () => {
  it('records a reply\'s text and what it served beside it (thinking, tool input) as claudeRoute records them; other content is a bad line', async () => {
    const blocks = [
      { type: 'thinking', thinking: 'Two legs: 60 × 2 = 120 km.', signature: 's' },
      { type: 'text', text: '120 km' },
      { type: 'tool_use', id: 't', name: 'save', input: { steps: ['120 km in all'] } },
    ];
    const lines = [
      line('u', '2026-11-02T09:00:00Z', { response: { status: 200, usage: { input_tokens: 3, output_tokens: 7 }, content: blocks } }),
      line('u', '2026-11-02T09:00:01Z', { response: { status: 200, content: 'plain text' } }),
      line('u', '2026-11-02T09:00:02Z', { response: { status: 200, content: 7 } }),
      line('u', '2026-11-02T09:00:03Z', { response: { status: 200, content: [{ text: 'no type' }] } }),
    ];
    const outcomes: Array<Record<string, unknown>> = [];
    const { target } = scripted(() => ({}));
    target.record = async (_d, outcome) => void outcomes.push(outcome as never);
    const report = await replay(Readable.from([lines.join('\n')]), target);
    expect(report.summary).toMatchObject({ requests: 2, badLines: 2, badLineNumbers: [3, 4] });
    expect(outcomes[0]).toMatchObject({ outputText: '120 km', otherOutputText: 'Two legs: 60 × 2 = 120 km.\n\n120 km in all' });
    expect(outcomes[1]).toMatchObject({ outputText: 'plain text' });
    expect(outcomes[1]!.otherOutputText).toBeUndefined();
  });

  it('records a reply kept with no text (a tool call alone, an empty reply) as one that served none, and a line without content as one whose text it was not given', async () => {
    const lines = [
      line('u', '2026-11-02T09:00:00Z', { response: { status: 200, usage: { input_tokens: 3, output_tokens: 8 }, content: [{ type: 'tool_use', id: 't', name: 'ack', input: { ok: 'ok' } }] } }),
      line('u', '2026-11-02T09:00:01Z', { response: { status: 200, usage: { input_tokens: 3, output_tokens: 1 }, content: '' } }),
      line('u', '2026-11-02T09:00:02Z', { response: { status: 200, usage: { input_tokens: 3, output_tokens: 1 }, content: [] } }),
      line('u', '2026-11-02T09:00:03Z'),
    ];
    const outcomes: Array<Record<string, unknown>> = [];
    const { target } = scripted(() => ({}));
    target.record = async (_d, outcome) => void outcomes.push(outcome as never);
    await replay(Readable.from([lines.join('\n')]), target);
    expect(outcomes.map((o) => o.outputText)).toEqual(['', '', '', undefined]);
    expect(outcomes[0]).toMatchObject({ otherOutputText: 'ok: ok' });
  });

  it('reads a prefill (the body\'s last assistant turn) in front of the text it continues', async () => {
    const body = { model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'Solve it.' }, { role: 'assistant', content: '{"steps": ["' }] };
    const lines = [line('u', '2026-11-02T09:00:00Z', { body, response: { status: 200, content: '60 × 2 = 120 km"]}' } }), line('u', '2026-11-02T09:00:01Z')];
    const outcomes: Array<Record<string, unknown>> = [];
    const { target } = scripted(() => ({}));
    target.record = async (_d, outcome) => void outcomes.push(outcome as never);
    await replay(Readable.from([lines.join('\n')]), target);
    expect(outcomes[0]).toMatchObject({ outputText: '60 × 2 = 120 km"]}', prefillText: '{"steps": ["' });
    expect(outcomes[1]!.prefillText).toBeUndefined();
  });
});

// What the watermark costs per KB of answer, against baselines measured in the same run (the
// machine is shared and noisy: compare the ratios; absolute numbers are for context only).
//   - in process: the route's stream rewriter over the answers' word deltas, without and with the
//     mark; and markText on whole answers (what a JSON answer gets);
//   - over HTTP: an Express app with claudeRoute in front of the local Claude server, the same
//     route without and with the mark, JSON and SSE, requests interleaved, median of the rounds.
import Anthropic from '@anthropic-ai/sdk';
import { parseWatermarkOptions, markText, watermarkKey } from '@distill-guard/core/watermark';
import { StreamRewriter } from '@distill-guard/core/adapter';
import { claudeRoute, distillGuard } from '@distill-guard/express';
import { startClaudeServer } from '@distill-guard/testing';
import express from 'express';
import { availableParallelism, loadavg } from 'node:os';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * This process's CPU time in ms (user + system). On a shared machine, wall time mostly measures
 * the other processes; CPU time is what the work costs. Everything here (the client, the route
 * and the local Claude server) runs in this process, so a difference is the watermark's.
 */
function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The answer as a stream's events, `words` words per text delta. */
function streamEvents(text, words) {
  const all = text.match(/\s*\S+/g) ?? [];
  const deltas = [];
  for (let i = 0; i < all.length; i += words) deltas.push(all.slice(i, i + words).join(''));
  return [
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...deltas.map((t) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } })),
    { type: 'content_block_stop', index: 0 },
  ];
}

function relay(streams, transforms) {
  let out = 0;
  for (const events of streams) {
    const r = new StreamRewriter({ stripReasoning: false, transforms, maxOutputTokens: 1e9, maxRecordedChars: 32_000 });
    for (const e of events) for (const o of r.handle(e)) out += o.delta?.text?.length ?? 0;
  }
  return out;
}

async function overHttp(answers, secret) {
  const big = [];
  // Answers of about 8 KB, the upstream's replies in turn.
  for (let i = 0, cur = ''; i < answers.length && big.length < 40; i++) {
    cur += `${answers[i]}\n\n`;
    if (cur.length >= 8000) {
      big.push(cur);
      cur = '';
    }
  }
  let turn = 0;
  const upstream = await startClaudeServer({ apiKey: 'k', reply: () => big[turn++ % big.length], chunkSize: 4 });
  const client = new Anthropic({ apiKey: 'k', baseURL: upstream.url, maxRetries: 0 });
  const apps = {};
  for (const [name, watermark] of [['unmarked', undefined], ['marked', { secret }]]) {
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.post('/v1/messages', distillGuard({ mode: 'monitor', limits: false, detector: false, shield: false, warnings: false }), claudeRoute({ client, warnings: false, ...(watermark && { watermark }) }));
    const server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    apps[name] = { server, url: `http://127.0.0.1:${server.address().port}/v1/messages` };
  }
  const call = async (url, stream) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'c' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 8000, stream, messages: [{ role: 'user', content: 'Tell me everything.' }] }),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 200)}`);
    return body.length;
  };
  const kb = big.reduce((n, t) => n + t.length, 0) / big.length / 1000;
  const PER_SLICE = 20;
  const results = [];
  for (const stream of [false, true]) {
    for (const name of ['unmarked', 'marked']) for (let i = 0; i < 5; i++) await call(apps[name].url, stream); // warm up
    // Each round times both routes back to back (in alternating order): the ratio of a round is
    // what drift in the machine's speed affects least; the median round is reported.
    const ratios = [];
    const extra = [];
    for (let r = 0; r < 3 * ROUNDS; r++) {
      const t = {};
      for (const name of r % 2 ? ['marked', 'unmarked'] : ['unmarked', 'marked']) {
        const t0 = cpuMs();
        for (let i = 0; i < PER_SLICE; i++) await call(apps[name].url, stream);
        t[name] = (cpuMs() - t0) / PER_SLICE;
      }
      ratios.push(t.marked / t.unmarked);
      extra.push(((t.marked - t.unmarked) * 1000) / kb);
    }
    results.push(
      `   over HTTP, ${stream ? 'SSE ' : 'JSON'} answers of ${kb.toFixed(1)} KB: ${median(ratios).toFixed(3)}x the unmarked route's CPU time per request (client, route and Claude server) ` +
        `(median of ${ratios.length} paired rounds, ${Math.min(...ratios).toFixed(2)}..${Math.max(...ratios).toFixed(2)}; ${median(extra).toFixed(1)} µs per KB more)`,
    );
  }
  for (const { server } of Object.values(apps)) await new Promise((resolve) => server.close(resolve));
  await upstream.close();
  return results;
}

export async function measureCost(answers, secret) {
  console.log(`   (CPU time of this process; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores: compare the ratios)`);
  const key = watermarkKey(secret);
  const resolved = parseWatermarkOptions({ secret }, 'watermark');
  const kb = answers.reduce((n, t) => n + t.length, 0) / 1000;
  for (const words of [1, 4]) {
    const streams = answers.map((a) => streamEvents(a, words));
    const plainT = [];
    const markedT = [];
    const ratios = [];
    relay(streams, () => undefined);
    relay(streams, () => resolved.create('user:bench'));
    for (let r = 0; r < 4 * ROUNDS; r++) {
      let t0 = cpuMs();
      relay(streams, () => undefined);
      plainT.push(cpuMs() - t0);
      t0 = cpuMs();
      relay(streams, () => resolved.create('user:bench'));
      markedT.push(cpuMs() - t0);
      ratios.push(markedT.at(-1) / plainT.at(-1));
    }
    const plain = (median(plainT) * 1000) / kb;
    const marked = (median(markedT) * 1000) / kb;
    console.log(
      `   in process, the route's stream rewriter, ${kb.toFixed(0)} KB of answers in deltas of ${words === 1 ? 'one word' : `${words} words`}: ` +
        `${plain.toFixed(1)} µs/KB unmarked, ${marked.toFixed(1)} µs/KB marked: ${median(ratios).toFixed(2)}x (median paired round), ${(marked - plain).toFixed(1)} µs per KB more ` +
        `(least disturbed rounds: ${((Math.min(...markedT) - Math.min(...plainT)) * 1000 / kb).toFixed(1)}; target: at most 20)`,
    );
  }
  // markText against JSON.stringify of the same answers (what a JSON reply costs the route
  // anyway), in the same rounds, so that the ratio says what the machine's load does not.
  const wholeT = [];
  const jsonT = [];
  const wholeRatios = [];
  for (const a of answers) markText(a, key);
  for (let r = 0; r < 4 * ROUNDS; r++) {
    let t0 = cpuMs();
    for (const a of answers) JSON.stringify(a);
    jsonT.push(cpuMs() - t0);
    t0 = cpuMs();
    for (const a of answers) markText(a, key);
    wholeT.push(cpuMs() - t0);
    wholeRatios.push(wholeT.at(-1) / jsonT.at(-1));
  }
  const whole = (median(wholeT) * 1000) / kb;
  console.log(
    `   in process, markText on whole answers (what a JSON answer gets): ${whole.toFixed(1)} µs/KB, ${median(wholeRatios).toFixed(1)}x JSON.stringify of the same answers ` +
      `(${((median(jsonT) * 1000) / kb).toFixed(1)} µs/KB; median paired round) (least disturbed round: ${((Math.min(...wholeT) * 1000) / kb).toFixed(1)}; target: at most 20)`,
  );
  for (const line of await overHttp(answers, secret)) console.log(line);
}

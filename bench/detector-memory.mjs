// pnpm bench -> detector state per tracked account. Feeds N synthetic accounts (default
// 100,000; each on its own /24 with its own client mix and a few prompts, so every account also
// brings its own cross-account group) through the detector with a memory store, and measures
// heap + array buffers after full GCs, before and after. Needs --expose-gc (re-runs itself).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDetector } from '@distill-guard/core/detector';
import { manualClock, memoryStore } from '@distill-guard/core';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const REQUESTS_PER_ACCOUNT = 3;
const LIMIT_BYTES = 2048;

const TOPICS = ['cats', 'the sea', 'taxes', 'rust lifetimes', 'jazz', 'mars', 'bread', 'chess', 'rain', 'green tea', 'vaccines', 'tax law'];
const OPENERS = ['Write a poem about', 'Explain', 'Give me three facts about', 'how do I get started with', 'Summarize the history of', 'my kid asks me about'];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'python-httpx/0.28.1',
];

function heap() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function feed(detector, prefix, count) {
  const start = Date.UTC(2026, 10, 2);
  for (let i = 0; i < count; i++) {
    const ip = `${11 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}.${1 + (i % 200)}`;
    const user = `${prefix}${i}`;
    const headers = { 'user-agent': AGENTS[i % AGENTS.length], 'content-type': 'application/json', ...(i % 3 !== 2 && { 'accept-language': 'en-US', accept: '*/*', 'sec-fetch-mode': 'cors' }) };
    for (let k = 0; k < REQUESTS_PER_ACCOUNT; k++) {
      const content = `${OPENERS[(i + k) % OPENERS.length]} ${TOPICS[(i * 7 + k) % TOPICS.length]} (${i % 997})`;
      const request = { ip, method: 'POST', path: '/api/chat', headers, user };
      const body = { model: 'claude-haiku-4-5', max_tokens: 1024, messages: [{ role: 'user', content }] };
      await detector.observe({ identity: { id: user, source: 'user', ip, network: ip }, request, body, timestamp: start + i * 700 + k * 90_000 });
    }
  }
}

export async function runDetectorMemory() {
  if (typeof globalThis.gc !== 'function') {
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], { stdio: 'inherit', env: process.env });
    return { status: child.status };
  }
  const clock = manualClock(Date.UTC(2026, 10, 2));
  const detector = createDetector({ maxAccounts: ACCOUNTS * 2 }, { store: memoryStore({ clock }), clock, logger: console, monitor: false });
  // Warm the JIT and the fixed-size caches (prompt fingerprints, user agents) on other accounts,
  // so that the difference measured is what each new account adds.
  await feed(detector, 'warm-', 20_000);
  const before = heap();
  await feed(detector, 'acct-', ACCOUNTS);
  const after = heap();
  const perAccount = (after - before) / ACCOUNTS;
  const result = { accounts: ACCOUNTS, bytesPerAccount: Math.round(perAccount), limit: LIMIT_BYTES, ok: perAccount <= LIMIT_BYTES, tracked: detector.size };
  console.log(`detector-memory: ${result.accounts.toLocaleString('en-US')} accounts, ${result.bytesPerAccount} bytes of detector state per account (limit ${LIMIT_BYTES}) ${result.ok ? 'OK' : 'OVER'}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await runDetectorMemory();
  if (r.ok === false) process.exitCode = 1;
}

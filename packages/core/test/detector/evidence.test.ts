import { describe, expect, it } from 'vitest';
import { prng, type DetectorResult } from '../../src/internal.js';
import { detectorFor } from './helpers.js';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', accept: '*/*', 'accept-language': 'de-DE,de;q=0.9' };
const SCRIPT = { 'user-agent': 'python-httpx/0.28.1', 'content-type': 'application/json' };
const start = Date.UTC(2026, 10, 2, 8, 0, 0);
const TASKS = ['the water cycle', 'compound interest', 'photosynthesis', 'the French revolution', 'binary search', 'supply and demand', 'plate tectonics', 'the Pythagorean theorem', 'vaccination', 'inflation', 'recursion', 'the greenhouse effect'];
const REASONED = (i: number) => `Gehen wir das Schritt für Schritt durch.\n\nSchritt 1: Wir notieren, was gegeben ist (${i}).\nSchritt 2: Wir setzen die Werte ein.\nSchritt 3: Wir vereinfachen.\n\nAlso ist die Antwort: ${i * 7}.`;
const PLAIN = (i: number) => `Here is a short overview of item ${i}: it matters for everyday life, it has a long history, and there are good books about it.`;

interface Turn {
  prompt: string;
  answer: string;
  gapSeconds: number;
  headers?: Record<string, string>;
  inputTokens?: number;
  outputTokens?: number;
}

/** Drives one account through `turns` (fresh requests), recording what was served; returns every result. */
async function drive(detector: ReturnType<typeof detectorFor>['detector'], id: string, turns: Turn[], from = start): Promise<DetectorResult[]> {
  const identity = { id, source: 'user' as const, ip: '198.51.100.61', network: '198.51.100.0/24' };
  const out: DetectorResult[] = [];
  let at = from;
  for (const t of turns) {
    at += t.gapSeconds * 1000;
    const body = { model: 'claude-haiku-5-5', max_tokens: 2048, messages: [{ role: 'user', content: t.prompt }] };
    const r = await detector.observe({ identity, request: { ip: identity.ip, method: 'POST', path: '/', headers: t.headers ?? BROWSER }, body: body as never, timestamp: at });
    out.push(r);
    if (r.verdict !== 'block') await detector.recordOutcome?.({ identity } as never, { status: 200, usage: { input_tokens: t.inputTokens ?? 30, output_tokens: t.outputTokens ?? 300 }, outputText: t.answer });
  }
  return out;
}

const names = (r: DetectorResult | undefined) => (r?.signals ?? []).map((s) => s.name);

describe('evidence from prompts and answers, in any language', () => {
  it('finds reasoning asked for without English keywords, and reasoning laid out in the answers', async () => {
    const { detector } = detectorFor();
    const asks = ['Bitte erkläre jeden Zwischenschritt ausführlich und nenne am Ende das Ergebnis.', '请详细写出每一步的推理过程，最后给出答案。', 'Reply as JSON: {"reasoning": "<every intermediate step>", "answer": "<final>"}', 'Détaille chaque étape de ton raisonnement avant de donner la réponse finale.'];
    // Alone, asking for reasoning is what a student does too: named, but not acted on.
    const asker = await drive(detector, 'asker', Array.from({ length: 40 }, (_, i) => ({ prompt: `${TASKS[i % TASKS.length]} ${i}\n\n${asks[i % asks.length]}`, answer: REASONED(i), gapSeconds: 600 })));
    expect(names(asker.at(-1))).toEqual(expect.arrayContaining(['reasoning-elicitation', 'answer-reasoning']));
    expect(asker.at(-1)!.verdict).toBe('allow');
    // A harvest of dataset tasks with the same asks is acted on.
    const tasks = ['Explain', 'Describe', 'Summarize the history of', 'List five facts about', 'Compare two theories of', 'Write a short essay on'];
    const harvest = await drive(detector, 'polyglot', Array.from({ length: 40 }, (_, i) => ({ prompt: `${tasks[i % tasks.length]} ${TASKS[i % TASKS.length]} (${i}).\n\n${asks[i % asks.length]}`, answer: REASONED(i), gapSeconds: 600 })));
    const last = harvest.at(-1)!;
    expect(names(last)).toEqual(expect.arrayContaining(['reasoning-elicitation', 'answer-reasoning', 'instruction-style']));
    expect(last.verdict === 'flag' || last.verdict === 'block', JSON.stringify(last)).toBe(true);
  });

  it('counts answers sent on faster than anyone reads them', async () => {
    const long = (i: number) => `${PLAIN(i)} `.repeat(12);
    const { detector } = detectorFor();
    const skimmer = await drive(detector, 'skimmer', Array.from({ length: 30 }, (_, i) => ({ prompt: `tell me about ${TASKS[i % TASKS.length]}`, answer: long(i), gapSeconds: 4 })));
    const reader = await drive(detector, 'reader', Array.from({ length: 30 }, (_, i) => ({ prompt: `tell me about ${TASKS[i % TASKS.length]}`, answer: long(i), gapSeconds: 90 })));
    const strength = (r: DetectorResult | undefined) => (r?.signals ?? []).find((s) => s.name === 'reading-time')?.value ?? 0;
    expect(strength(skimmer.at(-1))).toBeGreaterThan(0.5);
    expect(strength(reader.at(-1))).toBe(0);
  });

  it('sees an account change what it does: two days of chat, then a harvest, acted on within the day', async () => {
    const rnd = prng(4);
    const { detector } = detectorFor();
    const chat: Turn[] = Array.from({ length: 30 }, (_, i) => ({ prompt: `hey, my ${TASKS[i % TASKS.length]} homework is due friday, any tips on where to start? ${i}`, answer: PLAIN(i), gapSeconds: 3000 + rnd() * 3000 }));
    const harvest: Turn[] = Array.from({ length: 60 }, (_, i) => ({ prompt: `Explain ${TASKS[i % TASKS.length]} (${i}).\n\nBitte erkläre jeden Zwischenschritt ausführlich und nenne am Ende das Ergebnis.`, answer: REASONED(i), gapSeconds: 600 + rnd() * 600 }));
    const before = await drive(detector, 'aged', chat);
    expect(before.every((r) => r.verdict === 'allow')).toBe(true);
    const after = await drive(detector, 'aged', harvest, start + 2 * 86_400_000);
    const acted = after.findIndex((r) => r.verdict === 'flag' || r.verdict === 'block');
    expect(acted).toBeGreaterThanOrEqual(0);
    expect(acted).toBeLessThan(30);
    expect(after[acted]!.signals.some((s) => s.explanation.includes('in the last day'))).toBe(true);
  });

  it('gives no credit: a first-person opener never lowers a score', async () => {
    const harvest = (opener: string): Turn[] => Array.from({ length: 40 }, (_, i) => ({ prompt: `${opener}Explain ${TASKS[i % TASKS.length]} in detail, number ${i}.`, answer: REASONED(i), gapSeconds: 300 }));
    const plain = await drive(detectorFor().detector, 'plain', harvest(''));
    for (const opener of ["I'm studying for my exams, can you help me with this? ", 'Hi! My teacher asked me this and I am stuck: ', 'Ich lerne für eine Prüfung, kannst du mir helfen? ']) {
      const dressed = await drive(detectorFor().detector, 'dressed', harvest(opener));
      expect(dressed.at(-1)!.score).toBeGreaterThanOrEqual(plain.at(-1)!.score - 0.01);
    }
  });

  it('never flags an account on its shape alone: a scripted templated integration is at most slowed down', async () => {
    const { detector } = detectorFor();
    // Scripted, one markdown template over varied requests, office hours, answers longer than prompts.
    const results = await drive(detector, 'tool', Array.from({ length: 300 }, (_, i) => ({ prompt: `### Request\nDraft a reply to customer ${i} about ${TASKS[i % TASKS.length]}.\n\n### Answer`, answer: PLAIN(i), gapSeconds: 110, headers: SCRIPT, outputTokens: 400 })));
    expect(results.every((r) => r.verdict === 'allow' || r.verdict === 'throttle')).toBe(true);
    expect(results.at(-1)!.score).toBeLessThan(0.9);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run, tempDir, writeAudit, type Traffic } from './audit-fixture.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const traffic: Traffic[] = [
  { identity: 'casual', served: 5, blocked: 0, score: 0.05, costUsd: 0.02 },
  {
    identity: 'harvester',
    served: 3,
    blocked: 6,
    throttled: 2,
    score: 0.94,
    costUsd: 1.5,
    flagged: true,
    signals: [
      { name: 'template-reuse', value: 0.91, explanation: '91% of 140 prompts share one template' },
      { name: 'reasoning-elicitation', value: 0.8, explanation: '80% ask for step-by-step reasoning' },
    ],
  },
  { identity: 'big-spender', served: 10, blocked: 0, score: 0.3, costUsd: 4 },
];

describe('distill-guard report', () => {
  it('lists the top identities by score with reasons, served/throttled/blocked and spend', async () => {
    await writeAudit(dir, traffic);
    const r = await run(['report', dir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Audit report 2026-11-02T09:00:01Z .. 2026-11-02T09:00:18Z');
    expect(lines[1]).toBe('26 decisions: 18 served, 2 throttled, 6 blocked; 18 outcomes; spend $5.52; 3 identities');
    const header = lines.findIndex((l) => l.startsWith('#'));
    expect(lines[header]).toMatch(/^#\s+IDENTITY\s+SCORE\s+VERDICT\s+REQUESTS\s+SERVED\s+THROTTLED\s+BLOCKED\s+SPEND\s+REASONS$/);
    expect(lines[header + 1]!.split(/\s{2,}/)).toEqual(['1', 'harvester (flagged)', '0.94', 'block', '11', '3', '2', '6', '$1.50', 'distillation 6, rate-limit 2']);
    expect(lines[header + 2]!.split(/\s{2,}/).slice(0, 3)).toEqual(['2', 'big-spender', '0.30']);
    expect(lines[header + 3]!.split(/\s{2,}/).slice(0, 3)).toEqual(['3', 'casual', '0.05']);
    expect(r.stdout).toContain('    template-reuse 0.91: 91% of 140 prompts share one template');
  });

  it('prints JSON with --json and limits the list with --top', async () => {
    await writeAudit(dir, traffic);
    const r = await run(['report', dir, '--json', '--top', '2']);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ decisions: 26, served: 18, blocked: 6, throttled: 2, identityCount: 3 });
    expect(summary.identities.map((i: { identity: string }) => i.identity)).toEqual(['harvester', 'big-spender']);
    expect(summary.identities[0]).toMatchObject({ flagged: true, verdict: 'block', maxScore: 0.94, spendUsd: 1.5, reasons: { distillation: 6, 'rate-limit': 2 } });
    expect(summary.identities[0].signals[0]).toEqual({ name: 'template-reuse', value: 0.91, explanation: '91% of 140 prompts share one template' });
  });

  it('rejects a bad --top and missing files with usage', async () => {
    expect((await run(['report', dir, '--top', '0'])).code).toBe(2);
    expect((await run(['report'])).code).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { DecisionDraft } from '../../src/guard/decision.js';
import { decide, DECISION_RULES, type Findings } from '../../src/guard/rules.js';
import { parseLimitsOptions, Reservation, type Identity } from '../../src/internal.js';

const identity: Identity = { id: 'u_1', source: 'user', ip: '203.0.113.5', network: '203.0.113.0/24' };
const specs = parseLimitsOptions({ requests: { limit: 10, window: '1m' }, tokens: false, costUsd: false, outputTokens: false, concurrency: false, perIp: false });

function findings(over: Partial<Findings> = {}): Findings {
  return { monitor: false, storeError: undefined, onStoreError: 'closed', flag: undefined, injection: undefined, injectionBlocks: false, detection: undefined, reservation: new Reservation(specs, 'u_1', '', ''), ...over };
}
const draft = (monitor = false) => new DecisionDraft('req_1', 0, monitor, 0, identity);
const exceeded = () => {
  const r = new Reservation(specs, 'u_1', '', '');
  r.answer(0, 1, 0, 10, 30_000, true, 0);
  r.exceeded = { reason: 'rate-limit', retryAfter: 30, spec: specs[0]! };
  return r;
};

describe('the decision rules', () => {
  it('run in one named order', () => {
    expect(DECISION_RULES.map((r) => r.name)).toEqual(['store-closed', 'flag', 'prompt-attack', 'distillation-block', 'limits', 'probation', 'reasoning-allowance', 'distillation-response', 'budget-grant', 'store-open']);
  });

  it('let the first refusal decide: a flag before a limit, a closed store before a flag', () => {
    const flagged = draft();
    expect(decide(findings({ flag: { id: 'u_1', reason: 'abuse', by: 'admin', at: 0 }, reservation: exceeded() }), flagged)).toBe(false);
    expect(flagged.reason).toBe('flagged');
    const closed = draft();
    expect(decide(findings({ storeError: new Error('down'), flag: { id: 'u_1', reason: 'abuse', by: 'admin', at: 0 } }), closed)).toBe(false);
    expect(closed.status).toBe(503);
    const limited = draft();
    expect(decide(findings({ reservation: exceeded() }), limited)).toBe(false);
    expect([limited.conclusion, limited.reason, limited.retryAfter]).toEqual(['throttle', 'rate-limit', 30]);
  });

  it('record but do not act on the shield and the detector in monitor mode, and serve an open store visibly', () => {
    const injection = { verdict: 'injection', score: 0.9, reasons: [] } as unknown as Findings['injection'];
    const detection = { verdict: 'block', score: 0.99, signals: [] } as unknown as Findings['detection'];
    expect(decide(findings({ monitor: true, injection, injectionBlocks: true, detection }), draft(true))).toBe(true);
    expect(decide(findings({ injection, injectionBlocks: true }), draft())).toBe(false);
    expect(decide(findings({ injection, injectionBlocks: false }), draft())).toBe(true);
    const open = draft();
    expect(decide(findings({ storeError: new Error('down'), onStoreError: 'open' }), open)).toBe(true);
    expect([open.conclusion, open.allowed, open.error?.code]).toEqual(['error', true, 'DG_STORE_UNAVAILABLE']);
  });
});

import { describe, expect, it } from 'vitest';
import { OptionsError, parseDetectorOptions } from '../../src/internal.js';

describe('parseDetectorOptions', () => {
  it('fills in the measured defaults', () => {
    const o = parseDetectorOptions({}, 'detector');
    expect(o.thresholds).toEqual({ throttle: 0.8, flag: 0.9, block: 0.95 });
    expect(o.clusters).toBe(true);
    expect(o.weights['reasoning-elicitation']).toBe(1);
  });

  it('names an unknown option, nested ones included, and suggests the right key', () => {
    expect(() => parseDetectorOptions({ tresholds: {} }, 'detector')).toThrow(OptionsError);
    expect(() => parseDetectorOptions({ tresholds: {} }, 'detector')).toThrow(/`detector.tresholds` is not a known option \(did you mean `detector.thresholds`\?\)/);
    expect(() => parseDetectorOptions({ thresholds: { blok: 0.9 } }, 'detector')).toThrow(/detector\.thresholds\.blok/);
    expect(() => parseDetectorOptions({ weights: { 'reasoning-elicitaton': 2 } }, 'detector')).toThrow(/detector\.weights\.reasoning-elicitaton/);
    expect(() => parseDetectorOptions({ actions: { flagMaxTokens: 0 } }, 'detector')).toThrow(/detector\.actions\.flagMaxTokens/);
  });

  it('refuses thresholds that do not rise along the ladder', () => {
    expect(() => parseDetectorOptions({ thresholds: { throttle: 0.9, flag: 0.5 } }, 'detector')).toThrow(/must rise from throttle to flag to block/);
    expect(() => parseDetectorOptions({ thresholds: { block: 1.5 } }, 'detector')).toThrow(/detector\.thresholds\.block` must be <= 1/);
  });

  it('reads the allow list as exact ids and prefixes', () => {
    const o = parseDetectorOptions({ allow: ['svc-backup', 'partner:*'] }, 'detector');
    expect(o.allow.exact.has('svc-backup')).toBe(true);
    expect(o.allow.prefixes).toEqual(['partner:']);
  });

  it('reads declared integrations, probation and the graduated actions', () => {
    const o = parseDetectorOptions({ integrations: ['key:nightly-*', 'svc-report'], probation: { answerTokensPerDay: 5000 }, actions: { flagAnswersPerDay: 0, suppressReasoning: false } }, 'detector');
    expect(o.integrations.exact.has('svc-report')).toBe(true);
    expect(o.integrations.prefixes).toEqual(['key:nightly-']);
    expect(o.probation).toEqual({ days: 7, answerTokensPerDay: 5000, growth: 2 });
    expect(o.actions).toMatchObject({ flagAnswersPerDay: 0, suppressReasoning: false });
    expect(parseDetectorOptions({}, 'detector').probation).toEqual({ days: 7, answerTokensPerDay: 60_000, growth: 2 });
    expect(parseDetectorOptions({ probation: false }, 'detector').probation).toBe(false);
    // The old name still means the same.
    expect(parseDetectorOptions({ actions: { stripReasoning: false } }, 'detector').actions.suppressReasoning).toBe(false);
    expect(() => parseDetectorOptions({ probation: { answerTokensPerDay: 0 } }, 'detector')).toThrow(/detector\.probation\.answerTokensPerDay/);
    expect(() => parseDetectorOptions({ probation: { weeks: 2 } }, 'detector')).toThrow(/detector\.probation\.weeks/);
    expect(() => parseDetectorOptions({ integrations: 'svc-*' }, 'detector')).toThrow(/detector\.integrations/);
    expect(() => parseDetectorOptions({ actions: { flagAnswersPerDay: 2.5 } }, 'detector')).toThrow(/detector\.actions\.flagAnswersPerDay/);
    // The reasoning allowance: 30 a day unless set; 0 turns it off; a count, never negative.
    expect(parseDetectorOptions({}, 'detector').actions.reasoningAnswersPerDay).toBe(30);
    expect(parseDetectorOptions({ actions: { reasoningAnswersPerDay: 0 } }, 'detector').actions.reasoningAnswersPerDay).toBe(0);
    expect(() => parseDetectorOptions({ actions: { reasoningAnswersPerDay: -1 } }, 'detector')).toThrow(/detector\.actions\.reasoningAnswersPerDay/);
    expect(() => parseDetectorOptions({ actions: { reasoningAnswersPerDay: 12.5 } }, 'detector')).toThrow(/detector\.actions\.reasoningAnswersPerDay/);
  });

  it('has no credit to weigh: the benign signals are gone, every signal weighs for harvesting', async () => {
    const { SIGNAL_NAMES, WEIGHTS } = await import('../../src/internal.js');
    expect(SIGNAL_NAMES).not.toContain('conversational');
    expect(SIGNAL_NAMES).not.toContain('narrow-automation');
    for (const name of SIGNAL_NAMES) expect(WEIGHTS[name]).toBeGreaterThan(0);
    expect(() => parseDetectorOptions({ weights: { conversational: 1 } }, 'detector')).toThrow(/detector\.weights\.conversational/);
  });
});

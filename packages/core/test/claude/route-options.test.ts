import { describe, expect, it } from 'vitest';
import { DEFAULT_UPSTREAM_TIMEOUTS, OptionsError, parseClaudeRouteOptions } from '../../src/internal.js';

const client = { messages: { create: async () => ({}) }, apiKey: 'k' };

describe('claudeRoute upstream timeouts', () => {
  it('has documented defaults and takes overrides, naming a wrong one', () => {
    expect(parseClaudeRouteOptions({ client, warnings: false }).timeouts).toEqual({ responseMs: 300_000, firstEventMs: 60_000, idleMs: 60_000 });
    expect(DEFAULT_UPSTREAM_TIMEOUTS.responseMs).toBe(300_000);
    expect(parseClaudeRouteOptions({ client, warnings: false, timeouts: { idleMs: 5000 } }).timeouts).toEqual({ responseMs: 300_000, firstEventMs: 60_000, idleMs: 5000 });
    expect(() => parseClaudeRouteOptions({ client, warnings: false, timeouts: { idleMs: 0 } })).toThrow(OptionsError);
    expect(() => parseClaudeRouteOptions({ client, warnings: false, timeouts: { idleMs: 0 } })).toThrow(/claudeRoute\.timeouts\.idleMs/);
    expect(() => parseClaudeRouteOptions({ client, warnings: false, timeouts: { firstByteMs: 10 } })).toThrow(/claudeRoute\.timeouts\.firstByteMs/);
  });
});

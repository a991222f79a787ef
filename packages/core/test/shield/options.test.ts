import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../src/errors/index.js';
import { createCanary, isCanary, parseShieldOptions, SHIELD_DEFAULTS, withCanary } from '../../src/shield/index.js';

function optionError(input: unknown): OptionsError {
  try {
    parseShieldOptions(input, 'shield');
  } catch (err) {
    expect(err).toBeInstanceOf(OptionsError);
    return err as OptionsError;
  }
  throw new Error('accepted');
}

describe('parseShieldOptions', () => {
  it('has safe defaults', () => {
    const o = parseShieldOptions(undefined, 'shield');
    expect(o.request).toMatchObject({
      maxTokens: SHIELD_DEFAULTS.maxTokens,
      onMaxTokens: 'clamp',
      maxInputChars: 200_000,
      maxInputTokens: 50_000,
      system: 'replace',
      tools: [],
    });
    expect(o.request.models).toBeUndefined();
    expect(o.injection).toEqual({
      policy: 'flag',
      threshold: 0.5,
      maxScanChars: 16_384,
      maxConversationChars: 65_536,
      channels: { user: { threshold: 0.5, policy: 'flag' }, document: { threshold: 0.5, policy: 'flag' } },
      contextTags: [],
      classifiers: [],
      uncertain: [0.1, 0.9],
      screen: false,
    });
    expect(o.output).toMatchObject({ minLeakChars: 80, secrets: true, pii: { emails: false, phones: false, cards: false } });
    expect(o.output && isCanary(o.output.canary!)).toBe(true);
  });

  it('names an unknown option by its dotted path, with a suggestion', () => {
    const err = optionError({ request: { maxToken: 10 } });
    expect(err.option).toBe('shield.request.maxToken');
    expect(err.message).toMatch(/did you mean `shield.request.maxTokens`/);
    expect(optionError({ injections: 'block' }).option).toBe('shield.injections');
    expect(optionError({ output: { pii: { email: true } } }).option).toBe('shield.output.pii.email');
  });

  it('rejects wrong types and ranges', () => {
    expect(optionError({ request: { maxTokens: 0 } }).option).toBe('shield.request.maxTokens');
    expect(optionError({ request: { system: 'keep' } }).message).toMatch(/must be one of 'replace', 'refuse', 'allow'/);
    expect(optionError({ request: { models: [] } }).option).toBe('shield.request.models');
    expect(optionError({ request: { tools: 'all' } }).option).toBe('shield.request.tools');
    expect(optionError({ request: { blockTypes: ['video'] } }).option).toBe('shield.request.blockTypes.0');
    expect(optionError({ injection: { threshold: 1.5 } }).option).toBe('shield.injection.threshold');
    expect(optionError({ injection: 'warn' }).option).toBe('shield.injection');
    expect(optionError({ injection: { channels: { tool: {} } } }).option).toBe('shield.injection.channels.tool');
    expect(optionError({ injection: { channels: { document: { policy: 'warn' } } } }).option).toBe('shield.injection.channels.document.policy');
    expect(optionError({ injection: { classifiers: [{ name: 'x' }] } }).option).toBe('shield.injection.classifiers.0.score');
    expect(optionError({ injection: { uncertain: [0.9, 0.1] } }).option).toBe('shield.injection.uncertain');
    expect(optionError({ injection: { contextTags: ['not a tag'] } }).option).toBe('shield.injection.contextTags');
    expect(optionError({ output: { canary: 'hello' } }).option).toBe('shield.output.canary');
    expect(optionError('on').option).toBe('shield');
  });

  it('accepts the injection policy shorthand, output: false and explicit values', () => {
    const o = parseShieldOptions(
      {
        request: { models: ['claude-haiku-4-5'], maxTokens: null, onMaxTokens: 'refuse', tools: 'any', systemPrompt: 'Be brief.' },
        injection: 'flag',
        output: false,
      },
      'shield',
    );
    expect(o.request).toMatchObject({ models: ['claude-haiku-4-5'], maxTokens: null, onMaxTokens: 'refuse', tools: 'any', systemPrompt: 'Be brief.' });
    expect(o.injection.policy).toBe('flag');
    expect(o.output).toBe(false);
    const canary = createCanary();
    const withPii = parseShieldOptions({ output: { canary, pii: true } }, 'shield').output;
    expect(withPii).toMatchObject({ canary, pii: { emails: true, phones: true, cards: true } });
    expect(parseShieldOptions({ output: { canary: false } }, 'shield').output).not.toHaveProperty('canary');
  });
});

describe('canary', () => {
  it('is random per call and has a recognisable shape', () => {
    const a = createCanary();
    const b = createCanary();
    expect(a).toMatch(/^dg-canary-[0-9a-f]{24}$/);
    expect(a).not.toBe(b);
    expect(isCanary('dg-canary-xyz')).toBe(false);
  });

  it('is placed once in a system prompt', () => {
    const canary = createCanary();
    const system = withCanary('You are Acme support.', canary);
    expect(system.startsWith('You are Acme support.\n\n')).toBe(true);
    expect(system).toContain(canary);
    expect(withCanary(system, canary)).toBe(system);
    expect(withCanary('', canary)).toContain(canary);
  });
});

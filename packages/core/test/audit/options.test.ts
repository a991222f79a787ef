import { describe, expect, it } from 'vitest';
import { parseAuditOptions } from '../../src/audit/index.js';
import { OptionsError } from '../../src/errors/index.js';
import { Warnings } from '../../src/options/warnings.js';
import { SECRET, testLogger } from './helpers.js';

describe('parseAuditOptions', () => {
  it('is off when absent or false, stdout when true', () => {
    expect(parseAuditOptions(undefined, 'audit', undefined, {})).toBeUndefined();
    expect(parseAuditOptions(false, 'audit', undefined, {})).toBeUndefined();
    expect(parseAuditOptions(true, 'audit', undefined, {})!.stdout?.stream).toBe(process.stdout);
  });

  it('names the dotted path of an unknown or mistyped option', () => {
    expect(() => parseAuditOptions({ secert: SECRET }, 'audit')).toThrowError(/`audit.secert` is not a known option \(did you mean `audit.secret`\?\)/);
    expect(() => parseAuditOptions({ file: { path: 'a.jsonl', fsync: 'sometimes' } }, 'audit')).toThrowError(OptionsError);
    try {
      parseAuditOptions({ file: { path: 'a.jsonl', maxbytes: 10 } }, 'audit');
      expect.unreachable();
    } catch (err) {
      expect((err as OptionsError).option).toBe('audit.file.maxbytes');
    }
    expect(() => parseAuditOptions({ secret: 'short' }, 'audit')).toThrowError(/at least 16/);
    expect(() => parseAuditOptions({ redis: { key: 'x' } }, 'audit')).toThrowError(/audit.redis.client/);
  });

  it('fills defaults and reads the secret from DISTILL_GUARD_AUDIT_SECRET', () => {
    const o = parseAuditOptions({ file: 'logs/audit.jsonl' }, 'audit', undefined, { DISTILL_GUARD_AUDIT_SECRET: SECRET })!;
    expect(o.secret).toBe(SECRET);
    expect(o.capture).toBe('hash');
    expect(o.file).toEqual({ path: 'logs/audit.jsonl', maxBytes: 100 * 1024 * 1024, daily: true, fsync: 'interval', fsyncIntervalMs: 1000 });
    expect(o.stdout).toBeUndefined();
  });

  it('warns once with DG_AUDIT_NO_SECRET and DG_AUDIT_FULL_CAPTURE for risky setups', () => {
    const logger = testLogger();
    const warnings = new Warnings(logger);
    parseAuditOptions({ capture: 'full', stdout: true }, 'audit', warnings, {});
    parseAuditOptions({ capture: 'full', stdout: true }, 'audit', warnings, {});
    expect(warnings.emitted).toEqual(['DG_AUDIT_NO_SECRET', 'DG_AUDIT_FULL_CAPTURE']);
    expect(logger.warnings).toHaveLength(2);
    const quiet = new Warnings(testLogger());
    parseAuditOptions({ secret: SECRET, stdout: true }, 'audit', quiet, {});
    expect(quiet.emitted).toEqual([]);
  });
});

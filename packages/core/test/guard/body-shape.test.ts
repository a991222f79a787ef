import { describe, expect, it } from 'vitest';
import { createGuard, MAX_BODY_DEPTH } from '../../src/internal.js';

/** `{ a: { a: { … } } }`, `depth` objects deep. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

const body = (extra: Record<string, unknown>) => ({ model: 'claude-haiku-5-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }], ...extra });
const request = (b: unknown) => ({ ip: '203.0.113.1', method: 'POST', path: '/', headers: {}, body: b });

describe('bounds on every part of the body', () => {
  for (const shield of [true, false]) {
    it(`refuses a field nested 5,000 deep with a 400 naming it (shield ${shield ? 'on' : 'off'})`, async () => {
      const guard = createGuard({ warnings: false, ...(shield ? {} : { shield: false as const }), detector: false });
      for (const field of ['metadata', 'some_new_field']) {
        const d = await guard.check(request(body({ [field]: nested(5_000) })));
        expect(d).toMatchObject({ allowed: false, status: 400, reason: 'invalid-request' });
        expect(d.message).toMatch(new RegExp(`^${field}(\\.a)+: nested more than ${MAX_BODY_DEPTH} levels deep`));
      }
      // Ordinary nesting (a tool's JSON schema, metadata) is fine.
      const fine = await guard.check(request(body({ metadata: { user_id: 'u1' }, some_new_field: nested(20) })));
      expect(fine.status === 400 && /nested/.test(fine.message)).toBe(false);
      await guard.close();
    });
  }

  it('refuses a list or an object of more than 10,000 entries anywhere', async () => {
    const guard = createGuard({ warnings: false, shield: false, detector: false });
    const big = await guard.check(request(body({ extra: Array.from({ length: 10_001 }, () => 1) })));
    expect(big).toMatchObject({ status: 400 });
    expect(big.message).toMatch(/^extra: has 10001 entries/);
    const wide = await guard.check(request(body({ extra: Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, { v: i }])) })));
    expect(wide.message).toMatch(/^extra: has more than 10000 fields/);
    await guard.close();
  });
});

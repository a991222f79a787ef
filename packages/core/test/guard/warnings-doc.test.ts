import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../../src/index.js';

describe('warning codes', () => {
  it('are each documented in docs/warnings.md under their own anchor', () => {
    const doc = readFileSync(new URL('../../../../docs/warnings.md', import.meta.url), 'utf8');
    for (const code of WARNING_CODES) {
      expect(doc, code).toContain(`## ${code.toLowerCase()}`);
      expect(doc, code).toContain(`**\`${code}\`**`);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../../src/internal.js';
import { Warnings, WARNINGS_DOC_URL, type WarningCode } from '../../src/options/warnings.js';

const doc = readFileSync(new URL('../../../../docs/warnings.md', import.meta.url), 'utf8');

/** The anchors GitHub gives the headings of docs/warnings.md (lower case, punctuation dropped, spaces to '-'). */
const anchors = new Set(
  [...doc.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) =>
    m[1]!
      .replace(/[`*]/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  ),
);

/** The warning each code logs, through a logger that keeps it. */
function warningOf(code: WarningCode): { message: string; meta?: Record<string, unknown> } {
  const logged: Array<{ message: string; meta?: Record<string, unknown> }> = [];
  new Warnings({ warn: (message, meta) => logged.push({ message, meta }), error: () => {} }).warn(code, 'What is risky.');
  expect(logged).toHaveLength(1);
  return logged[0]!;
}

describe('warning codes', () => {
  it('are each documented in docs/warnings.md under a heading of their own', () => {
    for (const code of WARNING_CODES) {
      expect(anchors, code).toContain(code.toLowerCase());
      expect(doc, code).toContain(`**\`${code}\`**`);
    }
  });

  it('link to the stable URL of docs/warnings.md, at the heading of their code', () => {
    expect(WARNINGS_DOC_URL).toBe('https://github.com/distill-guard/distill-guard/blob/main/docs/warnings.md');
    for (const code of WARNING_CODES) {
      const { message, meta } = warningOf(code);
      expect(meta).toEqual({ code });
      expect(message).toMatch(new RegExp(`^distill-guard \\[${code}\\] What is risky\\. See \\S+$`));
      const url = new URL(message.slice(message.lastIndexOf(' ') + 1));
      expect(`${url.origin}${url.pathname}`, code).toBe(WARNINGS_DOC_URL);
      expect(anchors, `${code}: ${url.hash}`).toContain(url.hash.slice(1));
    }
  });

  it('are all listed in docs/warnings.md, and only they', () => {
    const documented = [...doc.matchAll(/^\*\*`(DG_[A-Z0-9_]+)`\*\*/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...WARNING_CODES].sort());
  });
});

// The texts of the shield's own benchmarks (white-box, unseen, everyday, attack and document
// sets), for benchmarks that read them all: every string literal of 12 characters or more in
// bench/shield-*.mjs and bench/lib/*.mjs (templates without substitutions included), read with the
// TypeScript parser. Texts those benchmarks build at run time are not all among them: their parts are.
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';

const benchDir = new URL('../', import.meta.url);

/** The literals, each once, and how many files they came from. */
export function shieldBenchTexts() {
  const files = [
    ...readdirSync(benchDir).filter((f) => /^shield-.*\.mjs$/.test(f) && f !== 'shield-identity.mjs' && f !== 'shield-short-texts.mjs'),
    ...readdirSync(new URL('lib/', benchDir)).filter((f) => f.endsWith('.mjs') && f !== 'shield-bench-texts.mjs').map((f) => `lib/${f}`),
  ];
  const texts = new Set();
  for (const f of files) {
    const source = ts.createSourceFile(f, readFileSync(new URL(f, benchDir), 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    const visit = (node) => {
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text.length >= 12) texts.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { texts: [...texts], files: files.length };
}

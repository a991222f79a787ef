import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Which top-level folders of src/ each folder imports (type-only imports included). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = relative(SRC, file).split(sep);
    if (from.length < 2) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.\.?\/[^']+)'/g)) {
      const to = relative(SRC, normalize(join(dirname(file), m[1]!))).split(sep);
      if (to.length < 2 || to[0] === from[0]) continue;
      if (!graph.has(from[0]!)) graph.set(from[0]!, new Set());
      graph.get(from[0]!)!.add(to[0]!);
    }
  }
  return graph;
}

/** Every circle among folders, as the path that closes it. */
function circles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at >= 0) return void found.push([...path.slice(at), node]);
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('the core source', () => {
  it('has no import circles between folders', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(circles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('the circle check finds a circle', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(circles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';

/**
 * Loads the hand-written fixture sets under `fixtures/` (see its README): one text file per set,
 * entries separated by a line holding only `%%%`.
 */
const root = new URL('./fixtures/', import.meta.url);

export function fixture(path: string): string[] {
  return readFileSync(new URL(path, root), 'utf8')
    .split(/\r?\n%%%\r?\n/)
    .map((s) => s.replace(/^\r?\n+|\r?\n+$/g, ''))
    .filter(Boolean);
}

/** The files of a fixture folder, by name without extension (`en`, `de`, …). */
export function fixtureSet(folder: string): Array<[string, string[]]> {
  return readdirSync(new URL(`${folder}/`, root))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => [f.replace(/\.txt$/, ''), fixture(`${folder}/${f}`)]);
}

/** Share of texts whose score is above `threshold`. */
export function shareAbove(texts: string[], score: (text: string) => number, threshold = 0.5): number {
  return texts.filter((t) => score(t) > threshold).length / texts.length;
}

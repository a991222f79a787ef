// The shield as the training script and the evaluation read it: bundled from the sources of this
// checkout (packages/core/src/shield/index.ts) with the esbuild that tsup brings, into a temporary
// directory. Training never depends on a `dist/` that another build may be rewriting, and it reads
// exactly the feature code the package will ship.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Imports `src/shield/<entry>` freshly bundled (the model weights as they are on disk now). */
export async function loadShield(entry = 'index.ts') {
  return bundleAndImport({ entryPoints: [join(shieldDir, entry)] });
}

/**
 * Imports `src/shield/index.ts` as it was at `commit` (read with `git archive`), bundled the same
 * way: for same-run comparisons with an earlier build (`SHIELD_REF=<commit> node bench/shield-eval.mjs`).
 */
export async function loadShieldAt(commit) {
  return atCommit(commit, (dir) => bundleAndImport({ entryPoints: [join(dir, 'index.ts')] }));
}

/**
 * Imports several of the shield's modules as one namespace each, `{ name: 'path/without/.ts' }`
 * (for example `{ hashing: 'learned/hashing' }`), from this checkout or, with `commit`, as they
 * were at that commit: for benchmarks that time the shield's stages one by one.
 */
export async function loadShieldModules(modules, commit) {
  const load = (dir) => {
    const contents = Object.entries(modules).map(([name, file]) => `export * as ${name} from './${file}.ts';`).join('\n');
    return bundleAndImport({ stdin: { contents, resolveDir: dir, loader: 'ts' } });
  };
  return commit === undefined ? load(shieldDir) : atCommit(commit, load);
}

const shieldDir = fileURLToPath(new URL('../../src/shield/', import.meta.url));

/** Runs `load` on the `src/shield` directory of `commit`, extracted into a temporary directory. */
async function atCommit(commit, load) {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'dg-shield-ref-'));
  try {
    execSync(`git -C ${JSON.stringify(root)} archive ${JSON.stringify(commit)} packages/core/src | tar -x -C ${JSON.stringify(dir)}`);
    return await load(join(dir, 'packages/core/src/shield'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bundles one esbuild input (`entryPoints` or `stdin`) for Node and imports it. */
async function bundleAndImport(input) {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsup'))('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'dg-shield-'));
  const outfile = join(dir, 'shield.mjs');
  try {
    await esbuild.build({
      ...input,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

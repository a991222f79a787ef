// The shield as the training script and the evaluation read it: bundled from the sources of this
// checkout (packages/core/src/shield/index.ts) with the esbuild that tsup brings, into a temporary
// directory. Training never depends on a `dist/` that another build may be rewriting, and it reads
// exactly the feature code the package will ship.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Imports `src/shield/<entry>` freshly bundled (the model weights as they are on disk now). */
export async function loadShield(entry = 'index.ts') {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve('tsup'))('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'dg-shield-'));
  const outfile = join(dir, 'shield.mjs');
  try {
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL(`../../src/shield/${entry}`, import.meta.url))],
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

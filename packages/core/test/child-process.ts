import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

/**
 * Bundles a child-process fixture from its TypeScript sources the way the package build does
 * (ESM, Node 20), into `outDir`, and returns the bundle's path. Tests that need a process of
 * their own (a heap measured after full collections, a signal at exit) run it with `node`.
 *
 * @example
 * const child = await bundleChild(new URL('./fixtures/exit-child.ts', import.meta.url), dir);
 */
export async function bundleChild(entry: URL, outDir: string): Promise<string> {
  const name = fileURLToPath(entry).replace(/^.*[\\/]/, '').replace(/\.ts$/, '');
  await build({
    entry: { [name]: fileURLToPath(entry) },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    config: false,
    dts: false,
    silent: true,
    outExtension: () => ({ js: '.mjs' }),
  });
  return join(outDir, `${name}.mjs`);
}

/**
 * Runs a bundled child with `node <flags> <file> <args>` to its end and parses the last line it
 * printed as JSON; a non-zero exit rejects with the child's stderr.
 */
export function runChildForJson<T>(file: string, args: string[], flags: string[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const proc = spawn(process.execPath, [...flags, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c) => (stdout += c));
    proc.stderr.on('data', (c) => (stderr += c));
    proc.on('error', reject);
    proc.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}: ${stderr}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T);
      } catch (err) {
        reject(new Error(`child printed no JSON last line (${(err as Error).message}): ${stdout.slice(-500)}`));
      }
    });
  });
}

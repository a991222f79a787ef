// What npm users get: each package is packed with `pnpm pack` (as `pnpm publish` would) and its
// tarball is checked: contents (dist, README, LICENSE, bins; no sources, tests, fixtures or
// source maps), the published package.json, and attw's and publint's checks on the tarball
// itself. Offline: the tools are the workspace's dev dependencies. Needs `pnpm build` first.
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = ['core', 'express', 'koa', 'cli', 'testing'] as const;
const REPO = 'https://github.com/distill-guard/distill-guard';

interface Entry {
  path: string;
  size: number;
  data: Buffer;
}

/** The files of a .tgz (ustar, with pax `path` records), without a tar binary. */
function readTarball(tgz: Buffer): Entry[] {
  const tar = gunzipSync(tgz);
  const out: Entry[] = [];
  let paxPath: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1) || '0';
    const prefix = field(345, 155);
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      paxPath = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      continue;
    }
    if (type === 'g') continue;
    const path = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    paxPath = undefined;
    if (type === '0' || type === '\0') out.push({ path, size, data: Buffer.from(data) });
  }
  return out;
}

/** Every file a package.json points at: main, module, types, exports, bin, typesVersions. */
function referencedFiles(pkg: Record<string, unknown>): string[] {
  const files = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!value.includes('*')) files.add(value.replace(/^\.\//, ''));
    } else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  for (const key of ['main', 'module', 'types', 'exports', 'bin', 'typesVersions']) add(pkg[key]);
  return [...files];
}

/**
 * attw's analysis, from the @arethetypeswrong/core that the workspace's @arethetypeswrong/cli
 * depends on (same version, same checks as `attw <tarball>`), run in-process so TypeScript loads
 * once for the five packages instead of once per package.
 */
async function loadAttw(): Promise<{
  createPackageFromTarballData(data: Uint8Array): unknown;
  checkPackage(pkg: unknown): Promise<{ types: unknown; problems?: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }> }>;
}> {
  const cli = createRequire(realpathSync(join(ROOT, 'node_modules/@arethetypeswrong/cli/package.json')));
  return import(pathToFileURL(cli.resolve('@arethetypeswrong/core')).href);
}

let dir: string;
const tarballs = new Map<string, { file: string; entries: Entry[]; manifest: Record<string, unknown>; attw: string[]; publint: string[] }>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dg-pack-'));
  const attw = await loadAttw();
  await Promise.all(
    PACKAGES.map(async (name) => {
      const pkgDir = join(ROOT, 'packages', name);
      if (!existsSync(join(pkgDir, 'dist', 'index.js'))) throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` first.`);
      const { version } = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
      await run('pnpm', ['pack', '--pack-destination', dir], { cwd: pkgDir });
      const file = join(dir, `distill-guard-${name}-${version}.tgz`);
      const entries = readTarball(await readFile(file));
      const manifest = JSON.parse(entries.find((e) => e.path === 'package/package.json')!.data.toString('utf8')) as Record<string, unknown>;
      // Both on the tarball itself, as published (attw --pack would run npm pack, which keeps workspace:*).
      const tgz = await readFile(file);
      const types = await attw.checkPackage(attw.createPackageFromTarballData(new Uint8Array(tgz)));
      const attwProblems = types.types === false ? ['the package has no types'] : (types.problems ?? []).map((p) => JSON.stringify(p));
      const lint = await publint({ pack: { tarball: tgz.buffer.slice(tgz.byteOffset, tgz.byteOffset + tgz.length) as ArrayBuffer }, strict: true, level: 'suggestion' });
      const publintMessages = lint.messages.map((m) => `${m.type}: ${formatMessage(m, lint.pkg) ?? m.code}`);
      tarballs.set(name, { file, entries, manifest, attw: attwProblems, publint: publintMessages });
    }),
  );
}, 120_000);

afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe.each(PACKAGES)('the @distill-guard/%s tarball', (name) => {
  const get = () => tarballs.get(name)!;

  it('holds dist, README, LICENSE and its bin, and nothing else', () => {
    const { entries, manifest } = get();
    const paths = entries.map((e) => e.path);
    for (const p of paths) expect(p.startsWith('package/'), p).toBe(true);
    const files = paths.map((p) => p.slice('package/'.length));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    const allowed = /^(package\.json|README\.md|LICENSE|dist\/.+\.(js|cjs|d\.ts|d\.cts))$/;
    const binFiles = Object.values((manifest.bin as Record<string, string> | undefined) ?? {}).map((b) => b.replace(/^\.\//, ''));
    for (const f of files) expect(allowed.test(f) || binFiles.includes(f), `unexpected file in the tarball: ${f}`).toBe(true);
    // The rules above already keep these out; named so a failure says what slipped in.
    for (const f of files) {
      expect(f, 'source map').not.toMatch(/\.map$/);
      expect(f, 'test file').not.toMatch(/(^|\/)(test|tests|__tests__|test-setup|fixtures?)\/|\.(test|spec)\.[cm]?[jt]s$/);
      expect(f, 'source').not.toMatch(/^src\/|(?<!\.d)\.[cm]?ts$/);
    }
    expect(entries.find((e) => e.path === 'package/LICENSE')!.data.toString('utf8')).toMatch(/^MIT License\n/);
    expect(entries.find((e) => e.path === 'package/README.md')!.data.toString('utf8')).toContain(`npm install ${name === 'cli' || name === 'testing' ? '--save-dev ' : ''}@distill-guard/${name}`);
  });

  it('holds every file its package.json points at, and no source map reference', () => {
    const { entries, manifest } = get();
    const files = new Set(entries.map((e) => e.path.slice('package/'.length)));
    for (const f of referencedFiles(manifest)) expect(files.has(f), `package.json points at ${f}, not in the tarball`).toBe(true);
    for (const e of entries) if (/\.(c?js)$/.test(e.path)) expect(e.data.toString('utf8'), e.path).not.toMatch(/sourceMappingURL=/);
  });

  it('publishes a package.json with the fields npm users and tools read', () => {
    const { manifest } = get();
    expect(manifest).toMatchObject({
      name: `@distill-guard/${name}`,
      license: 'MIT',
      homepage: `${REPO}/tree/main/packages/${name}#readme`,
      bugs: { url: `${REPO}/issues` },
      repository: { type: 'git', url: `git+${REPO}.git`, directory: `packages/${name}` },
      engines: { node: '>=20' },
      publishConfig: { access: 'public' },
    });
    expect(manifest).toHaveProperty('sideEffects');
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
    // pnpm rewrites workspace:* to the version it publishes with.
    expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
  });

  it('passes attw (types resolve under node10, node16 CJS and ESM, bundler) and publint --strict', () => {
    const { attw, publint } = get();
    expect(attw, 'attw problems').toEqual([]);
    expect(publint, 'publint messages').toEqual([]);
  });
});

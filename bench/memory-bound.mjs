// pnpm bench -> memory bound: the whole guard (createGuard with the memory store, default
// options) answering one or two chat requests from each of 200,000 distinct identities, in a
// process of its own; its resident set size after a full GC, against the documented bound
// (220 MB), and beside the same run with the bounds lifted (the memory store's counters uncapped,
// the detector at 200,000 accounts: the defaults before the bound). Also checks that an identity
// refused by its request limit before the flood is still refused after it. MB here are MiB (2^20
// bytes). The peak is the process's highest resident size during the flood (getrusage maxRSS):
// garbage V8 had not collected yet, and the bound is stated after a full GC, as resident state.
//
//   BENCH_IDENTITIES=<n>  (default 200,000)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const IDENTITIES = Number(process.env.BENCH_IDENTITIES ?? 200_000);
const BOUND = 220 * 1024 * 1024;
const MB = 1024 * 1024;

const VARIANTS = {
  'default options': {},
  'bounds lifted': { store: { maxIdentities: 1e9, maxBytes: 1e15 }, guard: { detector: { maxAccounts: 200_000, maxGroups: 200_000 } } },
};

const dir = await mkdtemp(join(tmpdir(), 'dg-memory-bound-'));
try {
  await build({
    entry: { 'identities-child': fileURLToPath(new URL('../packages/core/test/store/fixtures/identities-child.ts', import.meta.url)) },
    outDir: dir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    config: false,
    dts: false,
    silent: true,
    outExtension: () => ({ js: '.mjs' }),
  });
  const rows = {};
  for (const [name, v] of Object.entries(VARIANTS)) {
    const env = { ...process.env, DG_GUARD_OPTIONS: JSON.stringify(v.guard ?? {}), DG_STORE_OPTIONS: JSON.stringify(v.store ?? {}) };
    const child = spawnSync(process.execPath, ['--expose-gc', join(dir, 'identities-child.mjs'), String(IDENTITIES)], { env, encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`${name}: child exited ${child.status}: ${child.stderr}`);
    rows[name] = JSON.parse(child.stdout.trim().split('\n').pop());
  }
  const d = rows['default options'];
  for (const [name, r] of Object.entries(rows)) {
    console.log(
      `memory-bound: ${name.padEnd(16)} ${r.identities.toLocaleString('en-US')} identities: RSS ${(r.rss / MB).toFixed(0)} MB (${Math.round(r.rss / r.identities)} B per identity; peak during the run ${(r.peakRss / MB).toFixed(0)} MB), heap ${(r.heapUsed / MB).toFixed(0)} MB, array buffers ${(r.arrayBuffers / MB).toFixed(0)} MB, counter rows ${r.counterRows.toLocaleString('en-US')}, limited identity still refused: ${r.limitedStillRefused}`,
    );
  }
  const ok = d.rss < BOUND && d.limitedStillRefused;
  console.log(`memory-bound: default options ${(d.rss / MB).toFixed(0)} MB against the documented ${BOUND / MB} MB ${ok ? 'OK' : 'OVER'}`);
  if (!ok) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}

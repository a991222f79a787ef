import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/** Tests import the workspace packages from source, so a change is tested without a rebuild. */
const alias = {
  // Subpath exports first: '@distill-guard/core' would otherwise match '@distill-guard/core/metrics'.
  '@distill-guard/core/metrics': fileURLToPath(new URL('./packages/core/src/metrics/index.ts', import.meta.url)),
  '@distill-guard/core/telemetry': fileURLToPath(new URL('./packages/core/src/telemetry/index.ts', import.meta.url)),
  '@distill-guard/core/watermark': fileURLToPath(new URL('./packages/core/src/watermark/index.ts', import.meta.url)),
  '@distill-guard/core/detector': fileURLToPath(new URL('./packages/core/src/detector/index.ts', import.meta.url)),
  '@distill-guard/core/shield': fileURLToPath(new URL('./packages/core/src/shield/index.ts', import.meta.url)),
  '@distill-guard/core/audit': fileURLToPath(new URL('./packages/core/src/audit/index.ts', import.meta.url)),
  '@distill-guard/core/replay': fileURLToPath(new URL('./packages/core/src/replay/index.ts', import.meta.url)),
  '@distill-guard/core/adapter': fileURLToPath(new URL('./packages/core/src/adapter/index.ts', import.meta.url)),
  '@distill-guard/core': src('core'),
  '@distill-guard/express': src('express'),
  '@distill-guard/koa': src('koa'),
  '@distill-guard/testing': src('testing'),
};

const project = (name: string, root: string) => ({
  resolve: { alias },
  test: {
    name,
    root,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: [fileURLToPath(new URL('./packages/testing/test-setup/global-setup.ts', import.meta.url))],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      project('core', 'packages/core'),
      project('express', 'packages/express'),
      project('koa', 'packages/koa'),
      project('cli', 'packages/cli'),
      project('testing', 'packages/testing'),
      project('examples', 'examples'),
    ],
  },
});

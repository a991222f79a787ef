import { defineConfig } from 'tsup';

export default defineConfig({
  // Builds against the other packages' published types, not their sources (see tsconfig.json paths).
  tsconfig: 'tsconfig.build.json',
  // `metrics` and `telemetry` are their own entries so that importing the package never loads
  // prom-client or @opentelemetry/api (optional peers); `watermark` so that the CLI's verifier
  // and the benchmark get it without the rest of the guard.
  entry: {
    index: 'src/index.ts',
    'metrics/index': 'src/metrics/index.ts',
    'telemetry/index': 'src/telemetry/index.ts',
    'watermark/index': 'src/watermark/index.ts',
    // The parts, for tools and for who builds on them (the root is what an application needs).
    'detector/index': 'src/detector/index.ts',
    'shield/index': 'src/shield/index.ts',
    'audit/index': 'src/audit/index.ts',
    'replay/index': 'src/replay/index.ts',
    'adapter/index': 'src/adapter/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps: the output is readable, unminified ESM/CJS (stack traces already point at
  // named functions in plain code), and the maps doubled the tarballs (1.9 MB of core's 3.2 MB).
  sourcemap: false,
  // Shared code in chunks for CommonJS too: one copy of every class whichever entry loads it
  // (a RedisStore made by the root is the one the detector subpath checks with instanceof).
  splitting: true,
  clean: true,
  target: 'node20',
});

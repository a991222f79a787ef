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
  },
  format: ['esm', 'cjs'],
  dts: true,
  // No source maps: the output is readable, unminified ESM/CJS (stack traces already point at
  // named functions in plain code), and the maps doubled the tarballs (1.9 MB of core's 3.2 MB).
  sourcemap: false,
  clean: true,
  target: 'node20',
});

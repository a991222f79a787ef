import { defineConfig } from 'tsup';

export default defineConfig({
  // Builds against the other packages' published types, not their sources (see tsconfig.json paths).
  tsconfig: 'tsconfig.build.json',
  // `metrics` and `telemetry` are their own entries so that importing the package never loads
  // prom-client or @opentelemetry/api (optional peers).
  entry: { index: 'src/index.ts', 'metrics/index': 'src/metrics/index.ts', 'telemetry/index': 'src/telemetry/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});

import { defineConfig } from 'tsup';

export default defineConfig({
  // Builds against the other packages' published types, not their sources (see tsconfig.json paths).
  tsconfig: 'tsconfig.build.json',
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});

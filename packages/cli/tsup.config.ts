import { defineConfig } from 'tsup';

export default defineConfig({
  // Builds against the other packages' published types, not their sources (see tsconfig.json paths).
  tsconfig: 'tsconfig.build.json',
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
  target: 'node20',
  // import.meta.url in the CommonJS build too (index.ts runs the CLI when executed directly).
  shims: true,
});

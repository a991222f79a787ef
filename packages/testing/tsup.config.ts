import { defineConfig } from 'tsup';

export default defineConfig({
  // Builds against the other packages' published types, not their sources (see tsconfig.json paths).
  tsconfig: 'tsconfig.build.json',
  entry: { index: 'src/index.ts', 'bin/claude': 'src/bin/claude.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  // No source maps: the output is readable, unminified ESM/CJS (stack traces already point at
  // named functions in plain code), and the maps doubled the tarballs (1.9 MB of core's 3.2 MB).
  sourcemap: false,
  clean: true,
  target: 'node20',
});

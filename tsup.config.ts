// `npm run build`: dist/ with one ES module per entry point (shared code in chunks), a CommonJS copy of the
// library entry points for require() (Jest without ESM mode), then tsc writes the declarations to dist/types
// (tsconfig.build.json: several times faster than bundling them).
import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Both builds below run at once: clean here, not in either of them.
rmSync('dist', { recursive: true, force: true });

const entry = {
  index: 'src/index.ts',
  msw: 'mocks/handlers.ts',
  client: 'contracts/clients/index.ts',
  pact: 'contracts/provider/index.ts',
};
const common = { platform: 'node', target: 'node20', outDir: 'dist' } as const;

export default defineConfig([
  { ...common, entry: { ...entry, cli: 'src/cli.ts' }, format: ['esm'], splitting: true },
  { ...common, entry, format: ['cjs'], shims: true },
]);

// `npm run build`: dist/ with one ES module per entry point (shared code in chunks), a CommonJS copy of the
// library entry points for require() (Jest without ESM mode), then tsc writes the declarations to dist/types
// (tsconfig.build.json: several times faster than bundling them).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { parse } from 'yaml';
import { SPEC_PATH, specCacheName } from './src/http/openapi-index.ts';

// Both builds below run at once: clean here, not in either of them.
rmSync('dist', { recursive: true, force: true });

/** The spec parsed ahead of time, where loadSpec looks first (start-up without ~170 ms of YAML parsing). */
async function writeParsedSpec(): Promise<void> {
  const text = readFileSync(SPEC_PATH, 'utf8');
  writeFileSync(`dist/${specCacheName(text)}`, JSON.stringify(parse(text)));
}

const entry = {
  index: 'src/index.ts',
  msw: 'mocks/handlers.ts',
  client: 'contracts/clients/index.ts',
  pact: 'contracts/provider/index.ts',
};
const common = { platform: 'node', target: 'node20', outDir: 'dist' } as const;

export default defineConfig([
  { ...common, entry: { ...entry, cli: 'src/cli.ts' }, format: ['esm'], splitting: true, onSuccess: writeParsedSpec },
  { ...common, entry, format: ['cjs'], shims: true },
]);

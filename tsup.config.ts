// `npm run build`: dist/ with one ES module per entry point (shared code in chunks); tsc then writes the
// declarations to dist/types (tsconfig.build.json: several times faster than bundling them).
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    msw: 'mocks/handlers.ts',
    client: 'contracts/clients/index.ts',
    pact: 'contracts/provider/index.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  clean: true,
  outDir: 'dist',
});

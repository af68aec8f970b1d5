import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('src/generated', () => {
  it('is exactly what `npm run gen` produces from spec/openapi.yaml (regenerate after editing the spec)', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'trax-gen-')), 'openapi.ts');
    execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', 'spec/openapi.yaml', '-o', out], {
      stdio: 'pipe',
    });
    const fresh = readFileSync(out, 'utf8');
    const committed = readFileSync('src/generated/openapi.ts', 'utf8');
    expect(committed === fresh, 'src/generated/openapi.ts is stale: run `npm run gen` and commit the result').toBe(
      true,
    );
  });
});

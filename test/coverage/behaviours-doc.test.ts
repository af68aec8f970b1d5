// docs/behaviours.md is generated from the catalogue: it fails here until `npm run docs:behaviours` ran.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { behavioursDoc, DOC } from '../../scripts/behaviours-doc.ts';
import { CATALOGUE } from '../../src/http/coverage-catalogue.ts';

describe('docs/behaviours.md', () => {
  it('is generated from the catalogue (run npm run docs:behaviours)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(behavioursDoc());
  });

  it('gives every behaviour one stable, unique id', () => {
    const ids = CATALOGUE.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9._-]*$/);
  });
});

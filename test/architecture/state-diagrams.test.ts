// The drawing of the state machines in docs/architecture.md is generated from their tables: it fails here
// until `npm run docs:states` has redrawn it after a table changed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC, stateDiagrams, withDiagrams } from '../../scripts/state-diagrams.ts';

describe('the state machines in docs/architecture.md', () => {
  it('are drawn from the tables of src/domain/state-machine.ts (run npm run docs:states)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(withDiagrams(doc)).toBe(doc);
  });

  it('draw every start and move, with what makes it, and the statuses no move leaves', () => {
    const drawing = stateDiagrams([
      { entity: 'thing', initial: { new: 'made' }, moves: { new: { done: 'finished' }, done: {} } },
    ]);
    expect(drawing).toBe(
      [
        'Thing:',
        '',
        '```mermaid',
        'stateDiagram-v2',
        '  %% thing',
        '  [*] --> new: made',
        '  new --> done: finished',
        '  done --> [*]',
        '```',
      ].join('\n'),
    );
  });

  it('a changed table no longer matches the doc', () => {
    const doc = readFileSync(DOC, 'utf8');
    const other = stateDiagrams([{ entity: 'invoice', initial: { open: 'x' }, moves: { open: {} } }]);
    expect(withDiagrams(doc, other)).not.toBe(doc);
  });
});

// The state machines of src/domain/state-machine.ts drawn in Mermaid, between two markers of
// docs/architecture.md: `npm run docs:states` rewrites that part of the file; a test fails while it differs
// (test/architecture/state-diagrams.test.ts), so the drawing is never edited by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MACHINES } from '../src/domain/state-machine.ts';

export const DOC = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));
export const BEGIN = '<!-- state machines: generated from src/domain/state-machine.ts by `npm run docs:states` -->';
export const END = '<!-- end of the generated state machines -->';

type Drawable = {
  entity: string;
  initial: Readonly<Record<string, string | undefined>>;
  moves: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>;
};

/** One Mermaid state diagram per machine, its moves labelled with what makes them. */
export function stateDiagrams(machines: readonly Drawable[] = MACHINES): string {
  return machines
    .map((m) => {
      const lines = ['```mermaid', 'stateDiagram-v2', `  %% ${m.entity}`];
      for (const [to, why] of Object.entries(m.initial)) lines.push(`  [*] --> ${to}: ${why}`);
      for (const [from, targets] of Object.entries(m.moves)) {
        for (const [to, why] of Object.entries(targets)) lines.push(`  ${from} --> ${to}: ${why}`);
        if (Object.keys(targets).length === 0) lines.push(`  ${from} --> [*]`);
      }
      lines.push('```');
      return `${m.entity[0]!.toUpperCase()}${m.entity.slice(1)}:\n\n${lines.join('\n')}`;
    })
    .join('\n\n');
}

/** `doc` with the text between the markers replaced by the drawing; throws when the markers are missing. */
export function withDiagrams(doc: string, diagrams = stateDiagrams()): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} lacks the markers ${BEGIN} ... ${END}`);
  return `${doc.slice(0, start + BEGIN.length)}\n${diagrams}\n${doc.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const doc = readFileSync(DOC, 'utf8');
  const next = withDiagrams(doc);
  if (next !== doc) writeFileSync(DOC, next);
  console.log(next === doc ? `${DOC}: the state machines were up to date` : `${DOC}: state machines redrawn`);
}

// docs/behaviours.md, generated from the behaviour catalogue (src/http/coverage-catalogue.ts): `npm run
// docs:behaviours` rewrites it; a test fails while it differs (test/coverage/behaviours-doc.test.ts), so the
// list is never written by hand a second time.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Behaviour } from '../src/domain/behaviours/catalogue.ts';
import { CATALOGUE } from '../src/http/coverage-catalogue.ts';

export const DOC = fileURLToPath(new URL('../docs/behaviours.md', import.meta.url));

const GROUPS: Record<Behaviour['group'], string> = {
  rule: 'Rules of the seed',
  'billing-not-configured': 'Billing Not Configured, by reason',
  decline: 'Declines of the test instruments',
  fault: 'Faults of Alarm.com',
  retry: 'Retries (Idempotency-Key)',
  token: 'SecurityTrax tokens',
  refusal: 'Refusals, by face and code',
};

const cell = (text: string) => text.replaceAll('|', '\\|');

export function behavioursDoc(catalogue: readonly Behaviour[] = CATALOGUE): string {
  const parts = [
    '# Behaviours of the billing integration',
    '',
    '<!-- generated from src/http/coverage-catalogue.ts by `npm run docs:behaviours`: do not edit -->',
    '',
    `What \`GET /__sim/coverage\`, \`trax-sim coverage\` and the console's Coverage page report: ${catalogue.length}`,
    'behaviours, each with a stable id (for `trax-sim coverage --require`) and a bundled scenario that exercises it.',
  ];
  for (const [group, title] of Object.entries(GROUPS)) {
    const rows = catalogue.filter((b) => b.group === group);
    if (!rows.length) continue;
    parts.push('', `## ${title} (${rows.length})`, '', '| id | behaviour | scenario |', '| --- | --- | --- |');
    for (const b of rows) parts.push(`| \`${b.id}\` | ${cell(b.sentence)} | \`${b.scenario}\` |`);
  }
  return `${parts.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const next = behavioursDoc();
  const doc = readFileSync(DOC, { encoding: 'utf8', flag: 'a+' });
  if (next !== doc) writeFileSync(DOC, next);
  console.log(next === doc ? `${DOC}: up to date` : `${DOC}: written`);
}

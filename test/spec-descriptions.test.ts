// The spec's words, read where a test can read them: descriptions must say what each face does (money,
// ids, errors), so a reader of one face is not told another face's conventions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Json = Record<string, any>;
const text = readFileSync(new URL('../spec/openapi.yaml', import.meta.url), 'utf8');
const spec = parse(text) as Json;
const schemas = spec.components.schemas as Record<string, Json>;

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

/** Every schema name reachable from `node` (through $ref, recursively). */
function reachable(node: unknown, seen = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) reachable(n, seen);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = refName(value);
        if (!seen.has(name)) {
          seen.add(name);
          reachable(schemas[name], seen);
        }
      } else reachable(value, seen);
    }
  }
  return seen;
}

/** The schemas of the operations tagged `tag` (request bodies and responses, through the components they use). */
function schemasOfTag(tag: string): Set<string> {
  const out = new Set<string>();
  for (const item of Object.values(spec.paths as Json))
    for (const op of Object.values(item as Json))
      if ((op as Json).tags?.[0] === tag) {
        const parts = [(op as Json).requestBody, (op as Json).responses];
        const refs = JSON.stringify(parts).match(/#\/components\/(responses|requestBodies)\/[A-Za-z]+/g) ?? [];
        for (const ref of refs) parts.push(spec.components[ref.split('/')[2]!][ref.split('/')[3]!]);
        for (const name of reachable(parts)) out.add(name);
      }
  return out;
}

/** Every description and property name inside a schema (not following $ref). */
function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      visit(key, value);
      walk(value, visit);
    }
}

const MONEY = /^(amount|total|balance|price)$|Cents$/;

describe('the spec says what each face does', () => {
  it('SecurityTrax schemas: money attributes are decimal strings, and no description speaks of integer cents', () => {
    const used = schemasOfTag('SecurityTrax');
    expect(used.size).toBeGreaterThan(20);
    const moneyRefs: string[] = [];
    for (const name of used) {
      walk(schemas[name], (key, value) => {
        if (key === 'description') expect(String(value), name).not.toMatch(/integer cents|end in `Cents`/i);
        if (key !== 'properties' || !value || typeof value !== 'object') return;
        for (const [property, schema] of Object.entries(value as Json)) {
          expect(property, `${name}.${property}`).not.toMatch(/Cents$/);
          if (MONEY.test(property)) moneyRefs.push(`${name}.${property}: ${(schema as Json).$ref ?? 'inline'}`);
        }
      });
    }
    expect(moneyRefs.length).toBeGreaterThan(5);
    for (const ref of moneyRefs) expect(ref).toMatch(/#\/components\/schemas\/StDecimal(Input)?$/);
    expect(schemas.StDecimal!.description).toMatch(/^Decimal dollars as a JSON string/);
    expect(schemas.StDecimal!.type).toBe('string');
  });

  it('the top description gives each face its own money, ids and errors; none is said of every face', () => {
    const description = spec.info.description as string;
    expect(description).not.toMatch(/money is integer cents/i);
    expect(description).not.toMatch(/Errors are `application\/problem\+json`/);
    const row = (face: string) => description.split('\n').find((l) => l.startsWith(`| ${face}`)) ?? '';
    expect(row('SecurityTrax')).toMatch(/decimal dollars as strings.*strings.*JSON:API error documents/);
    expect(row('Alarm.com web services')).toMatch(/SOAP faults/);
    expect(row('Alarm.com Billing API')).toMatch(/integer cents.*integers.*problem\+json/);
  });

  it('the dealer user set through /__sim is the SecurityTrax login, not HTTP Basic credentials', () => {
    const put = spec.paths['/__sim/dealer'].put as Json;
    expect(`${put.summary} ${put.description}`).not.toMatch(/HTTP Basic/);
    expect(`${put.summary} ${put.description}`).toMatch(/authenticate/);
  });

  it("each face's schema heading sits over schemas its operations use", () => {
    const tags: Record<string, string> = {
      'Face 2': 'AlarmComWebServices',
      'Face 3': 'AlarmComBilling',
      'Face 4': 'Simulator',
    };
    const section = text.slice(text.indexOf('\n  schemas:\n'));
    const headings = [...section.matchAll(/^ {4}# ─── (Face \d)[^\n]*\n/gm)];
    expect(headings.map((h) => h[1])).toEqual(['Face 2', 'Face 3', 'Face 4']);
    for (const [i, heading] of headings.entries()) {
      const block = section.slice(heading.index!, headings[i + 1]?.index ?? section.length);
      const names = [...block.matchAll(/^ {4}([A-Za-z0-9]+):$/gm)].map((m) => m[1]!);
      const used = schemasOfTag(tags[heading[1]!]!);
      // The control face shows every face's records: a schema it shares says nothing about where it belongs.
      const others = ['SecurityTrax', ...Object.values(tags)]
        .filter((t) => t !== tags[heading[1]!] && t !== 'Simulator')
        .map(schemasOfTag);
      for (const name of names)
        expect(used.has(name) || !others.some((o) => o.has(name)), `${name} under ${heading[1]}`).toBe(true);
      expect(
        names.some((n) => used.has(n)),
        heading[1],
      ).toBe(true);
    }
    expect(text).not.toMatch(/# ─── Face 1: SecurityTrax dealer API/);
  });
});

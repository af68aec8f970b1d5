// JSON:API query parameter rules: all-lowercase family names are reserved for the specification, so one this
// endpoint does not take (`foo`, `sort` on a single resource, `page[offset]`, `filter[x]`) is a 400 naming it,
// as is a name that is no legal family name; implementation-specific names (with a character outside a-z,
// such as `fooBar`) are not ours and are ignored.
import { FaceError } from './face-error.ts';
import type { Operation } from '../../openapi-index.ts';

// A legal member name (JSON:API "Member Names"), then square-bracketed member names or dot-separated lists.
const MEMBER = '[a-zA-Z0-9\\u0080-\\uffff](?:[a-zA-Z0-9\\u0080-\\uffff_ -]*[a-zA-Z0-9\\u0080-\\uffff])?';
const FAMILY_NAME = new RegExp(`^(${MEMBER})(?:\\[(?:${MEMBER}(?:\\.${MEMBER})*)?\\])*$`, 'u');
const RESERVED = /^[a-z]+$/;
/** Families taken as `name[...]` only: `fields[TYPE]`. */
const BRACKETED_FAMILIES = new Set(['fields']);

/** Throws a 400 for the first query parameter this operation must refuse. */
export function assertQueryParameters(names: readonly string[], op: Operation): void {
  const declared = new Set(op.params.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of names) {
    const base = FAMILY_NAME.exec(name)?.[1];
    if (base === undefined)
      throw refuse(
        'invalid-query-parameter',
        name,
        `"${name.slice(0, 60)}" is not a legal query parameter name (a member name, then [member] parts).`,
      );
    if (BRACKETED_FAMILIES.has(base) ? name !== base && declared.has(base) : declared.has(name)) continue;
    if (RESERVED.test(base)) {
      const takes = [...declared].map((p) => (BRACKETED_FAMILIES.has(p) ? `${p}[TYPE]` : p));
      throw refuse(
        'unknown-query-parameter',
        name,
        `"${name.slice(0, 60)}" is not a query parameter of this endpoint (all-lowercase names are JSON:API's); it takes ${takes.length ? takes.join(', ') : 'none'}.`,
      );
    }
  }
}

const refuse = (code: string, parameter: string, detail: string) =>
  new FaceError(400, code, 'Query parameter not supported', detail, { parameter: parameter.slice(0, 100) });

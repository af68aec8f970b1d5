// Sorting (JSON:API `sort=a,-b`): over `id` and the attributes `filter` takes (each type's billing attributes,
// declared in its mapping table), compared by the kind the table gives them. Ties keep ascending id order, so
// pages never overlap.
import { decimalToCents } from '../../../domain/money.ts';
import { FaceError } from './face-error.ts';
import type { FilterKind, ResourceType, State } from './resources/resource-type.ts';

export type SortKey = { field: string; descending: boolean };

/** The fields of `rt` a list sorts on, with how each compares. */
function sortFields(rt: ResourceType): Record<string, FilterKind | 'id'> {
  const fields: Record<string, FilterKind | 'id'> = { id: 'id' };
  for (const [name, a] of Object.entries(rt.attributes)) if (a.filter && a.read) fields[name] = a.filter;
  return fields;
}

/** `-due_date,total` -> keys; a field the type cannot sort on is a 400 naming the parameter. */
export function parseSort(param: string | undefined, rt: ResourceType): SortKey[] {
  if (param === undefined) return [];
  const fields = sortFields(rt);
  return param.split(',').map((raw) => {
    const text = raw.trim();
    const descending = text.startsWith('-');
    const field = descending ? text.slice(1) : text;
    if (!Object.hasOwn(fields, field))
      throw new FaceError(
        400,
        'invalid-sort',
        'Invalid sort field',
        `${field === '' ? 'An empty sort field' : `"${field.slice(0, 60)}"`} cannot be sorted on: ${rt.type} sorts on ${Object.keys(fields).join(', ')} (prefix - for descending).`,
        { parameter: 'sort' },
      );
    return { field, descending };
  });
}

type Comparable = number | string | boolean | null;

/** The value a field sorts by: amounts as cents (exact), the rest as read; null when absent. */
function sortValue(rt: ResourceType, e: { id: number }, s: State, field: string, kind: FilterKind | 'id'): Comparable {
  if (kind === 'id') return e.id;
  const value = rt.attributes[field]!.read!(e, s);
  if (value === null || value === undefined) return null;
  if (kind === 'money') return decimalToCents(value as string | number);
  return value as Comparable;
}

/** Ascending order of two values of one kind; nulls after everything else. */
function compare(a: Comparable, b: Comparable): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The list in the order `keys` asks for (each value read once), then by ascending id. */
export function sorted<E extends { id: number }>(
  rt: ResourceType,
  all: readonly E[],
  s: State,
  keys: readonly SortKey[],
): readonly E[] {
  if (!keys.length) return all;
  const fields = sortFields(rt);
  const rows = all.map((e) => ({ e, values: keys.map((k) => sortValue(rt, e, s, k.field, fields[k.field]!)) }));
  rows.sort((x, y) => {
    for (const [i, key] of keys.entries()) {
      const order = compare(x.values[i]!, y.values[i]!);
      if (order !== 0) return key.descending ? -order : order;
    }
    return x.e.id - y.e.id;
  });
  return rows.map((r) => r.e);
}

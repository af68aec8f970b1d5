// Reading a list the way its query asks: filter expression, then the page.
import { parseFilter } from './filter.ts';
import type { FilterKind, ResourceType, State } from './resources/resource-type.ts';

/** Filterable names of a type: its filterable attributes, `id`, and `<relationship>_id` for to-one links. */
export function filterFields(rt: ResourceType): Record<string, FilterKind | 'id'> {
  const fields: Record<string, FilterKind | 'id'> = { id: 'id' };
  for (const [name, a] of Object.entries(rt.attributes)) if (a.filter && a.read) fields[name] = a.filter;
  for (const [name, rel] of Object.entries(rt.relationships)) if (!rel.many) fields[`${name}_id`] = 'id';
  return fields;
}

function valueOf(rt: ResourceType, e: { id: number }, s: State, field: string): unknown {
  if (field === 'id') return e.id;
  const attribute = rt.attributes[field];
  if (attribute?.read) return attribute.read(e, s);
  const rel = rt.relationships[field.replace(/_id$/, '')];
  const ids = rel?.read(e, s);
  return ids;
}

export function filtered<E extends { id: number }>(
  rt: ResourceType,
  all: readonly E[],
  s: State,
  filter: string | undefined,
): readonly E[] {
  if (filter === undefined || filter.trim() === '') return all;
  const predicate = parseFilter(filter, filterFields(rt));
  return all.filter((e) => predicate((field) => valueOf(rt, e, s, field)));
}

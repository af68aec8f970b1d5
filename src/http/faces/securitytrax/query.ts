// Reading a list the way its query asks: filter expression, then the page.
import { parseFilter, type FilterFields } from './filter.ts';
import type { LikeMeter } from './like-pattern.ts';
import {
  attributeOf,
  relationshipOf,
  type FilterKind,
  type ResourceType,
  type State,
} from './resources/resource-type.ts';

/** Filterable names of a type: its filterable attributes, `id`, and `<relationship>_id` for to-one links. */
export function filterFields(rt: ResourceType): FilterFields {
  const fields = new Map<string, FilterKind | 'id'>([['id', 'id']]);
  for (const [name, a] of Object.entries(rt.attributes)) if (a.filter && a.read) fields.set(name, a.filter);
  for (const [name, rel] of Object.entries(rt.relationships)) if (!rel.many) fields.set(`${name}_id`, 'id');
  return fields;
}

function fieldValue(rt: ResourceType, e: { id: number }, s: State, field: string): unknown {
  if (field === 'id') return e.id;
  const attribute = attributeOf(rt, field);
  if (attribute?.read) return attribute.read(e, s);
  return relationshipOf(rt, field.replace(/_id$/, ''))?.read(e, s);
}

export function filtered<E extends { id: number }>(
  rt: ResourceType,
  all: readonly E[],
  s: State,
  filter: string | undefined,
  meter?: LikeMeter,
): readonly E[] {
  if (filter === undefined || filter.trim() === '') return all;
  const predicate = parseFilter(filter, filterFields(rt), meter);
  return all.filter((e) => predicate((field) => fieldValue(rt, e, s, field)));
}

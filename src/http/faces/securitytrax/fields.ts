// Sparse fieldsets (JSON:API): `fields[TYPE]=a,b` keeps only those attributes and relationships in the
// resource objects of TYPE, primary and included; an empty value keeps none. Unknown names are a 400.
import { FaceError } from './face-error.ts';
import { RESOURCE_TYPES } from './resources/registry.ts';
import type { ResourceType } from './resources/resource-type.ts';

/** Resource type -> the fields asked for; a type without an entry answers every field. */
export type Fieldsets = ReadonlyMap<string, ReadonlySet<string>>;

const FIELDS_PARAMETER = /^fields\[([^\]]*)\]$/;

/** The fields a resource object of `rt` can carry: readable attributes and relationships. */
export function fieldNamesOf(rt: ResourceType): string[] {
  const attributes = Object.entries(rt.attributes).filter(([, a]) => a.read !== undefined);
  return [...attributes.map(([name]) => name), ...Object.keys(rt.relationships)];
}

const refuse = (parameter: string, detail: string) =>
  new FaceError(400, 'invalid-fields', 'Invalid sparse fieldset', detail, { parameter });

/** Reads every `fields[TYPE]` of the (validated) query. */
export function parseFieldsets(query: Readonly<Record<string, unknown>>): Fieldsets {
  const out = new Map<string, Set<string>>();
  for (const [parameter, value] of Object.entries(query)) {
    const type = FIELDS_PARAMETER.exec(parameter)?.[1];
    if (type === undefined) continue;
    const rt = RESOURCE_TYPES.get(type);
    if (!rt)
      throw refuse(
        parameter,
        `"${type.slice(0, 60)}" is not a resource type of this API: ${[...RESOURCE_TYPES.keys()].join(', ')}.`,
      );
    const known = fieldNamesOf(rt);
    const names = String(value)
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length)
      throw refuse(
        parameter,
        `${type} has no field ${unknown.map((n) => `"${n.slice(0, 60)}"`).join(', ')}; its fields are ${known.join(', ')}.`,
      );
    out.set(type, new Set(names));
  }
  return out;
}

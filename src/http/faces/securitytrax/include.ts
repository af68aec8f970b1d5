// `include=a,b.c`: relationship paths whose resources come back in `included` (compound documents).
import { FaceError } from './face-error.ts';
import { resourceType } from './resources/registry.ts';
import type { ResourceType, State } from './resources/resource-type.ts';

export type Included = { rt: ResourceType; entity: { id: number } };

/** Checks every path against the relationships of each type it walks; an unknown one is a 400. */
export function parseInclude(param: string | undefined, rt: ResourceType): string[][] {
  if (param === undefined || param.trim() === '') return [];
  return param.split(',').map((raw) => {
    const path = raw.trim().split('.');
    let at = rt;
    for (const [i, name] of path.entries()) {
      const rel = at.relationships[name];
      if (!rel) {
        const known = Object.keys(at.relationships);
        throw new FaceError(
          400,
          'invalid-include',
          'Invalid include path',
          `"${path.slice(0, i + 1).join('.')}" is not a relationship path of ${rt.type}: ${at.type} has ${known.length ? known.join(', ') : 'no relationships'}.`,
          { parameter: 'include' },
        );
      }
      at = resourceType(rel.type);
    }
    return path;
  });
}

/** The related resources along every path, each once, none of the primary ones. */
export function resolveIncluded(
  paths: string[][],
  rt: ResourceType,
  primary: readonly { id: number }[],
  s: State,
): Included[] {
  const seen = new Set(primary.map((e) => `${rt.type}:${e.id}`));
  const out: Included[] = [];
  for (const path of paths) {
    let current: Included[] = primary.map((entity) => ({ rt, entity }));
    for (const name of path) {
      const next: Included[] = [];
      for (const { rt: from, entity } of current) {
        const rel = from.relationships[name]!;
        const target = resourceType(rel.type);
        const ids = rel.read(entity, s);
        for (const id of Array.isArray(ids) ? ids : ids === null ? [] : [ids as number]) {
          const found = target.find(s, id);
          if (!found) continue;
          next.push({ rt: target, entity: found });
          const key = `${target.type}:${id}`;
          if (!seen.has(key)) seen.add(key), out.push({ rt: target, entity: found });
        }
      }
      current = next;
    }
  }
  return out;
}

// `include=a,b.c`: relationship paths whose resources come back in `included` (compound documents).
// Paths are merged into a tree (a repeated path or prefix is walked once) and each hop is taken once per
// distinct resource, so the work is bounded by the answer, which itself has a documented maximum.
import { FaceError } from './face-error.ts';
import { resourceType } from './resources/registry.ts';
import { relationshipOf, type ResourceType, type State } from './resources/resource-type.ts';

/** At most this many distinct paths in one `include`. */
export const MAX_INCLUDE_PATHS = 10;
/** At most this many relationships in one path (`a.b.c.d`). */
export const MAX_INCLUDE_DEPTH = 4;
/** At most this many resources in `included`; a larger answer is refused, asking for a smaller page. */
export const MAX_INCLUDED = 1000;

export type Included = { rt: ResourceType; entity: { id: number } };
/** The paths as a tree: relationship name -> the paths continuing from it. */
export type IncludeTree = Map<string, IncludeTree>;
/** Counts the work of a resolution: one step per relationship read and per related id looked at. */
export type IncludeMeter = { steps: number };

const tooMuch = (detail: string) =>
  new FaceError(400, 'include-limit-exceeded', 'Include limit exceeded', detail, { parameter: 'include' });

/** Checks every path against the relationships of each type it walks; an unknown one or one past a limit is a 400. */
export function parseInclude(param: string | undefined, rt: ResourceType): IncludeTree {
  const tree: IncludeTree = new Map();
  if (param === undefined || param.trim() === '') return tree;
  const paths = [...new Set(param.split(',').map((raw) => raw.trim()))];
  if (paths.length > MAX_INCLUDE_PATHS)
    throw tooMuch(`include names ${paths.length} distinct paths; at most ${MAX_INCLUDE_PATHS} are allowed.`);
  for (const text of paths) {
    const path = text.split('.');
    if (path.length > MAX_INCLUDE_DEPTH)
      throw tooMuch(
        `"${text.slice(0, 80)}" is ${path.length} relationships deep; an include path has at most ${MAX_INCLUDE_DEPTH}.`,
      );
    let at = rt;
    let node = tree;
    for (const [i, name] of path.entries()) {
      const rel = relationshipOf(at, name);
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
      let next = node.get(name);
      if (!next) node.set(name, (next = new Map()));
      node = next;
    }
  }
  return tree;
}

/** The related resources along every path of `tree`, each once, none of the primary ones. */
export function resolveIncluded(
  tree: IncludeTree,
  rt: ResourceType,
  primary: readonly { id: number }[],
  s: State,
  meter: IncludeMeter = { steps: 0 },
): Included[] {
  const seen = new Set(primary.map((e) => `${rt.type}:${e.id}`));
  const out: Included[] = [];
  const walk = (node: IncludeTree, from: ResourceType, entities: readonly { id: number }[]): void => {
    for (const [name, rest] of node) {
      const rel = relationshipOf(from, name)!;
      const target = resourceType(rel.type);
      // The distinct resources this hop reaches: the next hop starts from each of them once.
      const reached = new Map<number, { id: number }>();
      for (const entity of entities) {
        meter.steps++;
        const ids = rel.read(entity, s);
        for (const id of Array.isArray(ids) ? ids : ids === null ? [] : [ids as number]) {
          meter.steps++;
          if (reached.has(id)) continue;
          const found = target.find(s, id);
          if (!found) continue;
          reached.set(id, found);
          const key = `${target.type}:${id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ rt: target, entity: found });
          if (out.length > MAX_INCLUDED)
            throw tooMuch(
              `The included resources would be more than ${MAX_INCLUDED}; ask for a smaller page (page[size]) or fewer paths.`,
            );
        }
      }
      if (rest.size) walk(rest, target, [...reached.values()]);
    }
  };
  walk(tree, rt, primary);
  return out;
}

// The face's reads, from the registry alone: for each entry, GET the collection (filter, sort, page,
// include, fieldsets), GET one by id, and GET the ones related to a parent. An entry that names such an
// operation needs no code here; the spec's operation and the entry are all it takes.
import { notFound } from '../../../domain/errors.ts';
import { ok, type OperationId, type RequestInput, type Route } from '../../operation.ts';
import { faceBaseUrl, listDocument, singleDocument, type Rendering } from './document.ts';
import { parseFieldsets } from './fields.ts';
import { paginate } from './pagination.ts';
import { filtered } from './query.ts';
import { RESOURCES, type ReadOperationId, resourceType } from './resources/registry.ts';
import {
  type ParentFilter,
  relationshipOf,
  type ResourceOperations,
  type ResourceType,
  type State,
} from './resources/resource-type.ts';
import { parseSort, sorted } from './sort.ts';

export type StateOf = (sandbox: string) => State;

/** A read of the face: its query parameters as the spec declares them for every list and get. */
type ReadInput = RequestInput & { query: { include?: string; sort?: string; filter?: string } };

/** How the answer to `i` is rendered: absolute links from the URL the client used, its include and fieldsets. */
const rendering = (i: ReadInput, s: State): Rendering => ({
  s,
  base: faceBaseUrl(i.base.origin, s.name),
  include: i.query.include,
  fields: parseFieldsets(i.query),
});

/** The entity of `rt` the path's `{id}` names, or a 404 naming its type. */
export function pathEntity(rt: ResourceType, s: State, i: RequestInput): { id: number } {
  const id = Number(i.path.id);
  const e = rt.find(s, id);
  if (!e) throw notFound(rt.label, id);
  return e;
}

function listOf(stateOf: StateOf, rt: ResourceType, parent?: string): Route {
  const rel = parent === undefined ? undefined : relationshipOf(rt, parent);
  if (parent !== undefined && !rel) throw new Error(`${rt.type} has no relationship ${parent} to list it by`);
  const parentType = rel && resourceType(rel.type);
  return (i: ReadInput) => {
    const s = stateOf(i.sandbox);
    const r = rendering(i, s);
    let of: ParentFilter | undefined;
    let url = `${r.base}/${rt.type}`;
    if (parent !== undefined && parentType) {
      of = { relationship: parent, id: pathEntity(parentType, s, i).id };
      url = `${r.base}/${parentType.type}/${of.id}/${rt.type}`;
    }
    const keys = parseSort(i.query.sort, rt);
    const all = sorted(rt, filtered(rt, rt.list(s, of), s, i.query.filter), s, keys);
    return ok(listDocument(rt, paginate(all, i.query, url), r));
  };
}

const getOf =
  (stateOf: StateOf, rt: ResourceType): Route =>
  (i: ReadInput) => {
    const s = stateOf(i.sandbox);
    return ok(singleDocument(rt, pathEntity(rt, s, i), rendering(i, s)));
  };

/** Each read operation an entry names, with what answers it. */
function readsOf(ops: ResourceOperations): { id: OperationId; parent?: string; kind: 'list' | 'get' }[] {
  return [
    ...(ops.list ? [{ id: ops.list, kind: 'list' as const }] : []),
    ...(ops.get ? [{ id: ops.get, kind: 'get' as const }] : []),
    ...(ops.related ?? []).map((r) => ({ id: r.operationId, parent: r.parent, kind: 'list' as const })),
  ];
}

type ReadHandlers = Record<ReadOperationId, Route>;
type Table = Partial<Record<OperationId, Route>>;

/** True when the table answers every read operation of the registry (ReadOperationId is derived from it). */
const answersEveryRead = (table: Table): table is Table & ReadHandlers =>
  RESOURCES.every((rt) => readsOf(rt.operations).every((op) => table[op.id] !== undefined));

export function resourceRoutes(stateOf: StateOf): ReadHandlers {
  const table: Table = {};
  for (const rt of RESOURCES) {
    for (const op of readsOf(rt.operations))
      table[op.id] = op.kind === 'get' ? getOf(stateOf, rt) : listOf(stateOf, rt, op.parent);
  }
  if (!answersEveryRead(table)) throw new Error('a read operation of the registry has no handler');
  return table;
}

// JSON:API documents from the mapping tables: resource objects, compound documents, pages.
import { parseInclude, resolveIncluded } from './include.ts';
import type { Page } from './pagination.ts';
import type { ResourceType, State } from './resources/resource-type.ts';

export const JSONAPI_VERSION = { version: '1.1' } as const;

export const baseUrl = (profile: string) => `/securitytrax/${encodeURIComponent(profile)}/user/v1`;

export function resourceObject(rt: ResourceType, e: { id: number }, s: State) {
  const attributes: Record<string, unknown> = {};
  for (const name in rt.attributes) {
    const read = rt.attributes[name]!.read;
    if (read) attributes[name] = read(e, s);
  }
  const relationships: Record<string, unknown> = {};
  for (const name in rt.relationships) {
    const rel = rt.relationships[name]!;
    const ids = rel.read(e, s);
    const link = (id: number) => ({ type: rel.type, id: String(id) });
    relationships[name] = { data: Array.isArray(ids) ? ids.map(link) : ids === null ? null : link(ids as number) };
  }
  return {
    type: rt.type,
    id: String(e.id),
    attributes,
    relationships,
    links: { self: `${baseUrl(s.name)}/${rt.type}/${e.id}` },
  };
}

function included(rt: ResourceType, primary: readonly { id: number }[], s: State, include: string | undefined) {
  const tree = parseInclude(include, rt);
  if (!tree.size) return {};
  return { included: resolveIncluded(tree, rt, primary, s).map((i) => resourceObject(i.rt, i.entity, s)) };
}

export function singleDocument(rt: ResourceType, e: { id: number }, s: State, include?: string) {
  const compound = included(rt, [e], s, include); // first: a refused include costs nothing more
  const data = resourceObject(rt, e, s);
  return { data, ...compound, links: { self: data.links.self }, jsonapi: JSONAPI_VERSION };
}

export function listDocument(rt: ResourceType, page: Page<{ id: number }>, s: State, include?: string) {
  return {
    data: page.items.map((e) => resourceObject(rt, e, s)),
    ...included(rt, page.items, s, include),
    links: page.links,
    meta: page.meta,
    jsonapi: JSONAPI_VERSION,
  };
}

// JSON:API documents from the mapping tables: resource objects, compound documents, pages. Links are
// absolute, built from the URL the client used; sparse fieldsets leave fields out.
import type { Fieldsets } from './fields.ts';
import { parseInclude, resolveIncluded } from './include.ts';
import type { Page } from './pagination.ts';
import type { ResourceType, State } from './resources/resource-type.ts';

export const JSONAPI_VERSION = { version: '1.1' } as const;

/** The face's base URL as its client uses it: `http://host:port/securitytrax/{profile}/user/v1`. */
export const faceBaseUrl = (origin: string, profile: string) =>
  `${origin}/securitytrax/${encodeURIComponent(profile)}/user/v1`;

/** What a document is rendered from: the sandbox, the face's base URL, the request's include and fieldsets. */
export type Rendering = { s: State; base: string; include?: string; fields?: Fieldsets };

export const selfLink = (r: Rendering, rt: ResourceType, id: number) => `${r.base}/${rt.type}/${id}`;

function resourceObject(rt: ResourceType, e: { id: number }, r: Rendering) {
  const only = r.fields?.get(rt.type);
  const attributes: Record<string, unknown> = {};
  for (const name in rt.attributes) {
    const read = rt.attributes[name]!.read;
    if (read && (!only || only.has(name))) attributes[name] = read(e, r.s);
  }
  const relationships: Record<string, unknown> = {};
  for (const name in rt.relationships) {
    if (only && !only.has(name)) continue;
    const rel = rt.relationships[name]!;
    const ids = rel.read(e, r.s);
    const link = (id: number) => ({ type: rel.type, id: String(id) });
    relationships[name] = { data: Array.isArray(ids) ? ids.map(link) : ids === null ? null : link(ids as number) };
  }
  return { type: rt.type, id: String(e.id), attributes, relationships, links: { self: selfLink(r, rt, e.id) } };
}

// With `include` given (even empty), the answer is a compound document: `included` is there, maybe empty.
function included(rt: ResourceType, primary: readonly { id: number }[], r: Rendering) {
  if (r.include === undefined) return {};
  const tree = parseInclude(r.include, rt);
  return { included: resolveIncluded(tree, rt, primary, r.s).map((i) => resourceObject(i.rt, i.entity, r)) };
}

/** `self`: the URL that fetches this document again (the request's, for a GET). */
export function singleDocument(rt: ResourceType, e: { id: number }, r: Rendering, self?: string) {
  const compound = included(rt, [e], r); // first: a refused include costs nothing more
  const data = resourceObject(rt, e, r);
  return { data, ...compound, links: { self: self ?? data.links.self }, jsonapi: JSONAPI_VERSION };
}

export function listDocument(rt: ResourceType, page: Page<{ id: number }>, r: Rendering) {
  return {
    data: page.items.map((e) => resourceObject(rt, e, r)),
    ...included(rt, page.items, r),
    links: page.links,
    meta: page.meta,
    jsonapi: JSONAPI_VERSION,
  };
}

// JSON:API request documents -> domain inputs, and domain error paths -> JSON pointers, from the tables.
import { attributeOf, relationshipOf, type ResourceType } from './resource-type.ts';

type Linkage = { type: string; id: string } | null;
export type ResourceData = {
  type: string;
  id?: string;
  attributes?: Record<string, unknown>;
  /** Each relationship's `{ data: linkage }` (the spec has checked them; linkageOf reads one). */
  relationships?: Record<string, unknown>;
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('/');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

const idOf = (l: Linkage): number | null => (l === null ? null : Number(l.id));

const isLinkage = (v: unknown): v is Linkage =>
  v === null ||
  (typeof v === 'object' && 'type' in v && typeof v.type === 'string' && 'id' in v && typeof v.id === 'string');

/** The linkage of a relationship member (`{ data: ... }`), or undefined when it has none. */
function linkageOf(rel: unknown): Linkage | Linkage[] | undefined {
  if (typeof rel !== 'object' || rel === null || !('data' in rel)) return undefined;
  const data = rel.data;
  if (Array.isArray(data)) return data.filter(isLinkage);
  return isLinkage(data) ? data : undefined;
}

/** The domain input a document's `data` stands for (the spec has already refused unknown members). */
export function toDomainInput(rt: ResourceType, data: ResourceData): Record<string, unknown> {
  const attributes = data.attributes ?? {};
  const custom = rt.input?.(attributes);
  const out: Record<string, unknown> = custom ?? {};
  if (!custom) {
    for (const [name, value] of Object.entries(attributes)) {
      const spec = attributeOf(rt, name);
      if (!spec?.domain) continue;
      setPath(out, spec.domain, spec.write ? spec.write(value, `/data/attributes/${name}`) : value);
    }
  }
  for (const [name, rel] of Object.entries(data.relationships ?? {})) {
    const spec = relationshipOf(rt, name);
    const linkage = linkageOf(rel);
    if (!spec?.domain || linkage === undefined) continue;
    setPath(out, spec.domain, Array.isArray(linkage) ? linkage.map(idOf) : idOf(linkage));
  }
  return out;
}

// Nested domain field names inside an attribute (lines), as the wire spells them.
const RENAMES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    amountCents: 'amount',
    lineItemId: 'invoice_billable_item_id',
    invoiceId: 'customer_invoice_id',
  }),
);

/** "/lines/0/amountCents" -> "/data/attributes/lines/0/amount", through the type's table. */
export function toWirePointer(rt: ResourceType | undefined, domainPath: string): string {
  if (!rt) return domainPath;
  const known: [string, string][] = Object.entries(rt.pointers ?? {});
  for (const [name, a] of Object.entries(rt.attributes))
    if (a.domain) known.push([`/${a.domain}`, `/data/attributes/${name}`]);
  for (const [name, r] of Object.entries(rt.relationships))
    if (r.domain) known.push([`/${r.domain}`, `/data/relationships/${name}`]);
  known.sort((a, b) => b[0].length - a[0].length);
  const hit = known.find(([from]) => domainPath === from || domainPath.startsWith(`${from}/`));
  if (!hit) return '/data';
  const rest = domainPath
    .slice(hit[0].length)
    .split('/')
    .map((k) => RENAMES.get(k) ?? k)
    .join('/');
  return `${hit[1]}${rest}`;
}

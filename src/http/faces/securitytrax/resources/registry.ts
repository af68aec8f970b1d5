// The registry of the face: one entry per resource type (its file in this folder). Everything the face knows
// of a type comes from its entry; listing it here is what makes the face serve it.
import { billableItems } from './billable-items.ts';
import { billings } from './billings.ts';
import { customers } from './customers.ts';
import { invoices } from './invoices.ts';
import { isps } from './isps.ts';
import { payments } from './payments.ts';
import { recurringInvoices } from './recurring-invoices.ts';
import type { ResourceType } from './resource-type.ts';

export const RESOURCES = [customers, isps, billableItems, recurringInvoices, invoices, billings, payments] as const;

type Ops = (typeof RESOURCES)[number]['operations'];
type ReadsOf<O> =
  | (O extends { list: infer L } ? L : never)
  | (O extends { get: infer G } ? G : never)
  | (O extends { related: readonly { operationId: infer R }[] } ? R : never);
type CreatesOf<O> = O extends { create: infer C } ? C : never;
/** The spec operations the entries answer without code of their own: list, get, related lists. */
export type ReadOperationId = ReadsOf<Ops>;
/** The creating operations the entries name (their 201 is rendered from the entry). */
export type CreateOperationId = CreatesOf<Ops>;

/** Every resource type of the face, by JSON:API type (which is also its URL segment). A Map: names come from requests. */
export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = new Map(
  RESOURCES.map((rt): [string, ResourceType] => [rt.type, rt]),
);

export const resourceType = (type: string): ResourceType => {
  const rt = RESOURCE_TYPES.get(type);
  if (!rt) throw new Error(`Unknown resource type ${type}`);
  return rt;
};

/** The type a request path is about: /securitytrax/{profile}/user/v1/<type>[/...]. */
export const resourceTypeOfPath = (path: string): ResourceType | undefined =>
  RESOURCE_TYPES.get(path.split('/')[5] ?? '');

import { billableItems } from './billable-items.ts';
import { billings } from './billings.ts';
import { customers } from './customers.ts';
import { invoices } from './invoices.ts';
import { isps } from './isps.ts';
import { payments } from './payments.ts';
import { recurringInvoices } from './recurring-invoices.ts';
import type { ResourceType } from './resource-type.ts';

/** Every resource type of the face, by JSON:API type (which is also its URL segment). A Map: names come from requests. */
export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = new Map(
  [customers, isps, billableItems, recurringInvoices, invoices, billings, payments].map((rt) => [
    rt.type,
    rt as unknown as ResourceType,
  ]),
);

export const resourceType = (type: string): ResourceType => {
  const rt = RESOURCE_TYPES.get(type);
  if (!rt) throw new Error(`Unknown resource type ${type}`);
  return rt;
};

/** The type a request path is about: /securitytrax/{profile}/user/v1/<type>[/...]. */
export const resourceTypeOfPath = (path: string): ResourceType | undefined =>
  RESOURCE_TYPES.get(path.split('/')[5] ?? '');

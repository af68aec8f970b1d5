import { byId } from '../../../../domain/by-id.ts';
import type { LineItem } from '../../../../domain/types.ts';
import type { ResourceType } from './resource-type.ts';

/** `invoice_billable_items` (inferred type; MMR is id "3", public). */
export const billableItems: ResourceType<LineItem> = {
  type: 'invoice_billable_items',
  label: 'Invoice billable item',
  list: (s) => s.lineItems,
  find: (s, id) => byId(s.lineItems, id),
  attributes: {
    name: { read: (l) => l.name, filter: 'string' },
    code: { read: (l) => l.code, filter: 'string' },
  },
  relationships: {},
};

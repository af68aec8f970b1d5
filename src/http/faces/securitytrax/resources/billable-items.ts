import { defineResource } from './resource-type.ts';

/** `invoice_billable_items` (inferred type; MMR is id "3", public). */
export const billableItems = defineResource({
  type: 'invoice_billable_items',
  label: 'Invoice billable item',
  collection: 'lineItems',
  operations: { list: 'listInvoiceLineItems' },
  attributes: {
    name: { read: (l) => l.name, filter: 'string' },
    code: { read: (l) => l.code, filter: 'string' },
  },
  relationships: {},
});

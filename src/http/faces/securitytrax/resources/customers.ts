import { defineResource, type State } from './resource-type.ts';

// Indexed lookups: listing customers of a large sandbox must not scan every method per customer.
const ownIds = <T extends { id: number; customerId: number }>(s: State, list: readonly T[], customerId: number) =>
  s.read.where(list, 'byCustomer', customerId).map((e) => e.id);

/** `customers` (public type; fname/lname/email/record_type public, relationships inferred). */
export const customers = defineResource({
  type: 'customers',
  label: 'Customer',
  collection: 'customers',
  operations: { list: 'listCustomers', get: 'getCustomer', create: 'createCustomer' },
  attributes: {
    fname: { read: (c) => c.firstName, filter: 'string', domain: 'firstName' },
    lname: { read: (c) => c.lastName, filter: 'string', domain: 'lastName' },
    email: { read: (c) => c.email, filter: 'string', domain: 'email' },
    record_type: { read: () => 'customer', filter: 'string' },
    created_at: { read: (c) => c.createdAt, filter: 'date' },
  },
  relationships: {
    interactive_services_provider: { type: 'interactive_services_providers', read: (c) => c.ispId, domain: 'ispId' },
    customer_billings: { type: 'customer_billings', many: true, read: (c, s) => ownIds(s, s.billingMethods, c.id) },
    recurring_invoices: {
      type: 'recurring_invoices',
      many: true,
      read: (c, s) => ownIds(s, s.recurringInvoices, c.id),
    },
  },
});

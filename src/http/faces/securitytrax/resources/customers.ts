import { byId } from '../../../../domain/lookup.ts';
import type { Customer } from '../../../../domain/types.ts';
import { idsOf, type ResourceType } from './resource-type.ts';

/** `customers` (public type; fname/lname/email/record_type public, relationships inferred). */
export const customers: ResourceType<Customer> = {
  type: 'customers',
  label: 'Customer',
  list: (s) => s.customers,
  find: (s, id) => byId(s.customers, id),
  attributes: {
    fname: { read: (c) => c.firstName, filter: 'string', domain: 'firstName' },
    lname: { read: (c) => c.lastName, filter: 'string', domain: 'lastName' },
    email: { read: (c) => c.email, filter: 'string', domain: 'email' },
    record_type: { read: () => 'customer', filter: 'string' },
    created_at: { read: (c) => c.createdAt, filter: 'date' },
  },
  relationships: {
    interactive_services_provider: { type: 'interactive_services_providers', read: (c) => c.ispId, domain: 'ispId' },
    customer_billings: { type: 'customer_billings', read: (c, s) => idsOf(s.billingMethods, (m) => m.customerId === c.id) },
    recurring_invoices: { type: 'recurring_invoices', read: (c, s) => idsOf(s.recurringInvoices, (r) => r.customerId === c.id) },
  },
};

// Idempotent replays of this face's creating POSTs: the same document, re-rendered from what was created.
import type { BillingMethod, Customer, Invoice, Isp, Payment, RecurringInvoice, SandboxState } from '../../../domain/types.ts';
import { requireSucceeded } from '../../../services/payment-outcome.ts';
import { created, type OpOutput } from '../../operation.ts';

// The documents' modules are imported on use (a replay follows a first request, which loaded them): this
// table is read at start-up, the face itself loads on its first request (../lazy-faces.ts).
type Render<E> = (s: Readonly<SandboxState>, e: E) => Promise<OpOutput>;
const doc = <E extends { id: number }>(type: string): Render<E> => async (s, e) => {
  const [{ singleDocument }, { resourceType }] = await Promise.all([import('./document.ts'), import('./resources/registry.ts')]);
  return created(singleDocument(resourceType(type), e, s));
};

export const securityTraxReplays = {
  createCustomer: { resource: 'customers', render: doc<Customer>('customers') },
  createIsp: { resource: 'isps', render: doc<Isp>('interactive_services_providers') },
  createRecurringInvoice: { resource: 'recurringInvoices', render: doc<RecurringInvoice>('recurring_invoices') },
  createInvoice: { resource: 'invoices', render: doc<Invoice>('customer_invoices') },
  createBillingMethod: { resource: 'billingMethods', render: doc<BillingMethod>('customer_billings') },
  createPayment: { resource: 'payments', render: ((s, p) => doc<Payment>('customer_payments')(s, requireSucceeded(p))) as Render<Payment> },
} as const;

import { toCents, toDecimal } from '../money.ts';
import { defineResource } from './resource-type.ts';

// The public processing statuses are pending / complete / failed / cancelled; the simulator settles at once.
const PROCESSING_STATUS = { succeeded: 'complete', failed: 'failed' } as const;

/** `customer_payments` (inferred; web app route `customer-payments`). One payment may cover several invoices. */
export const payments = defineResource({
  type: 'customer_payments',
  label: 'Payment',
  collection: 'payments',
  operations: { list: 'listPayments', get: 'getPayment', create: 'createPayment' },
  attributes: {
    amount: { read: (p) => toDecimal(p.amountCents), filter: 'money', domain: 'amountCents', write: toCents },
    processing_status: { read: (p) => PROCESSING_STATUS[p.status], filter: 'string' },
    failure_reason: { read: (p) => p.failureReason, filter: 'string' },
    source: { read: (p) => p.source, filter: 'string' },
    allocations: {
      read: (p) =>
        p.allocations.map((a) => ({ customer_invoice_id: String(a.invoiceId), amount: toDecimal(a.amountCents) })),
    },
    created_at: { read: (p) => p.createdAt, filter: 'date' },
  },
  relationships: {
    customer: { type: 'customers', read: (p) => p.customerId, domain: 'customerId' },
    customer_billing: { type: 'customer_billings', read: (p) => p.billingMethodId, domain: 'billingMethodId' },
    customer_invoices: {
      type: 'customer_invoices',
      many: true,
      read: (p) => p.allocations.map((a) => a.invoiceId),
      domain: 'invoiceIds',
    },
  },
});

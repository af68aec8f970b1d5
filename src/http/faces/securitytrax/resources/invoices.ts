import { toDecimal } from '../money.ts';
import { linesIn, linesOut } from './lines.ts';
import { defineResource } from './resource-type.ts';

/** `customer_invoices` (inferred; web app route `customer-invoices`): invoices, recurring or one-off. */
export const invoices = defineResource({
  type: 'customer_invoices',
  label: 'Invoice',
  collection: 'invoices',
  operations: {
    list: 'listInvoices',
    get: 'getInvoice',
    create: 'createInvoice',
    related: [{ operationId: 'listCustomerInvoices', parent: 'customer' }],
  },
  attributes: {
    invoice_date: { read: (i) => i.invoiceDate, filter: 'date', domain: 'invoiceDate' },
    due_date: { read: (i) => i.dueDate, filter: 'date', domain: 'dueDate' },
    lines: { read: (i) => linesOut(i.lines), domain: 'lines', write: linesIn },
    total: { read: (i) => toDecimal(i.totalCents), filter: 'money' },
    balance: { read: (i) => toDecimal(i.balanceCents), filter: 'money' },
    status: { read: (i) => i.status, filter: 'string' },
    auto_pay_attempted_at: { read: (i) => i.autoPayAttemptedAt, filter: 'date' },
    created_at: { read: (i) => i.createdAt, filter: 'date' },
  },
  relationships: {
    customer: { type: 'customers', read: (i) => i.customerId, domain: 'customerId' },
    recurring_invoice: { type: 'recurring_invoices', read: (i) => i.recurringInvoiceId },
  },
});

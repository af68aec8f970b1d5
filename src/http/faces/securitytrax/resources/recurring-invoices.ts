import { isAutoPayOn } from '../../../../domain/auto-pay.ts';
import { hasMmr } from '../../../../domain/select-recurring-invoice.ts';
import { linesIn, linesOut } from './lines.ts';
import { defineResource } from './resource-type.ts';

/** `recurring_invoices` (inferred; the web app lists them under `customer-invoices`). */
export const recurringInvoices = defineResource({
  type: 'recurring_invoices',
  label: 'Recurring invoice',
  collection: 'recurringInvoices',
  operations: { list: 'listRecurringInvoices', get: 'getRecurringInvoice', create: 'createRecurringInvoice' },
  attributes: {
    sale_date: { read: (r) => r.saleDate, filter: 'date', domain: 'saleDate' },
    start_date: { read: (r) => r.startDate, filter: 'date', domain: 'startDate' },
    net_days: { read: (r) => r.netDays, filter: 'number', domain: 'netDays' },
    lines: { read: (r) => linesOut(r.lines), domain: 'lines', write: linesIn },
    next_invoice_date: { read: (r) => r.nextInvoiceDate, filter: 'date' },
    invoices_created: { read: (r) => r.invoicesCreated, filter: 'number' },
    has_mmr: { read: (r) => hasMmr(r), filter: 'boolean' },
    auto_pay: { read: (r) => isAutoPayOn(r), filter: 'boolean' },
    created_at: { read: (r) => r.createdAt, filter: 'date' },
  },
  relationships: {
    customer: { type: 'customers', read: (r) => r.customerId, domain: 'customerId' },
    customer_billing: { type: 'customer_billings', read: (r) => r.billingMethodId, domain: 'billingMethodId' },
  },
});

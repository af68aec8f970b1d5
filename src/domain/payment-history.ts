import { integrationInvoices } from './balances.ts';
import type { Reader } from './reader.ts';
import type { Payment, SandboxState } from './types.ts';

/**
 * The payments the Billing screen lists, newest first: the customer's one-time and Auto Pay payments
 * (failed attempts included, so a decline is visible), and dealer payments only when they paid an
 * invoice of the selected recurring invoice. Payments for other invoices belong to the Payment Portal.
 */
export function billingScreenPayments(
  state: Readonly<SandboxState>,
  read: Reader,
  customerId: number,
  recurringInvoiceId: number,
): Payment[] {
  const invoiceIds = new Set(integrationInvoices(state, read, recurringInvoiceId).map((i) => i.id));
  return read
    .where(state.payments, 'byCustomer', customerId)
    .filter(
      (p) =>
        p.customerId === customerId &&
        (p.source !== 'dealer' || p.allocations.some((a) => invoiceIds.has(a.invoiceId))),
    )
    .reverse();
}

// What the Billing screen shows. Only invoices created from the selected recurring invoice count:
// other invoices of the account are paid through the SecurityTrax Payment Portal, never here.
import { byDueDate } from './allocate.ts';
import { autoPayOf, type AutoPayStatus } from './auto-pay.ts';
import { toDate } from './dates.ts';
import type { ConfiguredBilling } from './eligibility.ts';
import { isPastDue } from './invoice-status.ts';
import type { Reader } from './reader.ts';
import type { Cents, Invoice, IsoDate, IsoInstant, SandboxState } from './types.ts';

export type InvoiceBalance = { invoiceId: number; invoiceDate: IsoDate; dueDate: IsoDate; balanceCents: Cents };

export type BillingSummary = {
  customerId: number;
  asOf: IsoInstant;
  balanceDueCents: Cents;
  /** Earliest due date among invoices still owing, null when nothing is owed. */
  dueDate: IsoDate | null;
  balancePastDueCents: Cents;
  pastDueInvoices: InvoiceBalance[];
  currentInvoice: InvoiceBalance | null;
  paymentMethodId: number | null;
  /** Auto Pay is on exactly when the recurring invoice has a billing method, and cannot be turned off. */
  autoPay: AutoPayStatus;
};

/** Invoices created from the recurring invoice, oldest first. */
export function integrationInvoices(
  state: Readonly<SandboxState>,
  read: Reader,
  recurringInvoiceId: number,
): Invoice[] {
  return read.where(state.invoices, 'invoicesByRecurringInvoice', recurringInvoiceId).sort(byDueDate);
}

/** The UTC date of an instant; the clock's canonical instants ("…T…Z", 24 characters) need no Date parse. */
export function utcDate(now: IsoInstant): IsoDate {
  return now.length === 24 && now.endsWith('Z') ? now.slice(0, 10) : toDate(now);
}

function sum(list: Invoice[]): Cents {
  let total = 0;
  for (const i of list) total += i.balanceCents;
  return total;
}

function toBalance(i: Invoice): InvoiceBalance {
  return { invoiceId: i.id, invoiceDate: i.invoiceDate, dueDate: i.dueDate, balanceCents: i.balanceCents };
}

export function billingSummary(
  state: Readonly<SandboxState>,
  read: Reader,
  configured: Pick<ConfiguredBilling, 'customer' | 'recurringInvoice'>,
  now: IsoInstant,
): BillingSummary {
  const { customer, recurringInvoice } = configured;
  const owing = integrationInvoices(state, read, recurringInvoice.id).filter((i) => i.balanceCents > 0);
  // Past due is a status the clock sets (invoice-status.ts), never decided again from dates here.
  const pastDue = owing.filter(isPastDue);
  const notPastDue = owing.filter((i) => !isPastDue(i));
  const current = notPastDue[notPastDue.length - 1];
  return {
    customerId: customer.id,
    asOf: now,
    balanceDueCents: sum(owing),
    dueDate: owing[0]?.dueDate ?? null,
    balancePastDueCents: sum(pastDue),
    pastDueInvoices: pastDue.map(toBalance),
    currentInvoice: current ? toBalance(current) : null,
    paymentMethodId: recurringInvoice.billingMethodId,
    autoPay: autoPayOf(recurringInvoice),
  };
}

/**
 * Balance Due and Balance Past Due of a recurring invoice's invoices as billingSummary counts them (owing,
 * and owing and past due), with how many owe, in one pass over them in any order: what the Pay window offered.
 */
export function balancesOf(invoices: readonly Invoice[]): {
  balanceDueCents: Cents;
  balancePastDueCents: Cents;
  owing: number;
} {
  let balanceDueCents = 0;
  let balancePastDueCents = 0;
  let owing = 0;
  for (const i of invoices) {
    if (i.balanceCents <= 0) continue;
    owing++;
    balanceDueCents += i.balanceCents;
    if (isPastDue(i)) balancePastDueCents += i.balanceCents;
  }
  return { balanceDueCents, balancePastDueCents, owing };
}

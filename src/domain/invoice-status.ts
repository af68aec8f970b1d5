// An invoice's status, decided here only and changed through the state machine (state-machine.ts): how it
// opens, when it falls past due, and what a payment does to it. Everything else (the Billing screen's
// balances, the clock, the faces) reads the status these functions set.
import { addDays, startOfDay } from './dates.ts';
import { event } from './events.ts';
import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import { INVOICE, initial, transition } from './state-machine.ts';
import type { Cents, Invoice, IsoDate, IsoInstant } from './types.ts';

/**
 * The status an invoice is created with, manual or generated from a recurring invoice: a $0.00
 * invoice (the seed's "$0.00 MMR" technique) has nothing to collect, so it is paid from the start.
 */
export function openingStatus(totalCents: Cents, at: IsoInstant): Pick<Invoice, 'status' | 'statusChangedAt'> {
  return initial(INVOICE, totalCents === 0 ? 'paid' : 'open', at);
}

/** The first day an invoice still owing is past due: the day after its due date (one due today is current). */
export function pastDueDate(dueDate: IsoDate): IsoDate {
  return addDays(dueDate, 1);
}

/** Whether the invoice falls past due by `now`: open, owing, and its past-due day (UTC) has begun. */
export function fallsPastDue(invoice: Invoice, now: IsoInstant): boolean {
  return invoice.status === 'open' && invoice.balanceCents > 0 && startOfDay(pastDueDate(invoice.dueDate)) <= now;
}

/** Past due as the Billing screen shows it: what the clock (or a backdated invoice) moved there. */
export function isPastDue(invoice: Invoice): boolean {
  return invoice.status === 'past_due';
}

/** The invoice past due from the command's instant, and the event that says so. */
export function fallPastDue(invoice: Invoice, ctx: Ctx): CommandResult<Invoice> {
  const e = event(ctx, 'invoice.past_due', {
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    dueDate: invoice.dueDate,
    balanceCents: invoice.balanceCents,
  });
  const late = transition(INVOICE, invoice, 'past_due', ctx.now);
  return { patch: { upsert: { invoices: [late] }, events: [e] }, result: late };
}

/** The invoice after `amountCents` of a payment at `at`: paid once nothing is owed, else the same status. */
export function applyPayment(invoice: Invoice, amountCents: Cents, at: IsoInstant): Invoice {
  const balanceCents = invoice.balanceCents - amountCents;
  return balanceCents === 0 ? transition(INVOICE, invoice, 'paid', at, { balanceCents }) : { ...invoice, balanceCents };
}

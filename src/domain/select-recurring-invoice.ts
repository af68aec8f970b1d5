// Which Recurring Invoice the Billing Integration shows: only those carrying the MMR (ID 3) line,
// and among several, the one with the most recent sale date.
import type { Reader } from './reader.ts';
import { MMR_LINE_ITEM_ID, type RecurringInvoice, type SandboxState } from './types.ts';

/** Carries the MMR line item, whatever its amount: a $0.00 MMR line is the documented way to bill other things. */
export function hasMmr(recurring: Pick<RecurringInvoice, 'lines'>): boolean {
  return recurring.lines.some((l) => l.lineItemId === MMR_LINE_ITEM_ID);
}

/** The customer's MMR recurring invoice with the latest saleDate (tie: highest id), or null. */
export function selectRecurringInvoice(
  state: Readonly<SandboxState>,
  read: Reader,
  customerId: number,
): RecurringInvoice | null {
  let best: RecurringInvoice | null = null;
  for (const r of read.where(state.recurringInvoices, 'byCustomer', customerId)) {
    if (!hasMmr(r)) continue;
    // saleDate is YYYY-MM-DD, so string order is date order.
    if (!best || r.saleDate > best.saleDate || (r.saleDate === best.saleDate && r.id > best.id)) best = r;
  }
  return best;
}

// Auto Pay, from the seed: "When a Billing Method is specified on the Recurring Invoice ... the customer
// is automatically enrolled in Auto Pay. Auto Pay cannot be disabled/turned off." and "this Billing
// Method will be automatically charged when the Invoices ... come due". Each rule is decided here once.
import { startOfDay } from './dates.ts';
import { DomainError } from './errors.ts';
import type { Invoice, IsoInstant, RecurringInvoice } from './types.ts';

/** Auto Pay is on exactly when the recurring invoice has a billing method. */
export function isAutoPayOn<T extends Pick<RecurringInvoice, 'billingMethodId'>>(
  recurringInvoice: T | null | undefined,
): recurringInvoice is T & { billingMethodId: number } {
  return recurringInvoice != null && recurringInvoice.billingMethodId !== null;
}

export type AutoPayStatus = { enabled: boolean; canBeDisabled: false };

/** What every face shows of Auto Pay: on with a method, and never something the customer can turn off. */
export function autoPayOf(recurringInvoice: Pick<RecurringInvoice, 'billingMethodId'> | null | undefined): AutoPayStatus {
  return { enabled: isAutoPayOn(recurringInvoice), canBeDisabled: false };
}

/**
 * When Auto Pay tries this invoice: at the start (00:00 UTC) of its due date, once. Null when it will
 * not: Auto Pay is off, nothing is owed, or it has already tried (a decline is not retried, the
 * invoice goes past due instead).
 */
export function autoPayAttemptAt(invoice: Invoice, recurringInvoice: RecurringInvoice | null | undefined): IsoInstant | null {
  if (!isAutoPayOn(recurringInvoice) || invoice.recurringInvoiceId !== recurringInvoice.id) return null;
  if (invoice.balanceCents <= 0 || invoice.autoPayAttemptedAt !== null) return null;
  return startOfDay(invoice.dueDate);
}

/**
 * "Once a Billing Method is specified, it cannot be removed. It may be updated (or changed entirely)."
 * Anything but a method id is a removal, and is refused (409).
 */
export function requireMethodKept(billingMethodId: unknown): asserts billingMethodId is number {
  if (typeof billingMethodId === 'number') return;
  throw new DomainError(
    'conflict',
    'billing-method-cannot-be-removed',
    'Billing method cannot be removed',
    'Once a billing method is specified it cannot be removed; it may be updated or changed.',
  );
}

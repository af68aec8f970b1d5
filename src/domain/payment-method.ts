// "Current Payment Method" on the Billing screen. Setting a method on the selected recurring invoice
// is what enrols the customer in Auto Pay; once set it can be updated or replaced, never removed,
// and Auto Pay cannot be turned off.
import { createBillingMethod, updateCardExpiry, type ExpiryInput, type NewBillingMethodInput } from './billing-method.ts';
import { isCardExpired } from './card.ts';
import { requireConfigured } from './eligibility.ts';
import { DomainError, invalid, notFound } from './errors.ts';
import type { Ctx } from './ids.ts';
import { mergePatches, type CommandResult } from './patch.ts';
import type { BillingMethod, IsoInstant, RecurringInvoice, SandboxState } from './types.ts';

export type ChangePaymentMethodInput =
  | { billingMethodId: number }
  | { newBillingMethod: NewBillingMethodInput }
  | { expiry: ExpiryInput };

export type PaymentMethodResult = { billingMethod: BillingMethod; recurringInvoice: RecurringInvoice };

const noMethod = (): DomainError =>
  new DomainError('conflict', 'no-billing-method', 'No billing method', 'No billing method is set for Auto Pay yet.');

export function changePaymentMethod(
  state: Readonly<SandboxState>,
  loginId: number,
  input: ChangePaymentMethodInput,
  ctx: Ctx,
): CommandResult<PaymentMethodResult> {
  const { customer, recurringInvoice } = requireConfigured(state, loginId, ctx.now);

  if ('expiry' in input) {
    // New expiry for the card already used by Auto Pay (e.g. a renewed card); the method stays the same.
    if (recurringInvoice.billingMethodId === null) throw noMethod();
    const r = updateCardExpiry(state, recurringInvoice.billingMethodId, input.expiry, ctx);
    return { patch: r.patch, result: { billingMethod: r.result, recurringInvoice } };
  }

  let method: BillingMethod;
  let created = {};
  if ('newBillingMethod' in input) {
    const r = createBillingMethod(state, customer.id, input.newBillingMethod, ctx);
    method = r.result;
    created = r.patch;
  } else {
    const found = state.billingMethods.find((m) => m.id === input.billingMethodId && m.customerId === customer.id);
    if (!found) throw notFound('Billing method', input.billingMethodId);
    // Auto Pay with a card known to be expired would only produce declines.
    if (found.expired || (found.card && isCardExpired(found.card.expMonth, found.card.expYear, ctx.now))) {
      throw invalid('card-expired', 'Card expired', `Billing method ${found.id} has expired; update its expiry first.`, [
        { path: '/billingMethodId', message: 'expired' },
      ]);
    }
    method = found;
  }

  const previous = recurringInvoice.billingMethodId;
  if (previous === method.id) return { patch: created, result: { billingMethod: method, recurringInvoice } };
  const updated: RecurringInvoice = { ...recurringInvoice, billingMethodId: method.id };
  const data = { customerId: customer.id, recurringInvoiceId: updated.id, billingMethodId: method.id, previousBillingMethodId: previous };
  const event = { id: ctx.ids('event'), at: ctx.now, type: previous === null ? 'autopay.enabled' : 'billing_method.updated', data };
  const patch = mergePatches(created, { upsert: { recurringInvoices: [updated] }, events: [event] });
  return { patch, result: { billingMethod: method, recurringInvoice: updated } };
}

/** A billing method, once specified, cannot be removed (it may be updated or replaced). */
export function removePaymentMethod(): never {
  throw new DomainError(
    'conflict',
    'billing-method-cannot-be-removed',
    'Billing method cannot be removed',
    'Once a billing method is specified it cannot be removed; it may be updated or changed.',
  );
}

export type AutoPayState = { enabled: true; canBeDisabled: false; billingMethodId: number };

/** Auto Pay follows the billing method: "enabling" is a no-op once one is set, disabling is refused. */
export function setAutoPay(
  state: Readonly<SandboxState>,
  loginId: number,
  enabled: boolean,
  now: IsoInstant = state.now,
): CommandResult<AutoPayState> {
  const { recurringInvoice } = requireConfigured(state, loginId, now);
  if (!enabled) {
    throw new DomainError('conflict', 'autopay-cannot-be-disabled', 'Auto Pay cannot be disabled', 'Auto Pay cannot be disabled or turned off.');
  }
  if (recurringInvoice.billingMethodId === null) throw noMethod();
  return { patch: {}, result: { enabled: true, canBeDisabled: false, billingMethodId: recurringInvoice.billingMethodId } };
}

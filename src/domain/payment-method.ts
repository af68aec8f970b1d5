// "Current Payment Method" on the Billing screen. Setting a method on the selected recurring invoice
// is what enrols the customer in Auto Pay; once set it can be updated or replaced, never removed,
// and Auto Pay cannot be turned off.
import {
  createBillingMethod,
  updateCardExpiry,
  type ExpiryInput,
  type NewBillingMethodInput,
} from './billing-method.ts';
import { isAutoPayOn, requireMethodKept } from './auto-pay.ts';
import { requireConfigured } from './eligibility.ts';
import { DomainError } from './errors.ts';
import type { Ctx } from './ids.ts';
import { requireAutoPayMethod } from './method-use.ts';
import { mergePatches, type CommandResult } from './patch.ts';
import type { Reader } from './reader.ts';
import { setAutoPayMethod } from './recurring.ts';
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
  const { customer, recurringInvoice } = requireConfigured(state, ctx.read, loginId, ctx.now);

  if ('expiry' in input) {
    // New expiry for the card already used by Auto Pay (e.g. a renewed card); the method stays the same.
    if (!isAutoPayOn(recurringInvoice)) throw noMethod();
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
    method = requireAutoPayMethod(state, customer.id, input.billingMethodId, ctx.now);
  }
  const set = setAutoPayMethod(recurringInvoice, method.id, ctx);
  return { patch: mergePatches([created, set.patch]), result: { billingMethod: method, recurringInvoice: set.result } };
}

/** A billing method, once specified, cannot be removed (it may be updated or replaced). */
export function removePaymentMethod(): never {
  requireMethodKept(null);
  throw new Error('unreachable: a removal is always refused');
}

export type AutoPayState = { enabled: true; canBeDisabled: false; billingMethodId: number };

/** Auto Pay follows the billing method: "enabling" is a no-op once one is set, disabling is refused. */
export function setAutoPay(
  state: Readonly<SandboxState>,
  read: Reader,
  loginId: number,
  enabled: boolean,
  now: IsoInstant = state.now,
): CommandResult<AutoPayState> {
  const { recurringInvoice } = requireConfigured(state, read, loginId, now);
  if (!enabled) {
    throw new DomainError(
      'conflict',
      'autopay-cannot-be-disabled',
      'Auto Pay cannot be disabled',
      'Auto Pay cannot be disabled or turned off.',
    );
  }
  if (!isAutoPayOn(recurringInvoice)) throw noMethod();
  return {
    patch: {},
    result: { enabled: true, canBeDisabled: false, billingMethodId: recurringInvoice.billingMethodId },
  };
}

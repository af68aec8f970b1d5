// Payments: one-time (end user, Billing screen), Auto Pay (clock, on the due date) and dealer
// (SecurityTrax API). A declined charge is still recorded as a failed payment so it shows in history.
import { allocateOldestFirst } from './allocate.ts';
import { autoPayAttemptAt, isAutoPayOn } from './auto-pay.ts';
import { integrationInvoices } from './balances.ts';
import { createBillingMethod, type NewBillingMethodInput } from './billing-method.ts';
import { requireConfigured } from './eligibility.ts';
import { invalid, notFound } from './errors.ts';
import { event } from './events.ts';
import type { Ctx } from './ids.ts';
import { byId } from './by-id.ts';
import { applyPayment } from './invoice-status.ts';
import { requireOwnMethod } from './method-use.ts';
import { mergePatches, type CommandResult, type Patch } from './patch.ts';
import { charge } from './processor.ts';
import { PAYMENT, initial } from './state-machine.ts';
import type { Allocation, BillingMethod, Invoice, Payment, PaymentSource, SandboxState } from './types.ts';

export type PaymentResult = { payment: Payment; billingMethod: BillingMethod };

type Settlement = { customerId: number; method: BillingMethod; allocations: Allocation[]; source: PaymentSource };

/** Charges the method for the allocations' total; applies them to the invoices only if it went through. */
function settle(state: Readonly<SandboxState>, s: Settlement, ctx: Ctx): CommandResult<PaymentResult> {
  const amountCents = s.allocations.reduce((sum, a) => sum + a.amountCents, 0);
  const { outcome, method, faults } = charge(s.method, state.faults, ctx.now);
  const payment: Payment = {
    id: ctx.ids('payment'),
    customerId: s.customerId,
    amountCents,
    billingMethodId: method.id,
    source: s.source,
    ...initial(PAYMENT, outcome.ok ? 'succeeded' : 'failed'),
    failureReason: outcome.ok ? null : outcome.reason,
    allocations: outcome.ok ? s.allocations : [],
    createdAt: ctx.now,
  };
  const base = {
    paymentId: payment.id,
    customerId: s.customerId,
    amountCents,
    source: s.source,
    billingMethodId: method.id,
  };
  const events = [
    outcome.ok
      ? event(ctx, 'payment.succeeded', { ...base, allocations: s.allocations })
      : event(ctx, 'payment.failed', { ...base, reason: outcome.reason }),
  ];
  const invoices: Invoice[] = [];
  for (const a of payment.allocations) {
    const current = byId(state.invoices, a.invoiceId);
    if (!current) throw notFound('Invoice', a.invoiceId);
    const after = applyPayment(current, a.amountCents, ctx.now);
    invoices.push(after);
    if (after.status === 'paid')
      events.push(
        event(ctx, 'invoice.paid', { invoiceId: current.id, customerId: s.customerId, paymentId: payment.id }),
      );
  }
  const patch: Patch = { upsert: { payments: [payment], billingMethods: [method], invoices }, events };
  if (faults !== state.faults) patch.faults = faults;
  return { patch, result: { payment, billingMethod: method } };
}

export type OneTimePaymentInput = {
  loginId: number;
  amountCents: number;
  billingMethodId?: number;
  newBillingMethod?: NewBillingMethodInput;
};

/** "Pay" on the Billing screen: applied oldest first over the integration invoices only. */
export function makeOneTimePayment(
  state: Readonly<SandboxState>,
  input: OneTimePaymentInput,
  ctx: Ctx,
): CommandResult<PaymentResult> {
  const { customer, recurringInvoice } = requireConfigured(state, ctx.read, input.loginId, ctx.now);
  if (input.billingMethodId !== undefined && input.newBillingMethod !== undefined) {
    throw invalid(
      'ambiguous-billing-method',
      'Ambiguous billing method',
      'Give either billingMethodId or newBillingMethod, not both.',
      [{ path: '/billingMethodId', message: 'not allowed together with newBillingMethod' }],
    );
  }
  const allocations = allocateOldestFirst(integrationInvoices(state, ctx.read, recurringInvoice.id), input.amountCents);

  // A new method is saved in SecurityTrax but does not replace the Auto Pay method on the recurring invoice.
  let created: Patch = {};
  let method: BillingMethod;
  if (input.newBillingMethod !== undefined) {
    const r = createBillingMethod(state, customer.id, input.newBillingMethod, ctx);
    created = r.patch;
    method = r.result;
  } else if (input.billingMethodId !== undefined) {
    method = requireOwnMethod(state, customer.id, input.billingMethodId);
  } else if (isAutoPayOn(recurringInvoice)) {
    method = requireOwnMethod(state, customer.id, recurringInvoice.billingMethodId);
  } else {
    throw invalid('no-billing-method', 'No billing method', 'There is no saved billing method; provide a new one.', [
      { path: '/newBillingMethod', message: 'required when no billing method is saved' },
    ]);
  }
  const settled = settle(state, { customerId: customer.id, method, allocations, source: 'one_time' }, ctx);
  // Merged only when a method was created: the common payment's patch is the settlement's as it is.
  const patch = input.newBillingMethod !== undefined ? mergePatches([created, settled.patch]) : settled.patch;
  return { patch, result: settled.result };
}

/**
 * Auto Pay on the due date: charges the full balance of that one invoice with the recurring
 * invoice's method, once. The attempt is stamped whatever the outcome, so a decline is not retried
 * and the invoice goes past due. Nothing happens (null, empty patch) when there is nothing to try.
 */
export function chargeAutoPay(
  state: Readonly<SandboxState>,
  invoiceId: number,
  ctx: Ctx,
): CommandResult<Payment | null> {
  const invoice = byId(state.invoices, invoiceId);
  if (!invoice) throw notFound('Invoice', invoiceId);
  const recurring =
    invoice.recurringInvoiceId === null ? undefined : byId(state.recurringInvoices, invoice.recurringInvoiceId);
  const at = autoPayAttemptAt(invoice, recurring);
  if (at === null || !isAutoPayOn(recurring) || ctx.now < at) return { patch: {}, result: null };
  const method = requireOwnMethod(state, invoice.customerId, recurring.billingMethodId);
  const allocations = [{ invoiceId, amountCents: invoice.balanceCents }];
  const settled = settle(state, { customerId: invoice.customerId, method, allocations, source: 'auto_pay' }, ctx);
  // The invoice as settled (paid, or untouched when declined), stamped; built directly (runs per Auto Pay).
  const upsert = settled.patch.upsert ?? {};
  const after = upsert.invoices?.find((i) => i.id === invoiceId) ?? invoice;
  const invoices = [
    ...(upsert.invoices ?? []).filter((i) => i.id !== invoiceId),
    { ...after, autoPayAttemptedAt: ctx.now },
  ];
  return { patch: { ...settled.patch, upsert: { ...upsert, invoices } }, result: settled.result.payment };
}

export type DealerPaymentInput = {
  customerId: number;
  billingMethodId: number;
  amountCents: number;
  invoiceIds?: number[];
};

/**
 * A payment taken by the dealer in SecurityTrax, integration invoices or not: applied oldest first (the same
 * allocation as every other payment) over the invoices named, or over all the customer's invoices when none are.
 */
export function makeDealerPayment(
  state: Readonly<SandboxState>,
  input: DealerPaymentInput,
  ctx: Ctx,
): CommandResult<PaymentResult> {
  const { customerId, billingMethodId, amountCents, invoiceIds } = input;
  if (!byId(state.customers, customerId)) throw notFound('Customer', customerId);
  const invoices =
    invoiceIds === undefined
      ? state.invoices.filter((i) => i.customerId === customerId)
      : [...new Set(invoiceIds)].map((id) => {
          const invoice = byId(state.invoices, id);
          if (!invoice || invoice.customerId !== customerId) throw notFound('Invoice', id);
          return invoice;
        });
  const method = requireOwnMethod(state, customerId, billingMethodId);
  const allocations = allocateOldestFirst(invoices, amountCents);
  return settle(state, { customerId, method, allocations, source: 'dealer' }, ctx);
}

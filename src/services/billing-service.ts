import { allocateOldestFirst } from '../domain/allocate.ts';
import { billingSummary, integrationInvoices } from '../domain/balances.ts';
import { requireConfigured } from '../domain/eligibility.ts';
import { notFound } from '../domain/errors.ts';
import {
  changePaymentMethod,
  removePaymentMethod,
  setAutoPay,
  type ChangePaymentMethodInput,
} from '../domain/payment-method.ts';
import { billingScreenPayments } from '../domain/payment-history.ts';
import { paymentOptions } from '../domain/payment-options.ts';
import { makeOneTimePayment, type OneTimePaymentInput } from '../domain/payments.ts';
import { behavioursOfSelection, behavioursOfSummary } from '../domain/behaviours/of-reads.ts';
import type { CommandRunner } from './command-runner.ts';
import type { RunOptions } from './idempotency.ts';

/**
 * The Alarm.com end-user Billing screen; every call first checks "Billing Not Configured". `marks`: the
 * request's behaviour marks (coverage), given the behaviours each read exercised.
 */
export function createBillingService({ runner }: { runner: CommandRunner }) {
  const read = runner.reader;
  const configured = (sandbox: string, loginId: number, marks: string[] | undefined) => {
    const state = runner.read(sandbox);
    const billing = requireConfigured(state, read, loginId, state.now);
    if (marks) marks.push(...behavioursOfSelection(state, read, billing));
    return { state, billing };
  };
  return {
    summary(sandbox: string, loginId: number, marks?: string[]) {
      const { state, billing } = configured(sandbox, loginId, marks);
      const summary = billingSummary(state, read, billing, state.now);
      if (marks) marks.push(...behavioursOfSummary(summary, billing));
      return { state, summary };
    },
    paymentOptions(sandbox: string, loginId: number, marks?: string[]) {
      const { state, billing } = configured(sandbox, loginId, marks);
      const summary = billingSummary(state, read, billing, state.now);
      return { state, options: paymentOptions(summary), savedMethodId: billing.recurringInvoice.billingMethodId };
    },
    /** The Pay window's step 1: refuses an amount makePayment would refuse (same rule), charging nothing. */
    checkPaymentAmount(sandbox: string, loginId: number, amountCents: number): void {
      const { state, billing } = configured(sandbox, loginId, undefined);
      allocateOldestFirst(integrationInvoices(state, read, billing.recurringInvoice.id), amountCents);
    },
    makePayment: (sandbox: string, input: OneTimePaymentInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => makeOneTimePayment(s, input, ctx), options),
    paymentMethod(sandbox: string, loginId: number) {
      const { state, billing } = configured(sandbox, loginId, undefined);
      return { state, billingMethodId: billing.recurringInvoice.billingMethodId };
    },
    changePaymentMethod: (sandbox: string, loginId: number, input: ChangePaymentMethodInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => changePaymentMethod(s, loginId, input, ctx), options),
    removePaymentMethod(sandbox: string, loginId: number): never {
      configured(sandbox, loginId, undefined);
      return removePaymentMethod();
    },
    setAutoPay: (sandbox: string, loginId: number, enabled: boolean) =>
      runner.run(sandbox, (s, ctx) => setAutoPay(s, ctx.read, loginId, enabled, s.now)),
    payments(sandbox: string, loginId: number, marks?: string[]) {
      const { state, billing } = configured(sandbox, loginId, marks);
      marks?.push('payment-history');
      return { state, payments: billingScreenPayments(state, read, billing.customer.id, billing.recurringInvoice.id) };
    },
    payment(sandbox: string, loginId: number, paymentId: number, marks?: string[]) {
      const { state, payments } = this.payments(sandbox, loginId, marks);
      const payment = payments.find((p) => p.id === paymentId);
      if (!payment) throw notFound('Payment', paymentId);
      return { state, payment };
    },
    bills(sandbox: string, loginId: number, marks?: string[]) {
      const { state, billing } = configured(sandbox, loginId, marks);
      marks?.push('bills');
      return { state, bills: integrationInvoices(state, read, billing.recurringInvoice.id).reverse() };
    },
    bill(sandbox: string, loginId: number, invoiceId: number, marks?: string[]) {
      const { state, bills } = this.bills(sandbox, loginId, marks);
      const bill = bills.find((b) => b.id === invoiceId);
      if (!bill) throw notFound('Bill', invoiceId);
      return { state, bill };
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;

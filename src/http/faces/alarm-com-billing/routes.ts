import type { BillingService } from '../../../services/billing-service.ts';
import { requireSucceeded } from '../../payment-outcome.ts';
import { billView, endUserPaymentView, methodById, paymentMethodView } from '../../../services/views.ts';
import type { SandboxView } from '../../../domain/reader.ts';
import type { Payment, SandboxState } from '../../../domain/types.ts';
import { DomainError } from '../../../domain/errors.ts';
import { autoPayOf } from '../../../domain/auto-pay.ts';
import type { CreatedRenderer } from '../../idempotency.ts';
import { created, items, ok, type Auth, type Handlers } from '../../operation.ts';

type BillingOps = Pick<
  Handlers,
  | 'getBillingSummary'
  | 'getPaymentOptions'
  | 'makePayment'
  | 'listEndUserPayments'
  | 'getEndUserPayment'
  | 'getPaymentMethod'
  | 'changePaymentMethod'
  | 'removePaymentMethod'
  | 'setAutoPay'
  | 'listBills'
  | 'getBill'
>;

const loginOf = (auth: Auth): number => {
  if (auth.kind !== 'endUser')
    throw new DomainError('unauthorized', 'unauthorized', 'Unauthorized', 'Sign in as an Alarm.com end user.');
  return auth.loginId;
};

/** The recurring invoice's method and its Auto Pay, which the method alone decides (autoPayOf). */
const methodAndAutoPay = (state: Readonly<SandboxState>, billingMethodId: number | null) => {
  const method = methodById(state, billingMethodId);
  return { paymentMethod: method ? paymentMethodView(method) : null, autoPay: autoPayOf({ billingMethodId }) };
};

/** The 201 of this face's creating POST: the route's answer and its Idempotency-Key replay. */
export const alarmComCreated = {
  makePayment: {
    resource: 'payments',
    render: (s, p) => created(endUserPaymentView(s, requireSucceeded(p))),
  } satisfies CreatedRenderer<Payment>,
};

/** The Alarm.com end-user Billing API (Settings > Account Management > Billing). */
export function alarmComBillingRoutes(billing: BillingService, stateOf: (sandbox: string) => SandboxView): BillingOps {
  return {
    getBillingSummary: (i) => {
      const { state, summary: s } = billing.summary(i.sandbox, loginOf(i.auth), i.marks);
      const method = methodById(state, s.paymentMethodId);
      // Spelled out rather than `{ paymentMethodId, ...rest }`: object rest is the slowest part of this read.
      return ok({
        customerId: s.customerId,
        asOf: s.asOf,
        balanceDueCents: s.balanceDueCents,
        dueDate: s.dueDate,
        balancePastDueCents: s.balancePastDueCents,
        pastDueInvoices: s.pastDueInvoices,
        currentInvoice: s.currentInvoice,
        autoPay: s.autoPay,
        paymentMethod: method ? paymentMethodView(method) : null,
      });
    },
    getPaymentOptions: (i) => {
      const { state, options, savedMethodId } = billing.paymentOptions(i.sandbox, loginOf(i.auth), i.marks);
      const saved = methodById(state, savedMethodId);
      return ok({ ...options, savedMethod: saved ? paymentMethodView(saved) : null });
    },
    makePayment: async (i) => {
      const body = i.body;
      const { payment } = await billing.makePayment(i.sandbox, { loginId: loginOf(i.auth), ...body }, i);
      return alarmComCreated.makePayment.render(stateOf(i.sandbox), payment);
    },
    listEndUserPayments: (i) => {
      const { state, payments } = billing.payments(i.sandbox, loginOf(i.auth), i.marks);
      return items(payments.map((p) => endUserPaymentView(state, p)));
    },
    getEndUserPayment: (i) => {
      const { state, payment } = billing.payment(i.sandbox, loginOf(i.auth), i.path.paymentId, i.marks);
      return ok(endUserPaymentView(state, payment));
    },
    getPaymentMethod: (i) => {
      const { state, billingMethodId } = billing.paymentMethod(i.sandbox, loginOf(i.auth));
      return ok(methodAndAutoPay(state, billingMethodId));
    },
    changePaymentMethod: async (i) => {
      const { recurringInvoice } = await billing.changePaymentMethod(i.sandbox, loginOf(i.auth), i.body, i);
      return ok(methodAndAutoPay(stateOf(i.sandbox), recurringInvoice.billingMethodId));
    },
    removePaymentMethod: (i) => billing.removePaymentMethod(i.sandbox, loginOf(i.auth)),
    setAutoPay: async (i) => {
      const result = await billing.setAutoPay(i.sandbox, loginOf(i.auth), i.body.enabled);
      return ok(methodAndAutoPay(stateOf(i.sandbox), result.billingMethodId));
    },
    listBills: (i) => items(billing.bills(i.sandbox, loginOf(i.auth), i.marks).bills.map(billView)),
    getBill: (i) => ok(billView(billing.bill(i.sandbox, loginOf(i.auth), i.path.invoiceId, i.marks).bill)),
  };
}

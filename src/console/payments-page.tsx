// Payments list and one payment's details (the Billing screen's payment history).
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { DomainError } from '../domain/errors.ts';
import type { Payment, SandboxState } from '../domain/types.ts';
import { requireSucceeded } from '../http/payment-outcome.ts';
import { endUserPaymentView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, billingPage } from './billing-common.tsx';
import { Badge, DateText, ProblemBox, instantText, money } from './components.tsx';
import { problemOf, type ConsoleCx, type EndUser } from './context.ts';
import { page, type Log } from './handle.tsx';

const SOURCES: Record<string, string> = { one_time: 'One-time', auto_pay: 'Auto Pay', dealer: 'SecurityTrax' };
const REASON_TEXT: Record<string, string> = {
  card_declined: 'card declined',
  insufficient_funds: 'insufficient funds',
  expired_card: 'card expired',
  bank_account_returned: 'returned by the bank',
  processor_fault: 'processor error',
};

export function PaymentsTable({
  cx,
  who,
  state,
  payments,
}: {
  cx: ConsoleCx;
  who: EndUser;
  state: Readonly<SandboxState>;
  payments: Payment[];
}) {
  if (!payments.length) return <p class="muted">No payments yet.</p>;
  return (
    <table data-testid="payments">
      <thead>
        <tr>
          <th>Date</th>
          <th class="num">Amount</th>
          <th>Method</th>
          <th>Source</th>
          <th>Status</th>
          <th>
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {payments.map((p) => {
          const v = endUserPaymentView(state, p);
          return (
            <tr data-payment={p.id}>
              <td data-label="Date">{instantText(v.createdAt)}</td>
              <td class="num" data-label="Amount">
                {money(v.amountCents)}
              </td>
              <td data-label="Method">
                <MethodText method={v.method} />
              </td>
              <td data-label="Source">{SOURCES[v.source] ?? v.source}</td>
              <td data-label="Status">
                <Badge kind={v.status} />{' '}
                {v.failureReason ? (
                  <span class="small muted">{REASON_TEXT[v.failureReason] ?? v.failureReason}</span>
                ) : null}
              </td>
              <td>
                <a href={billingHref(cx, who, `/billing/payments/${p.id}`)} aria-label={`Details of payment #${p.id}`}>
                  Details
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The API's answer to a declined charge (402 payment-declined), shown as the payment's result. */
function declineOf(payment: Payment) {
  try {
    requireSucceeded(payment);
    return null;
  } catch (err) {
    if (err instanceof DomainError) return problemOf(err);
    throw err;
  }
}

function PaymentDetail({
  cx,
  who,
  state,
  payment,
  fresh,
}: {
  cx: ConsoleCx;
  who: EndUser;
  state: Readonly<SandboxState>;
  payment: Payment;
  fresh: boolean;
}) {
  const v = endUserPaymentView(state, payment);
  const decline = declineOf(payment);
  return (
    <div>
      {fresh && !decline ? (
        <div class="flash" data-testid="payment-result">
          Payment successful: {money(v.amountCents)} applied to the oldest invoices first.
        </div>
      ) : null}
      {fresh && decline ? <ProblemBox problem={decline} /> : null}
      {decline ? (
        <p>
          <a
            class="btn"
            href={`${billingHref(cx, who, '/billing/pay', { amountCents: v.amountCents, method: 'new' })}#new-card`}
            data-testid="try-another-card"
          >
            Try another card
          </a>
        </p>
      ) : null}
      <div class="card" data-testid="payment-detail">
        <h2>
          Payment #{v.id} <Badge kind={v.status} />
        </h2>
        <p>
          Amount <strong>{money(v.amountCents)}</strong> · {instantText(v.createdAt)} · {SOURCES[v.source] ?? v.source}
        </p>
        <p>
          Method: <MethodText method={v.method} />
        </p>
        {decline && !fresh ? <p class="small">Declined: {decline.detail}</p> : null}
        <h3>Applied to</h3>
        {v.allocations.length ? (
          <table data-testid="allocations">
            <thead>
              <tr>
                <th>Invoice</th>
                <th>Due date</th>
                <th class="num">Amount applied</th>
              </tr>
            </thead>
            <tbody>
              {v.allocations.map((a) => (
                <tr>
                  <td data-label="Invoice">#{a.invoiceId}</td>
                  <td data-label="Due date">
                    <DateText date={a.invoiceDueDate} />
                  </td>
                  <td class="num" data-label="Applied">
                    {money(a.amountCents)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Nothing: no balance was changed.</p>
        )}
      </div>
      <p>
        <a class="btn secondary" href={billingHref(cx, who, '/billing')}>
          Back to Billing
        </a>
      </p>
    </div>
  );
}

export function paymentsRoutes(app: Hono, services: Services, log: Log): void {
  app.get(
    '/billing/payments',
    page(services, log, (cx) =>
      billingPage(cx, (who) => {
        const { state, payments } = cx.services.billing.payments(cx.sandbox, who.loginId);
        return {
          title: 'Payments',
          body: (
            <div>
              <BillingHeader cx={cx} who={who} title="Payments" />
              <div class="card">
                <PaymentsTable cx={cx} who={who} state={state} payments={payments} />
              </div>
            </div>
          ),
        };
      }),
    ),
  );
  app.get(
    '/billing/payments/:paymentId{[0-9]+}',
    page(services, log, (cx, c) =>
      billingPage(cx, (who) => {
        const { state, payment } = cx.services.billing.payment(
          cx.sandbox,
          who.loginId,
          Number(c.req.param('paymentId')),
        );
        const fresh = cx.query.get('result') === '1';
        const body = (
          <div>
            <BillingHeader cx={cx} who={who} title="Payment details" />
            <PaymentDetail cx={cx} who={who} state={state} payment={payment} fresh={fresh} />
          </div>
        );
        return { title: `Payment #${payment.id}`, body };
      }),
    ),
  );
}

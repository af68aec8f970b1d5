// The Alarm.com "Billing" screen of one end user (Settings > Account Management > Billing).
import type { Hono } from 'hono';
import type { Services } from '../app.ts';
import type { BillingSummary, InvoiceBalance } from '../domain/balances.ts';
import { billingEligibility } from '../domain/eligibility.ts';
import { methodById, paymentMethodView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, endUserOf, type EndUser } from './billing-common.tsx';
import { Badge, DateText, money } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { page, type Log, type PageResult } from './handle.tsx';
import { PaymentsTable } from './payments-page.tsx';

function NotConfigured({ cx, who, reasons }: { cx: ConsoleCx; who: EndUser; reasons: { code: string; message: string }[] }) {
  return (
    <div>
      <BillingHeader cx={cx} who={who} title="Billing" />
      <div class="card past-due" data-testid="not-configured">
        <h2>Billing Not Configured</h2>
        <p>This account has not been set up to use the Alarm.com/SecurityTrax Billing Integration:</p>
        <ul>
          {reasons.map((r) => (
            <li data-code={r.code}>{r.message}</li>
          ))}
        </ul>
        <p class="muted small">
          Fix it on the <a href={cx.href('/dealer')}>dealer view</a>, or wait for the role cache on the <a href={cx.href('/time')}>clock</a>.
        </p>
      </div>
    </div>
  );
}

function UnpaidInvoices({ summary }: { summary: BillingSummary }) {
  const rows: (InvoiceBalance & { pastDue: boolean })[] = [
    ...summary.pastDueInvoices.map((i) => ({ ...i, pastDue: true })),
    ...(summary.currentInvoice ? [{ ...summary.currentInvoice, pastDue: false }] : []),
  ];
  if (!rows.length) return null;
  return (
    <table data-testid="unpaid-invoices">
      <thead><tr><th>Invoice</th><th>Due date</th><th class="num">Balance</th><th>Status</th></tr></thead>
      <tbody>
        {rows.map((i) => (
          <tr data-invoice={i.invoiceId}>
            <td>#{i.invoiceId}</td>
            <td><DateText date={i.dueDate} /></td>
            <td class="num">{money(i.balanceCents)}</td>
            <td>{i.pastDue ? <Badge kind="past_due" text="Past due" /> : <Badge kind="open" text="Current" />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function billingScreen(cx: ConsoleCx): PageResult {
  const who = endUserOf(cx);
  const sandboxState = cx.services.sim.getSandbox(cx.sandbox);
  const eligibility = billingEligibility(sandboxState, who.loginId, sandboxState.now);
  if (!eligibility.configured) return { title: 'Billing Not Configured', body: <NotConfigured cx={cx} who={who} reasons={eligibility.reasons} /> };

  const { state, summary } = cx.services.billing.summary(cx.sandbox, who.loginId);
  const stored = methodById(state, summary.paymentMethodId);
  const method = stored ? paymentMethodView(stored) : null;
  const recent = cx.services.billing.payments(cx.sandbox, who.loginId).payments.slice(0, 5);
  const link = (path: string) => billingHref(cx, who, path);
  const body = (
    <div>
      <BillingHeader cx={cx} who={who} title="Billing" />
      <div class="card row">
        <div>
          <h2>Balance Due</h2>
          <div class="amount" data-testid="balance-due">{money(summary.balanceDueCents)}</div>
          <div class="muted">{summary.dueDate ? <span>Due <DateText date={summary.dueDate} /></span> : 'No balance due'}</div>
        </div>
        {summary.balanceDueCents > 0 ? <a class="btn" href={link('/billing/pay')} data-testid="pay">Pay</a> : null}
      </div>
      {summary.balancePastDueCents > 0 ? (
        <div class="card past-due">
          <h2>Balance Past Due</h2>
          <div class="amount bad" data-testid="balance-past-due">{money(summary.balancePastDueCents)}</div>
        </div>
      ) : null}
      {summary.balanceDueCents > 0 ? <div class="card"><h2>Unpaid invoices</h2><UnpaidInvoices summary={summary} /></div> : null}
      <div class="card row">
        <div>
          <h2>Current Payment Method</h2>
          <MethodText method={method} testId="payment-method" />
        </div>
        <a class="btn secondary" href={link('/billing/method')} data-testid="change-method">Change</a>
      </div>
      <div class="card">
        <h2>Auto Pay</h2>
        <label>
          <input type="checkbox" checked={summary.autoPay.enabled} disabled data-testid="autopay" />
          {summary.autoPay.enabled ? 'On' : 'Off'}
        </label>
        <span class="muted small">
          {summary.autoPay.enabled ? 'Auto Pay cannot be turned off.' : 'Auto Pay turns on when a payment method is set.'}
        </span>
      </div>
      <div class="card">
        <div class="row"><h2>Payments</h2><a href={link('/billing/payments')}>All payments</a></div>
        <PaymentsTable cx={cx} who={who} state={state} payments={recent} />
        <p><a href={link('/billing/bills')}>Bills (all invoices)</a></p>
      </div>
    </div>
  );
  return { title: 'Billing', body };
}

export function billingPageRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/billing', page(services, log, (cx) => billingScreen(cx)));
}

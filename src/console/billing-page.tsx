// The Alarm.com "Billing" screen of one end user (Settings > Account Management > Billing).
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import type { BillingSummary, InvoiceBalance } from '../domain/balances.ts';
import { utcDate } from '../domain/balances.ts';
import { methodById, paymentMethodView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, billingPage } from './billing-common.tsx';
import type { EndUser } from './context.ts';
import { Badge, DateText, money } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { page, type Log, type PageResult } from './handle.tsx';
import { PaymentsTable } from './payments-page.tsx';

/**
 * Under Balance Due, as on the seed's screen: the current invoice's due date ("today" on that day);
 * with only past-due invoices left, since when the oldest is owed.
 */
function DueLine({ summary }: { summary: BillingSummary }) {
  const current = summary.currentInvoice;
  if (current) {
    if (current.dueDate === utcDate(summary.asOf))
      return (
        <span data-testid="due-line">
          Due today, <DateText date={current.dueDate} />
        </span>
      );
    return (
      <span data-testid="due-line">
        Due <DateText date={current.dueDate} />
      </span>
    );
  }
  if (summary.dueDate)
    return (
      <span data-testid="due-line">
        Past due since <DateText date={summary.dueDate} />
      </span>
    );
  return <span data-testid="due-line">No balance due</span>;
}

function UnpaidInvoices({ summary }: { summary: BillingSummary }) {
  const rows: (InvoiceBalance & { pastDue: boolean })[] = [
    ...summary.pastDueInvoices.map((i) => ({ ...i, pastDue: true })),
    ...(summary.currentInvoice ? [{ ...summary.currentInvoice, pastDue: false }] : []),
  ];
  if (!rows.length) return null;
  return (
    <table data-testid="unpaid-invoices">
      <thead>
        <tr>
          <th>Invoice</th>
          <th>Due date</th>
          <th class="num">Balance</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr data-invoice={i.invoiceId}>
            <td data-label="Invoice">#{i.invoiceId}</td>
            <td data-label="Due date">
              <DateText date={i.dueDate} />
            </td>
            <td class="num" data-label="Balance">
              {money(i.balanceCents)}
            </td>
            <td data-label="Status">{i.pastDue ? <Badge kind="past_due" /> : <Badge kind="open" />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function billingScreen(cx: ConsoleCx): PageResult {
  return billingPage(cx, (who) => overview(cx, who));
}

function overview(cx: ConsoleCx, who: EndUser): PageResult {
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
          <div class="amount" data-testid="balance-due">
            {money(summary.balanceDueCents)}
          </div>
          <div class="muted">
            <DueLine summary={summary} />
          </div>
        </div>
        {summary.balanceDueCents > 0 ? (
          <a class="btn" href={link('/billing/pay')} data-testid="pay">
            Pay
          </a>
        ) : null}
      </div>
      {summary.balancePastDueCents > 0 ? (
        <div class="card past-due">
          <h2>Balance Past Due</h2>
          <div class="amount bad" data-testid="balance-past-due">
            {money(summary.balancePastDueCents)}
          </div>
        </div>
      ) : null}
      {summary.balanceDueCents > 0 ? (
        <div class="card">
          <h2>Unpaid invoices</h2>
          <UnpaidInvoices summary={summary} />
        </div>
      ) : null}
      <div class="card row">
        <div>
          <h2>Current Payment Method</h2>
          <MethodText method={method} testId="payment-method" />
        </div>
        <a class="btn secondary" href={link('/billing/method')} data-testid="change-method">
          Change
        </a>
      </div>
      <div class="card">
        <h2>Auto Pay</h2>
        <label>
          <input type="checkbox" checked={summary.autoPay.enabled} disabled data-testid="autopay" />
          {summary.autoPay.enabled ? 'On' : 'Off'}
        </label>
        <span class="muted small">
          {summary.autoPay.enabled
            ? 'Auto Pay cannot be turned off.'
            : 'Auto Pay turns on when a payment method is set.'}
        </span>
      </div>
      <div class="card">
        <div class="row">
          <h2>Payments</h2>
          <a href={link('/billing/payments')}>All payments</a>
        </div>
        <PaymentsTable cx={cx} who={who} state={state} payments={recent} />
        <p>
          <a href={link('/billing/bills')}>Bills (all invoices)</a>
        </p>
      </div>
    </div>
  );
  return { title: 'Billing', body };
}

export function billingPageRoutes(app: Hono, services: Services, log: Log): void {
  app.get(
    '/billing',
    page(services, log, (cx) => billingScreen(cx)),
  );
}

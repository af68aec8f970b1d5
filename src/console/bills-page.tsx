// Bills: the historical list of the integration's invoices, and one bill with its lines.
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { MMR_LINE_ITEM_ID } from '../domain/types.ts';
import { billView } from '../services/views.ts';
import { BillingHeader, billingHref, billingPage } from './billing-common.tsx';
import { Badge, DateText, money } from './components.tsx';
import { page, type Log } from './handle.tsx';

export function billsRoutes(app: Hono, services: Services, log: Log): void {
  app.get(
    '/billing/bills',
    page(services, log, (cx) =>
      billingPage(cx, (who) => {
        const bills = cx.services.billing.bills(cx.sandbox, who.loginId).bills.map(billView);
        const body = (
          <div>
            <BillingHeader cx={cx} who={who} title="Bills" />
            {bills.length ? (
              <div class="card">
                <table data-testid="bills">
                  <thead>
                    <tr>
                      <th>Bill</th>
                      <th>Invoice date</th>
                      <th>Due date</th>
                      <th class="num">Total</th>
                      <th class="num">Balance</th>
                      <th>Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {bills.map((b) => (
                      <tr data-invoice={b.id}>
                        <td data-label="Bill">
                          <a href={billingHref(cx, who, `/billing/bills/${b.id}`)}>#{b.id}</a>
                        </td>
                        <td data-label="Invoice date">
                          <DateText date={b.invoiceDate} />
                        </td>
                        <td data-label="Due date">
                          <DateText date={b.dueDate} />
                        </td>
                        <td class="num" data-label="Total">
                          {money(b.totalCents)}
                        </td>
                        <td class="num" data-label="Balance">
                          {money(b.balanceCents)}
                        </td>
                        <td data-label="Status">
                          <Badge kind={b.status} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">No bills yet: the first one is created from the Recurring Invoice on its start date.</p>
            )}
          </div>
        );
        return { title: 'Bills', body };
      }),
    ),
  );
  app.get(
    '/billing/bills/:invoiceId{[0-9]+}',
    page(services, log, (cx, c) =>
      billingPage(cx, (who) => {
        const b = billView(cx.services.billing.bill(cx.sandbox, who.loginId, Number(c.req.param('invoiceId'))).bill);
        const body = (
          <div>
            <BillingHeader cx={cx} who={who} title={`Bill #${b.id}`} />
            <div class="card" data-testid="bill-detail">
              <p>
                Invoice date <DateText date={b.invoiceDate} /> · due <DateText date={b.dueDate} /> ·{' '}
                <Badge kind={b.status} />
              </p>
              <table>
                <thead>
                  <tr>
                    <th>Line</th>
                    <th class="num">Amount</th>
                  </tr>
                </thead>
                <tbody>
                  {b.lines.map((l) => (
                    <tr>
                      <td data-label="Line">
                        {l.description} {l.lineItemId === MMR_LINE_ITEM_ID ? <Badge kind="mmr" text="MMR" /> : null}
                      </td>
                      <td class="num" data-label="Amount">
                        {money(l.amountCents)}
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Total</th>
                    <td class="num" data-label="Total">
                      {money(b.totalCents)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Balance</th>
                    <td class="num" data-label="Balance">
                      {money(b.balanceCents)}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p>
              <a href={billingHref(cx, who, '/billing/bills')}>All bills</a>
            </p>
          </div>
        );
        return { title: `Bill #${b.id}`, body };
      }),
    ),
  );
}

// The dealer view's tables: customers, recurring invoices (MMR marked, Auto Pay method), invoices.
import type { BillingMethod, Customer, Invoice, RecurringInvoice } from '../domain/types.ts';
import { MMR_LINE_ITEM_ID } from '../domain/types.ts';
import { recurringInvoiceView } from '../services/views.ts';
import { Badge, DateText, money } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { AutoPayForm } from './dealer-forms.tsx';

const name = (c: Customer | undefined) => (c ? `${c.firstName} ${c.lastName}` : '—');

export function CustomersTable({ customers, isps }: { customers: Customer[]; isps: { id: number; name: string }[] }) {
  return (
    <table data-testid="customers">
      <thead>
        <tr>
          <th>#</th>
          <th>Name</th>
          <th>Email</th>
          <th>Interactive Services Provider</th>
        </tr>
      </thead>
      <tbody>
        {customers.map((c) => (
          <tr>
            <td data-label="#">{c.id}</td>
            <td data-label="Name">{name(c)}</td>
            <td data-label="Email">{c.email}</td>
            <td data-label="Provider">{isps.find((i) => i.id === c.ispId)?.name ?? <span class="muted">none</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecurringTable({
  cx,
  recurring,
  customers,
  methods,
}: {
  cx: ConsoleCx;
  recurring: RecurringInvoice[];
  customers: Customer[];
  methods: BillingMethod[];
}) {
  return (
    <table data-testid="recurring-invoices">
      <thead>
        <tr>
          <th>#</th>
          <th>Customer</th>
          <th>Sale / start</th>
          <th>Next invoice</th>
          <th>Line items</th>
          <th>Auto Pay</th>
        </tr>
      </thead>
      <tbody>
        {recurring.map((raw) => {
          const r = recurringInvoiceView(raw);
          return (
            <tr data-recurring={r.id}>
              <td data-label="#">{r.id}</td>
              <td data-label="Customer">{name(customers.find((c) => c.id === r.customerId))}</td>
              <td data-label="Sale / start">
                <DateText date={r.saleDate} /> / <DateText date={r.startDate} />
              </td>
              <td data-label="Next invoice">
                <DateText date={r.nextInvoiceDate} />
              </td>
              <td data-label="Line items">
                {r.lines.map((l) => (
                  <div>
                    {l.lineItemId === MMR_LINE_ITEM_ID ? (
                      <Badge kind="mmr" text="MMR (3)" />
                    ) : (
                      <span class="muted small">item {l.lineItemId}</span>
                    )}{' '}
                    {l.description} {money(l.amountCents)}
                    {l.occurrences !== null ? <span class="muted small"> × {l.occurrences}</span> : null}
                  </div>
                ))}
                {r.hasMmr ? null : (
                  <div class="small muted">No MMR line: not viewable/payable through the Billing Integration.</div>
                )}
              </td>
              <td data-label="Auto Pay">
                <div>{r.autoPay ? 'on' : 'off'}</div>
                <AutoPayForm cx={cx} recurring={raw} methods={methods} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function InvoicesTable({ invoices, customers }: { invoices: Invoice[]; customers: Customer[] }) {
  return (
    <table data-testid="invoices">
      <thead>
        <tr>
          <th>#</th>
          <th>Customer</th>
          <th>From</th>
          <th>Invoice date</th>
          <th>Due date</th>
          <th class="num">Total</th>
          <th class="num">Balance</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {[...invoices].reverse().map((i) => (
          <tr data-invoice={i.id}>
            <td data-label="#">{i.id}</td>
            <td data-label="Customer">{name(customers.find((c) => c.id === i.customerId))}</td>
            <td data-label="From">
              {i.recurringInvoiceId === null ? <span class="muted">manual</span> : `recurring #${i.recurringInvoiceId}`}
            </td>
            <td data-label="Invoice date">
              <DateText date={i.invoiceDate} />
            </td>
            <td data-label="Due date">
              <DateText date={i.dueDate} />
            </td>
            <td class="num" data-label="Total">
              {money(i.totalCents)}
            </td>
            <td class="num" data-label="Balance">
              {money(i.balanceCents)}
            </td>
            <td data-label="Status">
              <Badge kind={i.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

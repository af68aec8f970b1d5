// The dealer view's read-only tables: customers, recurring invoices (MMR marked), invoices.
import type { Customer, Invoice, RecurringInvoice } from '../domain/types.ts';
import { MMR_LINE_ITEM_ID } from '../domain/types.ts';
import { recurringInvoiceView } from '../services/views.ts';
import { Badge, DateText, money } from './components.tsx';

const name = (c: Customer | undefined) => (c ? `${c.firstName} ${c.lastName}` : '—');

export function CustomersTable({ customers, isps }: { customers: Customer[]; isps: { id: number; name: string }[] }) {
  return (
    <table data-testid="customers">
      <thead><tr><th>#</th><th>Name</th><th>Email</th><th>Interactive Services Provider</th></tr></thead>
      <tbody>
        {customers.map((c) => (
          <tr><td>{c.id}</td><td>{name(c)}</td><td>{c.email}</td><td>{isps.find((i) => i.id === c.ispId)?.name ?? <span class="muted">none</span>}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecurringTable({ recurring, customers }: { recurring: RecurringInvoice[]; customers: Customer[] }) {
  return (
    <table data-testid="recurring-invoices">
      <thead><tr><th>#</th><th>Customer</th><th>Sale / start</th><th>Next invoice</th><th>Line items</th><th>Auto Pay</th></tr></thead>
      <tbody>
        {recurring.map((raw) => {
          const r = recurringInvoiceView(raw);
          return (
            <tr data-recurring={r.id}>
              <td>{r.id}</td>
              <td>{name(customers.find((c) => c.id === r.customerId))}</td>
              <td><DateText date={r.saleDate} /> / <DateText date={r.startDate} /></td>
              <td><DateText date={r.nextInvoiceDate} /></td>
              <td>
                {r.lines.map((l) => (
                  <div>
                    {l.lineItemId === MMR_LINE_ITEM_ID ? <Badge kind="mmr" text="MMR (3)" /> : <span class="muted small">item {l.lineItemId}</span>} {l.description}{' '}
                    {money(l.amountCents)}
                    {l.occurrences !== null ? <span class="muted small"> × {l.occurrences}</span> : null}
                  </div>
                ))}
                {r.hasMmr ? null : <div class="small muted">No MMR line: not viewable/payable through the Billing Integration.</div>}
              </td>
              <td>{r.autoPay ? `on (method #${r.billingMethodId})` : 'off'}</td>
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
      <thead><tr><th>#</th><th>Customer</th><th>From</th><th>Invoice date</th><th>Due date</th><th class="num">Total</th><th class="num">Balance</th><th>Status</th></tr></thead>
      <tbody>
        {[...invoices].reverse().map((i) => (
          <tr data-invoice={i.id}>
            <td>{i.id}</td>
            <td>{name(customers.find((c) => c.id === i.customerId))}</td>
            <td>{i.recurringInvoiceId === null ? <span class="muted">manual</span> : `recurring #${i.recurringInvoiceId}`}</td>
            <td><DateText date={i.invoiceDate} /></td>
            <td><DateText date={i.dueDate} /></td>
            <td class="num">{money(i.totalCents)}</td>
            <td class="num">{money(i.balanceCents)}</td>
            <td><Badge kind={i.status} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// The dealer view's forms for what "Billing Not Configured" asks a dealer to fix: link an Alarm.com
// login to a customer, add a recurring invoice with the MMR line, add a billing method (and make it
// a recurring invoice's Auto Pay method). Each posts to the same dealer/sim services as the API.
import { maskedLabel } from '../domain/billing-method.ts';
import type { AdcLogin, BillingMethod, Customer, LineItem, RecurringInvoice } from '../domain/types.ts';
import { MMR_LINE_ITEM_ID } from '../domain/types.ts';
import { BankFields, CardFields, HolderField } from './card-fields.tsx';
import { ProblemBox } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { fieldMessages } from './messages.ts';

export type DealerForm = 'logins' | 'add-recurring' | 'add-method' | 'autopay';

const fullName = (c: Customer) => `${c.firstName} ${c.lastName}`;

/** The problem of a refused post, shown in the form it came from (?form=). */
function FormProblem({ cx, form }: { cx: ConsoleCx; form: DealerForm }) {
  return cx.problem && cx.query.get('form') === form ? <ProblemBox problem={cx.problem} /> : null;
}

function CustomerSelect({
  customers,
  selected,
  id,
  label = 'Customer',
}: {
  customers: Customer[];
  selected: number | null;
  id: string;
  label?: string;
}) {
  return (
    <label>
      {label}
      <select name="customerId" id={id}>
        {customers.map((c) => (
          <option value={String(c.id)} selected={c.id === selected}>
            {fullName(c)} (#{c.id})
          </option>
        ))}
      </select>
    </label>
  );
}

export function LoginsTable({ cx, logins, customers }: { cx: ConsoleCx; logins: AdcLogin[]; customers: Customer[] }) {
  const focus = Number(cx.query.get('login') ?? 0);
  return (
    <div>
      <FormProblem cx={cx} form="logins" />
      <table data-testid="logins">
        <thead>
          <tr>
            <th>Login</th>
            <th>SecurityTrax account</th>
            <th>Link to</th>
          </tr>
        </thead>
        <tbody>
          {logins.map((l) => {
            const linked = customers.find((c) => c.id === l.customerId);
            return (
              <tr data-login={l.username} class={l.id === focus ? 'focus' : undefined}>
                <td data-label="Login">
                  <code>{l.username}</code> <span class="muted small">#{l.id}</span>
                </td>
                <td data-label="Account">{linked ? fullName(linked) : <span class="muted">not linked</span>}</td>
                <td data-label="Link to">
                  <form
                    method="post"
                    action={cx.href(`/dealer/logins/${l.id}`)}
                    class="row"
                    style="justify-content:flex-start"
                  >
                    <label>
                      <span class="sr-only">Customer for {l.username}</span>
                      <select name="customerId" data-testid={`link-customer-${l.id}`}>
                        <option value="" selected={l.customerId === null}>
                          Not linked
                        </option>
                        {customers.map((c) => (
                          <option value={String(c.id)} selected={c.id === l.customerId}>
                            {fullName(c)} (#{c.id})
                          </option>
                        ))}
                      </select>
                    </label>
                    <button
                      type="submit"
                      class="secondary"
                      data-testid={`link-login-${l.id}`}
                      aria-label={`Save link of ${l.username}`}
                    >
                      Save link
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AddRecurringForm({
  cx,
  customers,
  lineItems,
  today,
}: {
  cx: ConsoleCx;
  customers: Customer[];
  lineItems: LineItem[];
  today: string;
}) {
  const selected = Number(cx.query.get('customer') ?? 0) || null;
  return (
    <form
      method="post"
      action={cx.href('/dealer/recurring-invoices')}
      class="card"
      id="add-recurring"
      data-testid="add-recurring"
      novalidate
    >
      <h2>Add a recurring invoice</h2>
      <p class="muted small">
        Only invoices created from a Recurring Invoice with the MMR (ID 3) line are viewable/payable through the Billing
        Integration. A $0.00 MMR line is enough to bill other lines (equipment, installation...). Leave the Auto Pay
        method empty to let the customer provide one.
      </p>
      <FormProblem cx={cx} form="add-recurring" />
      <CustomerSelect customers={customers} selected={selected} id="recurring-customer" />
      <label>
        Sale date <input type="date" name="saleDate" value={today} />
      </label>
      <label>
        Start date (first invoice) <input type="date" name="startDate" value={today} />
      </label>
      <fieldset>
        <legend>Lines</legend>
        <label>
          MMR (ID {MMR_LINE_ITEM_ID}) monthly amount ${' '}
          <input type="text" name="mmrDollars" inputmode="decimal" value="0.00" style="width:7em" />
        </label>
        <label>
          Other line
          <select name="extraLineItemId">
            <option value="">None</option>
            {lineItems
              .filter((li) => li.id !== MMR_LINE_ITEM_ID)
              .map((li) => (
                <option value={String(li.id)}>
                  {li.name} (ID {li.id})
                </option>
              ))}
          </select>
        </label>
        <label>
          amount $ <input type="text" name="extraDollars" inputmode="decimal" placeholder="0.00" style="width:7em" />
        </label>
      </fieldset>
      <button type="submit" data-testid="add-recurring-submit">
        Add recurring invoice
      </button>
    </form>
  );
}

export function AddMethodForm({ cx, customers }: { cx: ConsoleCx; customers: Customer[] }) {
  const selected = Number(cx.query.get('customer') ?? 0) || null;
  const errors = cx.query.get('form') === 'add-method' ? fieldMessages(cx.problem) : {};
  return (
    <form
      method="post"
      action={cx.href('/dealer/billing-methods')}
      class="card"
      id="add-method"
      data-testid="add-method"
      novalidate
    >
      <h2>Add a billing method</h2>
      <FormProblem cx={cx} form="add-method" />
      <CustomerSelect customers={customers} selected={selected} id="method-customer" />
      <fieldset>
        <legend>Type</legend>
        <label>
          <input type="radio" name="type" value="credit_card" checked /> Credit card
        </label>
        <label>
          <input type="radio" name="type" value="bank_account" /> Bank account
        </label>
      </fieldset>
      <HolderField id="dealer-method" label="Holder name" error={errors.holderName} />
      <fieldset>
        <legend>Credit card</legend>
        <CardFields id="dealer-card" errors={errors} withHolder={false} />
      </fieldset>
      <fieldset>
        <legend>Bank account</legend>
        <BankFields id="dealer-bank" errors={errors} withHolder={false} />
      </fieldset>
      <button type="submit" data-testid="add-method-submit">
        Add billing method
      </button>
    </form>
  );
}

/** Per recurring invoice: choose which of the customer's methods Auto Pay charges (cannot be removed). */
export function AutoPayForm({
  cx,
  recurring,
  methods,
}: {
  cx: ConsoleCx;
  recurring: RecurringInvoice;
  methods: BillingMethod[];
}) {
  const own = methods.filter((m) => m.customerId === recurring.customerId);
  if (!own.length) return <span class="muted small">no billing method yet</span>;
  return (
    <form
      method="post"
      action={cx.href(`/dealer/recurring-invoices/${recurring.id}`)}
      class="row"
      style="justify-content:flex-start"
    >
      <label>
        <span class="sr-only">Auto Pay method of recurring invoice #{recurring.id}</span>
        <select name="billingMethodId" data-testid={`autopay-method-${recurring.id}`}>
          {recurring.billingMethodId === null ? (
            <option value="" selected>
              None
            </option>
          ) : null}
          {own.map((m) => (
            <option value={String(m.id)} selected={m.id === recurring.billingMethodId}>
              {maskedLabel(m)}
              {m.expired ? ' (expired)' : ''}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        class="secondary"
        data-testid={`set-autopay-${recurring.id}`}
        aria-label={`Set Auto Pay method of recurring invoice #${recurring.id}`}
      >
        Set
      </button>
    </form>
  );
}

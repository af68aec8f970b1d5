// The dealer (SecurityTrax) view: ISPs with the "Billing Integration" checkbox, Alarm.com logins and
// their link to a customer, customers, recurring invoices, billing methods and invoices. Every form
// posts to the same services as the API (dealer service, sim service for logins).
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { roleCacheReadyAt } from '../domain/eligibility.ts';
import { invalid } from '../domain/errors.ts';
import type { Isp } from '../domain/types.ts';
import { MMR_LINE_ITEM_ID } from '../domain/types.ts';
import { maskedLabel, type NewBillingMethodInput } from '../domain/billing-method.ts';
import { checkApiRequest } from '../http/request-check.ts';
import { ispView } from '../services/views.ts';
import {
  checkDealerIsp,
  checkDealerMethod,
  checkDealerRecurringInvoice,
  checkDealerRecurringMethod,
} from './api-check.ts';
import { ProblemBox, instantText } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { AddMethodForm, AddRecurringForm, LoginsTable, type DealerForm } from './dealer-forms.tsx';
import { CustomersTable, InvoicesTable, RecurringTable } from './dealer-tables.tsx';
import { dollarsToCents, newBankAccountOf, newCardOf } from './forms.ts';
import { action, page, type Log, type PageResult } from './handle.tsx';

function IspRow({
  cx,
  raw,
  roleCacheMinutes,
  now,
}: {
  cx: ConsoleCx;
  raw: Isp;
  roleCacheMinutes: number;
  now: string;
}) {
  const isp = ispView(raw);
  const readyAt = isp.billingIntegration ? roleCacheReadyAt(raw, roleCacheMinutes) : null;
  return (
    <tr id={`isp-${isp.id}`} data-isp={isp.id}>
      <td data-label="#">{isp.id}</td>
      <td data-label="Name">{isp.name}</td>
      <td data-label="Username">
        <code>{isp.username}</code>
      </td>
      <td data-label="Integration">
        <form method="post" action={cx.href(`/dealer/isps/${isp.id}`)} class="inline">
          <input type="hidden" name="save" value="1" />
          <label>
            <input
              type="checkbox"
              name="billingIntegration"
              value="on"
              checked={isp.billingIntegration}
              data-testid={`billing-integration-${isp.id}`}
            />
            Billing Integration
          </label>
          <button type="submit" data-testid={`save-isp-${isp.id}`} aria-label={`Save ${isp.name}`}>
            Save
          </button>
        </form>
      </td>
      <td class="small" data-label="Status">
        {isp.billingIntegrationEnabledAt ? <div>enabled {instantText(isp.billingIntegrationEnabledAt)}</div> : null}
        {readyAt !== null && readyAt > Date.parse(now) ? (
          <div class="muted">
            end users see Billing from {instantText(new Date(readyAt).toISOString())} (role cache)
          </div>
        ) : null}
      </td>
    </tr>
  );
}

function dealerScreen(cx: ConsoleCx): PageResult {
  const d = cx.services.dealer;
  const state = cx.services.sim.getSandbox(cx.sandbox);
  const customers = d.listCustomers(cx.sandbox);
  const isps = d.listIsps(cx.sandbox);
  // A refused post comes back with ?form= naming the section whose form it came from.
  const problemFor = (form: string) =>
    cx.problem && (cx.query.get('form') ?? 'isps') === form ? <ProblemBox problem={cx.problem} /> : null;
  const body = (
    <div>
      <h1>SecurityTrax (dealer)</h1>
      {cx.flash ? (
        <div class="flash" role="status" data-testid="flash">
          {cx.flash}
        </div>
      ) : null}
      <div class="card" id="isps">
        <h2>Alarm.com Interactive Services Providers</h2>
        <p class="muted small">
          Checking "Billing Integration" calls Alarm.com's GetSecurityTraxSettings and SetSecurityTraxSettings with the
          ISP's credentials. If the box does not stay checked, the credentials lack the SecurityTrax Role.
        </p>
        {problemFor('isps')}
        <table data-testid="isps">
          <thead>
            <tr>
              <th>#</th>
              <th>Name</th>
              <th>Username</th>
              <th>Billing Integration</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {isps.map((isp) => (
              <IspRow cx={cx} raw={isp} roleCacheMinutes={state.settings.roleCacheMinutes} now={state.now} />
            ))}
          </tbody>
        </table>
      </div>
      <div class="card" id="logins">
        <h2>Alarm.com logins</h2>
        <LoginsTable cx={cx} logins={cx.services.sim.logins(cx.sandbox)} customers={customers} />
      </div>
      <div class="card">
        <h2>Customers</h2>
        <CustomersTable customers={customers} isps={isps.map(ispView)} />
      </div>
      <div class="card" id="recurring">
        <h2>Recurring invoices</h2>
        {problemFor('autopay')}
        <RecurringTable
          cx={cx}
          recurring={d.listRecurringInvoices(cx.sandbox)}
          customers={customers}
          methods={state.billingMethods}
        />
      </div>
      <AddRecurringForm
        cx={cx}
        customers={customers}
        lineItems={d.listLineItems(cx.sandbox)}
        today={state.now.slice(0, 10)}
      />
      <AddMethodForm cx={cx} customers={customers} />
      <div class="card">
        <h2>Invoices</h2>
        <InvoicesTable invoices={d.listInvoices(cx.sandbox)} customers={customers} />
      </div>
    </div>
  );
  return { title: 'Dealer', body, ownNotices: true };
}

const idOf = (raw: string | undefined, what: string): number => {
  if (!/^\d{1,9}$/.test(raw ?? ''))
    throw invalid('invalid-id', `Invalid ${what} id`, `"${(raw ?? '').slice(0, 20)}" is not a ${what} id.`);
  return Number(raw);
};

function recurringLines(form: Record<string, string>) {
  const lines = [{ lineItemId: MMR_LINE_ITEM_ID, amountCents: dollarsToCents(form.mmrDollars ?? '0', '/mmrDollars') }];
  if (form.extraLineItemId)
    lines.push({
      lineItemId: idOf(form.extraLineItemId, 'line item'),
      amountCents: dollarsToCents(form.extraDollars ?? '', '/extraDollars'),
    });
  return lines;
}

const methodInput = (form: Record<string, string>): NewBillingMethodInput =>
  form.type === 'bank_account' ? newBankAccountOf(form) : newCardOf(form);

export function dealerRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/dealer', page(services, log, dealerScreen));
  const backTo =
    (form: DealerForm | 'isps', anchor: string = form) =>
    (cx: ConsoleCx) =>
      `${cx.href('/dealer', { form })}#${anchor}`;
  app.post(
    '/dealer/isps/:ispId',
    action(services, log, backTo('isps'), async (cx, form, c) => {
      const billingIntegration = form.billingIntegration === 'on';
      const ispId = idOf(c.req.param('ispId'), 'ISP');
      checkDealerIsp(cx.sandbox, ispId, billingIntegration);
      const isp = await cx.services.dealer.updateIsp(cx.sandbox, ispId, { billingIntegration });
      return {
        to: '/dealer#isps',
        flash: `Saved ${isp.name}: Billing Integration ${isp.billingIntegration ? 'enabled' : 'disabled'}.`,
      };
    }),
  );
  app.post(
    '/dealer/logins/:loginId',
    action(services, log, backTo('logins'), async (cx, form, c) => {
      const customerId = form.customerId ? idOf(form.customerId, 'customer') : null;
      const loginId = idOf(c.req.param('loginId'), 'login');
      checkApiRequest('updateLogin', { path: { loginId: String(loginId) }, body: { customerId } });
      const login = await cx.services.sim.updateLogin(cx.sandbox, loginId, { customerId });
      const customer = cx.services.dealer.listCustomers(cx.sandbox).find((x) => x.id === login.customerId);
      return {
        to: '/dealer#logins',
        flash: customer
          ? `Linked ${login.username} to ${customer.firstName} ${customer.lastName}.`
          : `${login.username} is no longer linked.`,
      };
    }),
  );
  app.post(
    '/dealer/recurring-invoices',
    action(services, log, backTo('add-recurring'), async (cx, form) => {
      const customerId = idOf(form.customerId, 'customer');
      const input = {
        customerId,
        saleDate: form.saleDate ?? '',
        startDate: form.startDate ?? '',
        lines: recurringLines(form),
      };
      checkDealerRecurringInvoice(cx.sandbox, input);
      const ri = await cx.services.dealer.createRecurringInvoice(cx.sandbox, input);
      return {
        to: '/dealer#recurring',
        flash: `Recurring invoice #${ri.id} added with the MMR line; its first invoice is created on ${ri.startDate}.`,
      };
    }),
  );
  app.post(
    '/dealer/recurring-invoices/:id',
    action(services, log, backTo('autopay', 'recurring'), async (cx, form, c) => {
      const recurringInvoiceId = idOf(c.req.param('id'), 'recurring invoice');
      const billingMethodId = idOf(form.billingMethodId, 'billing method');
      checkDealerRecurringMethod(cx.sandbox, recurringInvoiceId, billingMethodId);
      const ri = await cx.services.dealer.updateRecurringInvoice(cx.sandbox, recurringInvoiceId, billingMethodId);
      return {
        to: '/dealer#recurring',
        flash: `Recurring invoice #${ri.id}: Auto Pay charges billing method #${ri.billingMethodId}.`,
      };
    }),
  );
  app.post(
    '/dealer/billing-methods',
    action(services, log, backTo('add-method'), async (cx, form) => {
      const customerId = idOf(form.customerId, 'customer');
      const input = methodInput(form);
      checkDealerMethod(cx.sandbox, customerId, input);
      const method = await cx.services.dealer.createBillingMethod(cx.sandbox, customerId, input);
      return {
        to: '/dealer#recurring',
        flash: `Added ${maskedLabel(method)} for customer #${method.customerId}; choose it as a recurring invoice's Auto Pay method below.`,
      };
    }),
  );
}

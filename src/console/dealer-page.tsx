// The dealer (SecurityTrax) view: customers, ISPs with the "Billing Integration" checkbox, recurring
// invoices and invoices. The checkbox is a form POST to services.dealer.updateIsp, as the API's PATCH.
import type { Hono } from 'hono';
import type { Services } from '../app.ts';
import { roleCacheReadyAt } from '../domain/eligibility.ts';
import { invalid } from '../domain/errors.ts';
import type { Isp } from '../domain/types.ts';
import { ispView } from '../services/views.ts';
import { instantText } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { CustomersTable, InvoicesTable, RecurringTable } from './dealer-tables.tsx';
import { action, page, type Log, type PageResult } from './handle.tsx';

function IspRow({ cx, raw, roleCacheMinutes, now }: { cx: ConsoleCx; raw: Isp; roleCacheMinutes: number; now: string }) {
  const isp = ispView(raw);
  const readyAt = isp.billingIntegration ? roleCacheReadyAt(raw, roleCacheMinutes) : null;
  return (
    <tr id={`isp-${isp.id}`} data-isp={isp.id}>
      <td>{isp.id}</td>
      <td>{isp.name}</td>
      <td><code>{isp.username}</code></td>
      <td>
        <form method="post" action={cx.href(`/dealer/isps/${isp.id}`)} class="inline">
          <input type="hidden" name="save" value="1" />
          <label>
            <input type="checkbox" name="billingIntegration" value="on" checked={isp.billingIntegration} data-testid={`billing-integration-${isp.id}`} />
            Billing Integration
          </label>
          <button type="submit" data-testid={`save-isp-${isp.id}`}>Save</button>
        </form>
      </td>
      <td class="small">
        {isp.billingIntegrationEnabledAt ? <div>enabled {instantText(isp.billingIntegrationEnabledAt)}</div> : null}
        {readyAt !== null && readyAt > Date.parse(now) ? <div class="muted">end users see Billing from {instantText(new Date(readyAt).toISOString())} (role cache)</div> : null}
      </td>
    </tr>
  );
}

function dealerScreen(cx: ConsoleCx): PageResult {
  const d = cx.services.dealer;
  const { now, settings } = cx.services.sim.getSandbox(cx.sandbox);
  const customers = d.listCustomers(cx.sandbox);
  const isps = d.listIsps(cx.sandbox);
  const body = (
    <div>
      <h1>SecurityTrax (dealer)</h1>
      <div class="card" id="isps">
        <h2>Alarm.com Interactive Services Providers</h2>
        <p class="muted small">
          Checking "Billing Integration" calls Alarm.com's GetSecurityTraxSettings and SetSecurityTraxSettings with the ISP's credentials. If the box does
          not stay checked, the credentials lack the SecurityTrax Role.
        </p>
        <table data-testid="isps">
          <thead><tr><th>#</th><th>Name</th><th>Username</th><th>Billing Integration</th><th /></tr></thead>
          <tbody>{isps.map((isp) => <IspRow cx={cx} raw={isp} roleCacheMinutes={settings.roleCacheMinutes} now={now} />)}</tbody>
        </table>
      </div>
      <div class="card"><h2>Customers</h2><CustomersTable customers={customers} isps={isps.map(ispView)} /></div>
      <div class="card"><h2>Recurring invoices</h2><RecurringTable recurring={d.listRecurringInvoices(cx.sandbox)} customers={customers} /></div>
      <div class="card"><h2>Invoices</h2><InvoicesTable invoices={d.listInvoices(cx.sandbox)} customers={customers} /></div>
    </div>
  );
  return { title: 'Dealer', body };
}

export function dealerRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/dealer', page(services, log, dealerScreen));
  const back = (cx: ConsoleCx) => cx.href('/dealer#isps');
  app.post('/dealer/isps/:ispId', action(services, log, back, async (cx, form, c) => {
    const raw = c.req.param('ispId') ?? '';
    if (!/^\d+$/.test(raw)) throw invalid('invalid-isp-id', 'Invalid ISP id', `"${raw.slice(0, 20)}" is not an ISP id.`);
    const billingIntegration = form.billingIntegration === 'on';
    const isp = await cx.services.dealer.updateIsp(cx.sandbox, Number(raw), { billingIntegration });
    return { to: '/dealer#isps', flash: `Saved ${isp.name}: Billing Integration ${isp.billingIntegration ? 'enabled' : 'disabled'}.` };
  }));
}

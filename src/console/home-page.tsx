// "/": the sandbox's Alarm.com end-user logins, each with its Billing screen and whether it is configured.
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { billingEligibility } from '../domain/eligibility.ts';
import { Badge, instantText } from './components.tsx';

// The domain's reasons name instants in ISO form; the console shows every date one way.
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;
import type { ConsoleCx } from './context.ts';
import { page, type Log, type PageResult } from './handle.tsx';

function homeScreen(cx: ConsoleCx): PageResult {
  const state = cx.services.sim.getSandbox(cx.sandbox);
  const customers = new Map(cx.services.dealer.listCustomers(cx.sandbox).map((c) => [c.id, c]));
  const logins = cx.services.sim.logins(cx.sandbox);
  const body = (
    <div>
      <h1>Alarm.com end users</h1>
      <p class="muted">
        Sandbox <code>{cx.sandbox}</code>. Open a login's Billing screen (Settings › Account Management › Billing), the{' '}
        <a href={cx.href('/dealer')}>dealer view</a> of SecurityTrax, or{' '}
        <a href={cx.href('/time')}>move the clock and load scenarios</a>.
      </p>
      {logins.length ? (
        <table data-testid="logins">
          <thead>
            <tr>
              <th>Login</th>
              <th>SecurityTrax account</th>
              <th>Billing</th>
              <th>
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {logins.map((l) => {
              const customer = l.customerId === null ? undefined : customers.get(l.customerId);
              const e = billingEligibility(state, cx.services.runner.reader, l.id, state.now);
              return (
                <tr data-login={l.username}>
                  <td data-label="Login">
                    <code>{l.username}</code> <span class="muted small">#{l.id}</span>
                  </td>
                  <td data-label="Account">
                    {customer ? (
                      `${customer.firstName} ${customer.lastName} (#${customer.id})`
                    ) : (
                      <span class="muted">not linked</span>
                    )}
                  </td>
                  <td data-label="Billing">
                    {e.configured ? (
                      <Badge kind="ok" text="configured" />
                    ) : (
                      <Badge kind="bad" text="Billing Not Configured" />
                    )}
                    {e.configured ? null : (
                      <div class="small muted">
                        {e.reasons.map((r) => r.message.replace(ISO_INSTANT, (at) => instantText(at))).join(' ')}
                      </div>
                    )}
                  </td>
                  <td>
                    <a
                      class="btn secondary"
                      href={cx.href('/billing', { login: l.id })}
                      aria-label={`Billing screen of ${l.username}`}
                    >
                      Billing screen
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p class="muted">
          This sandbox has no Alarm.com logins. Create one with POST /__sim/logins, or load a scenario.
        </p>
      )}
    </div>
  );
  return { title: 'Logins', body };
}

export function homeRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/', page(services, log, homeScreen));
}

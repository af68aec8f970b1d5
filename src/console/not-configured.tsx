// "Billing Not Configured": each failing precondition with what fixes it and exactly where.
import type { Child } from 'hono/jsx';
import { roleCacheReadyAt, type NotConfiguredReason } from '../domain/eligibility.ts';
import type { EndUser } from './context.ts';
import { instantText } from './components.tsx';
import type { ConsoleCx } from './context.ts';

function fixOf(cx: ConsoleCx, who: EndUser, code: NotConfiguredReason['code']): { text: Child; fix: Child } | null {
  const customerId = who.customer?.id;
  const state = cx.services.sim.getSandbox(cx.sandbox);
  const isp = who.customer?.ispId == null ? undefined : state.isps.find((i) => i.id === who.customer?.ispId);
  switch (code) {
    case 'login-not-linked':
      return {
        text: 'This Alarm.com login is not linked to a SecurityTrax account.',
        fix: (
          <span>
            Link <code>{who.login.username}</code> to a customer on the{' '}
            <a href={`${cx.href('/dealer', { login: who.loginId })}#logins`} data-testid="fix-link-login">
              dealer view, Alarm.com logins
            </a>
            .
          </span>
        ),
      };
    case 'integration-not-enabled':
      return isp
        ? {
            text: `Interactive Services Provider ${isp.id} does not have the Billing Integration enabled.`,
            fix: (
              <span>
                Check "Billing Integration" for {isp.name} on the{' '}
                <a href={`${cx.href('/dealer')}#isps`} data-testid="fix-integration">
                  dealer view, Interactive Services Providers
                </a>
                .
              </span>
            ),
          }
        : {
            text: 'The SecurityTrax account is not configured with an Alarm.com Interactive Services Provider.',
            fix: (
              <span>
                The console cannot change an account's provider: create the customer with an{' '}
                <code>interactive_services_provider</code>
                relationship through the SecurityTrax API (
                <code>POST /securitytrax/{'{profile}'}/user/v1/customers</code>), or load a scenario on the{' '}
                <a href={cx.href('/time')}>Time page</a>.
              </span>
            ),
          };
    case 'role-cache-pending': {
      const readyAt = isp ? roleCacheReadyAt(isp, state.settings.roleCacheMinutes) : null;
      const when = readyAt === null ? 'soon' : `at ${instantText(new Date(readyAt).toISOString())}`;
      return {
        text: `Alarm.com is still caching roles; the Billing screen becomes available ${when}.`,
        fix: (
          <span>
            Wait, or advance the clock on the{' '}
            <a href={cx.href('/time')} data-testid="fix-clock">
              Time page
            </a>
            .
          </span>
        ),
      };
    }
    case 'no-mmr-recurring-invoice':
      return {
        text: 'The SecurityTrax account has no Recurring Invoice with the MMR (ID 3) Invoice Line Item.',
        fix: (
          <span>
            Add one (a $0.00 MMR line is enough) on the{' '}
            <a href={`${cx.href('/dealer', { customer: customerId })}#add-recurring`} data-testid="fix-mmr">
              dealer view, Add a recurring invoice
            </a>
            .
          </span>
        ),
      };
    default:
      return null;
  }
}

export function NotConfigured({ cx, who, reasons }: { cx: ConsoleCx; who: EndUser; reasons: NotConfiguredReason[] }) {
  return (
    <div class="card past-due" data-testid="not-configured">
      <h2>Billing Not Configured</h2>
      <p>This account has not been set up to use the Alarm.com/SecurityTrax Billing Integration:</p>
      <ul>
        {reasons.map((r) => {
          const f = fixOf(cx, who, r.code);
          return (
            <li data-code={r.code}>
              {f ? f.text : r.message} {f ? <div class="small">{f.fix}</div> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

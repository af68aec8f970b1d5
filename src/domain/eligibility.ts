// "Billing Not Configured": the three documented preconditions (login linked to a SecurityTrax
// account, account's ISP has the Billing Integration enabled, MMR recurring invoice), plus the up-to-an-
// hour wait while Alarm.com refreshes cached roles after the integration is enabled.
import { DomainError, notFound } from './errors.ts';
import { byId } from './by-id.ts';
import { roleCacheReadyAt } from './role-cache.ts';
import type { Reader } from './reader.ts';
import { selectRecurringInvoice } from './select-recurring-invoice.ts';
import type { AdcLogin, Customer, IsoInstant, Isp, RecurringInvoice, SandboxState } from './types.ts';

type NotConfiguredCode =
  | 'login-not-linked'
  | 'integration-not-enabled'
  | 'role-cache-pending'
  | 'no-mmr-recurring-invoice';

export type NotConfiguredReason = { code: NotConfiguredCode; message: string };

export type ConfiguredBilling = {
  configured: true;
  login: AdcLogin;
  customer: Customer;
  isp: Isp;
  recurringInvoice: RecurringInvoice;
};

export type Eligibility = ConfiguredBilling | { configured: false; reasons: NotConfiguredReason[] };

// The console reads it from here; the rule lives in role-cache.ts.
export { roleCacheReadyAt } from './role-cache.ts';

export function billingEligibility(
  state: Readonly<SandboxState>,
  read: Reader,
  loginId: number,
  now: IsoInstant,
): Eligibility {
  const login = byId(state.logins, loginId);
  if (!login) throw notFound('Login', loginId);
  const customer = login.customerId === null ? undefined : byId(state.customers, login.customerId);
  if (!customer) {
    // Without an account the other conditions cannot be evaluated.
    const message = 'This Alarm.com login is not linked to a SecurityTrax account.';
    return { configured: false, reasons: [{ code: 'login-not-linked', message }] };
  }

  const reasons: NotConfiguredReason[] = [];
  const isp = customer.ispId === null ? undefined : byId(state.isps, customer.ispId);
  if (!isp?.billingIntegration) {
    reasons.push({
      code: 'integration-not-enabled',
      message: isp
        ? `Interactive Services Provider ${isp.id} does not have the Billing Integration enabled.`
        : 'The SecurityTrax account is not configured with an Alarm.com Interactive Services Provider.',
    });
  } else {
    const readyAt = roleCacheReadyAt(isp, state.settings.roleCacheMinutes);
    if (readyAt !== null && readyAt > Date.parse(now)) {
      reasons.push({
        code: 'role-cache-pending',
        message: `Alarm.com is still caching roles; the Billing screen becomes available at ${new Date(readyAt).toISOString()}.`,
      });
    }
  }

  const recurringInvoice = selectRecurringInvoice(state, read, customer.id);
  if (!recurringInvoice) {
    reasons.push({
      code: 'no-mmr-recurring-invoice',
      message: 'The SecurityTrax account has no Recurring Invoice with the MMR (ID 3) Invoice Line Item.',
    });
  }

  if (reasons.length || !isp || !recurringInvoice) return { configured: false, reasons };
  return { configured: true, login, customer, isp, recurringInvoice };
}

/** The configured branch, or the 409 every end-user Billing operation answers when a precondition fails. */
export function requireConfigured(
  state: Readonly<SandboxState>,
  read: Reader,
  loginId: number,
  now: IsoInstant,
): ConfiguredBilling {
  const e = billingEligibility(state, read, loginId, now);
  if (e.configured) return e;
  const detail = `Billing Not Configured: ${e.reasons.map((r) => r.message).join(' ')}`;
  return fail(detail, e.reasons);
}

function fail(detail: string, reasons: NotConfiguredReason[]): never {
  throw new DomainError('conflict', 'billing-not-configured', 'Billing Not Configured', detail, { reasons });
}

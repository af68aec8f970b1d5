// What every Billing page shares: which end user it is for, whether Billing is configured for them,
// and the Billing sub-navigation (only offered when the pages behind it can answer).
import type { Child } from 'hono/jsx';
import { billingEligibility } from '../domain/eligibility.ts';
import { notFound } from '../domain/errors.ts';
import type { paymentMethodView } from '../services/views.ts';
import { loginIdOf, type ConsoleCx, type EndUser } from './context.ts';
import type { PageResult } from './handle.tsx';
import { Notices } from './layout.tsx';
import { NotConfigured } from './not-configured.tsx';

export function endUserOf(cx: ConsoleCx): EndUser {
  const loginId = loginIdOf(cx);
  const state = cx.services.sim.getSandbox(cx.sandbox);
  const login = cx.services.sim.logins(cx.sandbox).find((l) => l.id === loginId);
  if (!login) throw notFound('Login', loginId);
  const customer =
    login.customerId === null
      ? null
      : (cx.services.dealer.listCustomers(cx.sandbox).find((c) => c.id === login.customerId) ?? null);
  return {
    loginId,
    login,
    customer,
    eligibility: billingEligibility(state, cx.services.runner.reader, loginId, state.now),
  };
}

/** Links inside the Billing screen keep the sandbox and the login. */
export const billingHref = (
  cx: ConsoleCx,
  who: EndUser,
  path: string,
  params: Record<string, string | number> = {},
): string => cx.href(path, { login: who.loginId, ...params });

/**
 * A Billing page for a configured end user; otherwise the "Billing Not Configured" page with what
 * to fix and where (every Billing operation would answer 409).
 */
export function billingPage(cx: ConsoleCx, render: (who: EndUser) => PageResult): PageResult {
  const who = endUserOf(cx);
  if (who.eligibility.configured) return { ownNotices: true, ...render(who) };
  const reasons = who.eligibility.reasons;
  return {
    title: 'Billing Not Configured',
    ownNotices: true,
    body: (
      <div>
        <BillingHeader cx={cx} who={who} title="Billing" />
        <NotConfigured cx={cx} who={who} reasons={reasons} />
      </div>
    ),
  };
}

export function BillingHeader({
  cx,
  who,
  title,
  problem = true,
  children,
}: {
  cx: ConsoleCx;
  who: EndUser;
  title: string;
  problem?: boolean;
  children?: Child;
}) {
  const name = who.customer ? `${who.customer.firstName} ${who.customer.lastName}` : 'not linked to SecurityTrax';
  const here = cx.path;
  const link = (path: string, text: string) => (
    <a href={billingHref(cx, who, path)} aria-current={here === path ? 'page' : undefined}>
      {text}
    </a>
  );
  return (
    <div>
      <p class="muted small" data-testid="breadcrumb">
        Alarm.com · Settings › Account Management › <strong>Billing</strong> · signed in as{' '}
        <code>{who.login.username}</code> ({name})
      </p>
      <h1>{title}</h1>
      {children}
      {who.eligibility.configured && here !== '/billing' ? (
        <nav aria-label="Billing" class="small" data-testid="billing-nav">
          {link('/billing', 'Overview')} · {link('/billing/pay', 'Pay')} · {link('/billing/payments', 'Payments')} ·{' '}
          {link('/billing/bills', 'Bills')} · {link('/billing/method', 'Payment method')}
        </nav>
      ) : null}
      <Notices cx={cx} problem={problem} />
    </div>
  );
}

export function MethodText({
  method,
  testId,
}: {
  method: ReturnType<typeof paymentMethodView> | null;
  testId?: string;
}) {
  if (!method) return <span class="muted">None</span>;
  if (method.type === 'bank_account') {
    return (
      <span data-testid={testId}>
        {method.bankName ? <span>{method.bankName} · </span> : null}
        <strong>{method.label.replace(/ ending in .*/, '')}</strong> account ending in <strong>{method.last4}</strong>
      </span>
    );
  }
  const brand = method.brand
    ? method.brand.charAt(0).toUpperCase() + method.brand.slice(1)
    : method.bankName || 'Bank account';
  const expiry =
    method.expMonth !== null && method.expYear !== null
      ? `${String(method.expMonth).padStart(2, '0')}/${method.expYear}`
      : null;
  return (
    <span data-testid={testId}>
      <strong>{brand}</strong> ending in <strong>{method.last4}</strong>
      {expiry ? <span> · expires {expiry}</span> : null}
      {method.expired ? <span class="badge bad">expired</span> : null}
    </span>
  );
}

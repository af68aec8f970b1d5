// What every Billing page shares: which end user it is for, and the Billing sub-navigation.
import type { AdcLogin, Customer } from '../domain/types.ts';
import { notFound } from '../domain/errors.ts';
import { paymentMethodView } from '../services/views.ts';
import { loginIdOf, type ConsoleCx } from './context.ts';

export type EndUser = { loginId: number; login: AdcLogin; customer: Customer | null };

export function endUserOf(cx: ConsoleCx): EndUser {
  const loginId = loginIdOf(cx);
  const login = cx.services.sim.logins(cx.sandbox).find((l) => l.id === loginId);
  if (!login) throw notFound('Login', loginId);
  const customer = login.customerId === null ? null : (cx.services.dealer.listCustomers(cx.sandbox).find((c) => c.id === login.customerId) ?? null);
  return { loginId, login, customer };
}

/** Links inside the Billing screen keep the sandbox and the login. */
export const billingHref = (cx: ConsoleCx, who: EndUser, path: string, params: Record<string, string | number> = {}): string =>
  cx.href(path, { login: who.loginId, ...params });

export function BillingHeader({ cx, who, title }: { cx: ConsoleCx; who: EndUser; title: string }) {
  const name = who.customer ? `${who.customer.firstName} ${who.customer.lastName}` : 'not linked to SecurityTrax';
  const link = (path: string, text: string) => <a href={billingHref(cx, who, path)}>{text}</a>;
  return (
    <div>
      <p class="muted small">
        Alarm.com · Settings › Account Management › <strong>Billing</strong> · signed in as <code>{who.login.username}</code> ({name})
      </p>
      <h1>{title}</h1>
      <p class="small">
        {link('/billing', 'Overview')} · {link('/billing/pay', 'Pay')} · {link('/billing/payments', 'Payments')} ·{' '}
        {link('/billing/bills', 'Bills')} · {link('/billing/method', 'Payment method')}
      </p>
    </div>
  );
}

export function MethodText({ method, testId }: { method: ReturnType<typeof paymentMethodView> | null; testId?: string }) {
  if (!method) return <span class="muted">None</span>;
  const brand = method.brand ? method.brand.charAt(0).toUpperCase() + method.brand.slice(1) : (method.bankName || 'Bank account');
  const expiry = method.expMonth !== null && method.expYear !== null ? `${String(method.expMonth).padStart(2, '0')}/${method.expYear}` : null;
  return (
    <span data-testid={testId}>
      <strong>{brand}</strong> ending in <strong>{method.last4}</strong>
      {expiry ? <span> · expires {expiry}</span> : null}
      {method.expired ? <span class="badge bad">expired</span> : null}
    </span>
  );
}

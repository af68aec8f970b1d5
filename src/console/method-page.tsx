// "Current Payment Method" > Change: a new card (becomes the Auto Pay method) or a new expiry.
import type { Hono } from 'hono';
import type { Services } from '../app.ts';
import type { ChangePaymentMethodInput } from '../domain/payment-method.ts';
import { methodById, paymentMethodView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, endUserOf } from './billing-common.tsx';
import { CardFields } from './card-fields.tsx';
import type { ConsoleCx } from './context.ts';
import { newCardOf, wholeNumber } from './forms.ts';
import { action, page, type Log, type PageResult } from './handle.tsx';

function methodScreen(cx: ConsoleCx): PageResult {
  const who = endUserOf(cx);
  const { state, billingMethodId } = cx.services.billing.paymentMethod(cx.sandbox, who.loginId);
  const stored = methodById(state, billingMethodId);
  const current = stored ? paymentMethodView(stored) : null;
  const holder = who.customer ? `${who.customer.firstName} ${who.customer.lastName}` : '';
  const post = billingHref(cx, who, '/billing/method');
  const body = (
    <div>
      <BillingHeader cx={cx} who={who} title="Change payment method" />
      <div class="card">
        <h2>Current Payment Method</h2>
        <MethodText method={current} testId="payment-method" />
        <p class="muted small">A payment method cannot be removed, only updated or replaced. Setting one enrols the account in Auto Pay.</p>
      </div>
      <form method="post" action={post} class="card" data-testid="new-card-form">
        <h2>Use a new card</h2>
        <input type="hidden" name="mode" value="card" />
        <CardFields holder={holder} />
        <button type="submit">Save card</button>
      </form>
      {current?.type === 'credit_card' ? (
        <form method="post" action={post} class="card" data-testid="expiry-form">
          <h2>Update the expiry of the current card</h2>
          <input type="hidden" name="mode" value="expiry" />
          <label>Expiry month <input type="number" name="expMonth" min="1" max="12" value={String(current.expMonth ?? '')} style="width:5em" /></label>
          <label>Expiry year <input type="number" name="expYear" min="2000" max="2999" value={String(current.expYear ?? '')} style="width:6em" /></label>
          <button type="submit">Update expiry</button>
        </form>
      ) : null}
    </div>
  );
  return { title: 'Change payment method', body };
}

function inputOf(form: Record<string, string>): ChangePaymentMethodInput {
  if (form.mode === 'expiry') {
    return { expiry: { expMonth: wholeNumber(form, 'expMonth', '/expiry/expMonth'), expYear: wholeNumber(form, 'expYear', '/expiry/expYear') } };
  }
  return { newBillingMethod: newCardOf(form) };
}

export function methodRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/billing/method', page(services, log, methodScreen));
  const back = (cx: ConsoleCx) => cx.href('/billing/method', { login: cx.query.get('login') });
  app.post('/billing/method', action(services, log, back, async (cx, form) => {
    const who = endUserOf(cx);
    const { billingMethod } = await cx.services.billing.changePaymentMethod(cx.sandbox, who.loginId, inputOf(form));
    const label = paymentMethodView(billingMethod).label;
    const flash = form.mode === 'expiry' ? `Expiry updated: ${label}.` : `Payment method changed to ${label}; Auto Pay uses it from now on.`;
    return { to: '/billing', params: { login: who.loginId }, flash };
  }));
}

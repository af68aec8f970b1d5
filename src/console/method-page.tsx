// "Current Payment Method" > Change: a new card or bank account (becomes the Auto Pay method), or a new
// expiry for the current card. A refused change comes back to the form it came from, errors by the field.
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import type { ChangePaymentMethodInput } from '../domain/payment-method.ts';
import { checkApiRequest } from '../http/request-check.ts';
import { methodById, paymentMethodView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, billingPage, endUserOf } from './billing-common.tsx';
import { BankFields, CardFields } from './card-fields.tsx';
import { FieldError, ProblemBox, invalidAttrs } from './components.tsx';
import type { ConsoleCx, ProblemView } from './context.ts';
import { newBankAccountOf, newCardOf, wholeNumber } from './forms.ts';
import { action, page, type Log, type PageResult } from './handle.tsx';
import { fieldMessages } from './messages.ts';

type Mode = 'card' | 'bank' | 'expiry';

function methodScreen(cx: ConsoleCx): PageResult {
  return billingPage(cx, (who) => {
    const { state, billingMethodId } = cx.services.billing.paymentMethod(cx.sandbox, who.loginId);
    const stored = methodById(state, billingMethodId);
    const current = stored ? paymentMethodView(stored) : null;
    const holder = who.customer ? `${who.customer.firstName} ${who.customer.lastName}` : '';
    const post = billingHref(cx, who, '/billing/method');
    // The problem belongs to the form named by ?mode= (set by the redirect after a refused change).
    const problemFor = (mode: Mode): ProblemView | null => (cx.query.get('mode') === mode ? cx.problem : null);
    const errors = (mode: Mode) => fieldMessages(problemFor(mode));
    const box = (mode: Mode) => {
      const p = problemFor(mode);
      return p ? <ProblemBox problem={p} /> : null;
    };
    const expiryErrors = errors('expiry');
    const body = (
      <div>
        <BillingHeader cx={cx} who={who} title="Change payment method" problem={false} />
        <div class="card">
          <h2>Current Payment Method</h2>
          <MethodText method={current} testId="payment-method" />
          <p class="muted small">
            A payment method cannot be removed, only updated or replaced. Setting one enrols the account in Auto Pay.
          </p>
        </div>
        <form method="post" action={post} class="card" data-testid="new-card-form" id="card" novalidate>
          <h2>Use a new card</h2>
          {box('card')}
          <input type="hidden" name="mode" value="card" />
          <CardFields id="card" holder={holder} errors={errors('card')} />
          <button type="submit">Save card</button>
        </form>
        <form method="post" action={post} class="card" data-testid="bank-form" id="bank" novalidate>
          <h2>Use a bank account</h2>
          {box('bank')}
          <input type="hidden" name="mode" value="bank" />
          <BankFields id="bank" holder={holder} errors={errors('bank')} />
          <button type="submit">Save bank account</button>
        </form>
        {current?.type === 'credit_card' ? (
          <form method="post" action={post} class="card" data-testid="expiry-form" id="expiry" novalidate>
            <h2>Update the expiry of the current card</h2>
            {box('expiry')}
            <input type="hidden" name="mode" value="expiry" />
            <label>
              Expiry month{' '}
              <input
                type="text"
                inputmode="numeric"
                maxlength={2}
                name="expMonth"
                value={String(current.expMonth ?? '')}
                style="width:5em"
                {...invalidAttrs('expiry-expMonth-error', expiryErrors.expMonth)}
              />
            </label>
            <label>
              Expiry year{' '}
              <input
                type="text"
                inputmode="numeric"
                maxlength={4}
                name="expYear"
                value={String(current.expYear ?? '')}
                style="width:6em"
                {...invalidAttrs('expiry-expYear-error', expiryErrors.expYear)}
              />
            </label>
            <FieldError id="expiry-expMonth-error" text={expiryErrors.expMonth} />
            <FieldError id="expiry-expYear-error" text={expiryErrors.expYear} />
            <button type="submit">Update expiry</button>
          </form>
        ) : null}
      </div>
    );
    return { title: 'Change payment method', body };
  });
}

function inputOf(form: Record<string, string>): ChangePaymentMethodInput {
  if (form.mode === 'expiry') {
    return {
      expiry: {
        expMonth: wholeNumber(form, 'expMonth', '/expiry/expMonth', 'expiry month'),
        expYear: wholeNumber(form, 'expYear', '/expiry/expYear', 'expiry year'),
      },
    };
  }
  return { newBillingMethod: form.mode === 'bank' ? newBankAccountOf(form) : newCardOf(form) };
}

const modeOf = (form: Record<string, string>): Mode =>
  form.mode === 'bank' || form.mode === 'expiry' ? form.mode : 'card';

export function methodRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/billing/method', page(services, log, methodScreen));
  const back = (cx: ConsoleCx, form: Record<string, string>) =>
    `${cx.href('/billing/method', { login: cx.query.get('login'), mode: modeOf(form) })}#${modeOf(form)}`;
  app.post(
    '/billing/method',
    action(services, log, back, async (cx, form) => {
      const who = endUserOf(cx);
      const input = inputOf(form);
      checkApiRequest('changePaymentMethod', { body: input });
      const { billingMethod } = await cx.services.billing.changePaymentMethod(cx.sandbox, who.loginId, input);
      const label = paymentMethodView(billingMethod).label;
      const flash =
        form.mode === 'expiry'
          ? `Expiry updated: ${label}.`
          : `Payment method changed to ${label}; Auto Pay uses it from now on.`;
      return { to: '/billing', params: { login: who.loginId }, flash };
    }),
  );
}

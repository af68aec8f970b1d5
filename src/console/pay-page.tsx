// "Pay": choose a predefined amount or your own, then the saved method or a new card, then Make Payment.
import type { Context, Hono } from 'hono';
import type { Services } from '../app.ts';
import { DomainError } from '../domain/errors.ts';
import { methodById, paymentMethodView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, endUserOf, type EndUser } from './billing-common.tsx';
import { CardFields } from './card-fields.tsx';
import { ProblemBox, money } from './components.tsx';
import { problemOf, type ConsoleCx, type ProblemView } from './context.ts';
import { dollarsToCents, newCardOf } from './forms.ts';
import { action, page, type Log, type PageResult } from './handle.tsx';

type Options = ReturnType<Services['billing']['paymentOptions']>;

function AmountStep({ cx, who, opts, problem }: { cx: ConsoleCx; who: EndUser; opts: Options; problem: ProblemView | null }) {
  const { options, custom } = opts.options;
  const typed = problem ? (cx.query.get('dollars') ?? '') : '';
  return (
    <form method="get" action="/billing/pay" class="card" data-testid="pay-amount">
      <h2>1. Choose an amount</h2>
      {problem ? <ProblemBox problem={problem} /> : null}
      <input type="hidden" name="sandbox" value={cx.sandbox} />
      <input type="hidden" name="login" value={String(who.loginId)} />
      <div class="choices">
        {options.map((o, i) => (
          <label><input type="radio" name="choice" value={String(o.amountCents)} checked={i === 0 && !problem} data-kind={o.kind} /> {o.label}: <strong>{money(o.amountCents)}</strong></label>
        ))}
        <label data-selects="choice-custom">
          <input type="radio" name="choice" value="custom" id="choice-custom" checked={options.length === 0 || problem !== null} data-kind="custom" /> Other amount: $
          <input type="text" name="dollars" value={typed} inputmode="decimal" placeholder="0.00" style="width:7em" aria-label="Other amount in dollars" />
          <span class="muted small">({money(custom.minCents)} to {money(custom.maxCents)})</span>
        </label>
      </div>
      <button type="submit">Next</button>
    </form>
  );
}

function MethodStep({ cx, who, opts, amountCents }: { cx: ConsoleCx; who: EndUser; opts: Options; amountCents: number }) {
  const saved = methodById(opts.state, opts.savedMethodId);
  const holder = who.customer ? `${who.customer.firstName} ${who.customer.lastName}` : '';
  return (
    <form method="post" action={billingHref(cx, who, '/billing/pay')} class="card" data-testid="pay-method">
      <h2>2. Pay {money(amountCents)} with</h2>
      <p class="small"><a href={billingHref(cx, who, '/billing/pay')}>Change amount</a></p>
      <input type="hidden" name="amountCents" value={String(amountCents)} />
      <div class="choices">
        {saved ? <label><input type="radio" name="method" value="saved" checked /> Saved method: <MethodText method={paymentMethodView(saved)} /></label> : null}
        <label><input type="radio" name="method" value="new" id="method-new" checked={!saved} /> A new card (saved in SecurityTrax; Auto Pay keeps its method)</label>
      </div>
      <fieldset data-selects="method-new"><legend>New card</legend><CardFields holder={holder} /></fieldset>
      <button type="submit" data-testid="make-payment">Make Payment</button>
    </form>
  );
}

/** The amount chosen on step 1 (predefined option in cents, or dollars typed), or the problem with it. */
function chosenAmount(cx: ConsoleCx): { cents: number | null; problem: ProblemView | null } {
  const direct = cx.query.get('amountCents');
  if (direct && /^\d+$/.test(direct)) return { cents: Number(direct), problem: null };
  const choice = cx.query.get('choice');
  if (!choice) return { cents: null, problem: null };
  if (/^\d+$/.test(choice)) return { cents: Number(choice), problem: null };
  try {
    return { cents: dollarsToCents(cx.query.get('dollars') ?? '', '/dollars'), problem: null };
  } catch (err) {
    if (err instanceof DomainError) return { cents: null, problem: problemOf(err) };
    throw err;
  }
}

function payScreen(cx: ConsoleCx): PageResult {
  const who = endUserOf(cx);
  const opts = cx.services.billing.paymentOptions(cx.sandbox, who.loginId);
  const { cents, problem } = chosenAmount(cx);
  const step = cents === null ? <AmountStep cx={cx} who={who} opts={opts} problem={problem} /> : <MethodStep cx={cx} who={who} opts={opts} amountCents={cents} />;
  return { title: 'Pay', body: <div><BillingHeader cx={cx} who={who} title="Make a payment" />{step}</div> };
}

async function makePayment(cx: ConsoleCx, form: Record<string, string>, _c: Context) {
  const who = endUserOf(cx);
  const amountCents = Number(form.amountCents);
  const input = form.method === 'new' ? { newBillingMethod: newCardOf(form) } : {};
  const { payment } = await cx.services.billing.makePayment(cx.sandbox, { loginId: who.loginId, amountCents, ...input });
  return { to: `/billing/payments/${payment.id}`, params: { login: who.loginId, result: 1 } };
}

export function payRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/billing/pay', page(services, log, payScreen));
  const back = (cx: ConsoleCx, form: Record<string, string>) =>
    cx.href('/billing/pay', { login: cx.query.get('login'), amountCents: /^\d+$/.test(form.amountCents ?? '') ? form.amountCents : null });
  app.post('/billing/pay', action(services, log, back, makePayment));
}

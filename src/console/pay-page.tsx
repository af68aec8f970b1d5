// "Pay": choose a predefined amount or your own, then the saved method or a new card, then Make Payment.
// Step 1 refuses an amount outside the range before step 2 (the billing service's own check); errors
// sit in the form, next to the field they are about.
import type { Context, Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { centsToDecimal } from '../domain/money.ts';
import { DomainError } from '../domain/errors.ts';
import { checkApiRequest } from '../http/request-check.ts';
import { methodById, paymentMethodView } from '../services/views.ts';
import { BillingHeader, MethodText, billingHref, billingPage, endUserOf } from './billing-common.tsx';
import { CardFields } from './card-fields.tsx';
import { FieldError, ProblemBox, money } from './components.tsx';
import { problemOf, type ConsoleCx, type EndUser, type ProblemView } from './context.ts';
import { dollarsToCents, newCardOf } from './forms.ts';
import { action, page, type Log, type PageResult } from './handle.tsx';
import { fieldMessages } from './messages.ts';

type Options = ReturnType<Services['billing']['paymentOptions']>;

const AMOUNT_CODES = new Set(['invalid-amount', 'amount-exceeds-balance', 'nothing-owed']);

function AmountStep({
  cx,
  who,
  opts,
  problem,
}: {
  cx: ConsoleCx;
  who: EndUser;
  opts: Options;
  problem: ProblemView | null;
}) {
  const { options, custom } = opts.options;
  const range = { minCents: custom.minCents, maxCents: custom.maxCents };
  const typed = problem ? (cx.query.get('dollars') ?? '') : '';
  const errors = fieldMessages(problem, range);
  const err = errors.dollars;
  const described = ['amount-range', err ? 'dollars-error' : ''].filter(Boolean).join(' ');
  return (
    <form method="get" action="/billing/pay" class="card" data-testid="pay-amount" novalidate>
      <h2>1. Choose an amount</h2>
      {problem ? <ProblemBox problem={problem} range={range} /> : null}
      <input type="hidden" name="sandbox" value={cx.sandbox} />
      <input type="hidden" name="login" value={String(who.loginId)} />
      <fieldset class="choices" data-selects="choice-custom">
        <legend class="sr-only">Amount</legend>
        {options.map((o, i) => (
          <label>
            <input
              type="radio"
              name="choice"
              value={String(o.amountCents)}
              checked={i === 0 && !problem}
              data-kind={o.kind}
            />{' '}
            {o.label}: <strong>{money(o.amountCents)}</strong>
          </label>
        ))}
        <label>
          <input
            type="radio"
            name="choice"
            value="custom"
            id="choice-custom"
            checked={options.length === 0 || problem !== null}
            data-kind="custom"
          />{' '}
          Other amount
        </label>
        <label class="block">
          ${' '}
          <input
            type="text"
            name="dollars"
            value={typed}
            inputmode="decimal"
            placeholder="0.00"
            style="width:8em"
            aria-label="Other amount in dollars"
            aria-describedby={described}
            aria-invalid={err ? 'true' : undefined}
          />
          <span class="muted small" id="amount-range">
            {money(custom.minCents)} to {money(custom.maxCents)}
          </span>
        </label>
        <FieldError id="dollars-error" text={err} />
      </fieldset>
      <button type="submit">Next</button>
    </form>
  );
}

function MethodStep({
  cx,
  who,
  opts,
  amountCents,
  problem,
}: {
  cx: ConsoleCx;
  who: EndUser;
  opts: Options;
  amountCents: number;
  problem: ProblemView | null;
}) {
  const saved = methodById(opts.state, opts.savedMethodId);
  const holder = who.customer ? `${who.customer.firstName} ${who.customer.lastName}` : '';
  const wantsNew = !saved || cx.query.get('method') === 'new' || problem !== null;
  return (
    <form method="post" action={billingHref(cx, who, '/billing/pay')} class="card" data-testid="pay-method" novalidate>
      <h2>2. Pay {money(amountCents)} with</h2>
      {problem ? <ProblemBox problem={problem} /> : null}
      <p class="small">
        <a href={billingHref(cx, who, '/billing/pay')}>Change amount</a>
      </p>
      <input type="hidden" name="amountCents" value={String(amountCents)} />
      <fieldset class="choices">
        <legend class="sr-only">Payment method</legend>
        {saved ? (
          <label>
            <input type="radio" name="method" value="saved" checked={!wantsNew} /> Saved method:{' '}
            <MethodText method={paymentMethodView(saved)} />
          </label>
        ) : null}
        <label>
          <input type="radio" name="method" value="new" id="method-new" checked={wantsNew} /> A new card (saved in
          SecurityTrax; Auto Pay keeps its method)
        </label>
      </fieldset>
      <fieldset data-selects="method-new" id="new-card">
        <legend>New card</legend>
        <CardFields id="pay" holder={holder} errors={fieldMessages(problem)} />
      </fieldset>
      <button type="submit" data-testid="make-payment">
        Make Payment
      </button>
    </form>
  );
}

/** The amount chosen on step 1 (predefined option in cents, or dollars typed), checked against the balance. */
function chosenAmount(cx: ConsoleCx, who: EndUser): { cents: number | null; problem: ProblemView | null } {
  const direct = cx.query.get('amountCents');
  const choice = cx.query.get('choice');
  if (!(direct && /^\d+$/.test(direct)) && !choice) return { cents: null, problem: null };
  try {
    const cents =
      direct && /^\d+$/.test(direct)
        ? Number(direct)
        : choice && /^\d+$/.test(choice)
          ? Number(choice)
          : dollarsToCents(cx.query.get('dollars') ?? '', '/dollars');
    cx.services.billing.checkPaymentAmount(cx.sandbox, who.loginId, cents);
    return { cents, problem: null };
  } catch (err) {
    if (err instanceof DomainError && AMOUNT_CODES.has(err.code)) return { cents: null, problem: problemOf(err) };
    throw err;
  }
}

function payScreen(cx: ConsoleCx): PageResult {
  return billingPage(cx, (who) => {
    const opts = cx.services.billing.paymentOptions(cx.sandbox, who.loginId);
    const { cents, problem } = chosenAmount(cx, who);
    const step =
      cents === null ? (
        <AmountStep cx={cx} who={who} opts={opts} problem={problem} />
      ) : (
        <MethodStep cx={cx} who={who} opts={opts} amountCents={cents} problem={cx.problem} />
      );
    return {
      title: 'Pay',
      body: (
        <div>
          <BillingHeader cx={cx} who={who} title="Make a payment" problem={false} />
          {step}
        </div>
      ),
    };
  });
}

async function makePayment(cx: ConsoleCx, form: Record<string, string>, _c: Context) {
  const who = endUserOf(cx);
  const amountCents = Number(form.amountCents);
  const body = { amountCents, ...(form.method === 'new' ? { newBillingMethod: newCardOf(form) } : {}) };
  checkApiRequest('makePayment', { body });
  const { payment } = await cx.services.billing.makePayment(cx.sandbox, { loginId: who.loginId, ...body });
  return { to: `/billing/payments/${payment.id}`, params: { login: who.loginId, result: 1 } };
}

/** Amount problems go back to step 1 with what was typed; method problems to step 2, new card chosen. */
function back(cx: ConsoleCx, form: Record<string, string>, err: DomainError): string {
  const login = cx.query.get('login');
  const cents = /^\d{1,12}$/.test(form.amountCents ?? '') ? Number(form.amountCents) : null;
  if (cents === null || AMOUNT_CODES.has(err.code)) {
    return cx.href('/billing/pay', { login, choice: 'custom', dollars: cents === null ? '' : centsToDecimal(cents) });
  }
  return `${cx.href('/billing/pay', { login, amountCents: cents, method: 'new' })}#new-card`;
}

export function payRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/billing/pay', page(services, log, payScreen));
  app.post('/billing/pay', action(services, log, back, makePayment));
}

// Consumer: the Alarm.com Billing screen (Settings > Account Management > Billing).
// Provider: the SecurityTrax billing integration behind /alarm-com/api/billing.
// Every provider state is the name of a scenario file in scenarios/ (its `given` is the starting
// state); the only parameter is `advanceTo`, a virtual-clock target reached after loading it.
import { MatchersV3 as M } from '@pact-foundation/pact';
import { describe, expect } from 'vitest';
import {
  BillingNotConfiguredError,
  createBillingClient,
  PaymentDeclinedError,
  type BillingClient,
} from '../clients/index.ts';
import { pactSuite } from './pact-support.ts';

const { pact, interaction } = pactSuite('alarm-com-billing-screen', 'securitytrax-billing');

const PROBLEMS = 'https://trax-sim.dev/problems/';
const API = '/alarm-com/api/billing';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

// Credentials of the end-user login defined in each scenario's given.
const LOGINS = {
  'three-past-due': ['jane', 'jane-pass'],
  'declined-card': ['lee', 'lee-pass'],
  'new-card-not-autopay': ['vic', 'vic-pass'],
  'no-mmr': ['bob', 'bob-pass'],
  'billing-not-configured': ['kim', 'kim-pass'],
} as const;
type State = keyof typeof LOGINS;

const authHeader = (state: State) => {
  const [username, password] = LOGINS[state];
  return { Authorization: M.regex(/^Basic [A-Za-z0-9+/=]+$/, basic(username, password)) };
};
const client = (url: string, state: State): BillingClient => {
  const [username, password] = LOGINS[state];
  return createBillingClient({ baseUrl: url, username, password });
};

// Shapes the screen reads. Matchers check types/formats; literal values only where they define the case.
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const date = (example: string) => M.regex(DATE, example);
const JSON_TYPE = { 'Content-Type': M.regex(/^application\/json/, 'application/json') };
const PROBLEM_TYPE = { 'Content-Type': M.regex(/^application\/problem\+json/, 'application/problem+json') };
const methodView = (label: string, last4: string) => ({
  type: M.regex(/^(credit_card|bank_account)$/, 'credit_card'),
  label: M.string(label),
  last4: M.regex(/^\d{4}$/, last4),
  expired: M.boolean(false),
});
const summaryInvoice = (invoiceId: number, dueDate: string, balanceCents: number) => ({
  invoiceId: M.integer(invoiceId),
  dueDate: date(dueDate),
  balanceCents: M.integer(balanceCents),
});
const paymentView = (example: {
  amountCents: number;
  status: string;
  source: string;
  label: string;
  last4: string;
  createdAt: string;
}) => ({
  id: M.integer(1),
  amountCents: M.integer(example.amountCents),
  createdAt: M.regex(INSTANT, example.createdAt),
  status: M.regex(/^(succeeded|failed)$/, example.status),
  source: M.regex(/^(one_time|auto_pay|dealer)$/, example.source),
  method: methodView(example.label, example.last4),
});

const MAR_3 = { advanceTo: '2019-03-03T09:00:00Z' };

describe('alarm-com-billing-screen -> securitytrax-billing', () => {
  interaction('summary: configured, paid up, Auto Pay on', async () => {
    await pact
      .addInteraction()
      .given('new-card-not-autopay')
      .uponReceiving('a summary request for a configured account with nothing due')
      .withRequest('GET', `${API}/summary`, (b) => b.headers(authHeader('new-card-not-autopay')))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          balanceDueCents: M.integer(0),
          balancePastDueCents: M.integer(0),
          paymentMethod: methodView('Visa ending in 3030', '3030'),
          autoPay: { enabled: true, canBeDisabled: false },
        }),
      )
      .executeTest(async (server) => {
        const summary = await client(server.url, 'new-card-not-autopay').summary();
        expect(summary.balanceDueCents).toBe(0);
        expect(summary.paymentMethod?.label).toBe('Visa ending in 3030');
        expect(summary.autoPay.enabled).toBe(true);
      });
  });

  interaction('summary: past due', async () => {
    await pact
      .addInteraction()
      .given('three-past-due', MAR_3)
      .uponReceiving('a summary request for an account with past-due invoices')
      .withRequest('GET', `${API}/summary`, (b) => b.headers(authHeader('three-past-due')))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          balanceDueCents: M.integer(11997),
          dueDate: date('2019-01-03'),
          balancePastDueCents: M.integer(7998),
          pastDueInvoices: M.eachLike(summaryInvoice(1, '2019-01-03', 3999)),
          currentInvoice: summaryInvoice(3, '2019-03-03', 3999),
          paymentMethod: methodView('Visa ending in 0002', '0002'),
          autoPay: { enabled: M.boolean(true) },
        }),
      )
      .executeTest(async (server) => {
        const summary = await client(server.url, 'three-past-due').summary();
        expect(summary.balancePastDueCents).toBe(7998);
        expect(summary.pastDueInvoices[0]?.dueDate).toBe('2019-01-03');
        expect(summary.currentInvoice?.balanceCents).toBe(3999);
      });
  });

  interaction('summary: not configured, no MMR recurring invoice', async () => {
    await pact
      .addInteraction()
      .given('no-mmr')
      .uponReceiving('a summary request for an account without an MMR recurring invoice')
      .withRequest('GET', `${API}/summary`, (b) => b.headers(authHeader('no-mmr')))
      .willRespondWith(409, (b) =>
        b.headers(PROBLEM_TYPE).jsonBody({
          type: `${PROBLEMS}billing-not-configured`,
          title: M.string('Billing Not Configured'),
          reasons: M.eachLike({
            code: M.equal('no-mmr-recurring-invoice'),
            message: M.string(
              'The SecurityTrax account has no Recurring Invoice with the MMR (ID 3) Invoice Line Item.',
            ),
          }),
        }),
      )
      .executeTest(async (server) => {
        const err = await client(server.url, 'no-mmr')
          .summary()
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BillingNotConfiguredError);
        expect((err as BillingNotConfiguredError).reasons.map((r) => r.code)).toEqual(['no-mmr-recurring-invoice']);
      });
  });

  interaction('summary: not configured, login not linked', async () => {
    await pact
      .addInteraction()
      .given('billing-not-configured')
      .uponReceiving('a summary request from a login not linked to a SecurityTrax account')
      .withRequest('GET', `${API}/summary`, (b) => b.headers(authHeader('billing-not-configured')))
      .willRespondWith(409, (b) =>
        b.headers(PROBLEM_TYPE).jsonBody({
          type: `${PROBLEMS}billing-not-configured`,
          title: M.string('Billing Not Configured'),
          reasons: M.eachLike({
            code: M.equal('login-not-linked'),
            message: M.string('This Alarm.com login is not linked to a SecurityTrax account.'),
          }),
        }),
      )
      .executeTest(async (server) => {
        const err = await client(server.url, 'billing-not-configured')
          .summary()
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BillingNotConfiguredError);
        expect((err as BillingNotConfiguredError).reasons[0]?.code).toBe('login-not-linked');
      });
  });

  interaction('payment amount options', async () => {
    await pact
      .addInteraction()
      .given('three-past-due', MAR_3)
      .uponReceiving('a request for the amounts that can be paid')
      .withRequest('GET', `${API}/payment-options`, (b) => b.headers(authHeader('three-past-due')))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          options: M.eachLike({
            kind: M.regex(/^(past_due|current_balance|full_balance)$/, 'past_due'),
            label: M.string('Balance Past Due'),
            amountCents: M.integer(7998),
          }),
          custom: { minCents: M.integer(1), maxCents: M.integer(11997) },
        }),
      )
      .executeTest(async (server) => {
        const options = await client(server.url, 'three-past-due').paymentOptions();
        expect(options.options[0]?.kind).toBe('past_due');
        expect(options.custom.maxCents).toBe(11997);
      });
  });

  const newCard = (number: string) =>
    ({ type: 'credit_card', card: { number, expMonth: 8, expYear: 2031, holderName: 'Lee Chan' } }) as const;

  interaction('one-time payment: succeeds', async () => {
    const body = { amountCents: 4500, newBillingMethod: newCard('4242 4242 4242 4242') };
    await pact
      .addInteraction()
      .given('declined-card')
      .uponReceiving('a one-time payment of the balance with a good new card')
      .withRequest('POST', `${API}/payments`, (b) =>
        b.headers({ ...authHeader('declined-card'), 'Content-Type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(201, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          ...paymentView({
            amountCents: 4500,
            status: 'succeeded',
            source: 'one_time',
            label: 'Visa ending in 4242',
            last4: '4242',
            createdAt: '2019-01-10T12:00:00.000Z',
          }),
          status: 'succeeded',
          allocations: M.eachLike({
            invoiceId: M.integer(1),
            invoiceDueDate: date('2019-01-10'),
            amountCents: M.integer(4500),
          }),
        }),
      )
      .executeTest(async (server) => {
        const payment = await client(server.url, 'declined-card').makePayment(body);
        expect(payment.status).toBe('succeeded');
        expect(payment.allocations[0]?.amountCents).toBe(4500);
      });
  });

  interaction('one-time payment: declined', async () => {
    const body = { amountCents: 4500, newBillingMethod: newCard('4000 0000 0000 0002') };
    await pact
      .addInteraction()
      .given('declined-card')
      .uponReceiving('a one-time payment with a card that is declined')
      .withRequest('POST', `${API}/payments`, (b) =>
        b.headers({ ...authHeader('declined-card'), 'Content-Type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(402, (b) =>
        b.headers(PROBLEM_TYPE).jsonBody({
          type: `${PROBLEMS}payment-declined`,
          detail: M.string('The card was declined. No balance was changed.'),
          paymentId: M.integer(1),
          reason: M.regex(
            /^(card_declined|insufficient_funds|expired_card|bank_account_returned|processor_fault)$/,
            'card_declined',
          ),
        }),
      )
      .executeTest(async (server) => {
        const err = await client(server.url, 'declined-card')
          .makePayment(body)
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(PaymentDeclinedError);
        expect((err as PaymentDeclinedError).reason).toBe('card_declined');
        expect((err as PaymentDeclinedError).status).toBe(402);
      });
  });

  interaction('change payment method', async () => {
    const body = { newBillingMethod: newCard('4242424242424242') };
    await pact
      .addInteraction()
      .given('declined-card')
      .uponReceiving('a change of the Auto Pay payment method to a new card')
      .withRequest('PUT', `${API}/payment-method`, (b) =>
        b.headers({ ...authHeader('declined-card'), 'Content-Type': 'application/json' }).jsonBody(body),
      )
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          paymentMethod: {
            ...methodView('Visa ending in 4242', '4242'),
            expMonth: M.integer(8),
            expYear: M.integer(2031),
          },
          autoPay: { enabled: true, canBeDisabled: false },
        }),
      )
      .executeTest(async (server) => {
        const state = await client(server.url, 'declined-card').changePaymentMethod(body);
        expect(state.paymentMethod?.last4).toBe('4242');
        expect(state.autoPay.enabled).toBe(true);
      });
  });

  interaction('payment history', async () => {
    await pact
      .addInteraction()
      .given('new-card-not-autopay')
      .uponReceiving('a request for the payment history')
      .withRequest('GET', `${API}/payments`, (b) => b.headers(authHeader('new-card-not-autopay')))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          items: M.eachLike(
            paymentView({
              amountCents: 3300,
              status: 'succeeded',
              source: 'auto_pay',
              label: 'Visa ending in 3030',
              last4: '3030',
              createdAt: '2019-02-05T00:00:00.000Z',
            }),
          ),
        }),
      )
      .executeTest(async (server) => {
        const payments = await client(server.url, 'new-card-not-autopay').payments();
        expect(payments[0]?.source).toBe('auto_pay');
        expect(payments[0]?.method.label).toBe('Visa ending in 3030');
      });
  });

  interaction('payment detail', async () => {
    await pact
      .addInteraction()
      .given('new-card-not-autopay')
      .uponReceiving('a request for one payment')
      .withRequest('GET', `${API}/payments/1`, (b) => b.headers(authHeader('new-card-not-autopay')))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          ...paymentView({
            amountCents: 3300,
            status: 'succeeded',
            source: 'auto_pay',
            label: 'Visa ending in 3030',
            last4: '3030',
            createdAt: '2019-01-05T00:00:00.000Z',
          }),
          id: 1,
          allocations: M.eachLike({
            invoiceId: M.integer(1),
            invoiceDueDate: date('2019-01-05'),
            amountCents: M.integer(3300),
          }),
        }),
      )
      .executeTest(async (server) => {
        const payment = await client(server.url, 'new-card-not-autopay').payment(1);
        expect(payment.id).toBe(1);
        expect(payment.allocations[0]?.invoiceDueDate).toBe('2019-01-05');
      });
  });

  interaction('bills', async () => {
    await pact
      .addInteraction()
      .given('three-past-due', MAR_3)
      .uponReceiving('a request for the bills')
      .withRequest('GET', `${API}/bills`, (b) => b.headers(authHeader('three-past-due')))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          items: M.eachLike({
            id: M.integer(3),
            invoiceDate: date('2019-03-03'),
            dueDate: date('2019-03-03'),
            totalCents: M.integer(3999),
            balanceCents: M.integer(3999),
            status: M.regex(/^(open|past_due|paid)$/, 'open'),
            lines: M.eachLike({ description: M.string('Monthly monitoring'), amountCents: M.integer(3999) }),
          }),
        }),
      )
      .executeTest(async (server) => {
        const bills = await client(server.url, 'three-past-due').bills();
        expect(bills[0]?.status).toBe('open');
        expect(bills[0]?.lines[0]?.description).toBe('Monthly monitoring');
      });
  });
});

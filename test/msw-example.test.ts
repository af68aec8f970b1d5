// Example: your app's code calls the Billing API with plain fetch; in tests, MSW answers with the
// simulator in process (no server, no port). Copy this file's setup into your own test suite.
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBillingClient, PaymentDeclinedError, ProblemError } from '../contracts/clients/index.ts';
import { server } from '../mocks/node.ts';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// The demo end user: three unpaid invoices on 2019-03-03, two of them past due.
const billing = createBillingClient({ baseUrl: 'http://trax-sim.test', username: 'jane', password: 'jane-pass' });

describe('the Billing screen, against the simulator through MSW', () => {
  it('shows the balance due and the past-due invoices', async () => {
    const summary = await billing.summary();
    expect(summary).toMatchObject({ balanceDueCents: 11997, balancePastDueCents: 7998, dueDate: '2019-01-03' });
    expect(summary.pastDueInvoices.map((i) => i.dueDate)).toEqual(['2019-01-03', '2019-02-03']);
    expect(summary.paymentMethod?.label).toBe('Visa ending in 0002');
  });

  it('reports a declined card as a typed error and changes no balance', async () => {
    const attempt = billing.makePayment({
      amountCents: 1000,
      newBillingMethod: {
        type: 'credit_card',
        card: { number: '4000000000000002', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(attempt).rejects.toMatchObject({ status: 402, reason: 'card_declined' });
    expect((await billing.summary()).balanceDueCents).toBe(11997);
  });

  it('can override one endpoint for a test (here: an outage)', async () => {
    server.use(
      http.get('http://trax-sim.test/alarm-com/api/billing/summary', () =>
        HttpResponse.json(
          {
            type: 'https://trax-sim.dev/problems/unavailable',
            title: 'Unavailable',
            status: 503,
            detail: 'Try again later.',
          },
          { status: 503, headers: { 'content-type': 'application/problem+json' } },
        ),
      ),
    );
    const err = await billing.summary().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(503);
  });
});

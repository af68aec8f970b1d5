// Issue 11, defect 3 (money can be corrupted), through the SecurityTrax dealer face: amounts past the
// maximum, or past what JSON carries exactly, are refused up front and change nothing; totals stay safe.
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS } from '../../src/domain/money.ts';
import { DEALER, testApp, type TestApp } from '../support/test-app.ts';

// Carol (customer 2) pays with a good card (billing method 2).
const invoice = (amountCents: number | string, lines = 1) => ({
  customerId: 2,
  invoiceDate: '2019-03-01',
  dueDate: '2019-03-15',
  lines: Array.from({ length: lines }, () => ({ lineItemId: 1, amountCents })),
});

async function refusedUnchanged(t: TestApp, rawBody: string): Promise<{ status: number; body: any }> {
  const before = JSON.stringify(t.state());
  const res = await t.call('POST', '/securitytrax/v1/invoices', { auth: DEALER, rawBody });
  expect(JSON.stringify(t.state())).toBe(before);
  return res;
}

describe('issue 11, defect 3: dealer-side amounts have a maximum', () => {
  it('amountCents 1e308 (twice on one invoice) is a 422 naming the line, not a 201 with totalCents null', async () => {
    const t = await testApp();
    const res = await refusedUnchanged(t, JSON.stringify(invoice(1e308, 2)));
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ path: '/body/lines/0/amountCents', message: `must be <= ${MAX_AMOUNT_CENTS}` });
  });

  it('9007199254740993 is refused, not stored as ...992', async () => {
    const t = await testApp();
    const res = await refusedUnchanged(t, '{"customerId":2,"invoiceDate":"2019-03-01","dueDate":"2019-03-15","lines":[{"lineItemId":1,"amountCents":9007199254740993}]}');
    expect(res.status).toBe(422);
    expect(t.state().invoices.some((i) => i.totalCents > MAX_AMOUNT_CENTS)).toBe(false);
  });

  it('an invoice of 1e20 cents cannot exist, so a 1-cent payment can never leave its balance unmoved', async () => {
    const t = await testApp();
    expect((await refusedUnchanged(t, JSON.stringify(invoice(1e20)))).status).toBe(422);
    const big = await t.call('POST', '/securitytrax/v1/invoices', { auth: DEALER, body: invoice(MAX_AMOUNT_CENTS) });
    expect(big.status).toBe(201);
    const paid = await t.call('POST', '/securitytrax/v1/payments', { auth: DEALER, body: { customerId: 2, invoiceId: big.body.id, billingMethodId: 2, amountCents: 1 } });
    expect(paid.status).toBe(201);
    const after = await t.call('GET', `/securitytrax/v1/invoices/${big.body.id}`, { auth: DEALER });
    expect(after.body.balanceCents).toBe(MAX_AMOUNT_CENTS - 1);
  });

  it('lines that each fit but together pass the maximum are a 422 total-out-of-range', async () => {
    const t = await testApp();
    const res = await refusedUnchanged(t, JSON.stringify(invoice(MAX_AMOUNT_CENTS, 2)));
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://trax-sim.dev/problems/total-out-of-range');
    expect(res.body.errors).toEqual([{ path: '/lines', message: `amounts must total at most ${MAX_AMOUNT_CENTS}` }]);
  });

  it('under strict validation the invoice list keeps answering 200 after the attempts', async () => {
    const t = await testApp();
    for (const amount of [1e308, 1e20, 9007199254740993]) await t.call('POST', '/securitytrax/v1/invoices', { auth: DEALER, body: invoice(amount, 2) });
    const list = await t.call('GET', '/securitytrax/v1/invoices', { auth: DEALER });
    expect(list.status).toBe(200);
    for (const i of list.body.items) expect(Number.isSafeInteger(i.totalCents)).toBe(true);
  });

  it('a dealer payment past the maximum is refused by the spec', async () => {
    const t = await testApp();
    const before = JSON.stringify(t.state());
    const res = await t.call('POST', '/securitytrax/v1/payments', { auth: DEALER, body: { customerId: 1, invoiceId: 1, billingMethodId: 1, amountCents: MAX_AMOUNT_CENTS + 1 } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ path: '/body/amountCents', message: `must be <= ${MAX_AMOUNT_CENTS}` });
    expect(JSON.stringify(t.state())).toBe(before);
  });
});

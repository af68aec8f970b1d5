// Console writes obey the rules that live only in the spec (CVV length, card number pattern, amount
// maximum, sandbox names): the console checks the API request of the operation it performs with the same
// validators as the API, so it refuses with the same problem code and changes nothing. No browser.
import { describe, expect, it } from 'vitest';
import { JANE as JANE_AUTH, testApp, type TestApp } from '../support/test-app.ts';
import { billingData, dealerApi } from '../support/securitytrax.ts';
import { recurringData } from '../rules/rule-app.ts';

const JANE = 1;
const CARD = { number: '4242 4242 4242 4242', expMonth: '8', expYear: '2031', cvv: '123', holderName: 'Jane Doe' };

/** Posts a console form; the refusal comes back as a redirect whose query names the problem. */
async function post(t: TestApp, path: string, form: Record<string, string>): Promise<URLSearchParams> {
  const res = await t.app.request(path, { method: 'POST', body: new URLSearchParams(form) });
  expect(res.status).toBe(303);
  return new URL(res.headers.get('location') ?? '', 'http://console.local').searchParams;
}

const problemCode = (body: { type?: string; errors?: { code: string }[] }) =>
  body.errors?.[0]?.code ?? String(body.type).split('/').pop();
const snapshot = (t: TestApp) => JSON.stringify(t.state());

describe('console writes pass the API request validation', () => {
  it('a CVV of the wrong length: refused on the Pay form as by makePayment, nothing charged or saved', async () => {
    const t = await testApp();
    const api = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE_AUTH,
      body: {
        amountCents: 5000,
        newBillingMethod: { type: 'credit_card', card: { ...CARD, expMonth: 8, expYear: 2031, cvv: '12' } },
      },
    });
    expect(api.status).toBe(422);
    const before = snapshot(t);
    const q = await post(t, `/billing/pay?sandbox=default&login=${JANE}`, {
      amountCents: '5000',
      method: 'new',
      ...CARD,
      cvv: '12',
    });
    expect(q.get('code')).toBe(problemCode(api.body));
    expect(q.getAll('field').join(' ')).toContain('cvv');
    expect(snapshot(t)).toBe(before);
    // The page marks the CVV field.
    const page = await (
      await t.app.request(`/billing/pay?${q.toString()}&login=${JANE}&amountCents=5000&method=new`)
    ).text();
    expect(page).toContain('security code');
  });

  it('an amount over the maximum and a card number of letters: refused as the API refuses them', async () => {
    const t = await testApp();
    const before = snapshot(t);
    const tooMuch = await post(t, `/billing/pay?login=${JANE}`, { amountCents: String(10 ** 12), method: 'saved' });
    const api = await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: JANE_AUTH,
      body: { amountCents: 10 ** 12 },
    });
    expect(api.status).toBe(422);
    expect(tooMuch.get('code')).toBe(problemCode(api.body));
    const letters = await post(t, `/billing/method?login=${JANE}`, {
      mode: 'card',
      ...CARD,
      number: 'four two four two',
    });
    expect(letters.get('code')).toBe('validation-failed');
    expect(letters.getAll('field').join(' ')).toContain('/card/number');
    expect(snapshot(t)).toBe(before);
  });

  it("the dealer's new card: a short CVV is refused as by SecurityTrax createBillingMethod, no method added", async () => {
    const t = await testApp();
    const api = await dealerApi(t).post(
      '/customer_billings',
      billingData(1, {
        type: 'credit_card',
        card: { number: '4242424242424242', expMonth: 8, expYear: 2031, cvv: '1', holderName: 'Jane Doe' },
      } as never),
    );
    expect(api.status).toBe(422);
    expect(api.body.errors[0].source.pointer).toBe('/data/attributes/cvv'); // the face words the same refusal in JSON:API
    const before = snapshot(t);
    const res = await post(t, '/dealer/billing-methods?sandbox=default', {
      customerId: '1',
      type: 'credit_card',
      ...CARD,
      cvv: '1',
    });
    expect(res.get('code')).toBe('validation-failed');
    expect(res.getAll('field').join(' ')).toContain('/card/cvv');
    expect(snapshot(t)).toBe(before);
  });

  it("the dealer's new recurring invoice: a sale date that is no date is refused as by createRecurringInvoice", async () => {
    const t = await testApp();
    const bad = { saleDate: '2019-02-30', startDate: '2019-03-03', lines: [{ lineItemId: 3, amountCents: 2999 }] };
    const api = await dealerApi(t).post('/recurring_invoices', recurringData(1, bad));
    expect(api.status).toBe(422);
    expect(api.body.errors[0].source.pointer).toBe('/data/attributes/sale_date');
    const before = snapshot(t);
    const q = await post(t, '/dealer/recurring-invoices?sandbox=default', {
      customerId: '1',
      saleDate: '2019-02-30',
      startDate: '2019-03-03',
      mmrDollars: '29.99',
    });
    expect(q.get('code')).toBe('validation-failed'); // the API's code for a request its spec refuses
    expect(q.getAll('field').join(' ')).toContain('/saleDate');
    expect(snapshot(t)).toBe(before);
  });

  it('a sandbox name the spec refuses is refused on the Time page, and no sandbox is made', async () => {
    const t = await testApp();
    const api = await t.call('POST', '/__sim/sandboxes', { body: { name: 'Not A Name!', seed: 'empty' } });
    expect(api.status).toBe(422);
    const names = await t.store.names();
    const q = await post(t, '/time/sandboxes', { name: 'Not A Name!', from: 'seed:empty' });
    expect(q.get('code')).toBe(problemCode(api.body));
    expect(await t.store.names()).toEqual(names);
  });
});

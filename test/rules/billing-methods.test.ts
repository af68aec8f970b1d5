import { describe, expect, it } from 'vitest';
import { billingData } from '../support/securitytrax.ts';
import { ADA, BEN, codeOf, dealerOf, link, ruleApp, type RuleApp } from './rule-app.ts';

// Billing methods as the dealer types them in (src/domain/billing-method.ts, card.ts): what is refused,
// what is kept (brand + last 4, never the number), the label the customer sees, and how each test
// instrument of docs/architecture.md behaves when charged. Ada's clock: 2019-01-15.

type Card = { number: string; expMonth?: number; expYear?: number; holderName?: string };
const card = (t: RuleApp, c: Card) =>
  dealerOf(t).post(
    '/customer_billings',
    billingData(t.refs.ada!, {
      type: 'credit_card',
      card: { expMonth: 12, expYear: 2030, holderName: 'Ada Li', ...c },
    }),
  );
const bank = (
  t: RuleApp,
  b: { routingNumber?: string; accountNumber?: string; accountType?: string; bankName?: string; holderName?: string },
) =>
  dealerOf(t).post(
    '/customer_billings',
    billingData(t.refs.ada!, {
      type: 'bank_account',
      bankAccount: {
        routingNumber: '110000000',
        accountNumber: '000123456789',
        accountType: 'checking',
        holderName: 'Ada Li',
        ...b,
      },
    }),
  );
/** The label Ada sees once the method is her Auto Pay method. */
const label = async (t: RuleApp, id: number): Promise<string> =>
  (await t.on('PUT', '/alarm-com/api/billing/payment-method', { auth: ADA, body: { billingMethodId: id } })).body
    .paymentMethod.label;

describe('billing methods typed in by the dealer', () => {
  it('refuses bad numbers, bad or past expiries and numbers in name fields, and changes nothing', async () => {
    const t = await ruleApp();
    const before = JSON.stringify(t.state('rules'));
    const at = (field: string) => ({ pointer: `/data/attributes/${field}` });
    const named = (field: string) => `${field} looks like a card or account number; it would be stored and shown.`;
    const refused: [Promise<{ body: any }>, string, string, string, { pointer: string }][] = [
      [
        card(t, { number: '4242424242424241' }),
        'invalid-card-number',
        'Invalid card number',
        'The card number is not a valid card number.',
        at('card_number'),
      ],
      [
        card(t, { number: '42424242424' }),
        'invalid-card-number',
        'Invalid card number',
        'The card number is not a valid card number.',
        at('card_number'),
      ],
      [
        card(t, { number: '4242424242424242', expMonth: 0 }),
        'invalid-expiry',
        'Invalid expiry',
        'Expiry month 0 is not 1-12.',
        at('exp_month'),
      ],
      [
        card(t, { number: '4242424242424242', expMonth: 13 }),
        'invalid-expiry',
        'Invalid expiry',
        'Expiry month 13 is not 1-12.',
        at('exp_month'),
      ],
      [
        card(t, { number: '4242424242424242', expYear: 1999 }),
        'invalid-expiry',
        'Invalid expiry',
        'Expiry year 1999 is not a year from 2000 to 2100.',
        at('exp_year'),
      ],
      [
        card(t, { number: '4242424242424242', expYear: 2101 }),
        'invalid-expiry',
        'Invalid expiry',
        'Expiry year 2101 is not a year from 2000 to 2100.',
        at('exp_year'),
      ],
      [
        card(t, { number: '4242424242424242', expMonth: 12, expYear: 2018 }),
        'card-expired',
        'Card expired',
        'The card expired at the end of 12/2018.',
        at('exp_month'),
      ],
      [
        card(t, { number: '4242424242424242', expMonth: 1, expYear: 2018 }),
        'card-expired',
        'Card expired',
        'The card expired at the end of 01/2018.',
        at('exp_month'),
      ],
      [
        card(t, { number: '4242424242424242', holderName: 'Ada 4242-4242-4242-4242' }),
        'number-in-name',
        'Number in a name field',
        named('holderName'),
        at('holder_name'),
      ],
      [
        bank(t, { routingNumber: '11000000' }),
        'invalid-routing-number',
        'Invalid routing number',
        'A routing number is 9 digits.',
        at('routing_number'),
      ],
      [
        bank(t, { routingNumber: '1100000001' }),
        'invalid-routing-number',
        'Invalid routing number',
        'A routing number is 9 digits.',
        at('routing_number'),
      ],
      [
        bank(t, { accountNumber: '123' }),
        'invalid-account-number',
        'Invalid account number',
        'An account number is 4-17 digits.',
        at('account_number'),
      ],
      [
        bank(t, { accountNumber: '000123456789000000' }),
        'invalid-account-number',
        'Invalid account number',
        'An account number is 4-17 digits.',
        at('account_number'),
      ],
      [
        bank(t, { holderName: '000123456789 0000' }),
        'number-in-name',
        'Number in a name field',
        named('holderName'),
        at('holder_name'),
      ],
      [
        bank(t, { bankName: 'Bank 4242 4242 4242' }),
        'number-in-name',
        'Number in a name field',
        named('bankName'),
        at('bank_name'),
      ],
    ];
    for (const [res, code, title, detail, source] of refused) {
      expect((await res).body.errors, code).toEqual([{ status: '422', code, title, detail, source }]);
    }
    // The end-user face shows the failing path and why.
    const endUser = async (newBillingMethod: unknown) =>
      (await t.on('PUT', '/alarm-com/api/billing/payment-method', { auth: ADA, body: { newBillingMethod } })).body;
    const good = { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Ada Li' };
    expect(await endUser({ type: 'credit_card', card: { ...good, expMonth: 1, expYear: 2018 } })).toMatchObject({
      title: 'Card expired',
      errors: [{ path: '/card/expMonth', message: 'expired 01/2018' }],
    });
    expect(await endUser({ type: 'credit_card', card: { ...good, number: '4242424242424241' } })).toMatchObject({
      errors: [{ path: '/card/number', message: 'must be 12-19 digits passing the Luhn check' }],
    });
    expect(await endUser({ type: 'credit_card', card: { ...good, holderName: '4242 4242 4242 4242' } })).toMatchObject({
      errors: [{ path: '/card/holderName', message: 'must not contain a card or account number' }],
    });
    const renew = await t.on('PUT', '/alarm-com/api/billing/payment-method', {
      auth: BEN,
      body: { expiry: { expMonth: 1, expYear: 2018 } },
    });
    expect(renew.body).toMatchObject({
      title: 'Card expired',
      errors: [{ path: '/expiry/expMonth', message: 'expired 01/2018' }],
    });
    expect(
      (await dealerOf(t).post('/customer_billings', billingData(9999, { type: 'credit_card', card: good }))).body
        .errors[0].detail,
    ).toBe('Customer 9999 does not exist.');
    expect(JSON.stringify(t.state('rules'))).toBe(before);
    // The year's edges: 2000 is a year (long expired), 2100 the last one accepted (the end-user face's
    // bound, so the customer's view of the card stays within the spec).
    expect(codeOf(await card(t, { number: '4242424242424242', expYear: 2000 }))).toBe('card-expired');
    const last = (await card(t, { number: '4242424242424242', expYear: 2100 })).body.data;
    expect(last.attributes.exp_year).toBe(2100);
    expect(
      (
        await t.on('PUT', '/alarm-com/api/billing/payment-method', {
          auth: ADA,
          body: { billingMethodId: Number(last.id) },
        })
      ).body.paymentMethod.expYear,
    ).toBe(2100);
  });

  it('keeps brand, last 4 and a trimmed name; a card is good through its expiry month', async () => {
    const t = await ruleApp();
    const thisMonth = await card(t, {
      number: ' 5555 5555 5555 4444 ',
      expMonth: 1,
      expYear: 2019,
      holderName: '  Ada Li ',
    });
    expect(thisMonth.status).toBe(201);
    expect(thisMonth.body.data.attributes).toMatchObject({
      card_brand: 'mastercard',
      last_four: '4444',
      exp_month: 1,
      exp_year: 2019,
      holder_name: 'Ada Li',
    });
    expect(JSON.stringify(t.state('rules'))).not.toContain('5555555555554444');
    const labels: string[] = [];
    for (const number of [
      '4242424242424242',
      '2221000000000009',
      '378282246310005',
      '6011111111111117',
      '6500000000000002',
      '3530111333300000',
    ]) {
      labels.push(await label(t, Number((await card(t, { number })).body.data.id)));
    }
    expect(labels).toEqual([
      'Visa ending in 4242',
      'Mastercard ending in 0009',
      'American Express ending in 0005',
      'Discover ending in 1117',
      'Discover ending in 0002',
      'Card ending in 0000',
    ]);
    const start = t.timeline('rules').length;
    const savings = await bank(t, {
      accountType: 'savings',
      bankName: '  First Bank ',
      accountNumber: '000123456789',
      holderName: ' Ada Li 2nd ',
    });
    expect(savings.body.data.attributes).toMatchObject({
      bank_name: 'First Bank',
      account_type: 'savings',
      last_four: '6789',
      holder_name: 'Ada Li 2nd',
    });
    const created = t
      .timeline('rules')
      .slice(start)
      .map((e) => [e.type, e.data]);
    expect(created).toEqual([
      [
        'billing_method.created',
        {
          billingMethodId: Number(savings.body.data.id),
          customerId: t.refs.ada,
          type: 'bank_account',
          label: 'Savings ending in 6789',
        },
      ],
    ]);
    expect(await label(t, Number(savings.body.data.id))).toBe('Savings ending in 6789');
    expect(await label(t, Number((await bank(t, { bankName: '  ' })).body.data.id))).toBe('Checking ending in 6789');
  });

  it('a new expiry is for cards only, checked like a new card, and clears the expired flag', async () => {
    const t = await ruleApp();
    const expiry = (id: number | string, exp_month: number, exp_year: number) =>
      dealerOf(t).patch(`/customer_billings/${id}`, {
        type: 'customer_billings',
        id: String(id),
        attributes: { exp_month, exp_year },
      });
    const checking = Number((await bank(t, {})).body.data.id);
    expect((await expiry(checking, 1, 2031)).body.errors[0]).toMatchObject({
      code: 'not-a-credit-card',
      title: 'Not a credit card',
      detail: `Billing method ${checking} is a bank account; only cards have an expiry.`,
    });
    expect((await expiry(9999, 1, 2031)).body.errors[0]).toMatchObject({
      status: '404',
      detail: 'Billing method 9999 does not exist.',
    });
    const short = Number((await card(t, { number: '4242424242424242', expMonth: 1, expYear: 2019 })).body.data.id);
    await t.on('POST', '/__sim/clock/advance', { body: { to: '2019-02-01T00:00:00Z' } });
    expect((await dealerOf(t).get(`/customer_billings/${short}`)).body.data.attributes).toMatchObject({
      expired: true,
    });
    expect(codeOf(await expiry(short, 13, 2031))).toBe('invalid-expiry');
    expect(codeOf(await expiry(short, 1, 2019))).toBe('card-expired');
    const before = t.timeline('rules').length;
    const renewed = await expiry(short, 2, 2019);
    expect(renewed.body.data.attributes).toMatchObject({ exp_month: 2, exp_year: 2019, expired: false });
    expect(
      t
        .timeline('rules')
        .slice(before)
        .map((e) => [e.type, e.data]),
    ).toEqual([
      [
        'billing_method.updated',
        { billingMethodId: short, customerId: t.refs.ada, change: 'expiry', expMonth: 2, expYear: 2019 },
      ],
    ]);
  });

  it('each test instrument answers a charge as documented', async () => {
    const t = await ruleApp();
    const invoice = await dealerOf(t).post('/customer_invoices', {
      type: 'customer_invoices',
      attributes: { due_date: '2019-01-20', lines: [{ invoice_billable_item_id: '1', amount: '100.00' }] },
      relationships: { customer: link('customers', t.refs.ada!) },
    });
    const charge = async (method: Promise<{ body: any }> | number) => {
      const id = typeof method === 'number' ? method : Number((await method).body.data.id);
      const res = await dealerOf(t).post('/customer_payments', {
        type: 'customer_payments',
        attributes: { amount: '1.00' },
        relationships: {
          customer: link('customers', t.refs.ada!),
          customer_billing: link('customer_billings', id),
          customer_invoices: { data: [{ type: 'customer_invoices', id: String(invoice.body.data.id) }] },
        },
      });
      return res.status === 201 ? 'ok' : res.body.errors[0].meta.reason;
    };
    expect(await charge(card(t, { number: '4242424242424242' }))).toBe('ok');
    expect(await charge(card(t, { number: '4000000000000002' }))).toBe('card_declined');
    expect(await charge(card(t, { number: '4000000000009995' }))).toBe('insufficient_funds');
    expect(await charge(card(t, { number: '4000000000000069' }))).toBe('expired_card');
    expect(await charge(bank(t, {}))).toBe('ok');
    expect(await charge(bank(t, { accountNumber: '000111111116' }))).toBe('bank_account_returned');
    const twice = Number((await card(t, { number: '4000000000003022' })).body.data.id); // succeeds twice
    expect([await charge(twice), await charge(twice), await charge(twice)]).toEqual(['ok', 'ok', 'card_declined']);
  });
});

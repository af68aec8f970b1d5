// Dealer-side amounts cannot corrupt money, through the SecurityTrax face (JSON:API, decimal dollars):
// amounts past the maximum, or past what decimal dollars carry exactly, are refused up front and change
// nothing; totals stay safe integers of cents inside.
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS, centsToDecimal } from '../../src/domain/money.ts';
import { testApp, type TestApp } from '../support/test-app.ts';
import { dealerApi, link, links, type DealerApi } from '../support/securitytrax.ts';

const MAX = centsToDecimal(MAX_AMOUNT_CENTS); // "100000.00"

// Carol (customer 2) pays with a good card (billing method 2).
const invoice = (amount: unknown, lines = 1) => ({
  type: 'customer_invoices',
  attributes: {
    invoice_date: '2019-03-01',
    due_date: '2019-03-15',
    lines: Array.from({ length: lines }, () => ({ invoice_billable_item_id: '1', amount })),
  },
  relationships: { customer: link('customers', 2) },
});

async function refusedUnchanged(
  t: TestApp,
  send: () => Promise<{ status: number; body: any }>,
): Promise<{ status: number; body: any }> {
  const before = JSON.stringify(t.state());
  const res = await send();
  expect(JSON.stringify(t.state())).toBe(before);
  return res;
}

const setup = async (): Promise<{ t: TestApp; st: DealerApi }> => {
  const t = await testApp();
  const st = dealerApi(t);
  await st.headers(); // authenticate before taking "before" snapshots
  return { t, st };
};

describe('dealer-side amounts have a maximum', () => {
  it('an amount of 1e308 (twice on one invoice) is a 422 naming the line, not a 201 with a null total', async () => {
    const { t, st } = await setup();
    const res = await refusedUnchanged(t, () => st.post('/customer_invoices', invoice(1e308, 2)));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].source.pointer).toBe('/data/attributes/lines/0/amount');
  });

  it('9007199254740993 (past what a double holds exactly) is refused, not stored rounded', async () => {
    const { t, st } = await setup();
    // biome-ignore lint/correctness/noPrecisionLoss: the test is a number past what a double holds exactly
    for (const amount of [9007199254740993, '9007199254740993', '90071992547409.93']) {
      const res = await refusedUnchanged(t, () => st.post('/customer_invoices', invoice(amount)));
      expect(res.status, String(amount)).toBe(422);
    }
    expect(t.state().invoices.some((i) => i.totalCents > MAX_AMOUNT_CENTS)).toBe(false);
  });

  it('an invoice of 1e20 cannot exist, so a 1-cent payment can never leave its balance unmoved', async () => {
    const { t, st } = await setup();
    expect(
      (await refusedUnchanged(t, () => st.post('/customer_invoices', invoice('1000000000000000000.00')))).status,
    ).toBe(422);
    const big = await st.post('/customer_invoices', invoice(MAX));
    expect(big.status).toBe(201);
    const paid = await st.post('/customer_payments', {
      type: 'customer_payments',
      attributes: { amount: '0.01' },
      relationships: {
        customer: link('customers', 2),
        customer_billing: link('customer_billings', 2),
        customer_invoices: links('customer_invoices', [big.body.data.id]),
      },
    });
    expect(paid.status).toBe(201);
    const after = await st.get(`/customer_invoices/${big.body.data.id}`);
    expect(after.body.data.attributes.balance).toBe(centsToDecimal(MAX_AMOUNT_CENTS - 1));
  });

  it('lines that each fit but together pass the maximum are a 422 total-out-of-range', async () => {
    const { t, st } = await setup();
    const res = await refusedUnchanged(t, () => st.post('/customer_invoices', invoice(MAX, 2)));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('total-out-of-range');
  });

  it('under strict validation the invoice list keeps answering 200 after the attempts', async () => {
    const { st } = await setup();
    // biome-ignore lint/correctness/noPrecisionLoss: the test is a number past what a double holds exactly
    for (const amount of [1e308, 1e20, 9007199254740993]) await st.post('/customer_invoices', invoice(amount, 2));
    const list = await st.get('/customer_invoices');
    expect(list.status).toBe(200);
    for (const i of list.body.data) expect(i.attributes.total).toMatch(/^\d{1,6}\.\d{2}$/);
  });

  it('a dealer payment past the maximum is refused', async () => {
    const { t, st } = await setup();
    const res = await refusedUnchanged(t, () =>
      st.post('/customer_payments', {
        type: 'customer_payments',
        attributes: { amount: '100000.01' },
        relationships: { customer: link('customers', 1), customer_billing: link('customer_billings', 1) },
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors[0].source.pointer).toBe('/data/attributes/amount');
  });
});

describe('SecurityTrax amounts: one exact rule, for strings only', () => {
  it('a JSON number (1e2, 1E0, 1.0000000000000001, even 39.99) is a 422 asking for a string; nothing changes', async () => {
    const { t, st } = await setup();
    const headers = await st.headers();
    for (const text of ['1e2', '1E0', '1.0000000000000001', '39.99', '100']) {
      const raw = JSON.stringify({ data: invoice('AMOUNT') }).replace('"AMOUNT"', text);
      const res = await refusedUnchanged(t, () =>
        t.call('POST', `${st.base}/customer_invoices`, { headers, rawBody: raw }),
      );
      expect(res.status, text).toBe(422);
      expect(res.body.errors[0].source.pointer, text).toBe('/data/attributes/lines/0/amount');
      expect(res.body.errors[0].detail, text).toMatch(/string/);
    }
  });

  it('strings: an exponent, a third decimal or a sign is a 422 saying why; "39.9" and "40" are exact', async () => {
    const { t, st } = await setup();
    const cases: [string, RegExp][] = [
      ['1e2', /not a decimal amount/],
      ['1.0000000000000001', /more than two decimals/],
      ['39.999', /more than two decimals/],
      ['-1.00', /negative/],
    ];
    for (const [amount, why] of cases) {
      const res = await refusedUnchanged(t, () => st.post('/customer_invoices', invoice(amount)));
      expect(res.status, amount).toBe(422);
      expect(res.body.errors[0].detail, amount).toMatch(why);
    }
    for (const [amount, total] of [
      ['39.9', '39.90'],
      ['40', '40.00'],
    ]) {
      const res = await st.post('/customer_invoices', invoice(amount));
      expect(res.status, amount).toBe(201);
      expect(res.body.data.attributes.total).toBe(total);
    }
  });
});

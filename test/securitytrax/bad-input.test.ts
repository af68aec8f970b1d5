// Every refusal on the SecurityTrax face is a JSON:API error document with a precise reason, changes
// nothing, and is never a 500.
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/test-app.ts';
import { dealerApi, JSON_API, link, ST_KEY, stBase } from '../support/securitytrax.ts';

const customer = { type: 'customers', attributes: { fname: 'Ann', lname: 'Lee', email: 'ann@example.com' } };

async function refused(
  t: TestApp,
  act: () => Promise<{ status: number; body: any; headers: Headers }>,
  status: number,
  code: string,
) {
  const before = JSON.stringify(t.state());
  const res = await act();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toBe(JSON_API);
  expect(res.body.errors[0]).toMatchObject({ status: String(status), code });
  expect(res.body.errors[0].detail.length).toBeGreaterThan(10);
  expect(JSON.stringify(t.state())).toBe(before);
  return res.body.errors[0];
}

describe('SecurityTrax face: bad input', () => {
  it('no integrator key: 401 integrator-key-missing; a wrong-case key: 401 integrator-key-invalid', async () => {
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    const { 'x-securitytrax-integratorkey': _key, ...withoutKey } = headers;
    const err = await refused(
      t,
      () => t.call('POST', `${stBase()}/customers`, { headers: withoutKey, body: { data: customer } }),
      401,
      'integrator-key-missing',
    );
    expect(err.source).toEqual({ header: 'X-SecurityTrax-IntegratorKey' });
    await refused(
      t,
      () =>
        t.call('POST', `${stBase()}/customers`, {
          headers: { ...headers, 'x-securitytrax-integratorkey': ST_KEY.toLowerCase() },
          body: { data: customer },
        }),
      401,
      'integrator-key-invalid',
    );
    await refused(
      t,
      () => t.call('POST', `${stBase()}/authenticate`, { body: { username: 'dealer', password: 'dealer-pass' } }),
      401,
      'integrator-key-missing',
    );
  });

  it('expired token (10 minutes, by the injected wall clock): 401 token-expired; unknown token: 401 token-unknown', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const t = await testApp({ wallClock: () => now });
    const st = dealerApi(t);
    const auth = await t.call('POST', `${stBase()}/authenticate`, {
      headers: { 'x-securitytrax-integratorkey': ST_KEY },
      body: { username: 'dealer', password: 'dealer-pass' },
    });
    expect(auth.body.data.attributes.expires_at).toBe('2026-01-01T12:10:00.000Z');
    const headers = { ...(await st.headers()), authorization: `Bearer ${auth.body.data.attributes.token}` };
    now += 9 * 60_000;
    expect((await t.call('GET', `${stBase()}/customers`, { headers })).status).toBe(200);
    now += 60_000;
    const err = await refused(
      t,
      () => t.call('POST', `${stBase()}/customers`, { headers, body: { data: customer } }),
      401,
      'token-expired',
    );
    expect(err.source).toEqual({ header: 'Authorization' });
    await refused(
      t,
      () => t.call('GET', `${stBase()}/customers`, { headers: { ...headers, authorization: 'Bearer nope' } }),
      401,
      'token-unknown',
    );
    await refused(
      t,
      () =>
        t.call('GET', `${stBase()}/customers`, {
          headers: { ...headers, authorization: 'Basic ZGVhbGVyOmRlYWxlci1wYXNz' },
        }),
      401,
      'token-missing',
    );
    await refused(
      t,
      () =>
        t.call('POST', `${stBase()}/authenticate`, {
          headers: { 'x-securitytrax-integratorkey': ST_KEY },
          body: { username: 'dealer', password: 'wrong' },
        }),
      401,
      'invalid-credentials',
    );
  });

  it('a token is good for its own profile only', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'other', seed: 'demo' } });
    const headers = await dealerApi(t).headers();
    await refused(t, () => t.call('GET', `${stBase('other')}/customers`, { headers }), 401, 'token-unknown');
  });

  it('wrong media type or unsupported media-type parameters: 415; unacceptable Accept: 406', async () => {
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    const post = (h: Record<string, string>) => () =>
      t.call('POST', `${stBase()}/customers`, { headers: { ...headers, ...h }, body: { data: customer } });
    expect(
      (await refused(t, post({ 'content-type': 'application/json' }), 415, 'unsupported-media-type')).source,
    ).toEqual({ header: 'Content-Type' });
    await refused(t, post({ 'content-type': 'text/plain' }), 415, 'unsupported-media-type');
    await refused(t, post({ 'content-type': `${JSON_API}; charset=utf-8` }), 415, 'unsupported-media-type-parameters');
    await refused(
      t,
      post({ 'content-type': `${JSON_API}; ext="https://example.com/ext"` }),
      415,
      'unsupported-media-type-parameters',
    );
    expect((await post({ 'content-type': `${JSON_API}; profile="https://example.com/p"` })()).status).toBe(201);
    const get = (accept: string) => () => t.call('GET', `${stBase()}/customers`, { headers: { ...headers, accept } });
    expect((await refused(t, get('text/html'), 406, 'not-acceptable')).source).toEqual({ header: 'Accept' });
    await refused(t, get(`${JSON_API}; ext="x"`), 406, 'not-acceptable');
    for (const ok of ['*/*', 'application/*', `${JSON_API}`, `text/html, ${JSON_API}; ext="x", ${JSON_API}`])
      expect((await get(ok)()).status, ok).toBe(200);
  });

  it('unknown attribute: 422 unknown-member pointing at it', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const err = await refused(
      t,
      () => st.post('/customers', { ...customer, attributes: { ...customer.attributes, first_name: 'Ann' } }),
      422,
      'unknown-member',
    );
    expect(err.source).toEqual({ pointer: '/data/attributes/first_name' });
  });

  it('malformed filter: 400 invalid-filter naming the parameter and the position', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const err = await refused(
      t,
      () => st.get(`/customer_invoices?filter=${encodeURIComponent("balance > 0 AND (status = 'open'")}`),
      400,
      'invalid-filter',
    );
    expect(err).toMatchObject({ source: { parameter: 'filter' }, detail: 'expected ")" at the end' });
    await refused(
      t,
      () => st.get(`/customers?filter=${encodeURIComponent("record_type = 'lead' OR")}`),
      400,
      'invalid-filter',
    );
  });

  it('unknown include path: 400 invalid-include', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const err = await refused(t, () => st.get('/customers?include=recurring_invoices.nope'), 400, 'invalid-include');
    expect(err).toMatchObject({ source: { parameter: 'include' } });
    expect(err.detail).toContain('"recurring_invoices.nope"');
  });

  it('bad decimals: more than two decimals, negative, not a number, over the maximum: 422 invalid-decimal each', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const ri = (amount: unknown) => () =>
      st.post('/recurring_invoices', {
        type: 'recurring_invoices',
        attributes: {
          sale_date: '2019-03-01',
          start_date: '2019-04-01',
          lines: [{ invoice_billable_item_id: '3', amount }],
        },
        relationships: { customer: link('customers', 3) },
      });
    const reasons: string[] = [];
    for (const amount of ['1.234', '-1', 'abc', '100000.01', '39.999', '1e3']) {
      const err = await refused(t, ri(amount), 422, 'invalid-decimal');
      expect(err.source).toEqual({ pointer: '/data/attributes/lines/0/amount' });
      reasons.push(err.detail);
    }
    expect(reasons).toEqual([
      '"1.234" has more than two decimals.',
      '"-1" is negative: amounts are zero or more.',
      '"abc" is not a decimal amount like "39.99".',
      '"100000.01" is over the maximum of 100000.00.',
      '"39.999" has more than two decimals.',
      '"1e3" is not a decimal amount like "39.99".',
    ]);
    // A JSON number: the spec takes strings only (once parsed, 39.999 could as well have been 39.9990).
    const number = await refused(t, ri(39.99), 422, 'invalid-value');
    expect(number.source).toEqual({ pointer: '/data/attributes/lines/0/amount' });
    expect(number.detail).toContain('must be string');
    expect((await ri('100000.00')()).status).toBe(201);
  });

  it('X-Sandbox naming another sandbox than the profile: 400 sandbox-mismatch', async () => {
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    const err = await refused(
      t,
      () => t.call('GET', `${stBase()}/customers`, { headers: { ...headers, 'x-sandbox': 'other' } }),
      400,
      'sandbox-mismatch',
    );
    expect(err.source).toEqual({ header: 'X-Sandbox' });
    expect(
      (await t.call('GET', `${stBase()}/customers`, { headers: { ...headers, 'x-sandbox': 'default' } })).status,
    ).toBe(200);
  });

  it('unknown routes under the face, including the old /securitytrax/v1, are JSON:API 404s', async () => {
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    for (const path of ['/securitytrax/v1/customers', `${stBase()}/nothing`, '/securitytrax']) {
      await refused(t, () => t.call('GET', path, { headers }), 404, 'route-not-found');
    }
  });

  it('domain refusals: a billing method is never removed, a PATCH id must match, a null billing method is refused', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    await refused(t, () => st.del('/customer_billings/1'), 409, 'billing-method-cannot-be-removed');
    await refused(t, () => st.del('/customer_billings/999'), 404, 'not-found');
    const err = await refused(
      t,
      () =>
        st.patch('/recurring_invoices/1', {
          type: 'recurring_invoices',
          id: '2',
          relationships: { customer_billing: link('customer_billings', 1) },
        }),
      409,
      'id-mismatch',
    );
    expect(err.source).toEqual({ pointer: '/data/id' });
    await refused(
      t,
      () =>
        st.patch('/recurring_invoices/1', {
          type: 'recurring_invoices',
          id: '1',
          relationships: { customer_billing: { data: null } },
        }),
      409,
      'billing-method-cannot-be-removed',
    );
    const card = await refused(
      t,
      () =>
        st.post('/customer_billings', {
          type: 'customer_billings',
          attributes: {
            billing_type: 'credit_card',
            card_number: '4242424242424241',
            exp_month: 12,
            exp_year: 2030,
            holder_name: 'Jane',
          },
          relationships: { customer: link('customers', 1) },
        }),
      422,
      'invalid-card-number',
    );
    expect(card.source).toEqual({ pointer: '/data/attributes/card_number' });
  });
});

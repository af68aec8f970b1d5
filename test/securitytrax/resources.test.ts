// The SecurityTrax face's JSON:API behaviour: documents, include, filter, pagination, tokens and keys,
// every former capability (billing methods changeable, payments over several invoices oldest first).
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/test-app.ts';
import { dealerApi, flat, link, links, ST_KEY, stBase } from '../support/securitytrax.ts';

describe('SecurityTrax face: JSON:API documents', () => {
  it('string ids, snake_case attributes, relationships and included resources along include paths', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const res = await st.get('/customers/1?include=interactive_services_provider,recurring_invoices.customer_billing');
    expect(res.body.data).toMatchObject({
      type: 'customers',
      id: '1',
      attributes: { fname: 'Jane', lname: 'Doe', record_type: 'customer' },
    });
    expect(res.body.data.relationships.interactive_services_provider).toEqual({
      data: { type: 'interactive_services_providers', id: '1' },
    });
    const included = res.body.included.map((r: { type: string; id: string }) => `${r.type}:${r.id}`);
    expect(included).toEqual(['interactive_services_providers:1', 'recurring_invoices:1', 'customer_billings:1']);
    expect(JSON.stringify(res.body)).not.toContain('isp-pass');
  });

  it('filters with AND/OR/parentheses over billing attributes, and pages with links and meta', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const all = (await st.get('/customer_invoices?page[size]=500')).body.data.map(flat);
    const filter = "customer_id = 1 AND (status = 'past_due' OR status = 'open') AND balance > 0";
    const got = (await st.get(`/customer_invoices?filter=${encodeURIComponent(filter)}`)).body.data.map(flat);
    const want = all.filter(
      (i: any) => i.customer_id === 1 && ['past_due', 'open'].includes(i.status) && i.balance !== '0.00',
    );
    expect(got.map((i: any) => i.id)).toEqual(want.map((i: any) => i.id));
    expect(got.length).toBeGreaterThan(0);
    const page = await st.get('/customer_invoices?page[number]=2&page[size]=2');
    expect(page.body.data.map((i: { id: string }) => i.id)).toEqual(all.slice(2, 4).map((i: any) => String(i.id)));
    expect(page.body.meta).toEqual({
      total_count: all.length,
      page_number: 2,
      page_size: 2,
      page_count: Math.ceil(all.length / 2),
    });
    expect(page.body.links.prev).toBe(
      `http://localhost${stBase()}/customer_invoices?page%5Bnumber%5D=1&page%5Bsize%5D=2`,
    );
    expect(page.body.links.next).toContain('page%5Bnumber%5D=3');
  });

  it('the catalogue lists MMR as invoice billable item "3"', async () => {
    const t = await testApp();
    const items = (await dealerApi(t).get("/invoice_billable_items?filter=code = 'MMR'")).body.data;
    expect(items).toEqual([expect.objectContaining({ type: 'invoice_billable_items', id: '3' })]);
  });

  it('a billing method changes (new expiry; another method on the recurring invoice) but is never removed', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const card = await st.post('/customer_billings', {
      type: 'customer_billings',
      attributes: {
        billing_type: 'credit_card',
        card_number: '4242 4242 4242 4242',
        exp_month: 1,
        exp_year: 2030,
        cvv: '123',
        holder_name: 'Carol Smith',
      },
      relationships: { customer: link('customers', 2) },
    });
    expect(card.status, JSON.stringify(card.body)).toBe(201);
    expect(card.body.data.attributes).toMatchObject({
      card_brand: 'visa',
      last_four: '4242',
      exp_month: 1,
      exp_year: 2030,
    });
    expect(JSON.stringify(card.body)).not.toMatch(/4242424242424242|"123"|cvv/);
    const id = card.body.data.id;
    const renewed = await st.patch(`/customer_billings/${id}`, {
      type: 'customer_billings',
      id,
      attributes: { exp_month: 6, exp_year: 2032 },
    });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(200);
    expect(renewed.body.data.attributes).toMatchObject({ exp_month: 6, exp_year: 2032 });
    const moved = await st.patch('/recurring_invoices/2', {
      type: 'recurring_invoices',
      id: '2',
      relationships: { customer_billing: link('customer_billings', id) },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data.relationships.customer_billing.data).toEqual({ type: 'customer_billings', id });
    expect((await st.del(`/customer_billings/${id}`)).status).toBe(409);
  });

  it('one payment covers several invoices, oldest first, amounts in decimal dollars', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const card = await st.post('/customer_billings', {
      type: 'customer_billings',
      attributes: {
        billing_type: 'credit_card',
        card_number: '4242424242424242',
        exp_month: 12,
        exp_year: 2030,
        holder_name: 'Jane Doe',
      },
      relationships: { customer: link('customers', 1) },
    });
    const owed = (
      await st.get(`/customer_invoices?filter=${encodeURIComponent('customer_id = 1 AND balance > 0')}`)
    ).body.data.map(flat);
    expect(owed.length).toBeGreaterThanOrEqual(2);
    const [oldest, next] = [...owed].sort((a: any, b: any) => (a.due_date < b.due_date ? -1 : 1));
    const pay = await st.post('/customer_payments', {
      type: 'customer_payments',
      attributes: { amount: '45.00' },
      relationships: {
        customer: link('customers', 1),
        customer_billing: link('customer_billings', card.body.data.id),
        customer_invoices: links('customer_invoices', [next.id, oldest.id]),
      },
    });
    expect(pay.status).toBe(201);
    expect(pay.body.data.attributes).toMatchObject({
      amount: '45.00',
      processing_status: 'complete',
      source: 'dealer',
    });
    expect([oldest.balance, next.balance]).toEqual(['39.99', '39.99']);
    expect(pay.body.data.attributes.allocations).toEqual([
      { customer_invoice_id: String(oldest.id), amount: '39.99' },
      { customer_invoice_id: String(next.id), amount: '5.01' },
    ]);
    expect(pay.body.data.relationships.customer_invoices.data.map((r: { id: string }) => r.id)).toEqual([
      String(oldest.id),
      String(next.id),
    ]);
    const after = await st.get(`/customer_invoices/${oldest.id}`);
    expect(after.body.data.attributes).toMatchObject({ balance: '0.00', status: 'paid' });
  });
});

describe('SecurityTrax face: access', () => {
  it('personal access tokens (from /__sim) never expire; their secret is shown once and stored as a hash', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const t = await testApp({ wallClock: () => now });
    const created = await t.call('POST', '/__sim/securitytrax/personal-access-tokens', { body: { name: 'ci' } });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    now += 365 * 24 * 3_600_000;
    const res = await t.call('GET', `${stBase()}/customers`, {
      headers: { 'x-securitytrax-integratorkey': ST_KEY, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(t.state())).not.toContain(token);
    expect((await t.call('GET', '/__sim/securitytrax/personal-access-tokens')).body.items).toEqual([
      { id: 1, name: 'ci', createdAt: expect.any(String) },
    ]);
  });

  it('integrator keys: the documented one, plus keys created through /__sim (case-sensitive); scenarios set their own', async () => {
    const t = await testApp();
    expect(
      (await t.call('GET', '/__sim/securitytrax/integrator-keys')).body.items.map((k: { key: string }) => k.key),
    ).toEqual([ST_KEY]);
    expect(
      (
        await t.call('POST', '/__sim/securitytrax/integrator-keys', {
          body: { key: 'Acme-Integration-0001', name: 'Acme' },
        })
      ).status,
    ).toBe(201);
    const keys = (await t.call('GET', '/__sim/securitytrax/integrator-keys')).body.items.map(
      (k: { key: string }) => k.key,
    );
    expect(keys).toEqual([ST_KEY, 'Acme-Integration-0001']);
    const acme = dealerApi(t, { key: 'Acme-Integration-0001' });
    expect((await acme.get('/customers')).status).toBe(200);
    const wrongCase = dealerApi(t, { key: 'acme-integration-0001' });
    await expect(wrongCase.headers()).rejects.toThrow(/401/);
  });

  it('the X-Sandbox header still works when it names the profile', async () => {
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    expect(
      (await t.call('GET', `${stBase()}/customers/1`, { headers: { ...headers, 'x-sandbox': 'default' } })).status,
    ).toBe(200);
  });
});

// Lists of a parent's related resources (GET customers/{id}/customer_invoices): answered from the registry
// entry alone (resources/invoices.ts `related`), with the list's filter, sort, pages and include.
import { beforeAll, describe, expect, it } from 'vitest';
import { type DealerApi, dealerApi } from '../support/securitytrax.ts';
import { testApp } from '../support/test-app.ts';

let api: DealerApi;
beforeAll(async () => {
  api = dealerApi(await testApp());
});

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((d) => d.id);
const q = (text: string) => encodeURIComponent(text);

describe("a customer's invoices", () => {
  it('are the invoices customer_id names, as a filtered list of customer_invoices answers them', async () => {
    const nested = await api.get('/customers/1/customer_invoices');
    const flat = await api.get(`/customer_invoices?filter=${q('customer_id = 1')}`);
    expect(nested.status).toBe(200);
    expect(ids(nested).length).toBeGreaterThan(0);
    expect(ids(nested)).toEqual(ids(flat));
    expect(
      nested.body.data.every(
        (d: { relationships: { customer: { data: { id: string } } } }) => d.relationships.customer.data.id === '1',
      ),
    ).toBe(true);
    expect(nested.body.meta.total_count).toBe(flat.body.meta.total_count);
    expect(nested.body.links.self).toMatch(/\/securitytrax\/default\/user\/v1\/customers\/1\/customer_invoices\?/);
  });

  it('take the filter, sort, page and include of a list', async () => {
    const nested = await api.get(
      `/customers/1/customer_invoices?filter=${q('total > 0')}&sort=-due_date&page[size]=1&include=customer`,
    );
    const flat = await api.get(
      `/customer_invoices?filter=${q('customer_id = 1 AND total > 0')}&sort=-due_date&page[size]=1&include=customer`,
    );
    expect(nested.status).toBe(200);
    expect(ids(nested)).toEqual(ids(flat));
    expect(nested.body.included).toEqual(flat.body.included);
    expect(nested.body.meta.page_count).toBe(flat.body.meta.page_count);
  });

  it('of a customer that does not exist: a 404 naming the customer', async () => {
    const r = await api.get('/customers/999/customer_invoices');
    expect(r.status).toBe(404);
    expect(r.body.errors[0]).toMatchObject({ status: '404', code: 'not-found' });
    expect(r.body.errors[0].detail).toMatch(/Customer/);
  });
});

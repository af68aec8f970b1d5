// JSON:API 1.1 "Fetching data" on the SecurityTrax face: sort over each type's billing attributes, sparse
// fieldsets, compound documents, and absolute links a client can follow as they are (behind a proxy only
// when the operator trusts it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../src/http/faces/securitytrax/resources/registry.ts';
import { fieldNamesOf } from '../../src/http/faces/securitytrax/fields.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { dealerApi, fetchCall, stBase } from '../support/securitytrax.ts';
import { testApp } from '../support/test-app.ts';
import { recordViolation } from '../support/violations.ts';

type Resource = { id: string; type: string; attributes: Record<string, any>; relationships: Record<string, unknown> };
const ids = (body: { data: Resource[] }) => body.data.map((r) => Number(r.id));

describe('sort', () => {
  it('ascending, descending (-), several keys, amounts as numbers; ties in ascending id order', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const all = (await st.get('/customer_invoices?page%5Bsize%5D=500')).body.data as Resource[];
    const cents = (r: Resource) => Math.round(Number(r.attributes.balance) * 100);
    const byBalanceDesc = [...all].sort((a, b) => cents(b) - cents(a) || Number(a.id) - Number(b.id));
    expect(ids((await st.get('/customer_invoices?sort=-balance&page%5Bsize%5D=500')).body)).toEqual(
      byBalanceDesc.map((r) => Number(r.id)),
    );
    const byDueThenTotal = [...all].sort(
      (a, b) =>
        (a.attributes.due_date < b.attributes.due_date ? -1 : a.attributes.due_date > b.attributes.due_date ? 1 : 0) ||
        Math.round(Number(b.attributes.total) * 100) - Math.round(Number(a.attributes.total) * 100) ||
        Number(a.id) - Number(b.id),
    );
    expect(ids((await st.get('/customer_invoices?sort=due_date,-total&page%5Bsize%5D=500')).body)).toEqual(
      byDueThenTotal.map((r) => Number(r.id)),
    );
    expect(ids((await st.get('/customers?sort=-id')).body)).toEqual(ids((await st.get('/customers')).body).reverse());
    const byName = (await st.get('/customers?sort=lname,fname')).body.data as Resource[];
    const names = byName.map((r) => `${r.attributes.lname} ${r.attributes.fname}`);
    expect(names).toEqual([...names].sort());
  });

  it('pages follow the sort, and the page links keep it', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const whole = ids((await st.get('/customers?sort=-email')).body);
    const first = await st.get('/customers?sort=-email&page%5Bsize%5D=2');
    expect(ids(first.body)).toEqual(whole.slice(0, 2));
    expect(first.body.links.next).toContain('sort=-email');
    const second = await st.get(first.body.links.next.replace('http://localhost', '').replace(st.base, ''));
    expect(ids(second.body)).toEqual(whole.slice(2, 4));
  });

  it('a field the type cannot sort on is a 400 naming the parameter', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    for (const sort of ['nickname', '-lines', 'fname,', 'interactive_services_provider']) {
      const res = await st.get(`/customers?sort=${encodeURIComponent(sort)}`);
      expect(res.status, sort).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'invalid-sort', source: { parameter: 'sort' } });
    }
  });
});

describe('sparse fieldsets', () => {
  it('fields[TYPE] keeps only the named attributes and relationships, for primary and included resources', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const res = await st.get(
      '/customers/1?include=interactive_services_provider&fields%5Bcustomers%5D=fname,interactive_services_provider&fields%5Binteractive_services_providers%5D=name',
    );
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data.attributes)).toEqual(['fname']);
    expect(Object.keys(res.body.data.relationships)).toEqual(['interactive_services_provider']);
    expect(res.body.included).toHaveLength(1);
    expect(Object.keys(res.body.included[0].attributes)).toEqual(['name']);
    const none = await st.get('/customer_invoices?fields%5Bcustomer_invoices%5D=');
    expect(none.body.data[0]).toMatchObject({ attributes: {}, relationships: {} });
  });

  it('an unknown type or field is a 400 naming the parameter', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    for (const [query, parameter] of [
      ['fields%5Bpeople%5D=name', 'fields[people]'],
      ['fields%5Bcustomers%5D=fname,nickname', 'fields[customers]'],
    ]) {
      const res = await st.get(`/customers?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'invalid-fields', source: { parameter } });
    }
  });

  it('without fields, every field of the mapping table is in every resource object', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    for (const [type, rt] of Object.entries(RESOURCE_TYPES)) {
      const res = await st.get(`/${type}?page%5Bsize%5D=1`);
      const [resource] = res.body.data as Resource[];
      if (!resource) continue;
      expect([...Object.keys(resource.attributes), ...Object.keys(resource.relationships)].sort(), type).toEqual(
        fieldNamesOf(rt).sort(),
      );
    }
  });
});

describe('compound documents', () => {
  it('include given, even empty, answers an included member, maybe empty', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    expect((await st.get('/customers/1?include=')).body.included).toEqual([]);
    expect((await st.get('/customers/1')).body.included).toBeUndefined();
  });
});

describe('absolute links', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, dataDir: null, strict: true, onViolation: recordViolation });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('self and page links are absolute URLs a client fetches as they are', async () => {
    const st = dealerApi(fetchCall(server.url));
    const first = await st.get('/customer_invoices?page%5Bsize%5D=2&sort=id&filter=balance%20%3E%200');
    expect(first.body.links.self.startsWith(`${server.url}${stBase()}/customer_invoices?`)).toBe(true);
    expect(first.body.data[0].links.self).toBe(`${server.url}${stBase()}/customer_invoices/${first.body.data[0].id}`);
    const next = await fetch(first.body.links.next, { headers: await st.headers() });
    expect(next.status).toBe(200);
    const page = (await next.json()) as { data: Resource[]; meta: { page_number: number } };
    expect(page.meta.page_number).toBe(2);
    const self = await fetch(first.body.data[0].links.self, { headers: await st.headers() });
    expect(self.status).toBe(200);
  });

  it('X-Forwarded-Proto / X-Forwarded-Host are used only when the operator trusts the proxy', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'sim.example.com' };
    const untrusted = await testApp();
    const plain = await dealerApi(untrusted).get('/customers/1');
    const withHeaders = await untrusted.call('GET', `${stBase()}/customers/1`, {
      headers: { ...(await dealerApi(untrusted).headers()), ...forwarded },
    });
    expect(withHeaders.body.data.links.self).toBe(plain.body.data.links.self);
    expect(plain.body.data.links.self).toBe(`http://localhost${stBase()}/customers/1`);

    const trusted = await testApp({ trustProxy: true });
    const st = dealerApi(trusted);
    const res = await trusted.call('GET', `${stBase()}/customers/1`, {
      headers: { ...(await st.headers()), ...forwarded },
    });
    expect(res.body.data.links.self).toBe(`https://sim.example.com${stBase()}/customers/1`);
    const hostile = await trusted.call('GET', `${stBase()}/customers/1`, {
      headers: { ...(await st.headers()), 'x-forwarded-host': 'evil.example/path', 'x-forwarded-proto': 'javascript' },
    });
    expect(hostile.body.data.links.self).toBe(`http://localhost${stBase()}/customers/1`);
  });
});

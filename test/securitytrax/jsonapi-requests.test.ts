// JSON:API 1.1 "Creating, updating and deleting resources" and "Query parameters", as a client that follows
// the specification sends them: members a server must ignore are ignored, what the specification refuses
// is refused with the status it names, and query parameter names follow the reserved-family rules.
import { describe, expect, it } from 'vitest';
import { dealerApi, link, type DealerApi } from '../support/securitytrax.ts';
import { testApp, type TestApp } from '../support/test-app.ts';

const customer = (extra: Record<string, unknown> = {}) => ({
  type: 'customers',
  attributes: { fname: 'Ida', lname: 'Lind', email: 'ida@example.com' },
  ...extra,
});

/** POSTs a whole request document (not only `data`), as devour-client and others send them. */
async function postDocument(t: TestApp, st: DealerApi, path: string, document: unknown) {
  return t.call('POST', `${st.base}${path}`, { headers: await st.headers(), body: document });
}

describe('request documents: members JSON:API lets a client send are accepted and ignored', () => {
  it('top-level meta, links and jsonapi; data.meta, data.lid and data.links; a linkage meta; @-members', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const document = {
      data: customer({
        lid: 'local-1',
        meta: { source: 'import' },
        links: { self: 'http://example.com/x' },
        attributes: { fname: 'Ida', lname: 'Lind', email: 'ida@example.com', '@context': 'ignored' },
        relationships: {
          interactive_services_provider: {
            data: { type: 'interactive_services_providers', id: '1', meta: { why: 'test' } },
            meta: {},
          },
        },
      }),
      meta: {},
      links: { self: 'http://example.com/customers' },
      jsonapi: { version: '1.1' },
    };
    const res = await postDocument(t, st, '/customers', document);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data.attributes).toMatchObject({ fname: 'Ida', lname: 'Lind' });
    expect(res.body.data.relationships.interactive_services_provider.data).toEqual({
      type: 'interactive_services_providers',
      id: '1',
    });
  });

  it('members the specification does not define are ignored too (a server must ignore non-compliant members)', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const res = await postDocument(t, st, '/customers', { data: customer({ extra: 1 }), extra: true });
    expect(res.status).toBe(201);
  });

  it('authenticate takes a JSON:API document with meta, as devour-client sends it', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/securitytrax/default/user/v1/authenticate', {
      headers: {
        'x-securitytrax-integratorkey': 'TraxSim-Demo-Integrator-Key',
        'content-type': 'application/vnd.api+json',
      },
      body: { data: { type: 'authenticate', attributes: { username: 'dealer', password: 'dealer-pass' } }, meta: {} },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes.token).toEqual(expect.any(String));
  });

  it('what the application refuses stays refused: an unknown attribute, data beside errors, no type', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const unknown = await postDocument(t, st, '/customers', {
      data: customer({ attributes: { fname: 'a', lname: 'b', email: 'a@b.co', nickname: 'x' } }),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({
      code: 'unknown-member',
      source: { pointer: '/data/attributes/nickname' },
    });
    const both = await postDocument(t, st, '/customers', { data: customer(), errors: [] });
    expect(both.status).toBe(422);
    const untyped = await postDocument(t, st, '/customers', { data: { attributes: customer().attributes } });
    expect(untyped.status).toBe(422);
    // The pointer names a member the request has (JSON:API: it must exist): the object `type` is missing from.
    expect(untyped.body.errors[0]).toMatchObject({
      code: 'required',
      detail: 'type is required in /data',
      source: { pointer: '/data' },
    });
  });
});

describe('creating and updating: the statuses JSON:API names', () => {
  it('several problems of different statuses answer the most general one, each error keeping its own', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const res = await st.post('/customers', {
      ...customer({ attributes: { fname: 'a', lname: 'b', email: 'a@b.co', nickname: 'x' } }),
      type: 'people',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { status: string }) => e.status).sort()).toEqual(['409', '422']);
  });

  it('a client-generated id is 403 (not supported); a lid is fine', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const res = await st.post('/customers', customer({ id: '77' }));
    expect(res.status).toBe(403);
    expect(res.body.errors[0]).toMatchObject({ code: 'client-generated-id', source: { pointer: '/data/id' } });
    expect(t.state().customers.some((c) => c.firstName === 'Ida')).toBe(false);
  });

  it("a type that is not the collection's is 409, on POST and PATCH", async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const post = await st.post('/customers', { ...customer(), type: 'customer_invoices' });
    expect(post.status).toBe(409);
    expect(post.body.errors[0]).toMatchObject({ code: 'type-mismatch', source: { pointer: '/data/type' } });
    const patch = await st.patch('/interactive_services_providers/1', {
      type: 'customers',
      id: '1',
      attributes: { billing_integration: true },
    });
    expect(patch.status).toBe(409);
    expect(patch.body.errors[0]).toMatchObject({ code: 'type-mismatch' });
    const id = await st.patch('/interactive_services_providers/1', {
      type: 'interactive_services_providers',
      id: '2',
      attributes: { billing_integration: true },
    });
    expect(id.status).toBe(409);
    expect(id.body.errors[0]).toMatchObject({ code: 'id-mismatch' });
  });

  it('a related resource that does not exist is 404; so is updating a resource that does not exist', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const isp = await st.post(
      '/customers',
      customer({ relationships: { interactive_services_provider: link('interactive_services_providers', 999) } }),
    );
    expect(isp.status).toBe(404);
    const missing = await st.patch('/recurring_invoices/999', {
      type: 'recurring_invoices',
      id: '999',
      relationships: { customer_billing: link('customer_billings', 1) },
    });
    expect(missing.status).toBe(404);
  });

  it('201 carries the created resource and a Location equal to its self link', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const res = await st.post('/customers', customer());
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.data.links.self);
    expect(res.body.data.links.self).toBe(`http://localhost${st.base}/customers/${res.body.data.id}`);
  });

  it('an update this API does not support is 403: a read-only field, a type without updates', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const readOnly = await st.patch('/recurring_invoices/1', {
      type: 'recurring_invoices',
      id: '1',
      attributes: { sale_date: '2020-01-01' },
      relationships: { customer_billing: link('customer_billings', 1) },
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.errors[0]).toMatchObject({
      code: 'field-not-updatable',
      source: { pointer: '/data/attributes/sale_date' },
    });
    const relationship = await st.patch('/customer_billings/1', {
      type: 'customer_billings',
      id: '1',
      attributes: { exp_month: 1, exp_year: 2031 },
      relationships: { customer: link('customers', 2) },
    });
    expect(relationship.status).toBe(403);
    expect(relationship.body.errors[0]).toMatchObject({ code: 'field-not-updatable' });
    const noUpdates = await st.patch('/customers/1', { type: 'customers', id: '1', attributes: { fname: 'X' } });
    expect(noUpdates.status).toBe(403);
    expect(noUpdates.body.errors[0]).toMatchObject({ code: 'update-not-supported' });
    expect(t.state().customers[0]!.firstName).not.toBe('X');
    expect(t.state().billingMethods[0]!.card?.expYear).not.toBe(2031);
  });

  it('a PATCH leaves the attributes it does not name as they were', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const before = (await st.get('/interactive_services_providers/1')).body.data.attributes;
    const res = await st.patch('/interactive_services_providers/1', {
      type: 'interactive_services_providers',
      id: '1',
      attributes: { billing_integration: before.billing_integration },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toEqual(before);
  });
});

describe('query parameters: reserved all-lowercase families', () => {
  const refusal = (res: { status: number; body: any }, parameter: string, code = 'unknown-query-parameter') => {
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ status: '400', code, source: { parameter } });
  };

  it('an all-lowercase name the endpoint does not take is a 400 naming it', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    refusal(await st.get('/customers?foo=bar'), 'foo');
    refusal(await st.get('/customers?page%5Boffset%5D=0'), 'page[offset]');
    refusal(await st.get('/customers?filter%5Bfname%5D=Jane'), 'filter[fname]');
    refusal(await st.get('/customers/1?sort=fname'), 'sort');
    refusal(await st.get('/customers/1?fields=fname'), 'fields');
    refusal(await st.post('/customers?include=interactive_services_provider', customer()), 'include');
    expect(t.state().customers.some((c) => c.firstName === 'Ida')).toBe(false);
  });

  it('a name that is no legal family name is a 400; an implementation-specific one is ignored', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    refusal(await st.get('/customers?_=1'), '_', 'invalid-query-parameter');
    refusal(await st.get('/customers?a%5B_%5D=1'), 'a[_]', 'invalid-query-parameter');
    expect((await st.get('/customers?cacheBuster=1')).status).toBe(200);
    expect((await st.get('/customers?page%5Bsize%5D=1&my_flag=1')).status).toBe(200);
  });

  it('unencoded square brackets mean the same as encoded ones', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const plain = await st.get('/customers?page[size]=1&fields[customers]=fname');
    const encoded = await st.get('/customers?page%5Bsize%5D=1&fields%5Bcustomers%5D=fname');
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual(encoded.body);
  });
});

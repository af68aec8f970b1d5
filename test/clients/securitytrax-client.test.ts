// The generated SecurityTrax client (contracts/clients, openapi-fetch over the spec's types) over app.request.
import { describe, expect, it } from 'vitest';
import { createSecurityTraxClient } from '../../contracts/clients/index.ts';
import { DEMO_INTEGRATOR_KEY } from '../../src/domain/securitytrax-access.ts';
import { testApp } from '../support/test-app.ts';

describe('createSecurityTraxClient', () => {
  it('authenticates on first use and speaks typed JSON:API documents', async () => {
    const t = await testApp();
    const st = createSecurityTraxClient({
      baseUrl: 'http://trax-sim.local',
      integratorKey: DEMO_INTEGRATOR_KEY,
      username: 'dealer',
      password: 'dealer-pass',
      fetch: (url, init) => Promise.resolve(t.app.request(url, init)),
    });
    const profile = { profile: st.profile };
    const created = await st.POST('/securitytrax/{profile}/user/v1/customers', {
      params: { path: profile },
      body: {
        data: { type: 'customers', attributes: { fname: 'Typed', lname: 'Client', email: 'typed@example.com' } },
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.data.attributes.fname).toBe('Typed');
    const list = await st.GET('/securitytrax/{profile}/user/v1/customer_invoices', {
      params: { path: profile, query: { filter: 'balance > 0', 'page[size]': 2 } },
    });
    expect(list.data?.meta.page_size).toBe(2);
    const refused = await st.DELETE('/securitytrax/{profile}/user/v1/customer_billings/{id}', {
      params: { path: { ...profile, id: '1' } },
    });
    expect(refused.response.status).toBe(409);
    expect(refused.error?.errors[0]?.code).toBe('billing-method-cannot-be-removed');
  });
});

// Proof by a client nobody here wrote: devour-client (axios under the hood), configured only with the base
// URL, the integrator key and its own naming switch (SecurityTrax types are already plural), runs the seed's
// dealer set-up against a real server. It sends `"meta": {}` beside `data` in every POST and PATCH, and
// surfaces a refusal keyed by the last segment of its JSON pointer.
import JsonApi from 'devour-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTEGRATOR_KEY } from '../../src/domain/securitytrax-access.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { recordViolation } from '../support/violations.ts';

let server: RunningServer;
let api: JsonApi;

const one = (type: string) => ({ jsonApi: 'hasOne' as const, type });
const many = (type: string) => ({ jsonApi: 'hasMany' as const, type });

/** The models, as a devour user declares them from the API's documentation (types are the JSON:API types). */
function defineModels(client: JsonApi): void {
  client.define('authenticate', { username: '', password: '' });
  client.define('tokens', { token: '', token_type: '', expires_at: '' });
  client.define('interactive_services_providers', {
    name: '',
    username: '',
    password: '',
    billing_integration: false,
    billing_integration_enabled_at: null,
    role_cache_refreshed_at: null,
  });
  client.define('customers', {
    fname: '',
    lname: '',
    email: '',
    record_type: '',
    created_at: '',
    interactive_services_provider: one('interactive_services_providers'),
    customer_billings: many('customer_billings'),
    recurring_invoices: many('recurring_invoices'),
  });
  client.define('invoice_billable_items', { name: '', code: '' });
  client.define('recurring_invoices', {
    sale_date: '',
    start_date: '',
    net_days: 0,
    lines: [],
    next_invoice_date: '',
    invoices_created: 0,
    has_mmr: false,
    auto_pay: false,
    created_at: '',
    customer: one('customers'),
    customer_billing: one('customer_billings'),
  });
  client.define('customer_billings', {
    billing_type: '',
    card_number: '',
    exp_month: 0,
    exp_year: 0,
    cvv: '',
    holder_name: '',
    card_brand: '',
    last_four: '',
    bank_name: null,
    account_type: null,
    expired: false,
    created_at: '',
    customer: one('customers'),
  });
}

beforeAll(async () => {
  // Strict: every answer is validated against spec/openapi.yaml and JSON:API's schema; a mismatch fails the test.
  server = await startServer({ port: 0, dataDir: null, strict: true, onViolation: recordViolation });
  api = new JsonApi({ apiUrl: `${server.url}/securitytrax/default/user/v1`, pluralize: false, logger: false });
  api.headers['X-SecurityTrax-IntegratorKey'] = DEMO_INTEGRATOR_KEY;
  defineModels(api);
});

afterAll(async () => {
  await server?.close();
});

type Customer = { id: string; fname: string; recurring_invoices: { id: string; has_mmr: boolean }[] };

describe('devour-client (a stock JSON:API client) against a running server', () => {
  it("runs the seed's dealer set-up: authenticate, customer, recurring invoice with MMR, billing method, include, a refusal", async () => {
    const auth = await api.create<{ token: string }>('authenticate', { username: 'dealer', password: 'dealer-pass' });
    expect(auth.data.token).toEqual(expect.any(String));
    api.bearer = auth.data.token;

    const customer = await api.create<Customer>('customers', {
      fname: 'Dev',
      lname: 'Our',
      email: 'dev@example.com',
      interactive_services_provider: { id: '1' },
    });
    expect(customer.data).toMatchObject({ fname: 'Dev' });

    const items = await api.findAll<{ id: string; code: string }>('invoice_billable_items', { filter: "code = 'MMR'" });
    expect(items.data.map((i) => i.id)).toEqual(['3']);

    const recurring = await api.create<{ id: string; has_mmr: boolean; auto_pay: boolean }>('recurring_invoices', {
      sale_date: '2018-12-01',
      start_date: '2019-01-01',
      lines: [{ invoice_billable_item_id: '3', amount: '34.99' }],
      customer: { id: customer.data.id },
    });
    expect(recurring.data).toMatchObject({ has_mmr: true, auto_pay: false });

    const card = await api.create<{ id: string; card_brand: string; last_four: string }>('customer_billings', {
      billing_type: 'credit_card',
      card_number: '4242 4242 4242 4242',
      exp_month: 12,
      exp_year: 2030,
      cvv: '123',
      holder_name: 'Dev Our',
      customer: { id: customer.data.id },
    });
    expect(card.data).toMatchObject({ card_brand: 'visa', last_four: '4242' });

    const autoPay = await api.update<{ auto_pay: boolean }>('recurring_invoices', {
      id: recurring.data.id,
      customer_billing: { id: card.data.id },
    });
    expect(autoPay.data.auto_pay).toBe(true);

    const fetched = await api.find<Customer>('customers', customer.data.id, { include: 'recurring_invoices' });
    expect(fetched.data.recurring_invoices).toEqual([
      expect.objectContaining({ id: recurring.data.id, has_mmr: true }),
    ]);

    // Credentials without the SecurityTrax Role (demo ISP 2): refused, surfaced under the attribute's name.
    const refusal = await api.update('interactive_services_providers', { id: '2', billing_integration: true }).then(
      () => undefined,
      (errors: unknown) => errors as Record<string, { title: string; detail: string }>,
    );
    expect(refusal?.billing_integration?.title).toBe('SecurityTrax Role missing');
    const isp = await api.find<{ billing_integration: boolean }>('interactive_services_providers', '2');
    expect(isp.data.billing_integration).toBe(false);
  });
});

// Proof by a client nobody here wrote: jsona (a JSON:API (de)serializer for JavaScript and TypeScript) with
// fetch, the way its README pairs them, runs the seed's dealer set-up against a running server: request
// documents are jsona's `serialize` of plain models, answers its `deserialize`; a refusal is read by its pointer.
import Jsona from 'jsona';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTEGRATOR_KEY } from '../../src/domain/securitytrax-access.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { recordViolation } from '../support/violations.ts';

let server: RunningServer;
const jsona = new Jsona();
let token: string | undefined;

/** A jsona model: `type`, `id`, attributes and relationships as plain members, `relationshipNames` naming the latter. */
type TJsonaModel = { type: string; id?: string; relationshipNames?: string[]; [member: string]: unknown };

type JsonApiError = { status: string; code: string; title: string; source?: { pointer?: string } };

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly errors: JsonApiError[],
  ) {
    super(`HTTP ${status}: ${errors.map((e) => e.title).join('; ')}`);
  }
}

/** One request of the client: a model in, a deserialized model (or list) out; errors thrown as they came. */
async function send<T = TJsonaModel>(method: string, path: string, model?: TJsonaModel): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/vnd.api+json',
    'x-securitytrax-integratorkey': DEMO_INTEGRATOR_KEY,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  if (model) headers['content-type'] = 'application/vnd.api+json';
  const res = await fetch(`${server.url}/securitytrax/default/user/v1/${path}`, {
    method,
    headers,
    body: model ? JSON.stringify(jsona.serialize({ stuff: model })) : undefined,
  });
  const body = (await res.json()) as { errors?: JsonApiError[] };
  if (!res.ok) throw new Refused(res.status, body.errors ?? []);
  return jsona.deserialize(body) as T;
}

beforeAll(async () => {
  // Strict: every answer is validated against spec/openapi.yaml and JSON:API's schema; a mismatch fails the test.
  server = await startServer({ port: 0, dataDir: null, strict: true, onViolation: recordViolation });
});

afterAll(async () => {
  await server?.close();
});

type Customer = { id: string; fname: string; recurring_invoices: { id: string; has_mmr: boolean }[] };

describe('jsona with fetch (a stock JSON:API serializer) against a running server', () => {
  it("runs the seed's dealer set-up: authenticate, customer, recurring invoice with MMR, billing method, include, a refusal", async () => {
    const auth = await send<{ token: string }>('POST', 'authenticate', {
      type: 'authenticate',
      username: 'dealer',
      password: 'dealer-pass',
    });
    token = auth.token;
    expect(token).toEqual(expect.any(String));

    const customer = await send<Customer>('POST', 'customers', {
      type: 'customers',
      fname: 'Jay',
      lname: 'Sona',
      email: 'jay@example.com',
      interactive_services_provider: { type: 'interactive_services_providers', id: '1' },
      relationshipNames: ['interactive_services_provider'],
    });
    expect(customer.fname).toBe('Jay');

    const items = await send<{ id: string }[]>(
      'GET',
      `invoice_billable_items?filter=${encodeURIComponent("code = 'MMR'")}`,
    );
    expect(items.map((i) => i.id)).toEqual(['3']);

    const recurring = await send<{ id: string; has_mmr: boolean; auto_pay: boolean }>('POST', 'recurring_invoices', {
      type: 'recurring_invoices',
      sale_date: '2018-12-01',
      start_date: '2019-01-01',
      lines: [{ invoice_billable_item_id: '3', amount: '34.99' }],
      customer: { type: 'customers', id: customer.id },
      relationshipNames: ['customer'],
    });
    expect(recurring).toMatchObject({ has_mmr: true, auto_pay: false });

    const card = await send<{ id: string; card_brand: string; last_four: string }>('POST', 'customer_billings', {
      type: 'customer_billings',
      billing_type: 'credit_card',
      card_number: '4242 4242 4242 4242',
      exp_month: 12,
      exp_year: 2030,
      cvv: '123',
      holder_name: 'Jay Sona',
      customer: { type: 'customers', id: customer.id },
      relationshipNames: ['customer'],
    });
    expect(card).toMatchObject({ card_brand: 'visa', last_four: '4242' });

    const autoPay = await send<{ auto_pay: boolean }>('PATCH', `recurring_invoices/${recurring.id}`, {
      type: 'recurring_invoices',
      id: recurring.id,
      customer_billing: { type: 'customer_billings', id: card.id },
      relationshipNames: ['customer_billing'],
    });
    expect(autoPay.auto_pay).toBe(true);

    const fetched = await send<Customer>('GET', `customers/${customer.id}?include=recurring_invoices`);
    expect(fetched.recurring_invoices).toEqual([expect.objectContaining({ id: recurring.id, has_mmr: true })]);

    // Credentials without the SecurityTrax Role (demo ISP 2): refused; the error points at the attribute.
    const refused = await send('PATCH', 'interactive_services_providers/2', {
      type: 'interactive_services_providers',
      id: '2',
      billing_integration: true,
    }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(Refused);
    expect((refused as Refused).status).toBe(422);
    expect((refused as Refused).errors[0]).toMatchObject({
      code: 'securitytrax-role-missing',
      source: { pointer: '/data/attributes/billing_integration' },
    });
  });
});

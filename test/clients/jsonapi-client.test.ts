// Proof by a client nobody here wrote: the `kitsu` JSON:API library, given only the base URL, the
// integrator key and the dealer's credentials (plus kitsu's own naming switches: SecurityTrax types are
// snake_case and already plural), runs the seed's set-up against a real server.
import Kitsu from 'kitsu';
import * as soap from 'soap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTEGRATOR_KEY } from '../../src/domain/securitytrax-access.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { recordViolation } from '../support/violations.ts';

let server: RunningServer;
let api: Kitsu;

type KitsuError = Error & {
  response?: { status: number };
  errors?: { status: string; code: string; title: string; detail: string; source?: { pointer?: string } }[];
};

async function refusal(run: () => Promise<unknown>): Promise<KitsuError> {
  try {
    await run();
  } catch (err) {
    return err as KitsuError;
  }
  throw new Error('the request was not refused');
}

beforeAll(async () => {
  // Strict: every answer is validated against spec/openapi.yaml; a mismatch fails the test.
  server = await startServer({ port: 0, strict: true, onViolation: recordViolation });
  api = new Kitsu({
    baseURL: `${server.url}/securitytrax/default/user/v1`,
    headers: { 'X-SecurityTrax-IntegratorKey': DEMO_INTEGRATOR_KEY },
    camelCaseTypes: false,
    resourceCase: 'snake',
    pluralize: false,
  });
});

afterAll(async () => {
  await server?.close();
});

describe('kitsu (a stock JSON:API client) against `npm start`', () => {
  it('authenticates and runs the seed set-up: customer, recurring invoice with MMR, billing method, Billing Integration', async () => {
    const auth = (await api.post('authenticate', { username: 'dealer', password: 'dealer-pass' })) as {
      data: { token: string; expires_at: string };
    };
    expect(auth.data.token).toEqual(expect.any(String));
    api.headers.Authorization = `Bearer ${auth.data.token}`;

    const customer = (await api.post('customers', {
      fname: 'Kit',
      lname: 'Sue',
      email: 'kit@example.com',
      interactive_services_provider: { data: { type: 'interactive_services_providers', id: '1' } },
    })) as { data: { id: string; fname: string } };
    expect(customer.data).toMatchObject({ fname: 'Kit' });
    const customerRef = { data: { type: 'customers', id: customer.data.id } };

    const mmr = (await api.get('invoice_billable_items', { params: { filter: "code = 'MMR'" } })) as {
      data: { id: string }[];
    };
    expect(mmr.data.map((i) => i.id)).toEqual(['3']);

    const recurring = (await api.post('recurring_invoices', {
      sale_date: '2018-12-01',
      start_date: '2019-01-01',
      lines: [{ invoice_billable_item_id: mmr.data[0]!.id, amount: '34.99' }],
      customer: customerRef,
    })) as { data: { id: string; has_mmr: boolean; auto_pay: boolean; lines: { amount: string }[] } };
    expect(recurring.data).toMatchObject({ has_mmr: true, auto_pay: false, lines: [{ amount: '34.99' }] });

    const card = (await api.post('customer_billings', {
      billing_type: 'credit_card',
      card_number: '4242 4242 4242 4242',
      exp_month: 12,
      exp_year: 2030,
      cvv: '123',
      holder_name: 'Kit Sue',
      customer: customerRef,
    })) as { data: { id: string; card_brand: string; last_four: string } };
    expect(card.data).toMatchObject({ card_brand: 'visa', last_four: '4242' });

    const withMethod = (await api.patch('recurring_invoices', {
      id: recurring.data.id,
      customer_billing: { data: { type: 'customer_billings', id: card.data.id } },
    })) as { data: { auto_pay: boolean } };
    expect(withMethod.data.auto_pay).toBe(true);

    const removal = await refusal(() => api.delete('customer_billings', card.data.id));
    expect(removal.response?.status).toBe(409);
    expect(removal.errors?.[0]).toMatchObject({ code: 'billing-method-cannot-be-removed' });

    // Credentials without the SecurityTrax Role (demo ISP 2): refused with a JSON:API error, the box stays unchecked.
    const refused = await refusal(() =>
      api.patch('interactive_services_providers', { id: '2', billing_integration: true }),
    );
    expect(refused.response?.status).toBe(422);
    expect(refused.errors?.[0]).toMatchObject({
      status: '422',
      code: 'securitytrax-role-missing',
      source: { pointer: '/data/attributes/billing_integration' },
    });
    const still = (await api.get('interactive_services_providers/2')) as { data: { billing_integration: boolean } };
    expect(still.data.billing_integration).toBe(false);

    // Credentials with the role (a new ISP on acme-isp): accepted.
    const isp = (await api.post('interactive_services_providers', {
      name: 'Acme (kitsu)',
      username: 'acme-isp',
      password: 'isp-pass',
    })) as { data: { id: string; billing_integration: boolean } };
    expect(isp.data.billing_integration).toBe(false);
    const enabled = (await api.patch('interactive_services_providers', {
      id: isp.data.id,
      billing_integration: true,
    })) as { data: { billing_integration: boolean } };
    expect(enabled.data.billing_integration).toBe(true);

    // Read back on the Alarm.com side with a stock SOAP client (node-soap) that loads the served WSDL.
    const adc = await soap.createClientAsync(`${server.url}/alarm-com/WebServices/CustomerManagement.asmx?WSDL`);
    adc.addSoapHeader(
      { Authentication: { User: 'acme-isp', Password: 'isp-pass', TwoFactorDeviceId: '' } },
      '',
      'adc',
      'http://www.alarm.com/WebServices',
    );
    const [settings] = (await (adc as unknown as Record<string, (a: unknown) => Promise<[Record<string, unknown>]>>)
      .GetSecurityTraxSettingsAsync!({})) as [
      { GetSecurityTraxSettingsResult: { Success: boolean; BillingIntegrationEnabled: boolean } },
    ];
    expect(settings.GetSecurityTraxSettingsResult).toMatchObject({ Success: true, BillingIntegrationEnabled: true });
    const read = (await api.get(`interactive_services_providers/${isp.data.id}`)) as {
      data: { billing_integration: boolean };
    };
    expect(read.data.billing_integration).toBe(true);
  });

  it('includes related resources and pages lists as kitsu expects', async () => {
    const page = (await api.get('customers', {
      params: { include: 'interactive_services_provider', page: { number: 1, size: 2 } },
    })) as {
      data: { id: string; interactive_services_provider: { data: { name: string } } }[];
      meta: { total_count: number };
      links: { next: string | null };
    };
    expect(page.data).toHaveLength(2);
    expect(page.data[0]!.interactive_services_provider.data.name).toContain('Acme');
    expect(page.meta.total_count).toBeGreaterThan(2);
    expect(page.links.next).toContain('page%5Bnumber%5D=2');
  });
});

import { describe, expect, it } from 'vitest';
import { dealerOf, link, ruleApp, type RuleApp } from './rule-app.ts';

// The dealer's own records on the SecurityTrax API (src/domain/dealer.ts): customers name a real ISP, an
// ISP's details change with one event naming what changed (none when nothing did), and a typed-in
// invoice is due on or after its invoice date, for a customer that exists.

const eventsAfter = async (t: RuleApp, after: number) =>
  (await t.on('GET', `/__sim/events?after=${after}&limit=500`)).body.items.map(
    (e: { type: string; data: Record<string, unknown> }) => ({ type: e.type, data: e.data }),
  );

describe('dealer records, through the SecurityTrax API', () => {
  it('a customer names an existing ISP or none', async () => {
    const t = await ruleApp();
    const customer = (isp: number | null) => ({
      type: 'customers',
      attributes: { fname: 'Cy', lname: 'Do', email: 'cy@example.com' },
      relationships: { interactive_services_provider: link('interactive_services_providers', isp) },
    });
    expect((await dealerOf(t).post('/customers', customer(9999))).body.errors).toEqual([
      {
        status: '404', // JSON:API: a request linking a related resource that does not exist is a 404
        code: 'unknown-isp',
        title: 'Unknown Interactive Services Provider',
        detail: 'ISP 9999 does not exist.',
        source: { pointer: '/data/relationships/interactive_services_provider' },
      },
    ]);
    const none = await dealerOf(t).post('/customers', customer(null));
    expect(none.status).toBe(201);
    expect(none.body.data.id).toBe('3'); // after Ada and Ben
    expect(none.body.data.relationships.interactive_services_provider.data).toBeNull();
    const start = t.timeline('rules').length;
    const acme = await dealerOf(t).post('/customers', customer(t.refs.acme!));
    expect(acme.body.data.relationships.interactive_services_provider.data).toEqual({
      type: 'interactive_services_providers',
      id: String(t.refs.acme),
    });
    expect(await eventsAfter(t, start)).toEqual([
      { type: 'customer.created', data: { customerId: Number(acme.body.data.id), ispId: t.refs.acme } },
    ]);
  });

  it('a new ISP starts without the integration; an update records what changed, and nothing when nothing did', async () => {
    const t = await ruleApp();
    const start = t.timeline('rules').length;
    const other = await dealerOf(t).post('/interactive_services_providers', {
      type: 'interactive_services_providers',
      attributes: { name: 'Other', username: 'other-isp', password: 'other-pass' },
    });
    expect(other.status).toBe(201);
    expect(other.body.data.id).toBe(String(t.refs.acme! + 1));
    expect(other.body.data.attributes).toMatchObject({
      name: 'Other',
      username: 'other-isp',
      billing_integration: false,
    });
    expect(await eventsAfter(t, start)).toEqual([
      { type: 'isp.created', data: { ispId: t.refs.acme! + 1, name: 'Other', username: 'other-isp' } },
    ]);
    const renamedOther = await dealerOf(t).patch(`/interactive_services_providers/${other.body.data.id}`, {
      type: 'interactive_services_providers',
      id: other.body.data.id,
      attributes: { name: 'Other Two' },
    });
    expect(renamedOther.body.data.attributes.name).toBe('Other Two');
    expect((await dealerOf(t).get(`/interactive_services_providers/${t.refs.acme}`)).body.data.attributes.name).toBe(
      'Acme',
    );

    const patch = (attributes: Record<string, unknown>) =>
      dealerOf(t).patch(`/interactive_services_providers/${t.refs.acme}`, {
        type: 'interactive_services_providers',
        id: String(t.refs.acme),
        attributes,
      });
    const mid = t.timeline('rules').length;
    expect((await patch({ name: 'Acme', username: 'acme-isp' })).status).toBe(200);
    expect(t.timeline('rules').length).toBe(mid);
    const renamed = await patch({ name: 'Acme Alarms', username: 'acme-isp', password: 'p2' });
    expect(renamed.body.data.attributes).toMatchObject({
      name: 'Acme Alarms',
      username: 'acme-isp',
      billing_integration: true,
    });
    expect(await eventsAfter(t, mid)).toEqual([
      { type: 'isp.updated', data: { ispId: t.refs.acme, changed: ['name', 'password'] } },
    ]);
    expect(
      (
        await dealerOf(t).patch('/interactive_services_providers/9999', {
          type: 'interactive_services_providers',
          id: '9999',
          attributes: { name: 'X' },
        })
      ).status,
    ).toBe(404);
  });

  it('a typed-in invoice: due on or after its invoice date, for an existing customer; it records its total', async () => {
    const t = await ruleApp();
    const invoice = (customer: number, invoiceDate: string, dueDate: string) => ({
      type: 'customer_invoices',
      attributes: {
        invoice_date: invoiceDate,
        due_date: dueDate,
        lines: [
          { invoice_billable_item_id: '1', amount: '12.50' },
          { invoice_billable_item_id: '1', amount: '0.25' },
        ],
      },
      relationships: { customer: link('customers', customer) },
    });
    expect(
      (await dealerOf(t).post('/customer_invoices', invoice(t.refs.ada!, '2019-01-20', '2019-01-19'))).body.errors,
    ).toEqual([
      {
        status: '422',
        code: 'due-before-invoice-date',
        title: 'Due date before invoice date',
        detail: 'dueDate cannot be before invoiceDate.',
        source: { pointer: '/data/attributes/due_date' },
      },
    ]);
    expect((await dealerOf(t).post('/customer_invoices', invoice(9999, '2019-01-20', '2019-01-20'))).status).toBe(404);
    const start = t.timeline('rules').length;
    const same = await dealerOf(t).post('/customer_invoices', invoice(t.refs.ada!, '2019-01-20', '2019-01-20'));
    expect(same.status).toBe(201);
    expect(same.body.data.attributes).toMatchObject({
      invoice_date: '2019-01-20',
      due_date: '2019-01-20',
      total: '12.75',
      balance: '12.75',
      status: 'open',
    });
    expect(await eventsAfter(t, start)).toEqual([
      {
        type: 'invoice.created',
        data: {
          invoiceId: Number(same.body.data.id),
          customerId: t.refs.ada,
          recurringInvoiceId: null,
          invoiceDate: '2019-01-20',
          dueDate: '2019-01-20',
          totalCents: 1275,
        },
      },
    ]);
  });
});

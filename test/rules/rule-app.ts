import { centsToDecimal } from '../../src/domain/money.ts';
import { buildState } from '../../src/seeds/build-state.ts';
import type { Setup } from '../../src/seeds/setup.ts';
import { basic, testApp, type Call, type Reply, type TestApp } from '../support/test-app.ts';

import { dealerApi, link, type DealerApi } from '../support/securitytrax.ts';

export { basic } from '../support/test-app.ts';
export { link };
export const P = 'https://trax-sim.dev/problems/';

/** Ada: MMR recurring invoice starting 2019-02-01, no billing method yet, a good Visa saved; Ben: another customer. */
export const ADA_SETUP: Setup = {
  clock: '2019-01-15T09:00:00Z',
  alarmComCredentials: [{ username: 'acme-isp', password: 'isp-pass', roles: ['SecurityTrax'] }],
  isps: [{ key: 'acme', name: 'Acme', username: 'acme-isp', password: 'isp-pass', billingIntegration: true }],
  customers: [
    { key: 'ada', firstName: 'Ada', lastName: 'Li', email: 'ada@example.com', isp: 'acme' },
    { key: 'ben', firstName: 'Ben', lastName: 'Ek', email: 'ben@example.com', isp: 'acme' },
  ],
  logins: [
    { username: 'ada', password: 'ada-pass', customer: 'ada' },
    { username: 'ben', password: 'ben-pass', customer: 'ben' },
  ],
  billingMethods: [
    {
      key: 'adaCard',
      customer: 'ada',
      type: 'credit_card',
      card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Ada Li' },
    },
    {
      key: 'benCard',
      customer: 'ben',
      type: 'credit_card',
      card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Ben Ek' },
    },
  ],
  recurringInvoices: [
    {
      key: 'adaMmr',
      customer: 'ada',
      saleDate: '2019-01-01',
      startDate: '2019-02-01',
      lines: [{ lineItemId: 3, amountCents: 3000 }],
    },
    {
      key: 'benMmr',
      customer: 'ben',
      saleDate: '2019-01-01',
      startDate: '2019-02-01',
      lines: [{ lineItemId: 3, amountCents: 3000 }],
      billingMethod: 'benCard',
    },
  ],
};

export const ADA = basic('ada', 'ada-pass');
export const BEN = basic('ben', 'ben-pass');

export type RuleApp = TestApp & {
  refs: Record<string, number>;
  on(method: string, path: string, call?: Call): Promise<Reply>;
};

/** The test app with one more sandbox, "rules", built from `setup` through the domain commands. */
export async function ruleApp(setup: Setup = ADA_SETUP): Promise<RuleApp> {
  const t = await testApp();
  const { state, refs } = buildState('rules', { kind: 'scenario', name: 'rules' }, setup);
  await t.store.create(state);
  return { ...t, refs, on: (method, path, call = {}) => t.call(method, path, { sandbox: 'rules', ...call }) };
}

/** The SecurityTrax API (JSON:API) on the "rules" sandbox, signed in as its dealer. */
export const dealerOf = (t: RuleApp): DealerApi => dealerApi(t, { profile: 'rules' });

/** A refusal's stable code on either face: problem+json `type` or a JSON:API error's `code`. */
export const codeOf = (res: Reply): string | undefined =>
  typeof res.body?.type === 'string' ? (res.body.type as string).slice(P.length) : res.body?.errors?.[0]?.code;

/** A recurring invoice document for the dealer API, from amounts in cents. */
export const recurringData = (
  customerId: number,
  r: {
    saleDate: string;
    startDate: string;
    netDays?: number;
    lines: { lineItemId: number; amountCents: number; occurrences?: number }[];
    billingMethodId?: number;
  },
) => ({
  type: 'recurring_invoices',
  attributes: {
    sale_date: r.saleDate,
    start_date: r.startDate,
    ...(r.netDays === undefined ? {} : { net_days: r.netDays }),
    lines: r.lines.map((l) => ({
      invoice_billable_item_id: String(l.lineItemId),
      amount: centsToDecimal(l.amountCents),
      ...(l.occurrences === undefined ? {} : { occurrences: l.occurrences }),
    })),
  },
  relationships: {
    customer: link('customers', customerId),
    ...(r.billingMethodId === undefined ? {} : { customer_billing: link('customer_billings', r.billingMethodId) }),
  },
});

/** Event types of the "rules" sandbox after event id `after`. */
export async function eventTypes(t: RuleApp, after = 0): Promise<string[]> {
  const page = await t.on('GET', `/__sim/events?after=${after}&limit=500`);
  return page.body.items.map((e: { type: string }) => e.type);
}

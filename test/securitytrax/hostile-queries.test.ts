// `include` and `filter` under hostile input: a request's work is bounded by its size and by a documented
// maximum of its answer, never exponential or backtracking; names of built-in object members are unknown
// names (a 400 that shows no function body), never a 500. Work is counted (relationship reads), never timed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MAX_INCLUDE_DEPTH, MAX_INCLUDE_PATHS, MAX_INCLUDED } from '../../src/http/faces/securitytrax/include.ts';
import { MAX_FILTER_NESTING, MAX_FILTER_TERMS, MAX_PATTERN_LENGTH } from '../../src/http/faces/securitytrax/filter.ts';
import { countReads } from '../support/count-reads.ts';
import { compiledSpec } from '../../src/http/compiled-spec.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { testApp, type TestApp } from '../support/test-app.ts';
import { billingData, dealerApi, JSON_API } from '../support/securitytrax.ts';

const CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'J' },
};

afterEach(() => {
  vi.restoreAllMocks();
});

/** Customer 1 (jane, one card in the demo) with three cards more: customer <-> customer_billings is a cycle. */
async function withCards(): Promise<TestApp> {
  const t = await testApp();
  const st = dealerApi(t);
  for (let i = 0; i < 3; i++)
    expect((await st.post('/customer_billings', billingData(1, CARD as never))).status).toBe(201);
  return t;
}

const cycle = (hops: number) =>
  Array.from({ length: hops }, (_, i) => (i % 2 === 0 ? 'customer_billings' : 'customer')).join('.');

describe('include: bounded by the answer', () => {
  it('a path through a cycle is walked once per distinct resource; past the depth limit it is a 400 before any work', async () => {
    const t = await withCards();
    const st = dealerApi(t);
    const counter = countReads();
    const ok = await st.get(`/customers/1?include=${cycle(MAX_INCLUDE_DEPTH)}`);
    expect(ok.status).toBe(200);
    expect(ok.body.included.map((r: { type: string }) => r.type)).toEqual(Array(4).fill('customer_billings'));
    // Resolving: 1 (customer -> cards) + 4 (cards -> customer) + 1 + 4; rendering: 3 (the customer) + 4.
    expect(counter.reads).toBe(17);

    counter.reads = 0;
    const deep = await st.get(`/customers/1?include=${cycle(11)}`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0]).toMatchObject({ code: 'include-limit-exceeded', source: { parameter: 'include' } });
    expect(deep.body.errors[0].detail).toContain(`at most ${MAX_INCLUDE_DEPTH}`);
    expect(counter.reads).toBe(0);
  });

  it('repeated paths and shared prefixes are walked once', async () => {
    const t = await withCards();
    const st = dealerApi(t);
    const counter = countReads();
    const prefixes = [1, 2, 3, 4].map(cycle);
    const res = await st.get(`/customers/1?include=${[...prefixes, ...prefixes, ...prefixes].join(',')}`);
    expect(res.status).toBe(200);
    expect(res.body.included).toHaveLength(4);
    expect(counter.reads).toBe(17); // as the longest path alone: its prefixes and repeats cost nothing more
  });

  it(`refuses more than ${MAX_INCLUDE_PATHS} distinct paths (repeats and spaces do not count), naming the limit`, async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const paths = [1, 2, 3, 4].map(cycle);
    const padded = [...paths, ...paths.map((p) => ` ${p} `), ...paths];
    expect((await st.get(`/customers/1?include=${encodeURIComponent(padded.join(','))}`)).status).toBe(200);
    const distinct = [
      ...paths,
      'interactive_services_provider',
      'customer_billings.customer.interactive_services_provider',
      'recurring_invoices',
      'recurring_invoices.customer',
      'recurring_invoices.customer_billing',
      'recurring_invoices.customer_billing.customer',
      'recurring_invoices.customer.recurring_invoices',
    ];
    expect(distinct.length).toBeGreaterThan(MAX_INCLUDE_PATHS);
    const refused = await st.get(`/customers/1?include=${distinct.join(',')}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ code: 'include-limit-exceeded', source: { parameter: 'include' } });
    expect(refused.body.errors[0].detail).toContain(`at most ${MAX_INCLUDE_PATHS}`);
  });

  it(`answers at most ${MAX_INCLUDED} included resources; one more is a 400 asking for a smaller page`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-sim-scenarios-'));
    writeFileSync(path.join(dir, 'many-customers.yaml'), MANY_CUSTOMERS);
    const t = await testApp({ scenarios: loadScenarioSeeder([dir, 'scenarios']) });
    expect(
      (await t.call('POST', '/__sim/sandboxes', { body: { name: 'many', scenario: 'many-customers' } })).status,
    ).toBe(201);
    const st = dealerApi(t, { profile: 'many' });
    // 500 customers, each with a card and a recurring invoice: exactly 1000, then the ISP makes 1001.
    const full = await st.get('/customers?page[size]=500&include=customer_billings,recurring_invoices');
    expect(full.status).toBe(200);
    expect(full.body.included).toHaveLength(MAX_INCLUDED);
    const over = await st.get(
      '/customers?page[size]=500&include=customer_billings,recurring_invoices,interactive_services_provider',
    );
    expect(over.status).toBe(400);
    expect(over.body.errors[0]).toMatchObject({ code: 'include-limit-exceeded', source: { parameter: 'include' } });
    expect(over.body.errors[0].detail).toContain(`more than ${MAX_INCLUDED}`);
    expect(
      (
        await st.get(
          '/customers?page[size]=200&include=customer_billings,recurring_invoices,interactive_services_provider',
        )
      ).status,
    ).toBe(200);
  });

  it('names of built-in object members are unknown relationships: a 400, never a 500', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'valueOf']) {
      for (const include of [name, `customer_billings.${name}`, `${name}.customer`]) {
        const res = await st.get(`/customers/1?include=${include}`);
        expect(res.status, include).toBe(400);
        expect(res.body.errors[0], include).toMatchObject({
          code: 'invalid-include',
          source: { parameter: 'include' },
        });
        expect(res.body.errors[0].detail, include).not.toMatch(/native code|function/);
      }
    }
  });
});

const MANY_CUSTOMERS = `name: many-customers
description: 600 generated customers, each with a card on Auto Pay and a recurring invoice.
given:
  clock: 2019-01-31T12:00:00Z
  alarmComCredentials:
    - { username: big-isp, password: isp-pass, roles: [SecurityTrax] }
  isps:
    - { key: big, name: Big Dealer, username: big-isp, password: isp-pass, billingIntegration: true }
  generate:
    count: 600
    isp: big
    startDates: { from: 2019-02-01, to: 2019-02-28 }
    amountCents: 2999
steps: []
`;

const LISTS = [
  'customers',
  'interactive_services_providers',
  'invoice_billable_items',
  'recurring_invoices',
  'customer_invoices',
  'customer_billings',
  'customer_payments',
];

describe('filter: no backtracking, no built-in names', () => {
  it('a % pattern of many wildcards (which held a backtracking RegExp for minutes) answers at once', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const hostile = `email % '${'%'.repeat(40)}z'`;
    const res = await st.get(`/customers?filter=${encodeURIComponent(hostile)}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    const found = await st.get(`/customers?filter=${encodeURIComponent(`email % '${'%'.repeat(40)}_xample.com'`)}`);
    expect(found.body.data.length).toBe(t.state().customers.length);
  });

  it('names of built-in object members are not filterable attributes, on every list: a 400 that shows no code', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    for (const type of LISTS)
      for (const expr of ['toString = 1', "isPrototypeOf ~ 'x'", 'constructor_id = 1', "__proto__ % 'x'"]) {
        const res = await st.get(`/${type}?filter=${encodeURIComponent(expr)}`);
        expect(res.status, `${type} ${expr}`).toBe(400);
        expect(res.headers.get('content-type')).toBe(JSON_API);
        expect(res.body.errors[0]).toMatchObject({ code: 'invalid-filter', source: { parameter: 'filter' } });
        expect(res.body.errors[0].detail, `${type} ${expr}`).not.toMatch(/native code|function/);
      }
  });

  it('refuses an expression past its limits with a 400 naming the limit', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    const cases: [string, string][] = [
      [Array.from({ length: MAX_FILTER_TERMS + 1 }, () => 'id = 1').join(' OR '), `${MAX_FILTER_TERMS} comparisons`],
      [
        `${'('.repeat(MAX_FILTER_NESTING + 1)}id = 1${')'.repeat(MAX_FILTER_NESTING + 1)}`,
        `${MAX_FILTER_NESTING} deep`,
      ],
      [`email % '${'%'.repeat(MAX_PATTERN_LENGTH + 1)}'`, `${MAX_PATTERN_LENGTH} characters`],
    ];
    for (const [expr, limit] of cases) {
      const res = await st.get(`/customers?filter=${encodeURIComponent(expr)}`);
      expect(res.status, expr).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ code: 'filter-limit-exceeded', source: { parameter: 'filter' } });
      expect(res.body.errors[0].detail).toContain(limit);
    }
  });
});

describe('the limits are documented where clients read them', () => {
  it('the spec names the same limits as the code', () => {
    const doc = compiledSpec().index.doc as { components: { parameters: Record<string, { description: string }> } };
    const text = (name: string) => doc.components.parameters[name]!.description.replace(/\s+/g, ' ');
    expect(text('StInclude')).toContain(`at most ${MAX_INCLUDE_PATHS} distinct paths`);
    expect(text('StInclude')).toContain(`at most ${MAX_INCLUDE_DEPTH} relationships deep`);
    expect(text('StInclude')).toContain(`at most ${MAX_INCLUDED} resources`);
    expect(text('StFilter')).toContain(`at most ${MAX_FILTER_TERMS} comparisons`);
    expect(text('StFilter')).toContain(`nested at most ${MAX_FILTER_NESTING} deep`);
    expect(text('StFilter')).toContain(`at most ${MAX_PATTERN_LENGTH} characters`);
  });
});

import { describe, expect, it } from 'vitest';
import { eventsOf } from '../domain/event-page.ts';
import { checkInvariants } from '../domain/invariants.ts';
import { countListPasses } from '../../test/support/list-passes.ts';
import { parseScenario, ScenarioFileError } from '../scenarios/scenario-file.ts';
import { buildState } from './build-state.ts';
import { generatedLoginPassword, withGeneratedCount } from './generate.ts';
import type { Setup } from './setup.ts';

const setup = (count: number, more: Partial<NonNullable<Setup['generate']>> = {}): Setup => ({
  clock: '2019-01-31T12:00:00Z',
  alarmComCredentials: [{ username: 'big-isp', password: 'isp-pass', roles: ['SecurityTrax'] }],
  isps: [{ key: 'big', name: 'Big', username: 'big-isp', password: 'isp-pass', billingIntegration: true }],
  generate: {
    count,
    isp: 'big',
    autoPay: (count * 3) / 4,
    declining: count / 20,
    startDates: { from: '2019-02-01', to: '2019-02-28' },
    amountCents: { min: 2999, max: 5999 },
    ...more,
  },
});
const build = (s: Setup) => buildState('gen', { kind: 'empty' }, s).state;

describe('generated populations (given.generate)', () => {
  it('makes count customers with the asked mix, through the same commands as listed ones', () => {
    const state = build(setup(200));
    expect(state.customers).toHaveLength(200);
    expect(state.logins.map((l) => l.username).slice(0, 3)).toEqual(['customer1', 'customer2', 'customer3']);
    expect(
      state.logins.every((l, i) => l.customerId === state.customers[i]!.id && l.password === `${l.username}-pass`),
    ).toBe(true);
    expect(state.customers.every((c) => c.ispId === state.isps[0]!.id)).toBe(true);
    const onAutoPay = state.recurringInvoices.filter((r) => r.billingMethodId !== null);
    expect(onAutoPay).toHaveLength(150);
    expect(state.billingMethods.filter((m) => m.behavior.kind === 'decline')).toHaveLength(10);
    expect(
      state.billingMethods.every((m) => m.card?.last4 !== undefined && !JSON.stringify(m).includes('4242424242424242')),
    ).toBe(true);
    // Due days spread over the month, amounts within the range.
    const days = new Set(state.recurringInvoices.map((r) => r.startDate));
    expect(days.size).toBe(28);
    expect(
      state.recurringInvoices.every((r) => r.lines[0]!.amountCents >= 2999 && r.lines[0]!.amountCents <= 5999),
    ).toBe(true);
    const types = new Set(state.events.map((e) => e.type));
    for (const t of [
      'customer.created',
      'login.created',
      'billing_method.created',
      'recurring_invoice.created',
      'autopay.enabled',
    ])
      expect(types).toContain(t);
    expect(checkInvariants(state, eventsOf(state.events))).toEqual([]);
  });

  it('is deterministic: the same given builds the same state', () => {
    expect(build(setup(120))).toEqual(build(setup(120)));
  });

  it('customer n is the same whatever the count (scenario steps can name customer1, customer4...)', () => {
    const small = build(setup(200));
    const large = build(setup(800));
    const first = (s: typeof small, n: number) => ({
      r: s.recurringInvoices[n]!.lines,
      m: s.recurringInvoices[n]!.billingMethodId !== null,
    });
    for (const n of [0, 1, 3]) expect(first(large, n)).toEqual(first(small, n));
  });

  it('is linear in the count: the number of passes over the big lists does not grow with it', () => {
    const passes = (n: number) => countListPasses(n / 2, () => build(setup(n))).passes;
    expect(passes(1_600)).toBe(passes(400));
  });

  it('a resized population keeps its shares of Auto Pay and declining cards', () => {
    const g = withGeneratedCount(setup(200), 100_000).generate!;
    expect([g.count, g.autoPay, g.declining]).toEqual([100_000, 75_000, 5_000]);
  });

  it('generated logins sign in as customer<n> / customer<n>-pass', () => {
    expect(generatedLoginPassword(setup(200), 'customer7')).toBe('customer7-pass');
    expect(generatedLoginPassword(setup(200), 'customer201')).toBeUndefined();
    expect(generatedLoginPassword(setup(200, { logins: false }), 'customer7')).toBeUndefined();
  });

  it('an inconsistent mix is refused with a validation error', () => {
    expect(() => build(setup(10, { autoPay: 11 }))).toThrow(expect.objectContaining({ code: 'invalid-generate' }));
  });

  it('the scenario schema checks the generate block', () => {
    const text = [
      'name: x',
      'description: x',
      'given:',
      '  clock: 2019-01-01',
      '  generate:',
      '    count: many',
      '    startDates: { from: 2019-02-01, to: 2019-02-28 }',
      '    amountCents: 100',
      'steps: []',
    ].join('\n');
    let error: unknown;
    try {
      parseScenario(text, 'scenarios/x.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as ScenarioFileError).problems).toContainEqual({
      path: '/given/generate/count',
      line: 6,
      message: 'must be integer',
    });
  });
});

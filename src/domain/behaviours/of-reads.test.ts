import { describe, expect, it } from 'vitest';
import { makeConfiguredState, makeInvoice, makeRecurring } from '../../../test/support/domain-fixtures.ts';
import { billingSummary } from '../balances.ts';
import { requireConfigured } from '../eligibility.ts';
import { plainReader } from '../reader.ts';
import type { SandboxState } from '../types.ts';
import { behaviourOfAmount, behavioursOfRefusal, behavioursOfSelection, behavioursOfSummary } from './of-reads.ts';

const screen = (state: SandboxState) => {
  const billing = requireConfigured(state, plainReader, 1, state.now);
  const summary = billingSummary(state, plainReader, billing, state.now);
  return { billing, summary };
};
const equipmentOnly = { lineItemId: 1, description: 'Equipment', amountCents: 900, occurrences: null };

describe('behaviours of the Billing screen', () => {
  it('names the recurring invoices the selection passed over', () => {
    const one = makeConfiguredState();
    expect(behavioursOfSelection(one, plainReader, screen(one).billing)).toEqual([]);
    const three = makeConfiguredState({
      recurringInvoices: [
        makeRecurring(),
        makeRecurring({ id: 2, saleDate: '2018-06-01' }),
        makeRecurring({ id: 3, lines: [equipmentOnly] }),
      ],
    });
    expect(behavioursOfSelection(three, plainReader, screen(three).billing)).toEqual([
      'mmr-only',
      'most-recent-sale-date',
    ]);
  });

  it('no balance before the first invoice, a balance due, a past due balance', () => {
    const before = makeConfiguredState();
    expect(behavioursOfSummary(screen(before).summary, screen(before).billing)).toEqual([
      'no-balance-before-first-invoice',
    ]);
    const created = { recurringInvoices: [makeRecurring({ invoicesCreated: 1 })] };
    const due = makeConfiguredState({ ...created, invoices: [makeInvoice()] });
    expect(behavioursOfSummary(screen(due).summary, screen(due).billing)).toEqual(['balance-due']);
    const late = makeConfiguredState({
      ...created,
      invoices: [makeInvoice({ dueDate: '2019-01-03', status: 'past_due' })],
    });
    expect(behavioursOfSummary(screen(late).summary, screen(late).billing)).toEqual(['past-due']);
    const paid = makeConfiguredState({ ...created, invoices: [makeInvoice({ balanceCents: 0 })] });
    expect(behavioursOfSummary(screen(paid).summary, screen(paid).billing)).toEqual([]);
  });

  it('a pre-defined amount is one the Pay window offers', () => {
    const late = makeConfiguredState({
      recurringInvoices: [makeRecurring({ invoicesCreated: 2 })],
      invoices: [makeInvoice({ id: 1, dueDate: '2019-01-03', status: 'past_due' }), makeInvoice({ id: 2 })],
    });
    const { summary } = screen(late);
    expect([2999, 5998].map((a) => behaviourOfAmount(summary, a))).toEqual(['predefined-amount', 'predefined-amount']);
    expect(behaviourOfAmount(summary, 3000)).toBe('own-amount');
  });
});

describe('behavioursOfRefusal', () => {
  it('each reason of Billing Not Configured, and the refusals that show a rule', () => {
    const reasons = [{ code: 'integration-not-enabled' }, { code: 'no-mmr-recurring-invoice' }];
    expect(behavioursOfRefusal('billing-not-configured', { reasons })).toEqual([
      'billing-not-configured.integration-not-enabled',
      'billing-not-configured.no-mmr-recurring-invoice',
    ]);
    expect(behavioursOfRefusal('autopay-cannot-be-disabled', {})).toEqual(['autopay-never-off']);
    expect(behavioursOfRefusal('token-expired', undefined)).toEqual(['token.expired']);
    expect(behavioursOfRefusal('validation-failed', {})).toEqual([]);
    expect(behavioursOfRefusal('toString', {})).toEqual([]);
  });
});

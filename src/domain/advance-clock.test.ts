import { describe, expect, it } from 'vitest';
import { actionLimit, advanceClock, MAX_ACTIONS } from './advance-clock.ts';
import { sequentialIds } from './ids.ts';
import { checkInvariants } from './invariants.ts';
import { applyIntegrationChange } from './integration.ts';
import { countListPasses } from '../../test/support/list-passes.ts';
import {
  applied,
  makeCard,
  makeCtx,
  makeCustomer,
  makeInvoice,
  makeIsp,
  makeRecurring,
  makeState,
} from '../../test/support/domain-fixtures.ts';
import type { BillingMethod, SandboxState, SimEvent } from './types.ts';
import { eventsOf } from './event-page.ts';
import { plainReader } from './reader.ts';

const JAN_1 = '2019-01-01T00:00:00.000Z';
// The decline test card 4000 0000 0000 0002, as billing-method.ts stores it.
const declineCard = (o: Partial<BillingMethod> = {}) =>
  makeCard({
    card: { brand: 'visa', last4: '0002', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
    behavior: { kind: 'decline' },
    ...o,
  });

/** The events each state's advances appended, as the store's timeline would hold them. */
const timelines = new WeakMap<SandboxState, SimEvent[]>();
const timeline = (s: SandboxState): SimEvent[] => timelines.get(s) ?? [];

/** Advances like the service: commits the patch with the ids handed out, its events to the timeline. */
function advance(state: SandboxState, to: string) {
  const ids = sequentialIds(state.lastIds);
  const { patch, result } = advanceClock(state, to, { ids: ids.ids, read: plainReader });
  const next = applied(state, { ...patch, lastIds: ids.lastIds() });
  timelines.set(next, [...timeline(state), ...(patch.events ?? [])]);
  return { state: next, patch, result };
}

/** Customer 1 with card 1 and an MMR recurring invoice starting 2019-01-03, on Auto Pay with card 1. */
const autoPayState = (card: BillingMethod, netDays = 0) =>
  makeState({
    now: JAN_1,
    customers: [makeCustomer()],
    billingMethods: [card],
    recurringInvoices: [makeRecurring({ billingMethodId: 1, netDays })],
  });

const types = (s: SandboxState) => timeline(s).map((e) => `${e.at.slice(0, 10)} ${e.type}`);

describe('advanceClock', () => {
  it('Auto Pay charges the billing method on the due date', () => {
    const before = advance(autoPayState(makeCard(), 5), '2019-01-07T23:59:59.999Z').state;
    expect(before.invoices[0]).toMatchObject({ dueDate: '2019-01-08', status: 'open', balanceCents: 2999 });
    expect(before.payments).toHaveLength(0);
    const after = advance(before, '2019-01-08T00:00:00.000Z').state;
    expect(after.payments[0]).toMatchObject({
      source: 'auto_pay',
      status: 'succeeded',
      amountCents: 2999,
      billingMethodId: 1,
      createdAt: '2019-01-08T00:00:00.000Z',
    });
    expect(after.invoices[0]).toMatchObject({
      status: 'paid',
      balanceCents: 0,
      autoPayAttemptedAt: '2019-01-08T00:00:00.000Z',
    });
    expect(after.now).toBe('2019-01-08T00:00:00.000Z');
  });

  it('a declined Auto Pay leaves the invoice unpaid and it becomes past due the next day', () => {
    const onDue = advance(autoPayState(declineCard()), '2019-01-03T23:59:59.999Z').state;
    expect(onDue.payments[0]).toMatchObject({ status: 'failed', failureReason: 'card_declined' });
    expect(onDue.invoices[0]).toMatchObject({
      status: 'open',
      balanceCents: 2999,
      autoPayAttemptedAt: '2019-01-03T00:00:00.000Z',
    });
    const next = advance(onDue, '2019-01-04T00:00:00.000Z').state;
    expect(next.invoices[0]?.status).toBe('past_due');
    expect(
      timeline(next)
        .filter((e) => e.type === 'invoice.past_due')
        .map((e) => e.at),
    ).toEqual(['2019-01-04T00:00:00.000Z']);
    expect(next.payments).toHaveLength(1); // Auto Pay tries an invoice once
  });

  it('the seed example: invoices due Jan 3, Feb 3 and Mar 3 2019 all declined are three unpaid invoices on Mar 3, two of them past due', () => {
    const { state, result } = advance(autoPayState(declineCard()), '2019-03-03T12:00:00.000Z');
    expect(state.invoices.map((i) => [i.dueDate, i.balanceCents, i.status])).toEqual([
      ['2019-01-03', 2999, 'past_due'],
      ['2019-02-03', 2999, 'past_due'],
      ['2019-03-03', 2999, 'open'],
    ]);
    expect(state.payments.map((p) => [p.createdAt, p.status])).toEqual([
      ['2019-01-03T00:00:00.000Z', 'failed'],
      ['2019-02-03T00:00:00.000Z', 'failed'],
      ['2019-03-03T00:00:00.000Z', 'failed'],
    ]);
    expect(types(state)).toEqual([
      '2019-01-03 invoice.created',
      '2019-01-03 payment.failed',
      '2019-01-04 invoice.past_due',
      '2019-02-03 invoice.created',
      '2019-02-03 payment.failed',
      '2019-02-04 invoice.past_due',
      '2019-03-03 invoice.created',
      '2019-03-03 payment.failed',
      '2019-03-03 clock.advanced',
    ]);
    expect(result).toMatchObject({ from: JAN_1, now: '2019-03-03T12:00:00.000Z' });
    expect(result.events).toHaveLength(9);
    expect(state.recurringInvoices[0]).toMatchObject({ nextInvoiceDate: '2019-04-03', invoicesCreated: 3 });
    expect(checkInvariants(state, eventsOf(timeline(state)))).toEqual([]);
  });

  it('the role cache refreshes roleCacheMinutes after enabling', () => {
    const start = makeState({
      isps: [makeIsp({ billingIntegration: false, billingIntegrationEnabledAt: null, roleCacheRefreshedAt: null })],
    });
    const enabled = applied(start, applyIntegrationChange(start, 1, { ok: true, enabled: true }, makeCtx(start)).patch);
    expect(enabled.isps[0]).toMatchObject({
      billingIntegration: true,
      billingIntegrationEnabledAt: start.now,
      roleCacheRefreshedAt: null,
    });
    const early = advance(enabled, '2019-03-03T00:59:59.999Z').state;
    expect(early.isps[0]?.roleCacheRefreshedAt).toBeNull();
    const later = advance(early, '2019-03-03T02:00:00.000Z').state;
    expect(later.isps[0]?.roleCacheRefreshedAt).toBe('2019-03-03T01:00:00.000Z');
    expect(timeline(later).find((e) => e.type === 'role_cache.refreshed')?.at).toBe('2019-03-03T01:00:00.000Z');
  });

  it('a card whose expiry the clock passes is marked expired and Auto Pay then fails', () => {
    const card = makeCard({
      card: { brand: 'visa', last4: '4242', expMonth: 2, expYear: 2019, holderName: 'Jane Doe' },
    });
    const { state } = advance(autoPayState(card), '2019-03-03T00:00:00.000Z');
    expect(state.billingMethods[0]?.expired).toBe(true);
    expect(state.payments.map((p) => [p.createdAt.slice(0, 10), p.status, p.failureReason])).toEqual([
      ['2019-01-03', 'succeeded', null],
      ['2019-02-03', 'succeeded', null],
      ['2019-03-03', 'failed', 'expired_card'],
    ]);
    expect(timeline(state).find((e) => e.type === 'billing_method.expired')?.at).toBe('2019-03-01T00:00:00.000Z');
    expect(state.invoices.map((i) => i.status)).toEqual(['paid', 'paid', 'open']);
    expect(checkInvariants(state, eventsOf(timeline(state)))).toEqual([]);
  });

  it('Auto Pay does not reach back to invoices that came due before the billing method was set', () => {
    const state = makeState({
      now: '2019-01-10T00:00:00.000Z',
      customers: [makeCustomer()],
      billingMethods: [makeCard()],
      recurringInvoices: [makeRecurring({ billingMethodId: 1, nextInvoiceDate: '2019-02-03', invoicesCreated: 1 })],
      invoices: [makeInvoice({ id: 1, dueDate: '2019-01-03', status: 'past_due' })],
    });
    const after = advance(state, '2019-02-03T00:00:00.000Z').state;
    expect(after.payments.map((p) => p.allocations[0]?.invoiceId)).toEqual([2]);
    expect(after.invoices.map((i) => i.status)).toEqual(['past_due', 'paid']);
  });

  it('a backdated schedule catches up at once, Auto Pay trying each generated invoice', () => {
    const state = autoPayState(makeCard());
    const after = advance({ ...state, now: '2019-03-03T12:00:00.000Z' }, '2019-03-03T12:00:00.000Z').state;
    expect(after.invoices.map((i) => [i.dueDate, i.status])).toEqual([
      ['2019-01-03', 'paid'],
      ['2019-02-03', 'paid'],
      ['2019-03-03', 'paid'],
    ]);
    expect(after.payments.every((p) => p.createdAt === '2019-03-03T12:00:00.000Z')).toBe(true);
  });

  it('advancing is deterministic', () => {
    const state = makeState({
      now: JAN_1,
      customers: [makeCustomer(), makeCustomer({ id: 2 })],
      billingMethods: [declineCard(), makeCard({ id: 2, customerId: 2 })],
      recurringInvoices: [
        makeRecurring({ billingMethodId: 1 }),
        makeRecurring({
          id: 2,
          customerId: 2,
          billingMethodId: 2,
          startDate: '2019-01-31',
          nextInvoiceDate: '2019-01-31',
        }),
      ],
      invoices: [makeInvoice({ id: 1, recurringInvoiceId: null, dueDate: '2018-12-20' })],
    });
    const snapshot = structuredClone(state);
    const a = advance(state, '2019-06-15T00:00:00.000Z');
    const b = advance(state, '2019-06-15T00:00:00.000Z');
    expect(a.patch).toEqual(b.patch);
    expect(state).toEqual(snapshot); // the input state is never mutated
    // An invoice already overdue at the start goes past due as soon as the clock moves.
    expect(timeline(a.state)[0]).toMatchObject({ type: 'invoice.past_due', at: JAN_1, data: { invoiceId: 1 } });
  });

  it('the clock cannot go back', () => {
    const state = makeState();
    expect(() =>
      advanceClock(state, '2019-03-02T23:59:59.999Z', { ids: sequentialIds(state.lastIds).ids, read: plainReader }),
    ).toThrow(expect.objectContaining({ kind: 'validation', code: 'clock-cannot-go-back' }));
    const same = advance(state, state.now);
    expect(same.result.events.map((e) => e.type)).toEqual(['clock.advanced']);
  });

  it('refuses to run more than MAX_ACTIONS actions in one advance', () => {
    // 2 actions a month (invoice + past due) for ~4,200 years is more than the guard allows.
    const state = makeState({ now: JAN_1, customers: [makeCustomer()], recurringInvoices: [makeRecurring()] });
    expect(MAX_ACTIONS).toBe(100_000);
    expect(() => advance(state, '6219-01-01T00:00:00.000Z')).toThrow(
      expect.objectContaining({ code: 'advance-too-far' }),
    );
  });

  it("the action guard scales with the sandbox: a big dealer's month fits", () => {
    const small = makeState({ recurringInvoices: [makeRecurring()] });
    expect(actionLimit(small)).toBe(MAX_ACTIONS + 40);
    const big = makeState({
      recurringInvoices: Array.from({ length: 100_000 }, (_, i) => makeRecurring({ id: i + 1 })),
    });
    expect(actionLimit(big)).toBeGreaterThan(3 * 100_000); // invoice + Auto Pay + past due each
  });

  it('a month walks each list a fixed number of times and copies each at most once, however much falls due', () => {
    const n = 3_000; // customers on Auto Pay, each with a year of paid invoices
    const monthOver = (due: number) => {
      const customers = [],
        billingMethods = [],
        recurringInvoices = [],
        invoices = [];
      for (let c = 1; c <= n; c++) {
        customers.push(makeCustomer({ id: c }));
        billingMethods.push(makeCard({ id: c, customerId: c }));
        const next = c <= due ? '2019-01-03' : '2019-06-03';
        recurringInvoices.push(
          makeRecurring({
            id: c,
            customerId: c,
            billingMethodId: c,
            startDate: '2018-01-03',
            nextInvoiceDate: next,
            invoicesCreated: 12,
          }),
        );
      }
      for (let m = 1; m <= 12; m++) {
        for (let c = 1; c <= n; c++) {
          const dueDate = `2018-${String(m).padStart(2, '0')}-03`;
          invoices.push(
            makeInvoice({
              id: invoices.length + 1,
              customerId: c,
              dueDate,
              balanceCents: 0,
              status: 'paid',
              autoPayAttemptedAt: `${dueDate}T00:00:00.000Z`,
            }),
          );
        }
      }
      const state = makeState({ now: JAN_1, customers, billingMethods, recurringInvoices, invoices });
      const copies: string[] = [];
      const probe = { copied: (key: string) => copies.push(key) };
      const { result, passes } = countListPasses(n, () =>
        advanceClock(state, '2019-02-01T00:00:00.000Z', {
          ids: sequentialIds(state.lastIds).ids,
          read: plainReader,
          probe,
        }),
      );
      return { passes, copies, patch: result.patch };
    };
    const few = monthOver(10);
    const many = monthOver(n);
    expect(few.patch.upsert?.invoices).toHaveLength(10);
    expect(many.patch.upsert?.invoices).toHaveLength(n);
    expect(many.patch.upsert?.payments?.every((p) => p.status === 'succeeded')).toBe(true);
    // One scan per collection to find candidates, one copy per list written: never per action.
    expect(many.passes).toBe(few.passes);
    expect(many.passes).toBeLessThanOrEqual(8);
    expect(new Set(many.copies).size).toBe(many.copies.length);
  });
});

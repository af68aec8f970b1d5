import { describe, expect, it } from 'vitest';
import { findScenarioByName } from '../scenarios/catalog.ts';
import { buildState } from '../seeds/build-state.ts';
import { withGeneratedCount } from '../seeds/generate.ts';
import { advanceClock, advanceClockSteps } from './advance-clock.ts';
import { sequentialIds } from './ids.ts';
import { applyPatch, workingCopy } from './patch.ts';
import { makeCard, makeCustomer, makeIsp, makeRecurring, makeState } from '../../test/support/domain-fixtures.ts';
import type { SandboxState, SimEvent } from './types.ts';
import { plainReader } from './reader.ts';

// The advance in chunks (as the sim service runs it, yielding between chunks) must be the same advance.

/** The state after the one-patch advance, and its patch's events. */
function whole(state: SandboxState, to: string) {
  const work = workingCopy(state);
  const ids = sequentialIds(state.lastIds);
  const { patch, result } = advanceClock(state, to, { ids: ids.ids, read: plainReader });
  applyPatch(work, { ...patch, lastIds: ids.lastIds() });
  return { state: work, events: patch.events ?? [], actions: result.actions };
}

/** The state after committing the chunks one by one, each with its own id generator (like the runner). */
function chunked(state: SandboxState, to: string, maxActions: number) {
  const work = workingCopy(state);
  let ids = sequentialIds(work.lastIds);
  const steps = advanceClockSteps(work, to, { ids: ids.ids, read: plainReader }, { maxActions });
  let chunks = 0;
  let actions = 0;
  const clocks: string[] = [];
  const events: SimEvent[] = [];
  for (let next = steps.next(); !next.done; ) {
    const { patch, result } = next.value;
    chunks++;
    actions += result.actions;
    expect(result.actions).toBeLessThanOrEqual(maxActions);
    applyPatch(work, { ...patch, lastIds: ids.lastIds() });
    events.push(...(patch.events ?? []));
    clocks.push(work.now);
    if (result.done) {
      expect(steps.next().done).toBe(true);
      break;
    }
    ids = sequentialIds(work.lastIds);
    next = steps.next(ids.ids);
  }
  return { state: work, events, chunks, actions, clocks };
}

const json = (s: SandboxState) => JSON.stringify(s);

describe('advanceClockSteps', () => {
  it('a generated month-end in chunks of 7 actions gives the same state, events and ids as one patch', () => {
    const setup = withGeneratedCount(findScenarioByName('big-dealer-month-end').given, 120);
    const start = buildState('default', { kind: 'scenario', name: 'big-dealer-month-end' }, setup).state;
    const to = '2019-04-15T00:00:00.000Z';
    const one = whole(start, to);
    const many = chunked(start, to, 7);
    expect(one.actions).toBeGreaterThan(300); // invoices, charges and past dues of three months
    expect(many.chunks).toBeGreaterThanOrEqual(Math.ceil(one.actions / 7));
    expect(many.actions).toBe(one.actions);
    expect(json(many.state)).toBe(json(one.state));
    expect(JSON.stringify(many.events)).toBe(JSON.stringify(one.events));
    expect(many.events.filter((e) => e.type === 'clock.advanced')).toHaveLength(1);
    // Between chunks the clock shows how far the advance got, never going back.
    expect([...many.clocks].sort()).toEqual(many.clocks);
    expect(many.clocks.at(-1)).toBe(to);
  });

  it('role cache, card expiry and Auto Pay declines give the same state in chunks of 1', () => {
    const start = makeState({
      now: '2019-01-01T00:00:00.000Z',
      faults: { declineNextCharges: 2, alarmComWebServices: 'up', slowMs: 0 },
      isps: [makeIsp({ billingIntegrationEnabledAt: '2019-01-01T00:00:00.000Z', roleCacheRefreshedAt: null })],
      customers: [makeCustomer(), makeCustomer({ id: 2 })],
      billingMethods: [
        makeCard({ card: { brand: 'visa', last4: '4242', expMonth: 2, expYear: 2019, holderName: 'Jane Doe' } }),
        makeCard({ id: 2, customerId: 2 }),
      ],
      recurringInvoices: [
        makeRecurring({ billingMethodId: 1 }),
        makeRecurring({ id: 2, customerId: 2, billingMethodId: 2 }),
      ],
    });
    const to = '2019-06-01T00:00:00.000Z';
    const one = whole(start, to);
    const many = chunked(start, to, 1);
    expect(many.chunks).toBeGreaterThan(10);
    expect(json(many.state)).toBe(json(one.state));
    expect(JSON.stringify(many.events)).toBe(JSON.stringify(one.events));
    expect(one.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['role_cache.refreshed', 'billing_method.expired', 'payment.failed', 'payment.succeeded']),
    );
  });

  it('advanceClock is the advance in one chunk', () => {
    const start = makeState({
      now: '2019-01-01T00:00:00.000Z',
      customers: [makeCustomer()],
      billingMethods: [makeCard()],
      recurringInvoices: [makeRecurring({ billingMethodId: 1 })],
    });
    const chunks = [
      ...advanceClockSteps(start, '2019-03-01T00:00:00.000Z', {
        ids: sequentialIds(start.lastIds).ids,
        read: plainReader,
      }),
    ];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.result.done).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { where } from './lookup.ts';
import { applyPatch, cloneState, mergePatches, workingCopy, type ListKey } from './patch.ts';
import { countListPasses } from './test-list-passes.ts';
import { makeCustomer, makeInvoice, makeLogin, makeState } from '../../test/support/domain-fixtures.ts';
import type { SandboxState } from './types.ts';

const bigState = (n: number): SandboxState =>
  makeState({
    customers: Array.from({ length: n }, (_, i) => makeCustomer({ id: i + 1 })),
    invoices: Array.from({ length: n }, (_, i) => makeInvoice({ id: i + 1, customerId: i + 1 })),
    events: Array.from({ length: n }, (_, i) => ({ id: i + 1, at: '2019-01-01T00:00:00.000Z', type: 'x', data: {} })),
  });

const copyCounter = () => {
  const copies: ListKey[] = [];
  return { copies, probe: { copied: (key: ListKey) => copies.push(key) } };
};

describe('cloneState (copy on write)', () => {
  it('shares every list and walks none of them', () => {
    const source = bigState(5_000);
    const { result: clone, passes } = countListPasses(5_000, () => cloneState(source, { name: 'copy' }));
    expect(passes).toBe(0);
    expect(clone.name).toBe('copy');
    expect(clone.invoices).toBe(source.invoices);
    expect(clone.events).toBe(source.events);
    expect(JSON.parse(JSON.stringify(clone))).toEqual({ ...JSON.parse(JSON.stringify(source)), name: 'copy' });
  });

  it('a write in the clone never shows in the source, nor a write in the source in the clone', () => {
    const source = bigState(100);
    const before = structuredClone(source);
    const clone = cloneState(source, { name: 'copy' });
    const paid = { ...source.invoices[9]!, balanceCents: 0, status: 'paid' as const };
    applyPatch(clone, {
      upsert: { invoices: [paid, makeInvoice({ id: 101 })] },
      events: [{ id: 101, at: clone.now, type: 'y', data: {} }],
      now: '2019-04-01T00:00:00.000Z',
    });
    expect(source).toEqual(before);
    expect(clone.invoices[9]).toEqual(paid);
    expect(clone.invoices).toHaveLength(101);

    const renamed = { ...source.customers[0]!, firstName: 'Renamed' };
    applyPatch(source, {
      upsert: { customers: [renamed] },
      events: [{ id: 101, at: source.now, type: 'z', data: {} }],
    });
    expect(clone.customers[0]?.firstName).toBe(before.customers[0]?.firstName);
    expect(clone.events.at(-1)?.type).toBe('y');
    expect(source.events.at(-1)?.type).toBe('z');
    expect(source.invoices[9]).toEqual(before.invoices[9]);
  });

  it('each side copies a list once, on its first write to it, and only the lists it writes', () => {
    const source = bigState(1_000);
    const { copies, probe } = copyCounter();
    const clone = cloneState(source, { name: 'copy' }, probe);
    for (let i = 0; i < 50; i++)
      applyPatch(clone, {
        upsert: { invoices: [{ ...clone.invoices[i]!, balanceCents: 0, status: 'paid' }] },
        events: [{ id: 2_000 + i, at: clone.now, type: 'y', data: {} }],
      });
    expect(copies.sort()).toEqual(['events', 'invoices']);
    expect(clone.customers).toBe(source.customers); // untouched lists stay shared
    applyPatch(source, { upsert: { invoices: [makeInvoice({ id: 1_001 })] } });
    expect(copies.sort()).toEqual(['events', 'invoices', 'invoices']);
  });

  it('a working copy leaves the original untouched and copies lazily', () => {
    const state = bigState(100);
    const { copies, probe } = copyCounter();
    const work = workingCopy(state, probe);
    applyPatch(
      work,
      { upsert: { invoices: [makeInvoice({ id: 101 })] }, events: [{ id: 101, at: state.now, type: 'y', data: {} }] },
      { events: false },
    );
    expect(state.invoices).toHaveLength(100);
    expect(work.invoices).toHaveLength(101);
    expect(work.events).toBe(state.events);
    expect(copies).toEqual(['invoices']);
  });
});

describe('lookup indexes across replacements', () => {
  it('a renamed login is found under its new name, not its old one', () => {
    const state = makeState({
      logins: [makeLogin({ id: 1, username: 'jane' }), makeLogin({ id: 2, username: 'lee' })],
    });
    const byName = (u: string) => where(state.logins, 'username', (l) => l.username, u).map((l) => l.id);
    expect(byName('jane')).toEqual([1]);
    applyPatch(state, { upsert: { logins: [{ ...state.logins[0]!, username: 'janet' }] } });
    expect(byName('jane')).toEqual([]);
    expect(byName('janet')).toEqual([1]);
    applyPatch(state, { upsert: { logins: [{ ...state.logins[1]!, username: 'jane' }] } });
    expect(byName('jane')).toEqual([2]);
  });
});

describe('mergePatches', () => {
  it('later upserts of an id win at its first position; removals and events concatenate; later scalars win', () => {
    const e = (id: number) => ({ id, at: '2019-01-01T00:00:00.000Z', type: 'x', data: {} });
    const merged = mergePatches([
      { upsert: { invoices: [makeInvoice({ id: 1 }), makeInvoice({ id: 2 })] }, events: [e(1)], now: 'a' },
      {
        upsert: { invoices: [makeInvoice({ id: 1, balanceCents: 0 })], customers: [makeCustomer({ id: 3 })] },
        remove: { idempotencyKeys: [4] },
        now: 'b',
      },
      {
        remove: { idempotencyKeys: [5] },
        events: [e(2), e(3)],
        faults: { declineNextCharges: 1, alarmComWebServices: 'up', slowMs: 0 },
      },
    ]);
    expect(merged.upsert?.invoices?.map((i) => [i.id, i.balanceCents])).toEqual([
      [1, 0],
      [2, makeInvoice().balanceCents],
    ]);
    expect(merged.upsert?.customers?.map((c) => c.id)).toEqual([3]);
    expect(merged.remove).toEqual({ idempotencyKeys: [4, 5] });
    expect(merged.events?.map((x) => x.id)).toEqual([1, 2, 3]);
    expect(merged.now).toBe('b');
    expect(merged.faults?.declineNextCharges).toBe(1);
    expect(mergePatches([{}, {}])).toEqual({});
  });

  it('takes one pass over the patches, however many', () => {
    const patches = Array.from({ length: 20_000 }, (_, i) => ({
      upsert: { invoices: [makeInvoice({ id: (i % 100) + 1 })] },
    }));
    const { result, passes } = countListPasses(1_000, () => mergePatches(patches));
    expect(result.upsert?.invoices).toHaveLength(100);
    expect(passes).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { applyPatch, cloneState, mergePatches, workingCopy, type ListKey } from './patch.ts';
import { countListPasses } from '../../test/support/list-passes.ts';
import { makeCustomer, makeInvoice, makeLogin, makeState } from '../../test/support/domain-fixtures.ts';
import type { SandboxState } from './types.ts';

const bigState = (n: number): SandboxState =>
  makeState({
    customers: Array.from({ length: n }, (_, i) => makeCustomer({ id: i + 1 })),
    invoices: Array.from({ length: n }, (_, i) => makeInvoice({ id: i + 1, customerId: i + 1 })),
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
    expect(JSON.parse(JSON.stringify(clone))).toEqual({ ...JSON.parse(JSON.stringify(source)), name: 'copy' });
  });

  it('a write in the clone never shows in the source, nor a write in the source in the clone', () => {
    const source = bigState(100);
    const before = structuredClone(source);
    const clone = cloneState(source, { name: 'copy' });
    const paid = { ...source.invoices[9]!, balanceCents: 0, status: 'paid' as const };
    applyPatch(clone, {
      upsert: { invoices: [paid, makeInvoice({ id: 101 })] },
      now: '2019-04-01T00:00:00.000Z',
    });
    expect(source).toEqual(before);
    expect(clone.invoices[9]).toEqual(paid);
    expect(clone.invoices).toHaveLength(101);

    const renamed = { ...source.customers[0]!, firstName: 'Renamed' };
    applyPatch(source, { upsert: { customers: [renamed] } });
    expect(clone.customers[0]?.firstName).toBe(before.customers[0]?.firstName);
    expect(source.invoices[9]).toEqual(before.invoices[9]);
  });

  it('copies every list of collections.ts on first write, those a state may lack too (integrator keys)', () => {
    const key = { id: 1, key: 'k1', name: 'one', createdAt: '2019-01-01T00:00:00.000Z' };
    const source = makeState({ integratorKeys: [key] });
    const clone = cloneState(source, { name: 'copy' });
    applyPatch(clone, { upsert: { integratorKeys: [{ ...key, id: 2, key: 'k2' }] } });
    expect(source.integratorKeys).toEqual([key]);
    expect(clone.integratorKeys?.map((k) => k.key)).toEqual(['k1', 'k2']);
  });

  it('each side copies a list once, on its first write to it, and only the lists it writes', () => {
    const source = bigState(1_000);
    const { copies, probe } = copyCounter();
    const clone = cloneState(source, { name: 'copy' }, probe);
    for (let i = 0; i < 50; i++)
      applyPatch(clone, { upsert: { invoices: [{ ...clone.invoices[i]!, balanceCents: 0, status: 'paid' }] } });
    expect(copies.sort()).toEqual(['invoices']);
    expect(clone.customers).toBe(source.customers); // untouched lists stay shared
    applyPatch(source, { upsert: { invoices: [makeInvoice({ id: 1_001 })] } });
    expect(copies.sort()).toEqual(['invoices', 'invoices']);
  });

  it('a working copy leaves the original untouched and copies lazily', () => {
    const state = bigState(100);
    const { copies, probe } = copyCounter();
    const work = workingCopy(state, probe);
    applyPatch(work, { upsert: { invoices: [makeInvoice({ id: 101 })] } });
    expect(state.invoices).toHaveLength(100);
    expect(work.invoices).toHaveLength(101);
    expect(work.customers).toBe(state.customers);
    expect(copies).toEqual(['invoices']);
  });
});

describe('applyPatch', () => {
  it('tells onReplace of every entity it replaces in place, and of none it adds', () => {
    const state = makeState({ logins: [makeLogin({ id: 1, username: 'jane' })] });
    const seen: unknown[][] = [];
    const renamed = { ...state.logins[0]!, username: 'janet' };
    applyPatch(state, { upsert: { logins: [renamed, makeLogin({ id: 2, username: 'lee' })] } }, (list, at, b, a) =>
      seen.push([list === state.logins, at, b, a]),
    );
    expect(seen).toEqual([[true, 0, makeLogin({ id: 1, username: 'jane' }), renamed]]);
    expect(state.logins.map((l) => l.username)).toEqual(['janet', 'lee']);
  });

  it('leaves the events of a patch to whoever keeps the timeline', () => {
    const state = makeState();
    applyPatch(state, { events: [{ id: 1, at: state.now, type: 'x', data: {} }], now: '2019-04-01T00:00:00.000Z' });
    expect(state.now).toBe('2019-04-01T00:00:00.000Z');
    expect('events' in state).toBe(false);
    expect(structuredClone(state)).toEqual(state);
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

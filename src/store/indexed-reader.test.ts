import { describe, expect, it } from 'vitest';
import { applyPatch } from '../domain/patch.ts';
import { plainReader, type Reader } from '../domain/reader.ts';
import { makeInvoice, makeLogin, makeState } from '../../test/support/domain-fixtures.ts';
import { createIndexedReader } from './indexed-reader.ts';

describe('the store reader (indexed lookups)', () => {
  it('answers as a scan does, in list order, as the list grows', () => {
    const read = createIndexedReader();
    const state = makeState({
      invoices: [1, 2, 3, 4, 5].map((id) => makeInvoice({ id, recurringInvoiceId: id % 2 ? 1 : 2 })),
    });
    const ids = (r: Reader) => r.where(state.invoices, 'invoicesByRecurringInvoice', 1).map((i) => i.id);
    expect(ids(read)).toEqual([1, 3, 5]);
    applyPatch(state, { upsert: { invoices: [makeInvoice({ id: 6, recurringInvoiceId: 1 })] } }, read.replaced);
    expect(ids(read)).toEqual([1, 3, 5, 6]);
    expect(ids(read)).toEqual(ids(plainReader));
  });

  it('a renamed login is found under its new name, not its old one', () => {
    const read = createIndexedReader();
    const state = makeState({
      logins: [makeLogin({ id: 1, username: 'jane' }), makeLogin({ id: 2, username: 'lee' })],
    });
    const byName = (u: string) => read.where(state.logins, 'loginsByUsername', u).map((l) => l.id);
    expect(byName('jane')).toEqual([1]);
    applyPatch(state, { upsert: { logins: [{ ...state.logins[0]!, username: 'janet' }] } }, read.replaced);
    expect(byName('jane')).toEqual([]);
    expect(byName('janet')).toEqual([1]);
    applyPatch(state, { upsert: { logins: [{ ...state.logins[1]!, username: 'jane' }] } }, read.replaced);
    expect(byName('jane')).toEqual([2]);
  });

  it('never changes the list it reads: a state read through it stays plain data', () => {
    const read = createIndexedReader();
    const state = makeState({ logins: [makeLogin()] });
    read.where(state.logins, 'loginsByUsername', 'jane');
    expect(Object.getOwnPropertySymbols(state.logins)).toEqual([]);
    expect(structuredClone(state)).toEqual(state);
  });
});

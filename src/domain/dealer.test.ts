import { describe, expect, it } from 'vitest';
import {
  createAdcCredential,
  createCustomer,
  createIsp,
  createLogin,
  createManualInvoice,
  updateAdcCredential,
  updateIspDetails,
  updateLogin,
} from './dealer.ts';
import { applied, makeCtx, makeCustomer, makeIsp, makeLogin, makeState } from '../../test/support/domain-fixtures.ts';

describe('dealer commands', () => {
  it('a new customer is created with its ISP', () => {
    const state = makeState({ isps: [makeIsp()] });
    const { patch, result } = createCustomer(
      state,
      { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', ispId: 1 },
      makeCtx(state),
    );
    expect(result).toMatchObject({ id: 1, ispId: 1, createdAt: state.now });
    expect(patch.events?.[0]).toMatchObject({ type: 'customer.created', at: state.now, data: { customerId: 1 } });
    expect(() =>
      createCustomer(state, { firstName: 'A', lastName: 'B', email: 'a@b.c', ispId: 7 }, makeCtx(state)),
    ).toThrow(expect.objectContaining({ code: 'unknown-isp' }));
  });

  it('a new ISP starts with the Billing Integration off and never logs its password', () => {
    const state = makeState();
    const { patch, result } = createIsp(
      state,
      { name: 'Acme', username: 'acme-isp', password: 'isp-pass' },
      makeCtx(state),
    );
    expect(result).toMatchObject({
      billingIntegration: false,
      billingIntegrationEnabledAt: null,
      roleCacheRefreshedAt: null,
      password: 'isp-pass',
    });
    expect(JSON.stringify(patch.events)).not.toContain('isp-pass');
  });

  it('ISP credentials can change while the integration is enabled', () => {
    const state = makeState({ isps: [makeIsp()] });
    const { patch, result } = updateIspDetails(
      state,
      1,
      { username: 'new-user', password: 'new-pass' },
      makeCtx(state),
    );
    expect(result).toMatchObject({ username: 'new-user', password: 'new-pass', billingIntegration: true });
    expect(patch.events?.[0]).toMatchObject({ type: 'isp.updated', data: { changed: ['username', 'password'] } });
  });

  it('a manual invoice is dated today and belongs to no recurring invoice', () => {
    const state = makeState({ customers: [makeCustomer()], now: '2019-03-03T15:00:00.000Z' });
    const { result } = createManualInvoice(
      state,
      { customerId: 1, dueDate: '2019-03-10', lines: [{ lineItemId: 1, amountCents: 5000 }] },
      makeCtx(state),
    );
    expect(result).toMatchObject({
      recurringInvoiceId: null,
      invoiceDate: '2019-03-03',
      totalCents: 5000,
      balanceCents: 5000,
      status: 'open',
    });
    expect(result.lines[0]?.description).toBe('Equipment');
    const early = () =>
      createManualInvoice(
        state,
        { customerId: 1, dueDate: '2019-03-01', lines: [{ lineItemId: 1, amountCents: 1 }] },
        makeCtx(state),
      );
    expect(early).toThrow(expect.objectContaining({ code: 'due-before-invoice-date' }));
  });

  it('a manual invoice already due before today is past due from the start, as the clock would make it', () => {
    const state = makeState({ customers: [makeCustomer()], now: '2019-03-04T00:00:00.000Z' });
    const invoice = (dueDate: string, amountCents = 5000) =>
      createManualInvoice(
        state,
        { customerId: 1, invoiceDate: '2019-02-01', dueDate, lines: [{ lineItemId: 1, amountCents }] },
        makeCtx(state),
      );
    const late = invoice('2019-03-03');
    expect(late.result).toMatchObject({ id: 1, status: 'past_due', statusChangedAt: state.now });
    expect(late.patch.upsert?.invoices).toEqual([late.result]);
    expect(late.patch.events?.map((e) => e.type)).toEqual(['invoice.created', 'invoice.past_due']);
    expect(invoice('2019-03-04').result.status).toBe('open');
    expect(invoice('2019-03-03', 0).result.status).toBe('paid');
  });

  it('logins link to and unlink from customers, usernames are unique', () => {
    const state = makeState({ customers: [makeCustomer()], logins: [makeLogin({ customerId: null })] });
    expect(() => createLogin(state, { username: 'jane', password: 'x' }, makeCtx(state))).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'username-taken' }),
    );
    const linked = updateLogin(state, 1, { customerId: 1 }, makeCtx(state));
    expect(linked.patch.events?.[0]).toMatchObject({ type: 'login.linked', data: { loginId: 1, customerId: 1 } });
    const after = applied(state, linked.patch);
    const unlinked = updateLogin(after, 1, { customerId: null }, makeCtx(after));
    expect(unlinked.result.customerId).toBeNull();
    expect(unlinked.patch.events?.[0]?.type).toBe('login.unlinked');
    expect(() => updateLogin(state, 1, { customerId: 9 }, makeCtx(state))).toThrow(
      expect.objectContaining({ kind: 'not_found' }),
    );
    const two = makeState({
      logins: [makeLogin({ customerId: null }), makeLogin({ id: 2, username: 'bob', customerId: null })],
    });
    expect(() => updateLogin(two, 2, { username: 'jane' }, makeCtx(two))).toThrow(
      expect.objectContaining({ code: 'username-taken' }),
    );
  });

  it('Alarm.com credentials carry roles that can be changed', () => {
    const state = makeState();
    const created = createAdcCredential(
      state,
      { username: 'acme-isp', password: 'p', roles: ['SecurityTrax'] },
      makeCtx(state),
    );
    expect(created.result.securityTraxSettings).toEqual({ billingIntegrationEnabled: false, updatedAt: null });
    const after = applied(state, created.patch);
    const updated = updateAdcCredential(after, 1, { roles: [] }, makeCtx(after));
    expect(updated.result.roles).toEqual([]);
    expect(updated.patch.events?.[0]?.type).toBe('alarm_com_credential.updated');
    expect(() => createAdcCredential(after, { username: 'acme-isp', password: 'q' }, makeCtx(after))).toThrow(
      expect.objectContaining({ code: 'username-taken' }),
    );
  });

  it('checks what the faces cannot: calendar dates, renames, repeated roles', () => {
    const state = makeState({ customers: [makeCustomer()], logins: [makeLogin({ customerId: null })] });
    const bad = (input: { invoiceDate?: string; dueDate: string }) => () =>
      createManualInvoice(
        state,
        { customerId: 1, lines: [{ lineItemId: 1, amountCents: 1 }], ...input },
        makeCtx(state),
      );
    expect(bad({ invoiceDate: '2019-02-30', dueDate: '2019-03-10' })).toThrow(
      expect.objectContaining({
        code: 'invalid-date',
        extensions: { errors: [{ path: '/invoiceDate', message: 'must be a calendar date YYYY-MM-DD' }] },
      }),
    );
    expect(bad({ dueDate: '2019-02-30' })).toThrow(
      expect.objectContaining({
        code: 'invalid-date',
        extensions: { errors: [{ path: '/dueDate', message: 'must be a calendar date YYYY-MM-DD' }] },
      }),
    );
    expect(updateLogin(state, 1, { username: 'jane' }, makeCtx(state)).patch).toEqual({});
    const renamed = updateLogin(state, 1, { username: 'janet' }, makeCtx(state));
    expect(renamed.result.username).toBe('janet');
    expect(renamed.patch.events?.map((e) => [e.type, e.data])).toEqual([
      ['login.updated', { loginId: 1, username: 'janet' }],
    ]);
    expect(
      createAdcCredential(state, { username: 'x', password: 'p', roles: ['A', 'A', 'B'] }, makeCtx(state)).result.roles,
    ).toEqual(['A', 'B']);
    expect(createAdcCredential(state, { username: 'y', password: 'p' }, makeCtx(state)).result.roles).toEqual([]);
  });
});

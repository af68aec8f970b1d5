import { describe, expect, it } from 'vitest';
import type { NewBillingMethodInput } from './billing-method.ts';
import { eventsOf } from './event-page.ts';
import { checkInvariants } from './invariants.ts';
import { changePaymentMethod, removePaymentMethod, setAutoPay } from './payment-method.ts';
import {
  applied,
  domainError,
  makeBank,
  makeCard,
  makeConfiguredState,
  makeCtx,
  makeCustomer,
  makeRecurring,
} from '../../test/support/domain-fixtures.ts';
import type { SandboxState } from './types.ts';
import { plainReader } from './reader.ts';

const newVisa: NewBillingMethodInput = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
};
const withAutoPay = (o: Partial<SandboxState> = {}) =>
  makeConfiguredState({
    recurringInvoices: [makeRecurring({ billingMethodId: 1 })],
    billingMethods: [makeCard()],
    ...o,
  });

describe('changePaymentMethod', () => {
  it('a billing method provided by the customer enrols them in Auto Pay', () => {
    const state = makeConfiguredState();
    const { patch, result } = changePaymentMethod(state, 1, { newBillingMethod: newVisa }, makeCtx(state));
    const after = applied(state, patch);
    expect(after.recurringInvoices[0]?.billingMethodId).toBe(result.billingMethod.id);
    expect(patch.events?.map((e) => e.type)).toEqual(['billing_method.created', 'autopay.enabled']);
    expect(checkInvariants(after, eventsOf([]))).toEqual([]);
  });

  it('the billing method can be changed entirely (e.g. a lost or stolen card)', () => {
    const state = withAutoPay({ billingMethods: [makeCard(), makeBank({ id: 2 })] });
    const { patch } = changePaymentMethod(state, 1, { billingMethodId: 2 }, makeCtx(state));
    expect(applied(state, patch).recurringInvoices[0]?.billingMethodId).toBe(2);
    expect(patch.events?.map((e) => [e.type, e.data.previousBillingMethodId])).toEqual([['billing_method.updated', 1]]);
  });

  it('the expiration date of the current billing method can be updated', () => {
    const expired = makeCard({
      card: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2019, holderName: 'J' },
      expired: true,
    });
    const state = withAutoPay({ billingMethods: [expired] });
    const { patch, result } = changePaymentMethod(state, 1, { expiry: { expMonth: 1, expYear: 2022 } }, makeCtx(state));
    expect(result.billingMethod).toMatchObject({ id: 1, expired: false, card: { expMonth: 1, expYear: 2022 } });
    expect(applied(state, patch).recurringInvoices[0]?.billingMethodId).toBe(1);
    expect(patch.events?.map((e) => e.type)).toEqual(['billing_method.updated']);
  });

  it('an expiry cannot be updated before any billing method is set', () => {
    const state = makeConfiguredState();
    const err = domainError(() =>
      changePaymentMethod(state, 1, { expiry: { expMonth: 1, expYear: 2022 } }, makeCtx(state)),
    );
    expect([err.kind, err.code]).toEqual(['conflict', 'no-billing-method']);
  });

  it("another customer's billing method cannot be chosen", () => {
    const state = withAutoPay({
      customers: [makeCustomer(), makeCustomer({ id: 2 })],
      billingMethods: [makeCard(), makeCard({ id: 2, customerId: 2 })],
    });
    expect(domainError(() => changePaymentMethod(state, 1, { billingMethodId: 2 }, makeCtx(state))).kind).toBe(
      'not_found',
    );
  });

  it('an expired card cannot become the Auto Pay method', () => {
    const state = withAutoPay({ billingMethods: [makeCard(), makeCard({ id: 2, expired: true })] });
    expect(domainError(() => changePaymentMethod(state, 1, { billingMethodId: 2 }, makeCtx(state))).code).toBe(
      'card-expired',
    );
  });

  it('choosing the method already in use changes nothing', () => {
    const state = withAutoPay();
    expect(changePaymentMethod(state, 1, { billingMethodId: 1 }, makeCtx(state)).patch).toEqual({});
  });

  it('changing the payment method needs the billing integration to be configured', () => {
    const state = withAutoPay({ recurringInvoices: [] });
    expect(domainError(() => changePaymentMethod(state, 1, { billingMethodId: 1 }, makeCtx(state))).code).toBe(
      'billing-not-configured',
    );
  });
});

describe('removePaymentMethod / setAutoPay', () => {
  it('once a billing method is specified, it cannot be removed', () => {
    const err = domainError(() => removePaymentMethod());
    expect([err.kind, err.code]).toEqual(['conflict', 'billing-method-cannot-be-removed']);
  });

  it('Auto Pay cannot be disabled', () => {
    const err = domainError(() => setAutoPay(withAutoPay(), plainReader, 1, false));
    expect([err.kind, err.code]).toEqual(['conflict', 'autopay-cannot-be-disabled']);
  });

  it('Auto Pay cannot be turned on without a billing method', () => {
    expect(domainError(() => setAutoPay(makeConfiguredState(), plainReader, 1, true)).code).toBe('no-billing-method');
  });

  it('turning Auto Pay on when a billing method is set changes nothing', () => {
    expect(setAutoPay(withAutoPay(), plainReader, 1, true)).toEqual({
      patch: {},
      result: { enabled: true, canBeDisabled: false, billingMethodId: 1 },
    });
  });
});

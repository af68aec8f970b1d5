import { describe, expect, it } from 'vitest';
import { createBillingMethod, maskedLabel, updateCardExpiry, type NewBillingMethodInput } from './billing-method.ts';
import { eventsOf } from './event-page.ts';
import { checkInvariants } from './invariants.ts';
import {
  applied,
  domainError,
  makeBank,
  makeCard,
  makeConfiguredState,
  makeCtx,
} from '../../test/support/domain-fixtures.ts';

const visa = (
  o: Partial<{ number: string; expMonth: number; expYear: number; cvv: string }> = {},
): NewBillingMethodInput => ({
  type: 'credit_card',
  card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe', ...o },
});

describe('createBillingMethod', () => {
  it('stores brand, last 4, expiry and holder, and emits billing_method.created', () => {
    const state = makeConfiguredState();
    const { patch, result } = createBillingMethod(state, 1, visa(), makeCtx(state));
    expect(result).toMatchObject({
      id: 1,
      customerId: 1,
      type: 'credit_card',
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
      bankAccount: null,
      behavior: { kind: 'succeed' },
      chargeCount: 0,
      expired: false,
    });
    expect(patch.events?.map((e) => e.type)).toEqual(['billing_method.created']);
    expect(checkInvariants(applied(state, patch), eventsOf([]))).toEqual([]);
  });

  it('the full card number is never stored', () => {
    const state = makeConfiguredState();
    const { patch } = createBillingMethod(state, 1, visa(), makeCtx(state));
    expect(JSON.stringify(patch)).not.toMatch(/4242424242424242|\d{12,}/);
  });

  it('the CVV is never stored', () => {
    const state = makeConfiguredState();
    const { patch } = createBillingMethod(state, 1, visa({ cvv: '987' }), makeCtx(state));
    const json = JSON.stringify(patch);
    expect(json).not.toContain('987');
    expect(json.toLowerCase()).not.toContain('cvv');
  });

  it('the customer does not need to provide the CVV', () => {
    const state = makeConfiguredState();
    expect(createBillingMethod(state, 1, visa(), makeCtx(state)).result.card?.last4).toBe('4242');
  });

  it('the processor behaviour is derived from the number at input time', () => {
    const state = makeConfiguredState();
    const m = createBillingMethod(state, 1, visa({ number: '4000000000000002' }), makeCtx(state)).result;
    expect(m.behavior).toEqual({ kind: 'decline' });
  });

  it('a card number failing the Luhn check is refused', () => {
    const state = makeConfiguredState();
    const err = domainError(() => createBillingMethod(state, 1, visa({ number: '4242424242424241' }), makeCtx(state)));
    expect([err.kind, err.code]).toEqual(['validation', 'invalid-card-number']);
    expect(err.extensions.errors).toEqual([{ path: '/card/number', message: expect.any(String) }]);
  });

  it('cards with an expiry before the current virtual month are refused on input', () => {
    const state = makeConfiguredState(); // 2019-03-03
    const err = domainError(() => createBillingMethod(state, 1, visa({ expMonth: 2, expYear: 2019 }), makeCtx(state)));
    expect([err.kind, err.code]).toEqual(['validation', 'card-expired']);
    expect(err.extensions.errors).toEqual([{ path: '/card/expMonth', message: expect.any(String) }]);
  });

  it('a card expiring in the current month is still accepted', () => {
    const state = makeConfiguredState();
    expect(createBillingMethod(state, 1, visa({ expMonth: 3, expYear: 2019 }), makeCtx(state)).result.expired).toBe(
      false,
    );
  });

  it('an unknown customer is not found', () => {
    const state = makeConfiguredState();
    expect(domainError(() => createBillingMethod(state, 99, visa(), makeCtx(state))).kind).toBe('not_found');
  });

  it('a bank account keeps only its last 4; account 000111111116 is returned by the bank', () => {
    const state = makeConfiguredState();
    const input: NewBillingMethodInput = {
      type: 'bank_account',
      bankAccount: {
        routingNumber: '110000000',
        accountNumber: '000111111116',
        accountType: 'savings',
        holderName: 'Jane Doe',
      },
    };
    const { patch, result } = createBillingMethod(state, 1, input, makeCtx(state));
    expect(result.bankAccount).toEqual({
      bankName: null,
      accountType: 'savings',
      last4: '1116',
      holderName: 'Jane Doe',
    });
    expect(result.behavior).toEqual({ kind: 'bank_returned' });
    expect(JSON.stringify(patch)).not.toMatch(/000111111116|110000000/);
  });
});

describe('updateCardExpiry', () => {
  it('a customer can update an expiration date, which clears the expired flag', () => {
    const state = makeConfiguredState({
      billingMethods: [
        makeCard({
          card: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2019, holderName: 'J' },
          expired: true,
        }),
      ],
    });
    const { patch, result } = updateCardExpiry(state, 1, { expMonth: 1, expYear: 2022 }, makeCtx(state));
    expect(result.card).toMatchObject({ expMonth: 1, expYear: 2022 });
    expect(result.expired).toBe(false);
    expect(result.statusChangedAt).toBe(state.now); // expired -> active, through the state machine
    expect(patch.events?.map((e) => e.type)).toEqual(['billing_method.updated']);
    expect(state.billingMethods[0]?.expired).toBe(true); // input untouched
  });

  it('a card still valid gets its new expiry and stays active, with no status change', () => {
    const card = makeCard({ card: { brand: 'visa', last4: '4242', expMonth: 1, expYear: 2030, holderName: 'J' } });
    const state = makeConfiguredState({ billingMethods: [card] });
    const { patch, result } = updateCardExpiry(state, 1, { expMonth: 6, expYear: 2031 }, makeCtx(state));
    expect(result).toEqual({ ...card, card: { ...card.card, expMonth: 6, expYear: 2031 } });
    expect(patch.upsert?.billingMethods).toEqual([result]);
  });

  it('a new expiry in the past is refused', () => {
    const state = makeConfiguredState({ billingMethods: [makeCard()] });
    const err = domainError(() => updateCardExpiry(state, 1, { expMonth: 2, expYear: 2019 }, makeCtx(state)));
    expect([err.kind, err.code]).toEqual(['validation', 'card-expired']);
  });

  it('only cards have an expiry', () => {
    const state = makeConfiguredState({ billingMethods: [makeBank()] });
    const err = domainError(() => updateCardExpiry(state, 1, { expMonth: 1, expYear: 2022 }, makeCtx(state)));
    expect([err.kind, err.code]).toEqual(['conflict', 'not-a-credit-card']);
  });
});

describe('maskedLabel', () => {
  it('shows the brand or account type and the last 4 only', () => {
    expect(maskedLabel(makeCard())).toBe('Visa ending in 4242');
    expect(maskedLabel(makeBank())).toBe('Checking ending in 6789');
  });
});

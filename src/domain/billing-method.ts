// Billing methods as SecurityTrax stores them: brand/bank + last 4 + expiry + holder, and the
// processor behaviour derived from the number. The full number and the CVV never reach the state.
import {
  bankBehavior,
  cardBehavior,
  cardBrand,
  isCardExpired,
  isValidCardNumber,
  normalizeCardNumber,
} from './card.ts';
import { byId } from './by-id.ts';
import { DomainError, invalid, notFound } from './errors.ts';
import { event } from './events.ts';
import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import { BILLING_METHOD, initial, transition } from './state-machine.ts';
import type { BillingMethod, CardBrand, SandboxState } from './types.ts';

type NewCardInput = { number: string; expMonth: number; expYear: number; cvv?: string; holderName: string };
type NewBankAccountInput = {
  routingNumber: string;
  accountNumber: string;
  accountType: 'checking' | 'savings';
  bankName?: string;
  holderName: string;
};
export type NewBillingMethodInput =
  | { type: 'credit_card'; card: NewCardInput }
  | { type: 'bank_account'; bankAccount: NewBankAccountInput };

export type ExpiryInput = { expMonth: number; expYear: number };

/** Expiry years a card may have: the spec's bounds on every face that shows an expiry (PaymentMethod). */
const MIN_EXP_YEAR = 2000;
const MAX_EXP_YEAR = 2100;

/** Rejects a malformed or already-passed expiry; `path` points at the month field of the request. */
function assertExpiry({ expMonth, expYear }: ExpiryInput, now: string, path: string): void {
  const yearPath = path.replace(/expMonth$/, 'expYear');
  if (!Number.isInteger(expMonth) || expMonth < 1 || expMonth > 12) {
    throw invalid('invalid-expiry', 'Invalid expiry', `Expiry month ${expMonth} is not 1-12.`, [
      { path, message: 'must be 1-12' },
    ]);
  }
  if (!Number.isInteger(expYear) || expYear < MIN_EXP_YEAR || expYear > MAX_EXP_YEAR) {
    throw invalid(
      'invalid-expiry',
      'Invalid expiry',
      `Expiry year ${expYear} is not a year from ${MIN_EXP_YEAR} to ${MAX_EXP_YEAR}.`,
      [{ path: yearPath, message: `must be ${MIN_EXP_YEAR}-${MAX_EXP_YEAR}` }],
    );
  }
  // Refused on input when the expiry month is already over at the virtual clock.
  if (isCardExpired(expMonth, expYear, now)) {
    const mm = String(expMonth).padStart(2, '0');
    throw invalid('card-expired', 'Card expired', `The card expired at the end of ${mm}/${expYear}.`, [
      { path, message: `expired ${mm}/${expYear}` },
    ]);
  }
}

/** Names are stored and shown: a card or account number typed into one must not land in the state. */
function assertNoNumber(value: string | undefined, path: string): void {
  if (value !== undefined && /\d{12,}/.test(value.replace(/[\s.-]/g, ''))) {
    throw invalid(
      'number-in-name',
      'Number in a name field',
      `${path.split('/').pop()} looks like a card or account number; it would be stored and shown.`,
      [{ path, message: 'must not contain a card or account number' }],
    );
  }
}

function buildMethod(customerId: number, input: NewBillingMethodInput, ctx: Ctx): Omit<BillingMethod, 'id'> {
  const base = { customerId, chargeCount: 0, ...initial(BILLING_METHOD, 'active', ctx.now), createdAt: ctx.now };
  if (input.type === 'credit_card') {
    // Only the fields we keep are read: the CVV is accepted but dropped unread.
    const { number: raw, expMonth, expYear, holderName } = input.card;
    const number = normalizeCardNumber(raw);
    if (!isValidCardNumber(number)) {
      throw invalid('invalid-card-number', 'Invalid card number', 'The card number is not a valid card number.', [
        { path: '/card/number', message: 'must be 12-19 digits passing the Luhn check' },
      ]);
    }
    assertExpiry({ expMonth, expYear }, ctx.now, '/card/expMonth');
    assertNoNumber(holderName, '/card/holderName');
    return {
      ...base,
      type: 'credit_card',
      card: { brand: cardBrand(number), last4: number.slice(-4), expMonth, expYear, holderName: holderName.trim() },
      bankAccount: null,
      behavior: cardBehavior(number),
    };
  }
  const { routingNumber, accountNumber, accountType, bankName, holderName } = input.bankAccount;
  if (!/^\d{9}$/.test(routingNumber)) {
    throw invalid('invalid-routing-number', 'Invalid routing number', 'A routing number is 9 digits.', [
      { path: '/bankAccount/routingNumber', message: 'must be 9 digits' },
    ]);
  }
  if (!/^\d{4,17}$/.test(accountNumber)) {
    throw invalid('invalid-account-number', 'Invalid account number', 'An account number is 4-17 digits.', [
      { path: '/bankAccount/accountNumber', message: 'must be 4-17 digits' },
    ]);
  }
  assertNoNumber(holderName, '/bankAccount/holderName');
  assertNoNumber(bankName, '/bankAccount/bankName');
  return {
    ...base,
    type: 'bank_account',
    card: null,
    bankAccount: {
      bankName: bankName?.trim() || null,
      accountType,
      last4: accountNumber.slice(-4),
      holderName: holderName.trim(),
    },
    behavior: bankBehavior(accountNumber),
  };
}

/** Saves a new billing method for a customer (SecurityTrax side). */
export function createBillingMethod(
  state: Readonly<SandboxState>,
  customerId: number,
  input: NewBillingMethodInput,
  ctx: Ctx,
): CommandResult<BillingMethod> {
  if (!byId(state.customers, customerId)) throw notFound('Customer', customerId);
  const fields = buildMethod(customerId, input, ctx);
  const method: BillingMethod = { id: ctx.ids('billingMethod'), ...fields };
  const e = event(ctx, 'billing_method.created', {
    billingMethodId: method.id,
    customerId,
    type: method.type,
    label: maskedLabel(method),
  });
  return { patch: { upsert: { billingMethods: [method] }, events: [e] }, result: method };
}

/** New expiry for a stored card (lost card reissued, renewed card...); clears the expired flag. */
export function updateCardExpiry(
  state: Readonly<SandboxState>,
  billingMethodId: number,
  expiry: ExpiryInput,
  ctx: Ctx,
): CommandResult<BillingMethod> {
  const current = byId(state.billingMethods, billingMethodId);
  if (!current) throw notFound('Billing method', billingMethodId);
  if (current.type !== 'credit_card' || !current.card) {
    throw new DomainError(
      'conflict',
      'not-a-credit-card',
      'Not a credit card',
      `Billing method ${billingMethodId} is a bank account; only cards have an expiry.`,
    );
  }
  assertExpiry(expiry, ctx.now, '/expiry/expMonth');
  const card = { ...current.card, expMonth: expiry.expMonth, expYear: expiry.expYear };
  // An expired card is active again; an active one only gets its new expiry.
  const method: BillingMethod = current.expired
    ? transition(BILLING_METHOD, current, 'active', ctx.now, { card })
    : { ...current, card };
  const data = {
    billingMethodId,
    customerId: method.customerId,
    change: 'expiry',
    expMonth: expiry.expMonth,
    expYear: expiry.expYear,
  };
  return {
    patch: { upsert: { billingMethods: [method] }, events: [event(ctx, 'billing_method.updated', data)] },
    result: method,
  };
}

const BRAND_LABELS: Record<CardBrand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  unknown: 'Card',
};

/** What the customer sees: "Visa ending in 4242", "Checking ending in 6789". */
export function maskedLabel(method: BillingMethod): string {
  if (method.card) return `${BRAND_LABELS[method.card.brand]} ending in ${method.card.last4}`;
  if (method.bankAccount) {
    const kind = method.bankAccount.accountType === 'checking' ? 'Checking' : 'Savings';
    return `${kind} ending in ${method.bankAccount.last4}`;
  }
  return 'Billing method';
}

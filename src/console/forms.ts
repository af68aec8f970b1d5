// Turning form fields into service inputs. Input parsing only: the services and the domain decide.
import type { NewBillingMethodInput } from '../domain/billing-method.ts';
import { invalid } from '../domain/errors.ts';

/** "$1,234.5" / "25" / "25.50" -> cents; anything else is refused with a field error. */
export function dollarsToCents(text: string, path = '/amount'): number {
  const clean = text.replace(/[$,\s]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) {
    throw invalid(
      'invalid-amount',
      'Check the amount',
      text.trim() ? `"${text.slice(0, 40)}" is not an amount in dollars (e.g. 25 or 25.50).` : 'No amount was entered.',
      [{ path, message: 'dollars and cents, e.g. 25.50' }],
    );
  }
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A whole number field (expiry month/year). */
export function wholeNumber(form: Record<string, string>, name: string, path: string, label = name): number {
  const raw = (form[name] ?? '').trim();
  if (!/^\d{1,4}$/.test(raw)) {
    throw invalid('invalid-form', 'Check the form', `The ${label} must be a number.`, [
      { path, message: 'must be a number' },
    ]);
  }
  return Number(raw);
}

/** The "new card" fields of the Change and Pay forms; the CVV is passed on and dropped by the domain. */
export function newCardOf(form: Record<string, string>): NewBillingMethodInput {
  const cvv = (form.cvv ?? '').trim();
  return {
    type: 'credit_card',
    card: {
      number: form.number ?? '',
      expMonth: wholeNumber(form, 'expMonth', '/card/expMonth', 'expiry month'),
      expYear: wholeNumber(form, 'expYear', '/card/expYear', 'expiry year'),
      ...(cvv ? { cvv } : {}),
      holderName: form.holderName ?? '',
    },
  };
}

/** The bank-account fields of the Change form; numbers go to the domain, which keeps the last 4 only. */
export function newBankAccountOf(form: Record<string, string>): NewBillingMethodInput {
  const bankName = (form.bankName ?? '').trim();
  return {
    type: 'bank_account',
    bankAccount: {
      routingNumber: (form.routingNumber ?? '').replace(/\s+/g, ''),
      accountNumber: (form.accountNumber ?? '').replace(/\s+/g, ''),
      accountType: form.accountType === 'savings' ? 'savings' : 'checking',
      ...(bankName ? { bankName } : {}),
      holderName: form.holderName ?? '',
    },
  };
}

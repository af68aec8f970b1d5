// Card and bank-account number rules for the simulated processor. The behaviour of an instrument is
// derived from its number once, at input time, because the number itself is never stored.
import type { CardBrand, InstrumentBehavior, IsoInstant } from './types.ts';

/** Luhn (mod 10) check over a string of digits; anything that is not all digits fails. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right (the check digit is not doubled).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Customers type numbers in groups ("4242 4242 4242 4242"); the processor sees digits only. */
export function normalizeCardNumber(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** A plausible card number: 12-19 digits passing the Luhn check. */
export function isValidCardNumber(number: string): boolean {
  return /^\d{12,19}$/.test(number) && luhnValid(number);
}

export function cardBrand(number: string): CardBrand {
  if (/^4/.test(number)) return 'visa';
  if (/^5[1-5]/.test(number)) return 'mastercard';
  const four = Number(number.slice(0, 4));
  if (number.length >= 4 && four >= 2221 && four <= 2720) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^(6011|65)/.test(number)) return 'discover';
  return 'unknown';
}

// Test instruments from docs/architecture.md; every other Luhn-valid number succeeds.
const FIXED_CARD_BEHAVIORS: Record<string, InstrumentBehavior> = {
  '4000000000000002': { kind: 'decline' },
  '4000000000009995': { kind: 'insufficient_funds' },
  '4000000000000069': { kind: 'expired' },
  // The processor itself fails the charge (the card is fine): a client shows "try again later".
  '4000000000000119': { kind: 'processor_fault' },
};

const RETURNED_BANK_ACCOUNT = '000111111116';

export function cardBehavior(number: string): InstrumentBehavior {
  const fixed = Object.hasOwn(FIXED_CARD_BEHAVIORS, number) ? FIXED_CARD_BEHAVIORS[number] : undefined;
  if (fixed) return { ...fixed };
  // 4000 0000 0000 30N? : succeeds N times, then declines (? is the Luhn check digit).
  const m = /^40000000000030([1-9])\d$/.exec(number);
  if (m && luhnValid(number)) return { kind: 'succeed_then_decline', successes: Number(m[1]) };
  return { kind: 'succeed' };
}

export function bankBehavior(accountNumber: string): InstrumentBehavior {
  return accountNumber === RETURNED_BANK_ACCOUNT ? { kind: 'bank_returned' } : { kind: 'succeed' };
}

/** First instant after the expiry month (UTC): a card is good through the whole month printed on it. */
export function cardExpiresAt(expMonth: number, expYear: number): number {
  // Date.UTC with month index = expMonth is the 1st of the following month (December rolls over).
  return Date.UTC(expYear, expMonth, 1);
}

/** Expired once the clock is past the last instant of the expiry month. */
export function isCardExpired(expMonth: number, expYear: number, now: IsoInstant): boolean {
  return Date.parse(now) >= cardExpiresAt(expMonth, expYear);
}

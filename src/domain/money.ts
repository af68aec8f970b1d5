// Money is integer cents inside. Faces that show decimals convert here, exactly, through strings:
// never through floating point. Every amount has a maximum, so totals stay safe integers.
import { invalid } from './errors.ts';

/** The largest single amount (a line, an invoice, a payment): $100,000.00. */
export const MAX_AMOUNT_CENTS = 10_000_000;

/** The most lines one invoice (or recurring invoice) may have: with MAX_AMOUNT_CENTS, sums stay small. */
export const MAX_LINES = 100;

/** True for a whole, finite, non-negative number of cents no larger than the maximum. */
export function isAmountCents(n: unknown, max = MAX_AMOUNT_CENTS): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= max;
}

/**
 * The amount as a whole number of cents from `min` to the maximum, or a 422 naming `path`. Every command
 * that takes or computes an amount checks it here, so no amount past the maximum reaches the state.
 */
export function requireAmountCents(n: unknown, path: string, min = 0): number {
  if (isAmountCents(n) && n >= min) return n;
  throw invalid(
    'invalid-amount',
    'Invalid amount',
    `${path.split('/').pop()} must be a whole number of cents from ${min} to ${MAX_AMOUNT_CENTS} ($${centsToDecimal(MAX_AMOUNT_CENTS)}); got ${String(n)}.`,
    [{ path, message: `must be an integer from ${min} to ${MAX_AMOUNT_CENTS}` }],
  );
}

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

/**
 * "12.3" -> 1230. Accepts a decimal string or a JSON number's text; refuses a sign, an exponent, more than
 * two decimals, and anything over `max`. Returns null when refused, so each face words its own error.
 */
export function decimalToCents(value: string | number, max = MAX_AMOUNT_CENTS): number | null {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  if (text === null) return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return isAmountCents(cents, max) ? cents : null;
}

/** 1230 -> "12.30": always two decimals, no thousands separators. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${cents} is not a whole number of cents`);
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

// A JSON number as written: 12.3 prints as "12.3", 1e21 as "1e+21" (refused by the pattern), NaN refused.
function numberText(n: number): string | null {
  return Number.isFinite(n) ? String(n) : null;
}
